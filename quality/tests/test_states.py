"""State rules in one place: the page, the API and a job give the same refusal.

quality.states declares what may move where; the services check it; the
access module says only who may act (403), never whether the record may move.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from api.tests.helpers import token_client
from common.states import InvalidState
from quality.models import CorrectiveAction
from quality.services import actions, inspections
from quality.states import ACTIONS, INSPECTIONS
from quality.tests import helpers

SOLVED_REFUSAL = "This action is not open any more. Its status is now “Solved, awaiting check”."


@pytest.fixture
def solved(cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    return actions.solve(action, by=cast.staff.work_manager, solution="Fixed", expected_version=1)


def test_solving_a_solved_action_is_refused_alike_by_page_api_and_job(client, cast, solved):
    manager = cast.staff.work_manager
    client.force_login(manager)
    page = client.post(
        reverse("quality:action_solve", args=[solved.pk]),
        {"solution": "Again", "loaded_version": solved.version},
        follow=True,
    )
    # Back on the action's page (a reload re-sends nothing), the message on top.
    assert page.redirect_chain == [(solved.get_staff_url(), 302)]
    assert SOLVED_REFUSAL in page.text

    api = token_client(manager).post(
        reverse("api:corrective-action-solve", args=[solved.pk]),
        {"solution": "Again", "version": solved.version},
        format="json",
    )
    assert api.status_code == 409
    assert api.json()["error"] == {"code": "invalid_state", "message": SOLVED_REFUSAL}

    # A job calls the same service.
    with pytest.raises(InvalidState) as refused:
        actions.solve(solved, by=None, solution="Again", expected_version=solved.version)
    assert refused.value.message == SOLVED_REFUSAL

    solved.refresh_from_db()
    assert solved.solution == "Fixed"
    assert solved.version == 2


def test_the_service_refuses_to_verify_or_reopen_an_open_action(cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    message = "This action is not waiting for a check any more. Its status is now “Open”."
    with pytest.raises(InvalidState, match=re.escape(message)):
        actions.verify(action, by=cast.staff.inspector, expected_version=1)
    with pytest.raises(InvalidState, match=re.escape(message)):
        actions.reopen(action, by=cast.staff.inspector, note="Still dirty", expected_version=1)
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.OPEN
    assert action.checked_by is None


def test_a_state_refusal_comes_before_a_stale_version(cast, solved):
    # Solved meanwhile *and* changed meanwhile: the state says more.
    with pytest.raises(InvalidState):
        actions.solve(solved, by=cast.staff.work_manager, solution="x", expected_version=1)


def test_who_may_act_is_403_whatever_the_state(cast, solved):
    # The solver may not check their own solution: access, not state.
    refused = token_client(cast.staff.work_manager).post(
        reverse("api:corrective-action-verify", args=[solved.pk]),
        {"version": solved.version},
        format="json",
    )
    assert refused.status_code == 403


def test_the_buttons_shown_are_the_transitions_granted(client, cast, solved):
    assert set(ACTIONS.available(cast.staff.inspector, solved)) == {"verify", "reopen"}
    assert ACTIONS.available(cast.staff.work_manager, solved) == {}
    client.force_login(cast.staff.inspector)
    page = client.get(solved.get_staff_url())
    assert "Verified: the problem is solved" in page.text
    assert reverse("quality:action_solve", args=[solved.pk]) not in page.text
    client.force_login(cast.staff.work_manager)
    page = client.get(solved.get_staff_url())
    assert reverse("quality:action_check", args=[solved.pk]) not in page.text


def test_answering_a_published_inspection_over_the_api_is_409(cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    score = inspection.scores.first()
    response = token_client(cast.staff.inspector).post(
        reverse("api:inspection-answers", args=[inspection.pk]),
        {"answers": [{"score": score.pk, "value": "1", "remark": "x"}]},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_state"
    assert "Its status is now “Published”." in response.json()["error"]["message"]


def test_each_machine_describes_itself():
    with translation.override("en"):
        solve = next(t for t in ACTIONS.describe() if t["name"] == "solve")
    assert solve == {
        "name": "solve",
        "label": "Mark as solved",
        "from": ["open"],
        "to": "solved",
        "who": "can_solve",
    }
    assert {t["name"] for t in INSPECTIONS.describe()} >= {"answer", "submit", "discard"}


def test_data_written_in_the_past_is_dated_so_in_its_history(cast):
    from datetime import timedelta

    from django.utils import timezone

    past = timezone.now() - timedelta(days=90)
    helpers.default_template()
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector, now=past)
    for score in draft.scores.all():
        inspections.answer(score, by=cast.staff.inspector, value="2", remark="Dusty", now=past)
    published = inspections.submit(draft, by=cast.staff.inspector, now=past)
    action = CorrectiveAction.objects.filter(score__inspection=published).first()
    actions.solve(
        action, by=cast.staff.work_manager, solution="Swept", expected_version=1, now=past
    )
    dates = {row.history_date for row in CorrectiveAction.history.filter(id=action.pk)}
    dates |= {row.history_date for row in published.history.all()}
    assert dates == {past}
