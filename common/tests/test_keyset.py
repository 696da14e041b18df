"""Keyset pages walk a list forwards and back without a gap, a repeat or a full count."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from clients.models import Site
from clients.tests.factories import ClientFactory, SiteFactory
from common.keyset import bounded_counts, encode_cursor, keyset_page

pytestmark = pytest.mark.django_db

ORDER = ("name", "pk")


def request(**params):
    return SimpleNamespace(GET=params)


@pytest.fixture
def sites():
    # Repeated names (in other clients): the primary key must break the ties.
    clients = ClientFactory.create_batch(3)
    made = [SiteFactory(client=clients[n % 3], name=f"Store {n // 3:02d}") for n in range(31)]
    return sorted(made, key=lambda site: (site.name, site.pk))


def test_forwards_then_back_gives_every_row_once_in_order(sites):
    queryset = Site.objects.all()
    first = keyset_page(request(), queryset, ORDER, per_page=10, count_limit=100)
    assert first.rows == sites[:10] and first.is_first and not first.has_previous
    second = keyset_page(request(after=first.next_cursor), queryset, ORDER, per_page=10)
    third = keyset_page(request(after=second.next_cursor), queryset, ORDER, per_page=10)
    last = keyset_page(request(after=third.next_cursor), queryset, ORDER, per_page=10)
    assert second.rows + third.rows + last.rows == sites[10:]
    assert not last.has_next and last.has_previous

    back = keyset_page(request(before=last.previous_cursor), queryset, ORDER, per_page=10)
    assert back.rows == third.rows and back.has_next and back.has_previous


def test_going_back_to_the_start_shows_a_full_first_page(sites):
    queryset = Site.objects.all()
    # A cursor two rows in: "previous" has only two rows before it.
    cursor = encode_cursor([sites[2].name, sites[2].pk])
    back = keyset_page(request(before=cursor), queryset, ORDER, per_page=10)
    assert back.rows == sites[:10] and back.is_first


def test_the_count_stops_at_its_limit(sites):
    queryset = Site.objects.all()
    page = keyset_page(request(), queryset, ORDER, per_page=10, count_limit=20)
    assert page.count == 21 and not page.count_is_exact
    page = keyset_page(request(), queryset, ORDER, per_page=10, count_limit=100)
    assert page.count == 31 and page.count_is_exact


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "",
        "eyJ4IjoxfQ",
        encode_cursor(["only one value"]),
        "x" * 5000,
        "W1sieCIsMV1d",
        encode_cursor(["Store 01", "not an id"]),
    ],
)
def test_a_cursor_that_is_not_ours_gives_the_first_page(sites, cursor):
    queryset = Site.objects.all()
    page = keyset_page(request(after=cursor), queryset, ORDER, per_page=10)
    assert page.rows == sites[:10]


def test_a_page_costs_two_queries_however_long_the_list(sites, django_assert_num_queries):
    queryset = Site.objects.all()
    first = keyset_page(request(), queryset, ORDER, per_page=10)
    with django_assert_num_queries(2):
        keyset_page(request(after=first.next_cursor), queryset, ORDER, per_page=10)


def test_what_the_rows_show_is_joined_for_the_page_only(sites):
    def shown(queryset):
        return queryset.select_related("client").annotate(client_name=F("client__name"))

    with CaptureQueriesContext(connection) as queries:
        page = keyset_page(request(), Site.objects.all(), ORDER, per_page=10, rows=shown)
    count, rows = (query["sql"] for query in queries.captured_queries)
    assert "JOIN" not in count and "JOIN" in rows
    assert page.rows == sites[:10] and page.count == 31
    assert [site.client_name for site in page.rows] == [site.client.name for site in sites[:10]]
    # Back at the start, the first page is shown with its rows' joins too.
    cursor = encode_cursor([sites[2].name, sites[2].pk])
    back = keyset_page(request(before=cursor), Site.objects.all(), ORDER, per_page=10, rows=shown)
    assert back.rows == sites[:10] and back.rows[0].client_name == sites[0].client.name


def test_bounded_counts_count_each_list_in_one_query(sites, django_assert_num_queries):
    first_client = sites[0].client
    lists = {
        "all": Site.objects.all(),
        "one client": Site.objects.filter(client=first_client),
        "none": Site.objects.filter(name="nothing"),
    }
    with django_assert_num_queries(1):
        counts = bounded_counts(lists, limit=20)
    assert counts == {
        "all": 21,  # stops past the limit: "more than 20"
        "one client": Site.objects.filter(client=first_client).count(),
        "none": 0,
    }
    assert bounded_counts({}) == {}


def test_a_count_the_page_knows_is_not_asked_again(sites, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = keyset_page(request(), Site.objects.all(), ORDER, per_page=10, count=31)
    assert page.count == 31 and len(page.rows) == 10


def test_what_the_rows_show_of_others_is_loaded_once_for_the_page(sites):
    seen = []
    page = keyset_page(request(), Site.objects.all(), ORDER, per_page=10, loaded=seen.append)
    assert seen == [page.rows]
