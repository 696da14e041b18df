"""Every branch of quality/access.py: who sees which inspections, drafts, actions,
ratings, plans and photos, and who inspects, plans, rates, fills, solves and checks.

Shown through the pages and the API where a request reaches the rule; the
fail-closed ends (a deactivated account, the anonymous, None) are asked
directly, because logging in refuses those people before any view runs.
"""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from api.tests.helpers import token_client
from clients.access import at_visible_sites
from quality import access, queries
from quality.models import CorrectiveAction, Inspection, InspectionPlan, Rating
from quality.services import actions, inspections, plans, ratings
from quality.tests import helpers

NOT_USABLE = (None, AnonymousUser(), User(email="gone@example.com", is_active=False))


@pytest.fixture
def quality(cast):
    """Mammu's published inspection with two actions (one solved, with a photo),
    the inspector's draft with a photo, a rating and a plan."""
    helpers.default_template()
    staff = cast.staff
    draft = inspections.start(cast.site_a1, by=staff.inspector)
    helpers.fill(draft, [5, 2, 5, 2, "na"])
    inspections.add_photo(
        draft.scores.filter(score=2).first(), helpers.photo_upload(), by=staff.inspector
    )
    published = inspections.submit(draft, by=staff.inspector)
    opened, to_solve = CorrectiveAction.objects.filter(score__inspection=published).order_by("pk")
    solved = actions.solve(
        to_solve,
        by=staff.work_manager,
        solution="Mopped",
        expected_version=to_solve.version,
        photos=[helpers.photo_upload()],
    )
    draft = inspections.start(cast.site_a1, by=staff.inspector)
    draft_photo = inspections.add_photo(
        draft.scores.first(), helpers.photo_upload(), by=staff.inspector
    )
    area = helpers.default_template().areas.first()
    rating = ratings.rate(cast.site_a1, by=cast.admin_a.user, scores={area.pk: (4, "")})
    plans.save_plan(
        cast.site_a1,
        by=staff.admin,
        values={
            "template": helpers.default_template(),
            "every": 2,
            "unit": "weeks",
            "starts_on": date(2026, 1, 1),
        },
    )
    return {
        "published": published,
        "draft": draft,
        "draft_photo": draft_photo,
        "open": opened,
        "solved": solved,
        "rating": rating,
    }


def ids(answer):
    return {item["id"] for item in answer["results"]}


@pytest.mark.parametrize(
    ("who", "drafts"), [("inspector", True), ("service_director", True), ("client_admin", False)]
)
def test_drafts_are_listed_for_staff_only(cast, quality, who, drafts):
    user = cast.admin_a.user if who == "client_admin" else getattr(cast.staff, who)
    listed = ids(token_client(user).get(reverse("api:inspection-list")).json())
    assert quality["published"].pk in listed
    assert (quality["draft"].pk in listed) is drafts


def test_strangers_to_a_site_see_none_of_its_quality(cast, quality):
    for user in (cast.admin_b.user, cast.staff.technician):
        api = token_client(user)
        for name in ("api:inspection-list", "api:corrective-action-list", "api:rating-list"):
            assert not ids(api.get(reverse(name)).json())


def test_the_sites_people_see_its_actions_ratings_and_photos(client, cast, quality):
    api = token_client(cast.contact_a.user)
    assert ids(api.get(reverse("api:corrective-action-list")).json()) == {
        quality["open"].pk,
        quality["solved"].pk,
    }
    assert ids(api.get(reverse("api:rating-list")).json()) == {quality["rating"].pk}
    client.force_login(cast.contact_a.user)
    solution_photo = quality["solved"].photos.get()
    photo = reverse("quality_files:photo", args=[solution_photo.pk, "thumb"])
    assert client.get(photo).status_code == 200
    draft_photo = reverse("quality_files:photo", args=[quality["draft_photo"].pk, "thumb"])
    assert client.get(draft_photo).status_code == 404


def test_what_the_services_write_at_a_site_names_the_sites_client(cast, quality):
    # A client's people find these by the client they name: a wrong one
    # would show them another client's records.
    for model in (Inspection, CorrectiveAction, Rating):
        assert set(model.objects.values_list("client_id", flat=True)) == {cast.client_a.pk}


def test_every_usable_person_reads_the_templates(cast, quality):
    answer = token_client(cast.contact_b.user).get(reverse("api:inspection-template-list"))
    assert [t["name"] for t in answer.json()["results"]] == ["Cleaning"]
    assert access.templates_visible_to(cast.contact_b.user).count() == 1


def test_plans_are_the_providers_own(cast, quality):
    assert access.plans_visible_to(cast.staff.service_director).count() == 1
    assert not access.plans_visible_to(cast.admin_a.user).exists()
    # What a client's own sites hold is found through them when a record
    # does not name its client (a plan); the rules above never hand it out.
    own_plans = at_visible_sites(cast.admin_a.user, InspectionPlan.objects.all())
    assert {plan.site.client_id for plan in own_plans} == {cast.client_a.pk}


@pytest.mark.parametrize(
    ("who", "inspects", "plans_it"),
    [
        ("admin", True, True),
        ("inspector", True, True),
        ("service_director", True, True),
        ("account_manager", False, True),
        ("work_manager", False, False),
        ("idle_director", False, False),
    ],
)
def test_who_inspects_and_who_plans_a_site(client, cast, who, inspects, plans_it):
    user = getattr(cast.staff, who)
    client.force_login(user)
    helpers.default_template()
    start = client.post(reverse("quality:inspection_start", args=[cast.site_a1.pk]))
    assert (start.status_code == 302) is inspects
    assert access.can_inspect(user, cast.site_a1) is inspects
    assert access.can_plan(user, cast.site_a1) is plans_it
    assert access.can_inspect_and_plan(user, cast.site_a1) == (inspects, plans_it)


def test_a_clients_people_rate_their_active_sites_and_staff_never(client, cast):
    helpers.default_template()
    for user, rates in [(cast.contact_a.user, True), (cast.staff.admin, False)]:
        assert access.can_rate(user, cast.site_a1) is rates
    assert not access.sites_inspectable_by(cast.admin_a.user).exists()
    assert not access.sites_plannable_by(cast.admin_a.user).exists()


def test_only_the_author_fills_a_draft(cast, quality):
    draft = quality["draft"]
    assert access.can_fill(cast.staff.inspector, draft)
    assert not access.can_fill(cast.staff.admin, draft)
    answer = token_client(cast.staff.admin).post(
        reverse("api:inspection-submit", args=[draft.pk]), {}, format="json"
    )
    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("who", "solves", "checks"),
    [
        ("work_manager", True, False),  # owner of the open one, author of the solution
        ("service_director", True, True),
        ("admin", True, True),
        ("inspector", False, True),
        ("account_manager", False, False),
    ],
)
def test_who_solves_and_who_checks(cast, quality, who, solves, checks):
    user = getattr(cast.staff, who)
    assert access.can_solve(user, quality["open"]) is solves
    assert access.can_check(user, quality["solved"]) is checks


def test_an_action_whose_owner_left_with_nobody_to_take_over_is_flagged_for_its_managers(
    cast, quality
):
    site = cast.site_a1
    site.work_manager.is_active = False
    site.work_manager.save(update_fields=["is_active"])
    action = quality["open"]
    assert access.action_needs_new_owner(cast.staff.account_manager, action)
    assert not access.action_needs_new_owner(cast.staff.service_director, action)


@pytest.mark.parametrize(
    ("owner_active", "manager", "status"),
    [
        (True, "active", "open"),
        (False, "active", "open"),
        (False, "inactive", "open"),
        (False, None, "open"),
        (False, None, "solved"),
        # The owner deleted: no owner to be inactive, so nothing lacks one.
        (None, None, "open"),
    ],
)
def test_a_list_flags_the_same_rows_as_the_rule(cast, quality, owner_active, manager, status):
    """The lists tell "needs a new owner" from their loaded rows
    (queries.flag_needs_new_owner); the action's page asks the database
    (access.needs_new_owner). Both answer alike in every state."""
    site, action = cast.site_a1, quality["open"]
    if owner_active is None:
        CorrectiveAction.objects.filter(pk=action.pk).update(owner=None)
    else:
        owner = action.owner
        owner.is_active = owner_active
        owner.save(update_fields=["is_active"])
    if manager is None:
        site.work_manager = None
        site.save(update_fields=["work_manager"])
    else:
        site.work_manager.is_active = manager == "active"
        site.work_manager.save(update_fields=["is_active"])
    CorrectiveAction.objects.filter(pk=action.pk).update(status=status)
    for user in (cast.staff.account_manager, cast.staff.inspector, cast.admin_a.user):
        rows = queries.flag_needs_new_owner(user, list(queries.actions(user).filter(pk=action.pk)))
        flagged = [row.needs_new_owner for row in rows]
        assert all(type(flag) is bool for flag in flagged), flagged
        asked = access.actions_visible_to(user).filter(access.needs_new_owner(user), pk=action.pk)
        assert flagged == ([asked.exists()] if rows else []), (user, flagged)
    lacks = owner_active is False and manager != "active" and status == "open"
    manager_rows = queries.actions(cast.staff.account_manager).filter(pk=action.pk)
    assert [
        row.needs_new_owner
        for row in queries.flag_needs_new_owner(cast.staff.account_manager, list(manager_rows))
    ] == [lacks]


def test_each_get_function_finds_what_is_visible_and_404s_the_rest(cast, quality):
    inspector, stranger = cast.staff.inspector, cast.admin_b.user
    score = quality["draft"].scores.first()
    found = [
        (access.get_inspection_for, quality["published"]),
        (access.get_action_for, quality["open"]),
        (access.get_score_for, score),
        (access.get_photo_for, quality["draft_photo"]),
    ]
    for lookup, record in found:
        assert lookup(inspector, record.pk) == record
        with pytest.raises(Http404):
            lookup(stranger, record.pk)


def test_nobody_usable_sees_or_does_anything(cast, quality):
    site = cast.site_a1
    for user in NOT_USABLE:
        for listing in (
            access.inspections_visible_to,
            access.actions_visible_to,
            access.ratings_visible_to,
            access.plans_visible_to,
            access.templates_visible_to,
            access.photos_visible_to,
            access.sites_inspectable_by,
            access.sites_plannable_by,
            access.sites_rateable_by,
        ):
            assert not listing(user).exists(), listing.__name__
        assert not access.can_inspect(user, site)
        assert not access.can_fill(user, quality["draft"])
        assert not access.can_solve(user, quality["open"])
        assert not access.can_check(user, quality["solved"])
    assert Role.QUALITY_INSPECTOR in access.INSPECTING_ROLES
