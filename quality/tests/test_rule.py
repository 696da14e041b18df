"""The promise: a score of 2 or lower is fixed by a deadline, and the client sees how.

Walked through the pages as the people do it: the inspector scores a 2 and
submits, the client sees the result and the open action, the work manager
solves it with a photo, the client reads the solution, the inspector
verifies it. Mail goes through a real SMTP server.
"""

import re
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from deadlines import services as deadlines
from notifications.models import Notification
from quality.models import CorrectiveAction, Inspection
from quality.services import actions, inspections
from quality.tests import helpers


def _submit_with_a_two(client, cast):
    helpers.default_template()
    client.force_login(cast.staff.inspector)
    start = client.post(reverse("quality:inspection_start", args=[cast.site_a1.pk]))
    draft = Inspection.objects.get(site=cast.site_a1, status=Inspection.Status.DRAFT)
    assert start["Location"] == reverse("quality:inspection_fill", args=[draft.pk])
    for score, value in zip(draft.scores.order_by("position"), ["5", "2", "4", "5", "na"]):
        response = client.post(
            reverse("quality:score_save", args=[score.pk]),
            {"value": value, "remark": "Mud at the door" if value == "2" else ""},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert "Saved" in response.text
    submitted = client.post(reverse("quality:inspection_submit", args=[draft.pk]))
    assert submitted["Location"] == reverse("quality:inspection_detail", args=[draft.pk])
    draft.refresh_from_db()
    return draft


def test_a_two_opens_an_action_the_client_follows_to_its_verification(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inspection = _submit_with_a_two(client, cast)

    assert inspection.status == Inspection.Status.PUBLISHED
    # (2·5 + 2·2 + 1·4 + 2·5) / (7·5), the N/A element left out
    assert str(inspection.quality_index) == "80.0"
    action = CorrectiveAction.objects.get()
    assert action.owner == cast.staff.work_manager
    assert action.problem == "Mud at the door"
    assert action.subject == "Entrance · Floor"
    hours = (action.due_at - action.opened_at).total_seconds() / 3600
    assert hours == actions.hours_to_solve(2) == 24

    # The work manager is told in the bell and by mail; the client hears of the inspection.
    assert Notification.objects.filter(
        recipient=cast.staff.work_manager, event="corrective_action.assigned"
    ).exists()
    mail = {(m["To"], m["Subject"]) for m in smtp_server.messages}
    published = "Quality inspection of Mammu is published"
    assert mail == {
        (cast.staff.work_manager.email, "Corrective action at Mammu: Entrance · Floor scored 2"),
        (cast.staff.work_manager.email, published),
        (cast.staff.service_director.email, published),
        (cast.staff.account_manager.email, published),
        (cast.admin_a.user.email, published),
        (cast.contact_a.user.email, published),
    }

    # The client sees the result and the open action at once.
    client.force_login(cast.contact_a.user)
    page = client.get(reverse("portal_quality:site", args=[cast.site_a1.pk]))
    assert "80.0 %" in page.text
    assert "Mud at the door" in page.text
    assert action.get_portal_url() in page.text
    assert "Open" in page.text

    # The work manager solves it, with a photo.
    client.force_login(cast.staff.work_manager)
    form = client.get(action.get_staff_url())
    assert "Solve it" in form.text
    with django_capture_on_commit_callbacks(execute=True):
        solved = client.post(
            reverse("quality:action_solve", args=[action.pk]),
            {
                "solution": "Entrance mat replaced, floor scrubbed twice.",
                "photos": [helpers.photo_upload("after.jpg")],
                "loaded_version": action.version,
            },
        )
    assert solved.status_code == 302
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.SOLVED
    assert action.photos.count() == 1
    assert cast.admin_a.user.email in {m["To"] for m in smtp_server.messages[-4:]}

    # The client reads the solution.
    client.force_login(cast.admin_a.user)
    page = client.get(action.get_portal_url())
    assert "Entrance mat replaced, floor scrubbed twice." in page.text
    assert reverse("quality_files:photo", args=[action.photos.get().pk, "thumb"]) in page.text

    # The work manager cannot check their own solution; the inspector verifies it.
    client.force_login(cast.staff.work_manager)
    refused = client.post(
        reverse("quality:action_check", args=[action.pk]),
        {"decision": "verify", "loaded_version": action.version},
    )
    assert refused.status_code == 403
    client.force_login(cast.staff.inspector)
    checked = client.post(
        reverse("quality:action_check", args=[action.pk]),
        {"decision": "verify", "note": "Checked on site.", "loaded_version": action.version},
    )
    assert checked.status_code == 302
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.VERIFIED
    assert action.checked_by == cast.staff.inspector

    client.force_login(cast.contact_a.user)
    assert "Verified" in client.get(action.get_portal_url()).text


def test_a_reopened_action_gets_a_new_deadline_and_the_note(client, cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    action = actions.solve(
        action, by=cast.staff.work_manager, solution="Done", expected_version=action.version
    )
    client.force_login(cast.staff.service_director)
    empty = client.post(
        reverse("quality:action_check", args=[action.pk]),
        {"decision": "reopen", "note": "", "loaded_version": action.version},
    )
    assert empty.status_code == 400
    assert "Say what is still wrong." in empty.text
    later = timezone.now() + timedelta(hours=3)
    with time_machine.travel(later, tick=False):
        client.post(
            reverse("quality:action_check", args=[action.pk]),
            {"decision": "reopen", "note": "Still dusty", "loaded_version": action.version},
        )
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.OPEN
    assert action.times_reopened == 1
    assert action.check_note == "Still dusty"
    assert action.due_at == later + timedelta(hours=24)
    assert Notification.objects.filter(
        recipient=cast.staff.work_manager, event="corrective_action.reopened"
    ).exists()


def test_an_overdue_action_escalates_to_the_director_and_account_manager_once(cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    with time_machine.travel(action.due_at - timedelta(minutes=1)):
        assert deadlines.fire_due() == 0
    with time_machine.travel(action.due_at + timedelta(minutes=1)):
        assert deadlines.fire_due() == 1
        assert deadlines.fire_due() == 0
    told = set(
        Notification.objects.filter(event="corrective_action.overdue").values_list(
            "recipient", flat=True
        )
    )
    assert told == {
        cast.staff.service_director.pk,
        cast.staff.account_manager.pk,
        cast.staff.work_manager.pk,
    }
    action.refresh_from_db()
    assert action.escalated_at is not None


def test_a_solved_action_does_not_escalate(cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    actions.solve(action, by=cast.staff.work_manager, solution="Done", expected_version=1)
    with time_machine.travel(action.due_at + timedelta(hours=1)):
        assert deadlines.fire_due() == 0
    assert not Notification.objects.filter(event="corrective_action.overdue").exists()


def test_the_deadline_follows_the_configured_hours_per_score(cast):
    from quality.models import ActionDeadline

    ActionDeadline.objects.update_or_create(score=1, defaults={"hours": 2})
    inspection = helpers.published(cast.site_a1, cast.staff.inspector, values=(1, 5, 5, 5, 5))
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    assert action.due_at - action.opened_at == timedelta(hours=2)


def test_a_draft_is_invisible_to_the_client_and_cannot_be_submitted_half_done(client, cast):
    helpers.default_template()
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector)
    helpers.fill(draft, ["5", "2", "", "", ""], remark="")
    client.force_login(cast.staff.inspector)
    page = client.get(reverse("quality:inspection_fill", args=[draft.pk]))
    assert "No score yet:" in page.text
    assert "A score of 1 or 2 needs a remark saying what is wrong:" in page.text
    response = client.post(reverse("quality:inspection_submit", args=[draft.pk]), follow=True)
    assert "The inspection is not submitted yet." in response.text
    draft.refresh_from_db()
    assert draft.is_draft
    assert not CorrectiveAction.objects.exists()

    client.force_login(cast.admin_a.user)
    portal_page = reverse("portal_quality:inspection_detail", args=[draft.pk])
    assert client.get(portal_page).status_code == 404
    assert client.get(reverse("quality_files:report", args=[draft.pk])).status_code == 404


def test_a_published_inspection_cannot_be_changed(client, cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    score = inspection.scores.first()
    client.force_login(cast.staff.inspector)
    response = client.post(
        reverse("quality:score_save", args=[score.pk]),
        {"value": "1", "remark": "x"},
        headers={"HX-Request": "true"},
    )
    # The author may fill it (access); its state refuses the change (the
    # service), with the message the API gives as 409 invalid_state.
    assert "This inspection is published and can no longer be changed." in response.text
    assert "Its status is now “Published”." in response.text
    score.refresh_from_db()
    assert score.score == 5


def test_only_the_author_fills_a_draft(client, cast):
    helpers.default_template()
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector)
    client.force_login(cast.staff.service_director)
    assert client.get(reverse("quality:inspection_fill", args=[draft.pk])).status_code == 403
    # Colleagues may look at it, read only.
    page = client.get(draft.get_staff_url())
    assert page.status_code == 200
    assert "Draft" in page.text
    assert reverse("quality:score_save", args=[draft.scores.first().pk]) not in page.text
    score = draft.scores.first()
    response = client.post(reverse("quality:score_save", args=[score.pk]), {"value": "1"})
    assert response.status_code == 403


def test_the_trend_chart_keeps_svg_numbers_in_a_comma_language(client, cast):
    for values in [(5, 4, 5, 3, 5), (4, 4, 3, 5, "na")]:
        helpers.published(cast.site_a1, cast.staff.inspector, values=values)
    user = cast.admin_a.user
    user.language = "et"
    user.save()
    client.force_login(user)
    page = client.get(reverse("portal_quality:site", args=[cast.site_a1.pk]))
    assert "<svg" in page.text
    assert 'cx="30.0"' in page.text
    assert not re.search(r'c[xy]="\d+,\d', page.text)
