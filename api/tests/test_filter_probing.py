"""A filter naming another client's record answers exactly like one naming a missing
record, on every list and for every filter that takes a record id: ids cannot be probed."""

import pytest
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from accounts.models import User
from api.filtering import IdFilter
from api.tests.helpers import list_routes, token_client
from api.urls import router
from clients.models import Client, Membership, Site
from quality.tests import helpers as quality

MISSING = 999_999_999


def related_model(model, field_name):
    for part in field_name.split("__"):
        model = model._meta.get_field(part).related_model
    return model


def record_filters(route, user):
    """(filter name, model it names) of every id filter of the list at ``route``."""
    prefix = route.removeprefix("/api/v1/").strip("/")
    viewset = next(v for p, v, _b in router.registry if p == prefix)
    view = viewset(action="list", kwargs={}, format_kwarg=None)
    view.request = Request(APIRequestFactory().get(route))
    view.request.user = user
    queryset = view.get_queryset()
    found = []
    # The view's own backends, so a view that changes them is walked as it serves.
    for backend in view.filter_backends:
        if not hasattr(backend, "get_filterset_class"):
            continue
        filterset = backend().get_filterset_class(view, queryset)
        for name, filter_ in (filterset.base_filters if filterset else {}).items():
            if isinstance(filter_, IdFilter | ModelChoiceFilter | ModelMultipleChoiceFilter):
                found.append((name, related_model(queryset.model, filter_.field_name)))
    return found


def other_clients_record(cast, model):
    """A record that belongs to client B only, with B's data behind it."""
    records = {
        Client: cast.client_b,
        Site: cast.site_b1,
        User: cast.site_b1.service_director,
        Membership: cast.admin_b,
    }
    assert model in records, f"Add a record of client B for filters naming a {model.__name__}."
    return records[model]


@pytest.mark.parametrize("route", list_routes())
def test_a_filter_naming_another_clients_record_answers_like_a_missing_one(cast, route):
    quality.published(cast.site_b1, cast.staff.inspector)
    quality.published(cast.site_a1, cast.staff.inspector)
    person = cast.admin_a.user
    api = token_client(person)
    for name, model in record_filters(route, person):
        other = other_clients_record(cast, model)
        theirs = api.get(route, {name: other.pk})
        missing = api.get(route, {name: MISSING})
        assert theirs.status_code == missing.status_code, (route, name)
        assert theirs.content == missing.content, (route, name)


def test_the_walk_finds_the_filters_it_should(cast):
    person = cast.staff.admin
    assert ("site", Site) in record_filters("/api/v1/inspections/", person)
    assert ("client", Client) in record_filters("/api/v1/corrective-actions/", person)
    assert ("account_manager", User) in record_filters("/api/v1/clients/", person)
    assert ("client", Client) in record_filters("/api/v1/client-users/", person)


def test_an_id_filter_still_narrows_the_callers_own_records(cast):
    quality.published(cast.site_a1, cast.staff.inspector)
    quality.published(cast.site_a2, cast.staff.inspector)
    api = token_client(cast.admin_a.user)
    response = api.get("/api/v1/inspections/", {"site": cast.site_a2.pk})
    assert [i["site"] for i in response.json()["results"]] == [cast.site_a2.pk]
