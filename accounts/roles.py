"""The roles of PRODUCT.md: who a person is on the provider's or the client's side."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    ACCOUNT_MANAGER = "account_manager", _("Account manager")
    SERVICE_DIRECTOR = "service_director", _("Service director")
    WORK_MANAGER = "work_manager", _("Work manager")
    QUALITY_INSPECTOR = "quality_inspector", _("Quality inspector")
    OPERATOR = "operator", _("Operator")
    REVIEWER = "reviewer", _("Reviewer")
    TECHNICIAN = "technician", _("Technician")
    CLIENT_ADMIN = "client_admin", _("Client administrator")
    SITE_CONTACT = "site_contact", _("Site contact")
    PRIVATE_CUSTOMER = "private_customer", _("Private customer")


STAFF_ROLES = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.ACCOUNT_MANAGER,
        Role.SERVICE_DIRECTOR,
        Role.WORK_MANAGER,
        Role.QUALITY_INSPECTOR,
        Role.OPERATOR,
        Role.REVIEWER,
        Role.TECHNICIAN,
    }
)
CLIENT_ROLES = frozenset({Role.CLIENT_ADMIN, Role.SITE_CONTACT, Role.PRIVATE_CUSTOMER})

# An invitation form starts at the least powerful role: more power is chosen, never defaulted.
LEAST_POWERFUL_STAFF_ROLE = Role.TECHNICIAN
LEAST_POWERFUL_CLIENT_ROLE = Role.SITE_CONTACT

STAFF_ROLE_CHOICES = [(r.value, r.label) for r in Role if r in STAFF_ROLES]
CLIENT_ROLE_CHOICES = [(r.value, r.label) for r in Role if r in CLIENT_ROLES]
