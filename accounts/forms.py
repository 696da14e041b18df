from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.access import accounts_in_use
from accounts.backends import OUT_OF_USE
from accounts.models import User
from accounts.roles import LEAST_POWERFUL_STAFF_ROLE, STAFF_ROLE_CHOICES
from common import images
from common.concurrency import VersionedModelForm
from common.forms import ImageUploadField


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or password is wrong. After %(limit)s failed attempts "
            "this account cannot log in from this IP address for %(minutes)s minutes."
        ),
        "inactive": _(
            "This account is deactivated. If you think this is a mistake, ask the person "
            "who gave you access."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # The backend marks the request only when the password was right:
            # whoever does not know it learns nothing about the account. The
            # same words for a deactivated person and a deactivated client.
            if getattr(self.request, OUT_OF_USE, False) and not getattr(
                self.request, "axes_locked_out", False
            ):
                raise forms.ValidationError(
                    self.error_messages["inactive"], code="inactive"
                ) from None
            raise

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={
                "limit": settings.AXES_FAILURE_LIMIT,
                "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            },
        )


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def save(self):
        """Queue a reset link for the matching active account, if there is one.

        The page answers the same either way, so nobody can find out which
        addresses have accounts.
        """
        from accounts.services import send_password_reset

        user = accounts_in_use().filter(email__iexact=self.cleaned_data["email"]).first()
        if user is not None:
            send_password_reset(user)


class PortraitField(ImageUploadField):
    """A staff member's photo for contact cards, cleaned as the form validates."""

    def __init__(self, **kwargs):
        super().__init__(rules=images.PORTRAIT, **kwargs)


class ProfileForm(VersionedModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "title", "language", "photo"]
        field_classes = {"photo": PortraitField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.is_provider_staff:
            del self.fields["title"]
            del self.fields["photo"]


class UniqueEmailMixin:
    """Explain a taken address on the e-mail field itself, whatever its letter case."""

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("A user with this e-mail address already exists."))
        return email


class StaffUserForm(UniqueEmailMixin, VersionedModelForm):
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLE_CHOICES)

    class Meta:
        model = User
        fields = ["full_name", "email", "role", "title", "phone", "language", "photo"]
        field_classes = {"photo": PortraitField}

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is None or not instance.pk:
            kwargs.setdefault("initial", {}).setdefault("role", LEAST_POWERFUL_STAFF_ROLE)
        super().__init__(*args, **kwargs)
