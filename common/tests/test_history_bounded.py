"""A record's history page reads its newest changes, not every version it ever had."""

import pytest

from clients.models import Site
from clients.tests.factories import SiteFactory
from common.audit import history_entries

pytestmark = pytest.mark.django_db


def rename(site, times):
    for n in range(times):
        site.name = f"Store {n}"
        site.save()


def test_the_newest_changes_say_what_changed_however_long_the_history(cast):
    site = SiteFactory(client=cast.client_a, name="Store start")
    rename(site, 30)
    entries = history_entries(Site.history.filter(id=site.pk), limit=5)
    assert len(entries) == 5
    assert [(e.changes[0].old, e.changes[0].new) for e in entries] == [
        (f"Store {n - 1}", f"Store {n}") for n in range(29, 24, -1)
    ]


def test_reading_the_history_costs_the_same_with_a_hundred_or_a_thousand_versions(
    cast, count_queries
):
    site = SiteFactory(client=cast.client_a, name="Store start")
    rename(site, 150)
    _entries, few = count_queries(lambda: history_entries(Site.history.filter(id=site.pk)))
    rename(site, 100)
    entries, many = count_queries(lambda: history_entries(Site.history.filter(id=site.pk)))
    assert few == many
    assert len(entries) == 50 and entries[0].changes[0].new == "Store 99"


def test_the_first_version_reads_as_created(cast):
    site = SiteFactory(client=cast.client_a, name="Store start")
    rename(site, 2)
    entries = history_entries(Site.history.filter(id=site.pk))
    assert entries[-1].action == "created" and entries[0].changes[0].new == "Store 1"


def test_a_site_moved_from_another_client_shows_nothing_of_its_past_there(cast):
    other = SiteFactory(client=cast.client_b, name="Tower C")
    rename(other, 6)
    moved = SiteFactory(client=cast.client_a, name="Secret A store")
    moved.client = cast.client_b
    moved.name = "Now B"
    moved.save()
    entries = history_entries(Site.history.filter(client_id=cast.client_b.pk), limit=2)
    shown = [(change.old, change.new) for entry in entries for change in entry.changes]
    assert not any("Secret" in old for old, _new in shown)
    assert entries[0].subject.endswith("Now B")


def test_several_histories_show_their_newest_changes_together(cast):
    old = SiteFactory(client=cast.client_a, name="Old store")
    rename(old, 12)
    new = SiteFactory(client=cast.client_a, name="New store")
    new.name = "New store 1"
    new.save()
    entries = history_entries(
        Site.history.filter(id=old.pk), Site.history.filter(id=new.pk), limit=3
    )
    assert [(e.subject, e.action) for e in entries][:2] == [
        ("Site: New store 1", "changed"),
        ("Site: New store", "created"),
    ]
    # The older history fills the rest with its newest change, and says what it changed.
    assert entries[2].changes[0].old == "Store 10" and entries[2].changes[0].new == "Store 11"


def test_a_history_older_than_the_others_newest_reads_no_versions_before(cast, count_queries):
    old = SiteFactory(client=cast.client_a, name="Old store")
    rename(old, 12)
    new = SiteFactory(client=cast.client_b, name="New store")
    rename(new, 12)
    histories = (Site.history.filter(id=new.pk), Site.history.filter(id=old.pk))
    entries, queries = count_queries(lambda: history_entries(*histories, limit=3))
    assert {e.subject for e in entries} == {"Site: Store 11", "Site: Store 10", "Site: Store 9"}
    # Each history's newest three, the versions before the new store's three, its author.
    assert queries == 4


def test_versions_that_changed_nothing_do_not_hide_the_other_histories(cast):
    site = SiteFactory(client=cast.client_a, name="Renamed store")
    site.name = "Store 1"
    site.save()
    busy = SiteFactory(client=cast.client_b, name="Busy store")
    for _ in range(8):
        busy.save()  # saved as it was: a version that changed nothing
    entries = history_entries(
        Site.history.filter(id=site.pk), Site.history.filter(id=busy.pk), limit=3
    )
    # The busy store's eight saves are newer than the other's changes and are
    # not shown; its creation, older than them, is.
    assert [(e.subject, e.action) for e in entries] == [
        ("Site: Busy store", "created"),
        ("Site: Store 1", "changed"),
        ("Site: Renamed store", "created"),
    ]


def test_a_page_is_full_however_many_versions_changed_nothing(cast, count_queries):
    site = SiteFactory(client=cast.client_a, name="Store start")
    rename(site, 3)
    for _ in range(120):
        site.save()  # a form saved as it was, again and again
    entries, queries = count_queries(
        lambda: history_entries(Site.history.filter(id=site.pk), limit=3)
    )
    assert [(e.changes[0].old, e.changes[0].new) for e in entries] == [
        ("Store 1", "Store 2"),
        ("Store 0", "Store 1"),
        ("Store start", "Store 0"),
    ]
    # Windows of 3, 12 and 48 rows (the rows, the versions before them, the
    # authors), then of 192: the history read whole, so nothing before it.
    assert queries == 3 * 3 + 2
