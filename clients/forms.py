from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import UniqueEmailMixin
from accounts.models import User
from accounts.roles import CLIENT_ROLE_CHOICES, LEAST_POWERFUL_CLIENT_ROLE
from clients.models import Client, Site
from common.concurrency import VersionedModelForm


class ClientForm(VersionedModelForm):
    class Meta:
        model = Client
        fields = [
            "kind",
            "name",
            "registry_code",
            "language",
            "address",
            "email",
            "phone",
            "phone_secondary",
            "account_manager",
            "internal_notes",
            "is_active",
        ]
        widgets = {"internal_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, can_assign_account_manager=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_assign_account_manager:
            del self.fields["account_manager"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Client.Kind.ORGANISATION and not data.get("registry_code"):
            self.add_error("registry_code", _("An organisation needs its registry code."))
        return data


class SiteForm(VersionedModelForm):
    class Meta:
        model = Site
        fields = ["name", "address", "status", "service_director", "work_manager", "internal_notes"]
        widgets = {"internal_notes": forms.Textarea(attrs={"rows": 3})}


class ClientUserForm(UniqueEmailMixin, VersionedModelForm):
    """A client's user: who they are, their role and, for a site contact, their sites."""

    role = forms.ChoiceField(label=_("Role"), choices=CLIENT_ROLE_CHOICES)
    sites = forms.ModelMultipleChoiceField(
        label=_("Sites"),
        queryset=Site.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A site contact sees only these sites. A client administrator sees all."),
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "role", "phone", "language"]

    def __init__(self, *args, client, **kwargs):
        if not kwargs["instance"].pk:
            # A new user is first addressed in their organisation's language.
            kwargs.setdefault("initial", {})["language"] = client.language
            kwargs["initial"].setdefault("role", LEAST_POWERFUL_CLIENT_ROLE)
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = client.sites.order_by("name")
        membership = getattr(self.instance, "membership", None) if self.instance.pk else None
        if membership is not None:
            self.fields["sites"].initial = list(membership.sites.all())
