"""A record's address from common.links is the one Django's reverse gives."""

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.base import set_script_prefix
from django.urls.converters import IntConverter

from common.links import record_url


def _names_with_one_id(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _names_with_one_id(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            if len(converters) == 1 and isinstance(next(iter(converters.values())), IntConverter):
                yield namespace + entry.name


NAMES = sorted(set(_names_with_one_id()))


def test_there_are_record_addresses_to_check():
    assert {"quality:inspection_detail", "clients:site_detail", "notifications:open"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_record_address_is_reverse_s(name):
    for pk in (1, 7, 10, 2147483646, 2**40):
        assert record_url(name, pk) == reverse(name, args=[pk])


def test_under_a_script_prefix_the_address_carries_it():
    try:
        set_script_prefix("/desk/")
        assert record_url("clients:site_detail", 5) == reverse("clients:site_detail", args=[5])
        assert "/desk/" in record_url("clients:site_detail", 5)
    finally:
        set_script_prefix("/")
    assert record_url("clients:site_detail", 5) == reverse("clients:site_detail", args=[5])


@pytest.mark.parametrize("pk", [None, "5", -1, 1.5])
def test_anything_but_an_id_is_reversed_as_django_does(pk):
    try:
        expected = reverse("clients:site_detail", args=[pk])
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            record_url("clients:site_detail", pk)
    else:
        assert record_url("clients:site_detail", pk) == expected
