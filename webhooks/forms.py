from django import forms
from django.utils.translation import gettext_lazy as _

from common import limits
from common.validators import single_line
from webhooks.services import event_choices


class SubscriptionForm(forms.Form):
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Your system's address that receives the calls (HTTPS recommended)."),
    )
    description = forms.CharField(
        label=_("Description"), max_length=limits.NAME, required=False, validators=[single_line]
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].choices = event_choices()
        if not editing:
            del self.fields["is_active"]
