"""The company at scale holds together: what the generator writes is what the services would.

The generator (``manage.py bench_data``, common.benchdata) is built once at
tiny scale in the test database, on SQLite and on PostgreSQL alike, and read
back: every corrective action comes from a poor score, every poor score of a
published inspection has its action, every inspection has all its template's
scores and the index the service computes, every notification its outbox
row, and the numbers follow the scale.
"""

from collections import defaultdict
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q

from accounts.models import User
from accounts.roles import Role
from clients.access import sites_visible_to
from clients.models import Client, Site, SiteRecord
from common import benchdata
from common.benchdata import Run
from deadlines.models import Deadline
from events import registry
from events.models import LoggedEvent
from notifications.models import Delivery, EmailMode, Notification
from quality.models import CorrectiveAction, Element, Inspection, Rating, Score
from quality.models.actions import POOR
from quality.services.index import quality_index
from webhooks.models import Call, Subscription


@pytest.fixture(scope="module")
def company(django_db_setup, django_db_blocker):
    """The tiny company, built once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        run = Run("tiny")
        benchdata.build(run)
        # Every foreign key holds (PostgreSQL checks its deferred ones now).
        connection.check_constraints()
        yield run
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def near(found: int, expected: float, tolerance: float = 0.2) -> bool:
    return abs(found - expected) <= tolerance * expected


def test_the_numbers_follow_the_scale(company):
    scale = company.scale
    assert Client.objects.count() == company.count(2_000, 4)
    assert Site.objects.count() == company.count(20_000, 30)
    assert User.objects.filter(membership__isnull=False).count() == company.count(5_000, 10)
    assert near(Inspection.objects.count(), 300_000 * scale)
    assert near(Rating.objects.count(), 100_000 * scale, 0.25)
    assert Notification.objects.count() > 1_000_000 * scale


def test_every_corrective_action_comes_from_a_score_or_rating_of_two_or_lower(company):
    actions = CorrectiveAction.objects.all()
    assert actions.exists()
    assert not actions.filter(Q(score__score__gt=POOR) | Q(area_rating__score__gt=POOR)).exists()
    assert not actions.exclude(Q(rated=POOR) | Q(rated__lt=POOR)).exists()
    for action in actions.select_related("score", "area_rating"):
        source = action.score or action.area_rating
        assert source.score == action.rated, action.pk
        assert action.site_id == (
            action.score.inspection.site_id if action.score else action.area_rating.rating.site_id
        )
        assert action.problem == source.remark != ""


def test_every_record_at_a_site_names_the_sites_client(company):
    records = [m for m in apps.get_models() if issubclass(m, SiteRecord)]
    assert {Inspection, CorrectiveAction, Rating} <= set(records)
    for model in records:
        assert model.objects.exists(), model
        assert not model.objects.exclude(client_id=F("site__client_id")).exists(), model


def test_every_poor_score_of_a_published_inspection_has_its_action(company):
    poor = Score.objects.filter(inspection__status=Inspection.Status.PUBLISHED, score__lte=POOR)
    assert poor.exists()
    assert not poor.filter(corrective_action__isnull=True).exists()


def test_every_inspection_has_all_its_templates_scores_and_the_services_index(company):
    elements = dict(
        Element.objects.values("area__template")
        .annotate(n=Count("id"))
        .values_list("area__template", "n")
    )
    scores = defaultdict(list)
    for score in Score.objects.all():
        scores[score.inspection_id].append(score)
    inspections = Inspection.objects.all()
    assert inspections.filter(status=Inspection.Status.DRAFT).exists()
    for inspection in inspections:
        mine = sorted(scores[inspection.pk], key=lambda score: score.position)
        assert [s.position for s in mine] == list(range(1, elements[inspection.template_id] + 1))
        if inspection.status == Inspection.Status.PUBLISHED:
            assert all(s.is_answered for s in mine), inspection.pk
            assert inspection.quality_index == quality_index(mine), inspection.pk
            assert inspection.published_at > inspection.started_at


def test_actions_follow_their_state_machine_and_deadlines(company):
    for action in CorrectiveAction.objects.all():
        assert action.due_at > action.opened_at
        if action.status == CorrectiveAction.Status.OPEN:
            assert action.solved_at is None or action.times_reopened
            deadline = Deadline.objects.get(kind="corrective_action.due", target_id=action.pk)
            assert deadline.due_at == action.due_at
            assert (deadline.fired_at is not None) == (action.escalated_at is not None)
        else:
            assert action.solved_at and action.solved_by_id and action.solution
        if action.status == CorrectiveAction.Status.VERIFIED:
            assert action.checked_at > action.solved_at
            assert action.checked_by_id != action.solved_by_id
        if action.escalated_at is not None:
            assert action.escalated_at > action.due_at or action.times_reopened


def test_every_record_has_its_audit_history_and_events(company):
    published = Inspection.objects.filter(status=Inspection.Status.PUBLISHED)
    for inspection in published:
        assert inspection.history.count() >= 2
    keys = set(LoggedEvent.objects.values_list("key", flat=True))
    assert {f"inspection.published:{pk}" for pk in published.values_list("pk", flat=True)} <= keys
    for action in CorrectiveAction.objects.all():
        assert f"corrective_action.assigned:{action.pk}:1" in keys
        assert action.history.filter(history_type="+").count() == 1
    assert Site.history.count() >= Site.objects.count()


def test_notifications_have_their_outbox_rows(company):
    notifications = Notification.objects.all()
    assert notifications.exists()
    now = notifications.filter(email_mode=EmailMode.NOW)
    assert not now.exclude(deliveries__channel="email").exists()
    for delivery in Delivery.objects.filter(notification__isnull=False).select_related("recipient"):
        if delivery.channel == "email":
            assert delivery.address == delivery.recipient.email
        assert delivery.status in (Delivery.Status.SENT, Delivery.Status.FAILED)
    # Everything from before the last digest went out in a digest.
    waiting = notifications.filter(email_mode=EmailMode.DIGEST, digest__isnull=True)
    assert not waiting.filter(created_at__lt=company.now - timedelta(days=1)).exists()
    # Nobody is told of their own action, nor of what happened before they joined.
    assert not notifications.filter(actor_id=F("recipient_id")).exists()
    assert not notifications.filter(created_at__lt=F("recipient__date_joined")).exists()


def test_notifications_reach_only_people_who_may_see_their_record(company):
    sample = Notification.objects.exclude(target_id=None).select_related("recipient")[::7]
    for notification in sample:
        event_type = registry.get(notification.event)
        assert event_type.lets_see(notification.recipient, notification.target), notification.pk


def test_webhook_calls_go_to_subscribers_of_the_event_who_may_see_it(company):
    calls = Call.objects.select_related("subscription").defer(
        "subscription__secret", "subscription__previous_secret"
    )
    assert calls.exists()
    for call in calls:
        assert call.event in call.subscription.events
        assert call.created_at >= call.subscription.created_at
        assert call.payload["id"] == call.event_id


def test_the_benchmark_logins_are_there(company):
    admin = User.objects.get(email=benchdata.STAFF_ADMIN_EMAIL)
    assert admin.role == Role.ADMINISTRATOR and admin.check_password("clientdesk-demo")
    chain_admin = User.objects.get(email=benchdata.CHAIN_ADMIN_EMAIL)
    chain = Client.objects.get(registry_code=benchdata.CHAIN_REGISTRY_CODE)
    assert chain_admin.membership.client == chain
    assert sites_visible_to(chain_admin).count() == chain.sites.count()
    contact = User.objects.get(email=benchdata.CHAIN_CONTACT_EMAIL)
    assert sites_visible_to(contact).count() == min(5, chain.sites.count())
    big = User.objects.get(email=benchdata.BIG_CLIENT_ADMIN_EMAIL).membership.client
    assert big.registry_code == benchdata.BIG_CLIENT_REGISTRY_CODE
    for email in (benchdata.INSPECTOR_EMAIL, benchdata.WORK_MANAGER_EMAIL):
        assert User.objects.get(email=email).is_provider_staff
    assert company.shared["targets"]["chain_client_id"] == chain.pk


def test_webhook_secrets_open_with_the_documented_benchmark_key(company, settings):
    settings.WEBHOOK_SECRET_KEYS = [benchdata.WEBHOOK_SECRET_KEY]
    assert all(len(s.secret) == 64 for s in Subscription.objects.all())


def test_the_command_refuses_a_database_that_already_holds_data(db):
    Client.objects.create(name="Somebody's real client")
    with pytest.raises(CommandError, match="already holds data"):
        call_command("bench_data", "--scale", "tiny")


def test_every_plan_knows_its_last_and_next_inspection(company):
    from django.db.models import Max

    from quality.models import InspectionPlan

    latest = dict(
        Inspection.objects.filter(status=Inspection.Status.PUBLISHED)
        .values_list("site")
        .annotate(last=Max("published_at"))
    )
    plans = list(InspectionPlan.objects.select_related("site"))
    assert plans
    assert any(plan.site.status != Site.Status.ACTIVE for plan in plans)
    for plan in plans:
        assert plan.last_inspected_at == latest.get(plan.site_id)
        active = plan.site.status == Site.Status.ACTIVE
        assert plan.due_on == (plan.next_due_on() if active else None)
