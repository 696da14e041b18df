from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import STAFF_ROLE_CHOICES
from common.concurrency import VersionedModelForm


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or password is wrong. After %(limit)s failed attempts "
            "the account is locked for %(minutes)s minutes."
        ),
        "inactive": _("This account is deactivated. Ask your administrator."),
    }

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
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def save(self):
        """Queue a reset link for the matching active account, if there is one.

        The page answers the same either way, so nobody can find out which
        addresses have accounts.
        """
        from accounts.services import send_password_reset

        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is not None:
            send_password_reset(user)


class ProfileForm(VersionedModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "title", "language", "photo"]
        widgets = {"photo": forms.ClearableFileInput(attrs={"accept": "image/*"})}

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
        widgets = {"photo": forms.ClearableFileInput(attrs={"accept": "image/*"})}
