"""What a new request may name: the client's own site and people, kinds and topics in use."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.errors import ServiceError
from service_requests.models import Request, Topic
from service_requests.tests.helpers import kind, make_request


def test_a_request_is_saved_with_who_took_it_in_its_history(cast):
    made = make_request(cast, by=cast.staff.operator, channel="phone")
    assert made.status == Request.Status.NEW
    assert made.created_by == cast.staff.operator
    assert made.history.get().history_user == cast.staff.operator


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"site": "site_b1"}, "site"),
        ({"contact": "admin_b"}, "contact"),
        ({"severity": 5}, "severity"),
        ({"channel": "fax"}, "channel"),
        ({"subject": "two\nlines"}, "subject"),
        ({"subject": "x" * 201}, "subject"),
        ({"description": ""}, "description"),
        ({"description": "x" * 10_001}, "description"),
    ],
)
def test_what_does_not_fit_is_refused_and_nothing_is_saved(cast, fields, field):
    named = {
        "site": lambda value: getattr(cast, value),
        "contact": lambda value: getattr(cast, value).user,
    }
    fields = {name: named.get(name, lambda v: v)(value) for name, value in fields.items()}
    with pytest.raises(ServiceError) as refused:
        make_request(cast, **fields)
    assert refused.value.field == field
    assert not Request.objects.exists()


def test_a_kind_or_topic_no_longer_in_use_is_refused(cast):
    retired = kind("suggestion", is_active=False)
    with pytest.raises(ServiceError) as refused:
        make_request(cast, kind=retired)
    assert refused.value.field == "kind"
    old_topic = Topic.objects.create(name="Old", is_active=False)
    with pytest.raises(ServiceError) as refused:
        make_request(cast, topic=old_topic)
    assert refused.value.field == "topic"
    assert not Request.objects.exists()


def test_a_client_user_files_only_for_their_own_client_and_a_site_contact_for_their_sites(cast):
    with pytest.raises(ServiceError):
        make_request(cast, by=cast.admin_b.user)
    contact = cast.contact_a.user
    with pytest.raises(ServiceError) as refused:
        make_request(cast, by=contact, contact=contact, site=cast.site_a2)
    assert refused.value.field == "site"
    with pytest.raises(ServiceError):
        make_request(cast, by=contact, contact=contact, site=None)
    assert not Request.objects.exists()
    assert make_request(cast, by=contact, contact=contact, site=cast.site_a1).site == cast.site_a1
    # Staff take requests for any client.
    assert make_request(cast, by=cast.staff.operator, site=cast.site_a2).site == cast.site_a2


def test_an_inactive_client_or_contact_and_a_future_date_are_refused(cast):
    cast.admin_a.user.is_active = False
    cast.admin_a.user.save()
    with pytest.raises(ServiceError) as refused:
        make_request(cast, by=cast.staff.operator)
    assert refused.value.field == "contact"
    cast.client_a.is_active = False
    cast.client_a.save()
    with pytest.raises(ServiceError) as refused:
        make_request(cast, by=cast.staff.operator, contact=None)
    assert refused.value.field == "client"
    cast.client_a.is_active = True
    cast.client_a.save()
    with pytest.raises(ServiceError):
        make_request(
            cast, by=cast.staff.operator, contact=None, now=timezone.now() + timedelta(hours=1)
        )
    assert not Request.objects.exists()


def test_a_request_keeps_the_procedure_its_kind_had_when_it_came(cast):
    complaint = kind()
    made = make_request(cast, kind=complaint)
    complaint.procedure, complaint.acceptance = "short", "handover"
    complaint.save()
    made.refresh_from_db()
    assert (made.procedure, made.acceptance) == ("complaint", "reviewer")


def test_a_topic_cannot_be_placed_under_itself(db):
    cleaning = Topic.objects.create(name="Cleaning")
    floors = Topic.objects.create(name="Floors", parent=cleaning)
    cleaning.parent = floors
    with pytest.raises(ValidationError):
        cleaning.full_clean()
    floors.parent = floors
    with pytest.raises(ValidationError):
        floors.full_clean()
