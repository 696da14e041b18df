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
