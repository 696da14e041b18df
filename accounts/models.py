from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import CLIENT_ROLES, STAFF_ROLES, Role
from common import limits
from common.fields import PhoneField
from common.links import record_url
from common.validators import single_line

# A client's people use Clientdesk only while the provider serves their
# client: deactivating the client ends every login of its people at once,
# and reactivating it gives them back (their own accounts stay as they were).
# Lookups by name, so this lowest app does not import the clients app.
# A client's person without a membership (removed, or its client deleted)
# belongs to no client, so uses nothing: judged by role, not by the row.
_IN_USE = Q(is_active=True) & (
    Q(role__in=sorted(STAFF_ROLES)) | Q(membership__client__is_active=True)
)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def in_use(self) -> models.QuerySet["User"]:
        """The accounts that may log in, call the API and receive messages.

        An account is in use while it is active and, for a client's person,
        while their client is active (``User.is_in_use`` for one loaded user).
        ``accounts.access.accounts_in_use`` is this rule for the other apps.
        """
        return self.filter(_IN_USE)

    def get_by_natural_key(self, username):
        # E-mail addresses are compared without regard to case: people type
        # "Anna@Measika.ee" one day and "anna@measika.ee" the next.
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("Users need an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, role=Role.ADMINISTRATOR)
        return self.create_user(email, password, **fields)


def photo_path(instance, filename):
    # The image pipeline names files with a random hex (and "-thumb"): the
    # address of a photo cannot be guessed from the person's id.
    return f"photos/user-{instance.pk or 'new'}-{filename[-60:]}"


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: provider staff or a client's user, told apart by role."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(
        _("full name"), max_length=limits.PERSON_NAME, validators=[single_line]
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    title = models.CharField(
        _("role title"),
        max_length=limits.TITLE,
        blank=True,
        validators=[single_line],
        help_text=_("Shown on the contact card, e.g. “Service director, Tallinn region”."),
    )
    phone = PhoneField(_("phone"), blank=True)
    # Stored only as cleaned by common.images (accounts.services): a JPEG of at
    # most 1024 px without metadata, and the thumbnail contact cards show.
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    photo_thumbnail = models.ImageField(
        _("photo thumbnail"), upload_to=photo_path, blank=True, editable=False
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("Django admin access"),
        default=False,
        help_text=_("Administrators configure the system in the admin site."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    invited_by = models.ForeignKey(
        "self",
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(
        excluded_fields=["password", "last_login", "version", "photo_thumbnail"]
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]
        indexes = [
            # "Whose director or manager left" asks for the departed people's ids:
            # a scan of every user per page without this (they are a few).
            models.Index(
                fields=["id"], condition=Q(is_active=False), name="accounts_user_departed"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=_("A user with this e-mail address already exists."),
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_provider_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_client_user(self) -> bool:
        return self.role in CLIENT_ROLES

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    # What ``is_in_use`` reads besides the user's row: select_related these
    # (prefixed with the path to the user) and it asks no query.
    IN_USE_RELATED = ("membership__client",)

    @property
    def is_in_use(self) -> bool:
        """``User.objects.in_use()`` for this loaded user, without a query when
        ``IN_USE_RELATED`` was loaded with it (``select_related``)."""
        if not self.is_active:
            return False
        if self.role in STAFF_ROLES:
            return True
        # A missing reverse one-to-one raises a subclass of AttributeError.
        membership = getattr(self, "membership", None)
        return membership is not None and membership.client.is_active

    @property
    def has_accepted_invitation(self) -> bool:
        return self.has_usable_password()

    def get_staff_url(self):
        return record_url("accounts:staff_user_detail", self.pk)
