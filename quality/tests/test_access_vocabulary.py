"""Every access function of every app gives nothing to nobody (fails closed); and the
quality app's own ``can_*`` predicates, role by role.

The walk finds the ``access.py`` of every installed app, so a new app's
functions are held to the same rule without being listed here. (That each
states its rule is common/tests/test_rules_are_written.py's to check.)
"""

import importlib
import inspect
from typing import get_origin

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.module_loading import module_has_submodule

from api import tokens
from clients.models import Site
from notifications.models import Delivery, Notification
from quality import access
from quality.api.ratings import RateSerializer
from quality.models import CorrectiveAction
from quality.services import inspections
from quality.tests import helpers
from webhooks.models import Call, Subscription


def access_modules():
    return [
        importlib.import_module(f"{config.name}.access")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "access")
    ]


def public_functions():
    for module in access_modules():
        for name, function in vars(module).items():
            if (
                inspect.isfunction(function)
                and function.__module__ == module.__name__
                and not name.startswith("_")
            ):
                yield f"{module.__name__}.{name}", function


@pytest.fixture
def records(cast):
    """One record of each kind an access function takes, all of client A."""
    user = cast.admin_a.user
    published = helpers.published(cast.site_a1, cast.staff.inspector)
    poor = published.scores.get(score=2)
    photo = inspections.add_photo(
        inspections.start(cast.site_a1, by=cast.staff.inspector).scores.first(),
        helpers.photo_upload(),
        by=cast.staff.inspector,
    )
    notification = Notification.objects.create(
        recipient=user, key="vocabulary", event="site.team_changed", params={}, in_app=True
    )
    subscription = Subscription.objects.create(
        owner=user,
        client=cast.client_a,
        url="https://a.example/hooks",
        events=["ping"],
        secret="s" * 64,
    )
    found = [
        cast.client_a,
        cast.site_a1,
        cast.admin_a,
        cast.staff.account_manager,
        published,
        poor,
        CorrectiveAction.objects.get(score=poor),
        photo,
        notification,
        Delivery.objects.create(
            key="vocabulary:email",
            recipient=user,
            channel="email",
            notification=notification,
            address=user.email,
        ),
        subscription,
        Call.objects.create(subscription=subscription, event="ping", event_id="p", payload={}),
        tokens.create_token(user, name="A", scope="read")[0],
    ]
    return {type(record): record for record in found}


def _arguments(name, function, records):
    """The arguments after the user: a record of the annotated kind, or a record's id."""
    signature = inspect.signature(function, eval_str=True)
    arguments = []
    for parameter in list(signature.parameters.values())[1:]:
        kind = parameter.annotation
        if parameter.name == "pk":
            kind = signature.return_annotation
        if QuerySet in (kind, get_origin(kind)):  # rows to narrow, e.g. at_visible_sites
            arguments.append(CorrectiveAction.objects.all())
            continue
        assert isinstance(kind, type) and issubclass(kind, Model), (
            f"{name}: annotate {parameter.name} with its model, or extend this test"
        )
        record = records[kind]
        arguments.append(record.pk if parameter.name == "pk" else record)
    return arguments


def _gives_nothing(result) -> bool:
    if isinstance(result, QuerySet):
        return not result.exists()
    if isinstance(result, Q):  # a condition on corrective actions (needs_new_owner)
        return not CorrectiveAction.objects.filter(result).exists()
    if isinstance(result, tuple):  # several answers at once (can_inspect_and_plan)
        return all(_gives_nothing(answer) for answer in result)
    return result is None or result is False


def test_every_access_function_gives_nothing_to_nobody(cast, records):
    found = dict(public_functions())
    assert "clients.access.client_administered_by" in found
    assert {name.split(".")[0] for name in found} >= {
        "accounts",
        "clients",
        "notifications",
        "webhooks",
        "quality",
    }
    cast.staff.admin.is_active = False
    cast.staff.admin.save(update_fields=["is_active"])
    given = []
    for name, function in found.items():
        if not inspect.signature(function).parameters:
            continue  # not about a user, e.g. accounts_in_use()
        arguments = _arguments(name, function, records)
        for nobody in (None, AnonymousUser(), cast.staff.admin):
            try:
                result = function(nobody, *arguments)
            except Http404:
                continue
            if not _gives_nothing(result):
                given.append(f"{name}({nobody!r})")
    assert not given


def test_inspecting_planning_and_rating_each_have_their_people(cast):
    site, staff = cast.site_a1, cast.staff
    assert [access.can_inspect(u, site) for u in (staff.inspector, staff.service_director)] == [
        True,
        True,
    ]
    assert not access.can_inspect(staff.account_manager, site)
    assert not access.can_inspect(staff.idle_director, site)
    assert access.can_plan(staff.account_manager, site)
    assert not access.can_plan(staff.work_manager, site)
    assert access.can_rate(cast.contact_a.user, site)
    assert not access.can_rate(cast.contact_a.user, cast.site_a2)
    assert not access.can_rate(staff.admin, site)
    assert not access.can_rate(cast.admin_b.user, site)


def test_a_site_no_longer_served_is_not_rated(cast):
    cast.site_a1.status = Site.Status.CLOSED
    cast.site_a1.save(update_fields=["status"])
    assert not access.can_rate(cast.admin_a.user, cast.site_a1)


def test_drafts_are_for_staff_only(cast):
    helpers.default_template()
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector)
    assert access.inspections_visible_to(cast.staff.operator).filter(pk=draft.pk).exists()
    assert not access.inspections_visible_to(cast.admin_a.user).filter(pk=draft.pk).exists()
    with pytest.raises(Http404):
        access.get_score_for(cast.admin_a.user, draft.scores.first().pk)


def test_without_a_request_no_site_can_be_rated(cast):
    helpers.default_template()
    rating = RateSerializer(data={"site": cast.site_a1.pk, "areas": [{"area": 1, "score": 4}]})
    assert not rating.is_valid()
    assert "site" in rating.errors


def test_templates_are_read_by_every_usable_person_and_nobody_else(cast):
    helpers.default_template()
    assert access.templates_visible_to(cast.contact_b.user).exists()
    assert not access.templates_visible_to(AnonymousUser()).exists()


def test_an_inspection_nobody_may_see_reads_as_missing(cast):
    published = helpers.published(cast.site_a1, cast.staff.inspector)
    assert access.get_inspection_for(cast.contact_a.user, published.pk) == published
    for user in (cast.admin_b.user, cast.staff.technician):
        with pytest.raises(Http404):
            access.get_inspection_for(user, published.pk)
