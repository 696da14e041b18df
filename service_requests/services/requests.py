"""Making a request, from whichever channel it comes by.

Every face (the portal, the desk, the mailbox, the API) calls ``receive``;
it checks what the request names against each other (a site of the
request's client, a kind and topic in use) and the text against the
model's limits, then numbers and saves it in one transaction.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from clients.access import own_client_id, sites_visible_to
from clients.models import Client, Site
from common.audit import set_author
from common.errors import ServiceError
from common.validators import check_fields
from service_requests.models import Request, RequestKind, Severity, Topic
from service_requests.services import numbers

TEXT_FIELDS = ("subject", "description", "contact_name", "contact_phone", "contact_email")


@dataclass(frozen=True)
class Received:
    """What came in: the request's own fields, before it has a number."""

    kind: RequestKind
    channel: str
    client: Client
    subject: str
    description: str
    site: Site | None = None
    topic: Topic | None = None
    severity: int = Severity.MINOR
    contact: User | None = None  # a client's user, where the asker is one
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


def receive(received: Received, *, by, now: datetime | None = None) -> Request:
    """Save ``received`` as a new request with the next service number of its year.

    Refused with a ServiceError (naming the field where there is one): an
    inactive client, a site or contact person not the client's (or a
    contact no longer active), a kind or topic no longer in use, a severity
    outside 1–4, text the model does not take, a date in the future; and
    when ``by`` is a client's user, another client, or for a site contact a
    site that is not theirs. ``by`` took it (the asker on the portal, the
    operator at the desk, nobody for the mailbox); ``now`` dates it in the
    past (the demo and the benchmark data), never from the API.
    """
    when = now or timezone.now()
    if when > timezone.now():
        raise ServiceError(_("A request cannot be dated in the future."))
    if not received.client.is_active:
        raise ServiceError(_("This client is not active."), field="client")
    if received.site is not None and received.site.client_id != received.client.pk:
        raise ServiceError(_("This site is not one of the client's."), field="site")
    _check_asker(received, by)
    if not received.kind.is_active:
        raise ServiceError(_("This kind of request is no longer in use."), field="kind")
    if received.topic is not None and not received.topic.is_active:
        raise ServiceError(_("This topic is no longer in use."), field="topic")
    contact = received.contact
    if contact is not None and (
        own_client_id(contact) != received.client.pk or not contact.is_active
    ):
        raise ServiceError(_("This person is not one of the client's people."), field="contact")
    if received.severity not in Severity.values:
        raise ServiceError(_("Choose a severity from 1 to 4."), field="severity")
    request = Request(
        kind=received.kind,
        procedure=received.kind.procedure,
        acceptance=received.kind.acceptance,
        channel=received.channel,
        client=received.client,
        site=received.site,
        topic=received.topic,
        severity=received.severity,
        subject=received.subject.strip(),
        description=received.description.strip(),
        contact=received.contact,
        contact_name=received.contact_name.strip(),
        contact_phone=received.contact_phone.strip(),
        contact_email=received.contact_email.strip(),
        created_at=when,
        created_by=by,
    )
    check_fields(request, "channel", *TEXT_FIELDS)
    year = timezone.localtime(when).year
    # Every request of the year waits for this transaction once it has taken
    # its number: nothing slow may follow in a caller's transaction.
    with transaction.atomic():
        request.year = year
        request.sequence = numbers.take_next(year)
        request.number = numbers.format_number(year, request.sequence)
        set_author(request, by, when if now else None)
        request.save()
    return request


def _check_asker(received: Received, by) -> None:
    # A client's user files for their own client only, and a site contact
    # for one of their own sites; staff take requests for anyone.
    asker_client = own_client_id(by)
    if asker_client is None:
        return
    if asker_client != received.client.pk:
        raise ServiceError(_("You can file requests only for your own organisation."))
    if by.role == Role.SITE_CONTACT and (
        received.site is None or not sites_visible_to(by).filter(pk=received.site.pk).exists()
    ):
        raise ServiceError(_("Choose one of the sites you look after."), field="site")
