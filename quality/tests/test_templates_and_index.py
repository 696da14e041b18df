"""Templates are versioned by copying: an edit never changes an inspection that exists."""

from decimal import Decimal
from types import SimpleNamespace

from django.test import Client
from django.urls import reverse
from django.utils import translation

from quality.models import Element, Template
from quality.services import inspections
from quality.services.index import quality_index
from quality.tests import helpers


def test_the_index_is_the_weighted_share_of_the_top_score():
    def s(score, weight=1):
        return SimpleNamespace(score=score, weight=weight)

    assert quality_index([s(5), s(5, 3)]) == Decimal("100.0")
    assert quality_index([s(1), s(1)]) == Decimal("20.0")
    assert quality_index([s(5, 2), s(2, 1)]) == Decimal("80.0")  # 12 / 15
    assert quality_index([s(4), s(None)]) == Decimal("80.0")  # not applicable left out
    assert quality_index([s(None)]) is None


def test_editing_a_template_in_the_admin_leaves_old_inspections_unchanged(client, cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector, values=(5, 2, 4, 5, 5))
    template = Template.objects.get()
    floor = Element.objects.get(name="Floor")
    index_before = inspection.quality_index

    client.force_login(cast.staff.admin)
    response = client.post(
        reverse("admin:quality_element_change", args=[floor.pk]),
        {
            "area": floor.area_id,
            "position": floor.position,
            "name": "Floor and mats",
            "name_et": "Põrand ja matid",
            "name_ru": "",
            "name_zh_hans": "",
            "weight": 5,
        },
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.version == 2
    client.post(reverse("admin:quality_element_delete", args=[floor.pk - 1]), {"post": "yes"})
    assert Template.objects.get().version == 3

    inspection.refresh_from_db()
    assert inspection.template_version == 1
    assert inspection.quality_index == index_before
    assert [s.element_label for s in inspection.scores.all()][:2] == ["General", "Floor"]
    assert inspection.scores.get(position=2).weight == 2
    portal = Client()
    portal.force_login(cast.admin_a.user)
    page = portal.get(reverse("portal_quality:inspection_detail", args=[inspection.pk]))
    assert "Floor ET" in page.text or "Floor" in page.text
    assert "Floor and mats" not in page.text

    fresh = inspections.start(cast.site_a1, by=cast.staff.inspector)
    assert fresh.template_version == 3
    assert [s.element_label for s in fresh.scores.all()][:1] == ["Floor and mats"]


def test_names_fall_back_to_english(cast):
    helpers.template(layout=[("Lobby", [("Floor", 1)])])
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector)
    score = draft.scores.get()
    with translation.override("ru"):
        assert score.element_label == "Floor"
    with translation.override("et"):
        assert score.element_label == "Floor ET"
