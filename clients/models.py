from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import STAFF_ROLES
from common import limits
from common.fields import PhoneField
from common.links import record_url
from common.validators import long_text, single_line

registry_code_validator = RegexValidator(
    r"^[A-Za-z0-9-]{3,20}$",
    _("A registry code has 3 to 20 letters, digits or hyphens."),
)

# Only active provider staff can be named account manager, director or work manager.
STAFF_LIMIT = {"role__in": sorted(STAFF_ROLES), "is_active": True}


class Client(models.Model):
    """An organisation or a private person the provider serves."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Private person")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ORGANISATION
    )
    name = models.CharField(_("name"), max_length=limits.NAME, validators=[single_line])
    registry_code = models.CharField(
        _("registry code"), max_length=20, blank=True, validators=[registry_code_validator]
    )
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    address = models.CharField(
        _("address"), max_length=limits.ADDRESS, blank=True, validators=[single_line]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneField(_("phone"), blank=True)
    phone_secondary = PhoneField(_("second phone"), blank=True)
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_clients",
        limit_choices_to=STAFF_LIMIT,
    )
    internal_notes = models.TextField(
        _("internal notes"),
        blank=True,
        max_length=limits.NOTE,
        validators=long_text(limits.NOTE),
        help_text=_("Seen by provider staff only."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "registry_code",
                condition=~Q(registry_code=""),
                name="clients_client_registry_code_unique",
                violation_error_message=_("Another client already has this registry code."),
            ),
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def get_staff_url(self):
        return record_url("clients:client_detail", self.pk)


class Site(models.Model):
    """A place where the provider works for a client: a store, an office, a home."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.PROTECT, related_name="sites"
    )
    name = models.CharField(_("name"), max_length=limits.NAME, validators=[single_line])
    address = models.CharField(_("address"), max_length=limits.ADDRESS, validators=[single_line])
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    service_director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service director"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directed_sites",
        limit_choices_to=STAFF_LIMIT,
    )
    work_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("work manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_sites",
        limit_choices_to=STAFF_LIMIT,
    )
    internal_notes = models.TextField(
        _("internal notes"),
        blank=True,
        max_length=limits.NOTE,
        validators=long_text(limits.NOTE),
        help_text=_("Seen by provider staff only."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["client__name", "name"]
        constraints = [
            models.UniqueConstraint(
                "client",
                "name",
                name="clients_site_name_unique_per_client",
                violation_error_message=_("This client already has a site with this name."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_staff_url(self):
        return record_url("clients:site_detail", self.pk)

    def get_portal_url(self):
        return record_url("portal:site_detail", self.pk)


class SiteRecord(models.Model):
    """A record at a site that also names the site's client.

    A client's records are then one index range (``clients.access.at_visible_sites``)
    instead of every record tested against the client's sites. The copy is
    made when the record is first saved and never goes stale: a site never
    moves to another client (``clients.services.update_site``).
    """

    client = models.ForeignKey(
        Client,
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.client_id is None:
            self.client_id = self.site.client_id
        super().save(*args, **kwargs)


class Membership(models.Model):
    """Ties a client's user to the client, and a site contact to their sites.

    A client administrator and a private customer see every site of the
    client; a site contact sees only the sites listed here.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.CASCADE, related_name="memberships"
    )
    sites = models.ManyToManyField(
        Site, verbose_name=_("sites"), blank=True, related_name="contact_memberships"
    )

    history = HistoricalRecords(m2m_fields=[sites])

    class Meta:
        verbose_name = _("client user")
        verbose_name_plural = _("client users")

    def __str__(self):
        return f"{self.user} ({self.client})"
