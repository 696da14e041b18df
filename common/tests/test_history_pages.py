"""A history is read a page at a time, and the pages together are the whole history."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.urls import reverse

from clients.models import Client, Membership, Site
from clients.tests.factories import SiteFactory
from common.audit import history_entries
from common.history_pages import PARAM
from common.keyset import PAGE_SIZE, encode_cursor

pytestmark = pytest.mark.django_db
NEW_YEAR = datetime(2026, 1, 1, tzinfo=UTC)


def rename(site, times, prefix="Store"):
    for n in range(times):
        site.name = f"{prefix} {n}"
        site.save()


def walk(client, url):
    """Every entry of every page from ``url`` on, following "Older changes"."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.context["history"]
        pages.append(page)
        url = page.older_url
    return pages


def seen(entry):
    return (entry.when, entry.subject, entry.action, [(c.old, c.new) for c in entry.changes])


def test_a_clients_pages_together_are_its_whole_history_in_order(client, cast):
    first = SiteFactory(client=cast.client_a, name="First store")
    second = SiteFactory(client=cast.client_a, name="Second store")
    for n in range(20):
        rename(first, 1, prefix=f"First {n}")
        rename(second, 1, prefix=f"Second {n}")
    client.force_login(cast.staff.admin)
    pages = walk(client, reverse("clients:client_history", args=[cast.client_a.pk]))
    whole = history_entries(
        Client.history.filter(id=cast.client_a.pk),
        Site.history.filter(client_id=cast.client_a.pk),
        Membership.history.filter(client_id=cast.client_a.pk),
        limit=1000,
    )
    assert len(pages) > 1
    assert all(len(page) == PAGE_SIZE for page in pages[:-1])
    assert [seen(e) for page in pages for e in page] == [seen(e) for e in whole]
    assert pages[0].is_first and not any(page.is_first for page in pages[1:])
    assert pages[-1].older is None


def test_an_older_page_links_back_to_the_newest(client, cast):
    site = SiteFactory(client=cast.client_a, name="Store start")
    rename(site, 30)
    client.force_login(cast.staff.admin)
    url = reverse("clients:site_detail", args=[site.pk])
    newest = client.get(url)
    assert "Older changes" in newest.text and "Newest changes" not in newest.text
    older = client.get(newest.context["history"].older_url)
    assert "Newest changes" in older.text and "Older changes" not in older.text
    # 31 versions: 30 renames and the creation, 25 on the first page.
    assert [e.action for e in older.context["history"]] == ["changed"] * 5 + ["created"]


def test_an_older_page_costs_what_the_first_does(client, cast, count_queries):
    site = SiteFactory(client=cast.client_a, name="Store start")
    rename(site, 120)
    client.force_login(cast.staff.admin)
    url = reverse("clients:client_history", args=[cast.client_a.pk])
    first, newest_queries = count_queries(lambda: client.get(url))
    _older, older_queries = count_queries(lambda: client.get(first.context["history"].older_url))
    assert older_queries == newest_queries


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "x" * 600,
        encode_cursor([1, 2, 3]),
        encode_cursor(["2026-01-01T00:00:00+00:00", 0, 1]),
        # A history the page does not read, and ids no history row can have.
        encode_cursor([NEW_YEAR, 7, 1]),
        encode_cursor([NEW_YEAR, 0, 2**70]),
        encode_cursor([NEW_YEAR, 0, -1]),
        encode_cursor([datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))), 0, 1]),
        encode_cursor([datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-12))), 0, 1]),
    ],
)
def test_a_forged_position_shows_the_newest_changes(client, cast, cursor):
    client.force_login(cast.staff.admin)
    url = reverse("clients:client_history", args=[cast.client_a.pk])
    response = client.get(url, {PARAM: cursor})
    assert response.status_code == 200
    assert response.context["history"].is_first
