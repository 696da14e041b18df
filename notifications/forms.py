from django import forms
from django.utils.translation import gettext_lazy as _

from notifications import sms
from notifications.models import EmailMode
from notifications.preferences import Choice


class ChannelChoicesForm(forms.Form):
    """One row per event type: in Clientdesk, e-mail (off, at once, digest), SMS."""

    def __init__(self, *args, event_types, current: dict[str, Choice], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for event_type in event_types:
            choice = current[event_type.key]
            names = {part: f"{event_type.key}--{part}" for part in ("in_app", "email", "sms")}
            self.fields[names["in_app"]] = forms.BooleanField(
                label=_("In Clientdesk"), required=False, initial=choice.in_app
            )
            self.fields[names["email"]] = forms.ChoiceField(
                label=_("E-mail"),
                choices=EmailMode.choices,
                initial=choice.email,
                widget=forms.Select(attrs={"class": "w-auto"}),
            )
            if event_type.offers_sms and sms.available():
                self.fields[names["sms"]] = forms.BooleanField(
                    label=_("SMS"), required=False, initial=choice.sms
                )
            self.rows.append((event_type, [self[n] for n in names.values() if n in self.fields]))

    def choices(self) -> dict[str, Choice]:
        data = self.cleaned_data
        return {
            event_type.key: Choice(
                in_app=data[f"{event_type.key}--in_app"],
                email=data[f"{event_type.key}--email"],
                sms=data.get(f"{event_type.key}--sms", False),
            )
            for event_type, _fields in self.rows
        }
