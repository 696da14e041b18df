"""A site's quality page keeps what all its readers are shown rendered, until
what it shows changes (quality/kept.py, common/fragments.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from common import fragments
from quality import kept
from quality.models import CorrectiveAction, Inspection
from quality.services import actions as action_services
from quality.services import inspections as inspection_services
from quality.services import ratings
from quality.tests import helpers

NEEDS_NEW_OWNER = "Needs a new owner"


def _content(page: str) -> str:
    """What the page shows below its tabs: the kept parts and the reader's own."""
    return page[page.index('<div class="row g-4">') : page.index("</main>")]


def _portal(cast):
    return reverse("portal_quality:site", args=[cast.site_a1.pk])


def _desk(cast):
    return reverse("quality:site", args=[cast.site_a1.pk])


def test_the_portals_readers_are_served_one_render_without_anything_of_its_first_reader(
    client, cast, count_queries
):
    helpers.published(cast.site_a1, cast.staff.inspector)
    client.force_login(cast.admin_a.user)
    first, rendered = count_queries(lambda: client.get(_portal(cast)).text)
    client.force_login(cast.contact_a.user)
    second, served = count_queries(lambda: client.get(_portal(cast)).text)
    assert _content(first) == _content(second)
    # The trend, the latest inspection's poor scores and the actions were not read again.
    assert served <= rendered - 3

    parts = kept.portal_parts(cast.contact_a.user, cast.site_a1)
    for part in parts.values():
        assert "csrfmiddlewaretoken" not in part
        assert cast.admin_a.user.full_name not in part
        assert cast.contact_a.user.full_name not in part


def test_another_sites_and_another_clients_pages_are_their_own(client, cast):
    helpers.published(cast.site_a1, cast.staff.inspector)
    client.force_login(cast.admin_a.user)
    assert "Sanitary rooms · General" in client.get(_portal(cast)).text
    other = client.get(reverse("portal_quality:site", args=[cast.site_a2.pk])).text
    assert "Sanitary rooms · General" not in other
    client.force_login(cast.admin_b.user)
    assert client.get(_portal(cast)).status_code == 404


def test_an_action_moved_by_its_service_shows_at_once(client, cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    client.force_login(cast.contact_a.user)
    assert "Corrective action: Open" in client.get(_portal(cast)).text
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    action_services.solve(
        action,
        by=cast.staff.work_manager,
        solution="Washed the floor",
        expected_version=action.version,
    )
    page = client.get(_portal(cast)).text
    assert "Corrective action: Solved" in page and "Washed the floor" in page


def test_a_record_saved_without_a_service_shows_at_once(client, cast):
    """The admin saves models, not services: the parts follow the models."""
    helpers.published(cast.site_a1, cast.staff.inspector)
    client.force_login(cast.contact_a.user)
    client.get(_portal(cast))
    action = CorrectiveAction.objects.get(site=cast.site_a1)
    action.element_names = {"en": "Polished taps"}
    action.save()
    assert "Polished taps" in client.get(_portal(cast)).text


def test_a_renamed_inspector_and_a_new_draft_show_at_the_desk(client, cast):
    helpers.published(cast.site_a1, cast.staff.inspector)
    client.force_login(cast.staff.admin)
    assert "Liis Mägi" in client.get(_desk(cast)).text
    inspector = cast.staff.inspector
    inspector.full_name = "Liis Uus"
    inspector.save()
    page = client.get(_desk(cast)).text
    assert "Liis Uus" in page and "Liis Mägi" not in page

    inspection_services.start(cast.site_a1, by=inspector)
    assert Inspection.objects.filter(status=Inspection.Status.DRAFT).exists()
    assert ">Draft</span>" in client.get(_desk(cast)).text


def test_a_login_renews_nothing(client, cast):
    helpers.published(cast.site_a1, cast.staff.inspector)
    client.force_login(cast.contact_a.user)
    client.get(_portal(cast))
    token = fragments.token(kept.SCOPE, cast.site_a1.pk)
    client.force_login(cast.staff.inspector)  # saves last_login
    assert fragments.token(kept.SCOPE, cast.site_a1.pk) == token


def test_a_clients_rating_shows_at_the_desk(client, cast):
    client.force_login(cast.staff.admin)
    assert "The client has not rated this site yet." in client.get(_desk(cast)).text
    area = helpers.default_template().areas.first()
    ratings.rate(cast.site_a1, by=cast.admin_a.user, scores={area.pk: (4, "Fine")})
    page = client.get(_desk(cast)).text
    assert "The client has not rated this site yet." not in page and "Mari Kuusk" in page


def test_staff_who_cannot_name_a_new_owner_are_not_served_the_flag(client, cast):
    """Who may name an action's new owner is part of the desk's audience: the
    administrator's render, which flags it, is not the inspector's."""
    helpers.published(cast.site_a1, cast.staff.inspector)
    manager = cast.staff.work_manager
    manager.is_active = False
    manager.save()
    client.force_login(cast.staff.admin)
    assert NEEDS_NEW_OWNER in client.get(_desk(cast)).text
    client.force_login(cast.staff.inspector)
    assert NEEDS_NEW_OWNER not in client.get(_desk(cast)).text


def test_the_parts_are_kept_in_the_readers_language(client, cast):
    helpers.published(cast.site_a1, cast.staff.inspector)
    client.force_login(cast.contact_a.user)
    english = client.get(_portal(cast)).text
    reader = cast.contact_a.user
    reader.language = "et"
    reader.save()
    estonian = client.get(_portal(cast)).text
    with translation.override("et"):
        heading = translation.gettext("Corrective actions")
    assert heading != "Corrective actions"
    assert heading in _content(estonian) and heading not in _content(english)


@pytest.mark.parametrize(
    ("due_in", "expected"),
    [(timedelta(seconds=90), 90), (timedelta(hours=2), fragments.MAX_AGE)],
    ids=["a deadline soon", "a deadline later"],
)
def test_an_overdue_badge_is_never_older_than_its_deadline(cast, due_in, expected):
    helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(site=cast.site_a1)
    action.due_at = timezone.now() + due_in
    assert expected - 2 <= kept._seconds_until_overdue([action]) <= expected
    action.due_at = timezone.now() - due_in
    assert kept._seconds_until_overdue([action]) == fragments.MAX_AGE


def test_a_change_is_renewed_again_once_committed(cast, django_capture_on_commit_callbacks):
    """A reader between the change and its commit may keep the data as it was:
    the token is dropped again when the change is committed."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        fragments.changed(kept.SCOPE, cast.site_a1.pk)
        token = fragments.token(kept.SCOPE, cast.site_a1.pk)
    for callback in callbacks:
        callback()
    assert fragments.token(kept.SCOPE, cast.site_a1.pk) != token


def test_an_inspections_scores_follow_its_actions_at_the_desk_and_in_the_portal(client, cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    pages = (
        (cast.staff.admin, reverse("quality:inspection_detail", args=[inspection.pk])),
        (cast.contact_a.user, inspection.get_portal_url()),
    )
    for reader, url in pages:
        client.force_login(reader)
        assert "Corrective action: Open" in client.get(url).text
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    action_services.solve(
        action, by=cast.staff.work_manager, solution="Washed", expected_version=action.version
    )
    for reader, url in pages:
        client.force_login(reader)
        assert "Corrective action: Solved" in client.get(url).text


def test_a_photo_added_to_a_draft_shows_to_staff_reading_it(client, cast):
    helpers.default_template()
    draft = inspection_services.start(cast.site_a1, by=cast.staff.inspector)
    url = reverse("quality:inspection_detail", args=[draft.pk])
    client.force_login(cast.staff.admin)
    page = client.get(url)
    assert page.status_code == 200 and "cd-thumb" not in page.text
    score = draft.scores.first()
    inspection_services.add_photo(score, helpers.photo_upload(), by=cast.staff.inspector)
    assert "cd-thumb" in client.get(url).text


def test_deleting_a_person_or_a_score_renews_the_sites_parts(client, cast):
    from quality.models import Score

    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    client.force_login(cast.contact_a.user)
    client.get(_portal(cast))
    token = fragments.token(kept.SCOPE, cast.site_a1.pk)
    cast.staff.work_manager.delete()  # the action's owner: SET_NULL, no save
    assert fragments.token(kept.SCOPE, cast.site_a1.pk) != token
    token = fragments.token(kept.SCOPE, cast.site_a1.pk)
    Score.objects.filter(inspection=inspection, score__gte=3).first().delete()
    assert fragments.token(kept.SCOPE, cast.site_a1.pk) != token


@pytest.mark.django_db(transaction=True)
def test_a_cache_that_cannot_be_reached_changes_nothing_but_speed(client, cast, settings, caplog):
    """Pages render afresh and changes are saved when the kept parts' cache is down."""
    helpers.published(cast.site_a1, cast.staff.inspector)
    down = dict(settings.CACHES)
    down["fragments"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens there.
        "LOCATION": "redis://127.0.0.1:1",
    }
    # Django's test settings signal gives the caches their new settings.
    settings.CACHES = down
    client.force_login(cast.contact_a.user)
    assert "Sanitary rooms · General" in client.get(_portal(cast)).text
    action = CorrectiveAction.objects.get(site=cast.site_a1)
    action_services.solve(
        action, by=cast.staff.work_manager, solution="Washed", expected_version=action.version
    )
    assert "Corrective action: Solved" in client.get(_portal(cast)).text
    assert "The cache of kept page parts cannot be reached." in caplog.text


def test_a_page_answering_a_form_keeps_no_history(client, cast, count_queries):
    """A refused form is answered at the form's address: its history's links
    would carry that address, so that page's history is not kept."""
    helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(site=cast.site_a1)
    client.force_login(cast.staff.work_manager)
    refused = client.post(
        reverse("quality:action_solve", args=[action.pk]),
        {"solution": "", "loaded_version": action.version},
    )
    assert refused.status_code == 400
    _, first = count_queries(lambda: client.get(action.get_staff_url()))
    _, second = count_queries(lambda: client.get(action.get_staff_url()))
    assert second < first
