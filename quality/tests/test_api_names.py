"""Scores and corrective actions carry the area's names and the element's names, each
under its own key, in every language."""

from api.tests.helpers import token_client
from quality.models import CorrectiveAction
from quality.tests import helpers


def test_each_score_names_its_area_and_its_element(cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    api = token_client(cast.admin_a.user)
    scores = api.get(f"/api/v1/inspections/{inspection.pk}/").json()["scores"]
    named = [(s["area_names"]["en"], s["element_names"]["en"]) for s in scores]
    assert named == [
        ("Entrance", "General"),
        ("Entrance", "Floor"),
        ("Entrance", "Glass up to 180 cm"),
        ("Sanitary rooms", "General"),
        ("Sanitary rooms", "Fixtures"),
    ]
    assert scores[1]["area_names"]["et"] == "Entrance ET"
    assert scores[1]["element_names"]["et"] == "Floor ET"
    assert scores[1]["area"] == "Entrance"
    assert scores[1]["element"] == "Floor"


def test_a_corrective_action_names_its_area_and_its_element(cast):
    # The fourth answer, a 2 for the sanitary rooms' "General", opens an action.
    helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get()
    found = token_client(cast.admin_a.user).get(f"/api/v1/corrective-actions/{action.pk}/")
    body = found.json()
    assert body["area_names"]["en"] == "Sanitary rooms"
    assert body["element_names"]["en"] == "General"
    assert body["element_names"]["zh-hans"] == "General 中"
