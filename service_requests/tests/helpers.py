"""Requests for tests, made through the service."""

from service_requests.models import Channel, Procedure, RequestKind
from service_requests.services.requests import Received, receive


def kind(code="complaint", procedure=Procedure.COMPLAINT, **fields) -> RequestKind:
    found, _ = RequestKind.objects.get_or_create(
        code=code, defaults={"name": code.title(), "procedure": procedure, **fields}
    )
    return found


def received(cast, **fields) -> Received:
    values = {
        "kind": kind(),
        "channel": Channel.PORTAL,
        "client": cast.client_a,
        "site": cast.site_a1,
        "subject": "The entrance was not cleaned",
        "description": "Sand on the floor since Monday.",
        "contact": cast.admin_a.user,
        **fields,
    }
    return Received(**values)


def make_request(cast, *, by=None, now=None, **fields):
    return receive(received(cast, **fields), by=by or cast.admin_a.user, now=now)
