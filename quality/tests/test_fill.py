"""Filling in on a phone: the to-do list follows each answer; a refusal names what is missing."""

import re

from django.urls import reverse

from api.tests.helpers import token_client
from quality.models import Inspection
from quality.services import inspections, plans
from quality.tests import helpers

HTMX = {"HX-Request": "true"}
# The default template's elements, in order, as the to-do list names them.
NAMES = [
    "Entrance · General",
    "Entrance · Floor",
    "Entrance · Glass up to 180 cm",
    "Sanitary rooms · General",
    "Sanitary rooms · Fixtures",
]


def _draft(cast):
    helpers.default_template()
    return inspections.start(cast.site_a1, by=cast.staff.inspector)


def _todo(html: str) -> str:
    """The to-do fragment of a page or of an htmx answer."""
    match = re.search(r'<div id="todo".*?</div>', html, re.S)
    assert match, "no to-do list in the response"
    return match.group(0)


def _answer(client, score, value, remark=""):
    return client.post(
        reverse("quality:score_save", args=[score.pk]),
        {"value": value, "remark": remark},
        headers=HTMX,
    )


def test_each_answer_brings_the_updated_to_do_list_in_the_same_response(client, cast):
    draft = _draft(cast)
    scores = list(draft.scores.order_by("position"))
    client.force_login(cast.staff.inspector)

    page = client.get(reverse("quality:inspection_fill", args=[draft.pk])).text
    # The page and the answer share one partial: the markup exists once.
    assert page.count('id="todo"') == 1
    assert all(name in _todo(page) for name in NAMES)

    first = _answer(client, scores[0], "5")
    todo = _todo(first.text)
    assert 'hx-swap-oob="true"' in todo
    assert NAMES[0] not in todo
    assert all(name in todo for name in NAMES[1:])

    # A 2 without a remark moves from "no score" to "needs a remark"; the remark clears it.
    todo = _todo(_answer(client, scores[1], "2").text)
    assert "A score of 1 or 2 needs a remark saying what is wrong:" in todo
    assert NAMES[1] in todo.split("needs a remark")[1]
    assert NAMES[1] not in _todo(_answer(client, scores[1], "2", "Mud at the door").text)

    for score in scores[2:]:
        response = _answer(client, score, "na")
    todo = _todo(response.text)
    assert not any(name in todo for name in NAMES)
    assert "Every element is answered. You can submit." in todo
    assert 'id="progress" hx-swap-oob="true">5 / 5<' in response.text

    # Clearing an answer puts the element back on the list.
    assert NAMES[4] in _todo(_answer(client, scores[4], "").text)


def test_an_answer_costs_the_same_queries_with_a_bigger_form(client, cast, count_queries):
    small = _draft(cast)
    big_layout = [(f"Area {a}", [(f"Element {e}", 1) for e in range(6)]) for a in range(5)]
    big_site = cast.site_a2
    big_site_template = helpers.template("Big", default=False, layout=big_layout)
    plans.save_plan(
        big_site,
        by=cast.staff.admin,
        values={
            "template": big_site_template,
            "every": 1,
            "unit": "weeks",
            "starts_on": "2026-01-01",
        },
    )
    big = inspections.start(big_site, by=cast.staff.inspector)
    assert big.scores.count() == 30
    client.force_login(cast.staff.inspector)
    _response, few = count_queries(lambda: _answer(client, small.scores.first(), "4"))
    _response, many = count_queries(lambda: _answer(client, big.scores.first(), "4"))
    assert many == few


def test_a_refused_submit_names_each_missing_element_once_on_the_page(client, cast):
    draft = _draft(cast)
    helpers.fill(draft, ["5", "2", "", "", ""], remark="")
    client.force_login(cast.staff.inspector)

    response = client.post(reverse("quality:inspection_submit", args=[draft.pk]), follow=True)

    assert response.redirect_chain[-1][0].endswith("?refused=1#todo")
    html = response.text
    assert html.count("The inspection is not submitted yet.") == 1
    assert html.count('role="alert"') == 1
    todo = _todo(html)
    assert 'class="alert alert-danger" role="alert"' in todo
    for name in NAMES[1:]:
        assert html.count(name) == 1, name
        assert name in todo
    assert NAMES[0] not in html
    unanswered, without_remark = todo.split("needs a remark")
    assert all(name in unanswered for name in NAMES[2:])
    assert NAMES[1] in without_remark
    draft.refresh_from_db()
    assert draft.is_draft


def test_the_api_refuses_a_submit_with_the_same_names(cast):
    draft = _draft(cast)
    helpers.fill(draft, ["5", "2", "", "", ""], remark="")
    api = token_client(cast.staff.inspector)

    response = api.post(reverse("api:inspection-submit", args=[draft.pk]))

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "rule_violation"
    assert error["message"] == (
        "The inspection is not submitted yet. "
        "No score yet: Entrance · Glass up to 180 cm; Sanitary rooms · General; "
        "Sanitary rooms · Fixtures. "
        "A score of 1 or 2 needs a remark saying what is wrong: Entrance · Floor."
    )
    assert error["fields"] == {"scores": [error["message"]]}
    assert Inspection.objects.get(pk=draft.pk).is_draft


def test_the_refusal_is_in_the_inspectors_language(cast):
    draft = _draft(cast)
    helpers.fill(draft, ["5", "5", "5", "5", ""])
    cast.staff.inspector.language = "et"
    cast.staff.inspector.save()
    api = token_client(cast.staff.inspector)

    response = api.post(
        reverse("api:inspection-submit", args=[draft.pk]), headers={"Accept-Language": "et"}
    )

    assert response.status_code == 400
    assert "Sanitary rooms ET · Fixtures ET" in response.json()["error"]["message"]
