"""The history on staff pages: long texts shortened, dates and numbers in the reader's format."""

from datetime import date, datetime

import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from clients.services import update_site
from common import limits
from common.audit import history_entries
from common.text import ELLIPSIS
from quality.models import InspectionPlan
from quality.services import plans
from quality.tests import helpers


def _site_page(client, cast):
    client.force_login(cast.staff.account_manager)
    response = client.get(reverse("clients:site_detail", args=[cast.site_a1.pk]))
    assert response.status_code == 200
    return response.text


def test_a_huge_old_note_makes_a_short_history(client, cast):
    before = len(_site_page(client, cast))
    site = cast.site_a1
    # Stored before notes had a limit: five megabytes, then replaced by a short one.
    site.internal_notes = "Alarm code 1234. " * 300_000
    site.save()
    update_site(
        site,
        {"internal_notes": "Alarm code 4321"},
        by=cast.staff.account_manager,
        expected_version=1,
    )
    page = _site_page(client, cast)
    assert len(page) < before + 2_000
    assert f"Alarm code 1234. Alarm code 1234.{ELLIPSIS}" not in page  # cut at a word's end
    assert ("Alarm code 1234. " * 17).strip()[: limits.SHOWN - 20] in page
    assert ELLIPSIS + " → Alarm code 4321" in page


def test_notes_at_their_limit_are_shortened_in_every_history_entry(client, cast):
    site = cast.site_a1
    for version, letter in enumerate("ab", start=1):
        site = update_site(
            site,
            {"internal_notes": letter * limits.NOTE},
            by=cast.staff.account_manager,
            expected_version=version,
        )
    page = _site_page(client, cast)
    # The note itself once, in full; its history only in short.
    assert page.count("b" * limits.NOTE) == 1
    assert "a" * (limits.SHOWN + 1) not in page
    assert "a" * (limits.SHOWN - 1) + ELLIPSIS in page  # the ellipsis takes one place


@time_machine.travel(datetime(2026, 11, 30, 14, 5, tzinfo=timezone.get_default_timezone()))
def test_dates_and_numbers_in_history_follow_the_readers_language(client, cast):
    inspector = cast.staff.inspector
    inspector.language = "ru"
    inspector.save()
    inspection = helpers.published(cast.site_a1, inspector, values=(5, 4, 5, 2, "na"))
    client.force_login(inspector)
    page = client.get(reverse("quality:inspection_detail", args=[inspection.pk])).text
    index = f"{inspection.quality_index}".replace(".", ",")
    assert "," in index
    assert f"— → {index}" in page
    assert "— → 30.11.2026 14:05" in page
    assert "2026-11-30 14:05" not in page


def test_a_date_in_history_is_written_the_estonian_way(cast):
    values = {
        "template": helpers.default_template(),
        "every": 4,
        "unit": "weeks",
        "inspector": cast.staff.inspector,
        "starts_on": date(2026, 12, 1),
    }
    plan = plans.save_plan(cast.site_a1, by=cast.staff.service_director, values=values)
    plans.save_plan(
        cast.site_a1,
        by=cast.staff.service_director,
        values=values | {"starts_on": date(2027, 1, 15)},
        expected_version=plan.version,
    )
    with translation.override("et"):
        [changed, _created] = history_entries(InspectionPlan.history.filter(id=plan.pk))
        shown = {str(c.label): (c.old, c.new) for c in changed.changes}
    assert shown["Esimese kontrolli kuupäev"] == ("01.12.2026", "15.01.2027")
