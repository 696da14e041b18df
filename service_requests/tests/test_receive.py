"""What a new request may name: the client's own site and people, kinds and topics in use."""

import pytest

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
