"""Model and form fields for phone numbers: validated, and stored the same way however typed."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from common import limits
from common.validators import normalise_phone, validate_phone


def _normalised(value):
    # An invalid number is kept as typed, for the validator to refuse with its message.
    return (normalise_phone(value) or value) if value else value


class TelInput(forms.TextInput):
    input_type = "tel"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "tel", **(attrs or {})})


class PhoneFormField(forms.CharField):
    default_validators = [validate_phone]
    widget = TelInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", limits.PHONE)
        super().__init__(**kwargs)

    def to_python(self, value):
        return _normalised(super().to_python(value))


class PhoneField(models.CharField):
    """A phone number in international format (``+372 5123 4567``); the SMS channel dials it."""

    description = _("Phone number")
    default_validators = [validate_phone]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", limits.PHONE)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return _normalised(super().to_python(value))

    def pre_save(self, model_instance, add):
        # Records created without full_clean (demo data, jobs) are stored alike.
        value = _normalised(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhoneFormField, **kwargs})
