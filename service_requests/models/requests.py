"""A request: what a client asked, complained of or praised, by any channel."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from clients.models import Client, Site
from common import limits
from common.fields import PhoneField
from common.validators import long_text, single_line
from service_requests.models.catalogue import Acceptance, Procedure, RequestKind, Topic

# The fault levels of seed 003, what each means shown where one is chosen.
SEVERITY_MEANINGS = {
    1: _("Critical: the service or system is down, or people or property are at risk."),
    2: _("Major: an important part does not work; work goes on with difficulty."),
    3: _("Minor: something does not work as it should, and there is a way around it."),
    4: _("Low: a question, a wish or a cosmetic fault."),
}


class Severity(models.IntegerChoices):
    CRITICAL = 1, _("1 – critical")
    MAJOR = 2, _("2 – major")
    MINOR = 3, _("3 – minor")
    LOW = 4, _("4 – low")


class Channel(models.TextChoices):
    PORTAL = "portal", _("Portal")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    WALK_IN = "walk_in", _("Walk-in")
    API = "api", _("API")


class Request(models.Model):
    """One request, known by its service number (``CD-2026-000123``), which
    people read over the phone: unique, and without gaps within a year
    (``service_requests.services.numbers``)."""

    # A request's own words ("обращение" is neuter in Russian, a site masculine).
    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("request status", "New")
        IN_PROGRESS = "in_progress", pgettext_lazy("request status", "In progress")
        AWAITING_REVIEW = "awaiting_review", pgettext_lazy("request status", "Awaiting review")
        REWORK = "rework", pgettext_lazy("request status", "Returned for rework")
        CLOSED = "closed", pgettext_lazy("request status", "Closed")

    number = models.CharField(_("service number"), max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("number within the year"), editable=False)
    kind = models.ForeignKey(
        RequestKind,
        verbose_name=pgettext_lazy("request", "kind"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    # The kind's procedure and acceptance when the request came: a kind
    # changed later does not change how a request under way is handled.
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices, editable=False
    )
    acceptance = models.CharField(
        _("acceptance"), max_length=20, choices=Acceptance.choices, editable=False
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    # Indexed with the list's order below (request_client_newest).
    client = models.ForeignKey(
        Client,
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="service_requests",
        db_index=False,
    )
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_requests",
        db_index=False,
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    severity = models.PositiveSmallIntegerField(
        _("severity"), choices=Severity.choices, default=Severity.MINOR
    )
    subject = models.CharField(_("subject"), max_length=limits.NAME, validators=[single_line])
    description = models.TextField(
        _("description"), max_length=limits.NOTE, validators=long_text(limits.NOTE)
    )
    # The person who asked: a client's user, or as an operator took it down.
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_name = models.CharField(
        _("contact name"), max_length=limits.PERSON_NAME, blank=True, validators=[single_line]
    )
    contact_phone = PhoneField(_("contact phone"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    rework_rounds = models.PositiveSmallIntegerField(_("rework rounds"), default=0)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="request_number_in_year"),
            models.CheckConstraint(
                condition=models.Q(severity__gte=1, severity__lte=4), name="request_severity_1_4"
            ),
        ]
        indexes = [
            # A client's requests, newest first, a page at a time.
            models.Index(fields=["client", "-created_at", "-id"], name="request_client_newest"),
            # A site contact's: the requests of their sites.
            models.Index(fields=["site", "-created_at", "-id"], name="request_site_newest"),
            models.Index(fields=["-created_at", "-id"], name="request_newest"),
        ]

    def __str__(self):
        return f"{self.number} {self.subject}"


class YearCounter(models.Model):
    """The last service number given in a year: a row each request of the
    year locks while it takes the next number, so numbers have no gaps."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("service number counter")
        verbose_name_plural = _("service number counters")

    def __str__(self):
        return f"{self.year}: {self.last}"
