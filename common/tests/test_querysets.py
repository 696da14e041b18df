"""A queryset with no condition is every row: "is it one of them" needs no query."""

import pytest

from clients.models import Site
from common.querysets import unrestricted


def test_every_row_is_unrestricted():
    assert unrestricted(Site.objects.all())
    assert unrestricted(Site.objects.order_by("name").select_related("client"))


@pytest.mark.parametrize(
    "restricted",
    [
        lambda: Site.objects.none(),
        lambda: Site.objects.filter(name="Mammu"),
        lambda: Site.objects.exclude(status="closed"),
        lambda: Site.objects.all()[:5],
        lambda: Site.objects.all().intersection(Site.objects.filter(name="Mammu")),
        lambda: Site.objects.all().difference(Site.objects.filter(name="Mammu")),
    ],
    ids=["none", "filter", "exclude", "slice", "intersection", "difference"],
)
def test_a_condition_or_a_slice_is_a_restriction(restricted):
    assert not unrestricted(restricted())


@pytest.mark.django_db
def test_with_columns_of_reads_only_the_named_columns_of_a_joined_record(
    django_assert_num_queries,
):
    from clients.tests.factories import SiteFactory
    from common.querysets import with_columns_of

    SiteFactory(name="Mammu")
    with django_assert_num_queries(1):
        site = with_columns_of(Site.objects.all(), "client__name").get()
        assert site.client.name
        # Every column of the site itself is read.
        assert site.address is not None
    assert site.client.get_deferred_fields() >= {"email", "internal_notes"}
    assert not site.get_deferred_fields()
