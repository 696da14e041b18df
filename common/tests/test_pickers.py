"""Search-as-you-type pickers suggest only what the person may pick, and stay small."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.models import Site
from clients.tests.factories import SiteFactory
from common.pickers import MAX_OPTIONS

pytestmark = pytest.mark.django_db


def suggest(client, name, text):
    return client.get(reverse("pick", args=[name]), {"q": text})


def test_every_word_typed_narrows_the_sites(client, cast):
    client.force_login(cast.staff.admin)
    answer = suggest(client, "sites", f"{cast.client_a.name.split()[0]} {cast.site_a1.name}")
    assert answer.status_code == 200
    assert cast.site_a1.name in answer.text
    assert cast.site_b1.name not in answer.text
    assert f'data-value="{cast.site_a1.pk}"' in answer.text


def test_a_client_user_is_offered_only_their_own_sites(client, cast):
    client.force_login(cast.admin_a.user)
    answer = suggest(client, "sites", "")
    assert cast.site_a1.name in answer.text
    assert cast.site_b1.name not in answer.text
    assert cast.client_b.name not in answer.text


def test_suggestions_are_few_however_many_sites(client, cast):
    for n in range(MAX_OPTIONS + 5):
        SiteFactory(client=cast.client_a, name=f"Kiosk {n}")
    client.force_login(cast.staff.admin)
    answer = suggest(client, "sites", "kiosk")
    assert answer.text.count('role="option"') == MAX_OPTIONS


def test_nothing_found_is_said(client, cast):
    client.force_login(cast.staff.admin)
    assert "Nothing found." in suggest(client, "clients", "no such name anywhere").text


def test_an_unknown_picker_is_not_found(client, cast):
    client.force_login(cast.staff.admin)
    assert suggest(client, "passwords", "a").status_code == 404


def test_hostile_text_is_cut_and_cleaned(client, cast):
    client.force_login(cast.staff.admin)
    assert suggest(client, "sites", "a\x00b" + "x" * 10_000).status_code == 200


def test_the_filter_shows_the_chosen_site_by_name_without_listing_the_others(client, cast):
    client.force_login(cast.staff.admin)
    page = client.get(reverse("quality:inspection_list"), {"site": cast.site_a1.pk})
    assert f'value="{cast.site_a1.name}"' in page.text
    assert cast.site_b1.name not in page.text
    assert "<select" not in page.text.split('id="results"')[0].split("<form")[1].split("status")[0]


def test_the_chosen_record_is_read_once_to_check_it_and_show_it(client, cast):
    client.force_login(cast.staff.admin)
    url = reverse("quality:inspection_list")
    with CaptureQueriesContext(connection) as chosen:
        page = client.get(url, {"site": cast.site_a1.pk})
    assert f'value="{cast.site_a1.name}"' in page.text
    site_table = f'FROM "{Site._meta.db_table}"'
    assert sum(site_table in q["sql"].split("WHERE")[0] for q in chosen.captured_queries) == 1
    # A forged id is refused by the field and shown as nothing, as before.
    forged = client.get(url, {"site": cast.site_b1.pk + 1000})
    assert "data-picker-input" in forged.text and f'value="{cast.site_b1.name}"' not in forged.text
