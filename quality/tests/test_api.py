"""Quality over the API: an inspection filled by another system, the rule, ratings."""

from django.urls import reverse

from api.tests.helpers import token_client
from quality.models import CorrectiveAction, Inspection
from quality.services import ratings
from quality.tests import helpers


def test_an_inspection_is_started_answered_and_submitted_over_the_api(cast):
    helpers.default_template()
    api = token_client(cast.staff.inspector)
    started = api.post(reverse("api:inspection-list"), {"site": cast.site_a1.pk}, format="json")
    assert started.status_code == 201, started.content
    inspection = started.json()
    assert inspection["status"] == "draft"
    assert inspection["report_url"] is None
    scores = inspection["scores"]
    assert [s["element"] for s in scores] == [
        "General",
        "Floor",
        "Glass up to 180 cm",
        "General",
        "Fixtures",
    ]

    too_early = api.post(reverse("api:inspection-submit", args=[inspection["id"]]))
    assert too_early.status_code == 400
    assert too_early.json()["error"]["code"] == "rule_violation"

    values = ["5", "2", "4", "5", "na"]
    answers = [
        {"score": s["id"], "value": v, "remark": "Sand" if v == "2" else ""}
        for s, v in zip(scores, values)
    ]
    answered = api.post(
        reverse("api:inspection-answers", args=[inspection["id"]]),
        {"answers": answers},
        format="json",
    )
    assert answered.status_code == 200, answered.content

    photo = api.post(
        reverse("api:inspection-photos", args=[inspection["id"]]),
        {"score": scores[1]["id"], "photo": helpers.photo_upload()},
        format="multipart",
    )
    assert photo.status_code == 201, photo.content
    not_a_photo = api.post(
        reverse("api:inspection-photos", args=[inspection["id"]]),
        {"score": scores[1]["id"], "photo": helpers.photo_upload()},
        format="multipart",
    )
    assert not_a_photo.status_code == 201

    submitted = api.post(reverse("api:inspection-submit", args=[inspection["id"]]))
    assert submitted.status_code == 200, submitted.content
    body = submitted.json()
    assert body["status"] == "published"
    assert body["quality_index"] == 80.0
    assert body["scores"][1]["corrective_action"] == CorrectiveAction.objects.get().pk
    assert len(body["scores"][1]["photos"]) == 2

    # The client reads it; the work manager solves the action; the inspector verifies.
    client_api = token_client(cast.contact_a.user, scope="read")
    listed = client_api.get(reverse("api:inspection-list"), {"site": cast.site_a1.pk})
    assert [i["id"] for i in listed.json()["results"]] == [inspection["id"]]
    action = client_api.get(reverse("api:corrective-action-list")).json()["results"][0]
    assert action["status"] == "open"
    assert action["source"] == "inspection"
    assert action["inspection"] == inspection["id"]

    manager = token_client(cast.staff.work_manager)
    stale = manager.post(
        reverse("api:corrective-action-solve", args=[action["id"]]),
        {"solution": "Swept", "version": action["version"] + 5},
        format="json",
    )
    assert stale.status_code == 409
    solved = manager.post(
        reverse("api:corrective-action-solve", args=[action["id"]]),
        {"solution": "Swept and mopped", "version": action["version"]},
        format="json",
    )
    assert solved.status_code == 200
    assert solved.json()["status"] == "solved"
    own_check = manager.post(
        reverse("api:corrective-action-verify", args=[action["id"]]),
        {"version": solved.json()["version"]},
        format="json",
    )
    assert own_check.status_code == 403
    verified = token_client(cast.staff.inspector).post(
        reverse("api:corrective-action-verify", args=[action["id"]]),
        {"version": solved.json()["version"], "note": "OK"},
        format="json",
    )
    assert verified.json()["status"] == "verified"
    assert (
        client_api.get(reverse("api:corrective-action-detail", args=[action["id"]])).json()[
            "solution"
        ]
        == "Swept and mopped"
    )


def test_a_bad_answer_is_refused_in_the_readers_language_and_nothing_changes(cast):
    helpers.default_template()
    api = token_client(cast.staff.inspector, language="et")
    inspection = api.post(
        reverse("api:inspection-list"), {"site": cast.site_a1.pk}, format="json"
    ).json()
    response = api.post(
        reverse("api:inspection-answers", args=[inspection["id"]]),
        {"answers": [{"score": inspection["scores"][0]["id"], "value": "7"}]},
        format="json",
    )
    assert response.status_code == 400
    assert "answers.0.value" in response.json()["error"]["fields"]
    other = api.post(
        reverse("api:inspection-answers", args=[inspection["id"]]),
        {"answers": [{"score": 999999, "value": "5"}]},
        format="json",
    )
    assert other.status_code == 400
    assert not Inspection.objects.get().scores.filter(score__isnull=False).exists()


def test_a_client_user_cannot_start_an_inspection(cast):
    helpers.default_template()
    response = token_client(cast.admin_a.user).post(
        reverse("api:inspection-list"), {"site": cast.site_a1.pk}, format="json"
    )
    assert response.status_code == 400
    assert not Inspection.objects.exists()


def test_a_client_rates_over_the_api(cast):
    tpl = helpers.default_template()
    entrance, sanitary = tpl.areas.all()
    api = token_client(cast.admin_a.user)
    response = api.post(
        reverse("api:rating-list"),
        {
            "site": cast.site_a2.pk,
            "areas": [
                {"area": entrance.pk, "score": 5},
                {"area": sanitary.pk, "score": 1, "remark": "Flooded"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    rating = response.json()
    assert [a["score"] for a in rating["areas"]] == [5, 1]
    assert rating["areas"][1]["corrective_action"] is not None
    templates = api.get(reverse("api:inspection-template-list")).json()["results"]
    assert templates[0]["areas"][0]["id"] == entrance.pk


def test_lists_keep_their_query_count(cast, count_queries):
    api = token_client(cast.staff.admin)
    api.get(reverse("api:me"))  # the token's first use is recorded once
    helpers.published(cast.site_a1, cast.staff.inspector)
    areas = helpers.default_template().areas.all()
    # Lists start with one row: an empty list skips its prefetch queries.
    ratings.rate(cast.site_a1, by=cast.admin_a.user, scores={a.pk: (1, "x") for a in areas})
    urls = [
        reverse("api:inspection-list"),
        reverse("api:corrective-action-list"),
        reverse("api:rating-list"),
        reverse("api:inspection-template-list"),
    ]
    first = [count_queries(lambda u=u: api.get(u))[1] for u in urls]
    for _n in range(3):
        helpers.published(cast.site_a2, cast.staff.inspector)
    for _n in range(2):
        ratings.rate(cast.site_a1, by=cast.admin_a.user, scores={a.pk: (1, "x") for a in areas})
    again = [count_queries(lambda u=u: api.get(u))[1] for u in urls]
    assert again == first
    detail = reverse("api:inspection-detail", args=[Inspection.objects.first().pk])
    assert api.get(detail).status_code == 200
