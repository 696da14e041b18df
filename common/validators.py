"""Checks every typed text goes through: no control characters, bounded length, real phones.

Models name these validators, so model forms, serializers (ModelSerializer
copies a model field's validators) and services that call ``full_clean`` or
``check_fields`` all refuse the same input with the same translated message.
"""

import re

import phonenumbers
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from common import limits
from common.errors import ServiceError

# C0 and C1 control characters, DEL, and the Unicode line and paragraph
# separators: none belongs in a name, an address or a phone number.
_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Multi-line text keeps tab, line feed and carriage return.
_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@deconstructible
class NoControlCharacters:
    """Refuses invisible control characters; ``multiline`` allows tabs and line breaks."""

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value) -> None:
        pattern = _MULTI_LINE if self.multiline else _SINGLE_LINE
        if isinstance(value, str) and pattern.search(value):
            message = (
                _("Remove the invisible control characters from this text.")
                if self.multiline
                else _("Use one line of ordinary characters: no line breaks or control characters.")
            )
            raise ValidationError(message, code="control_characters")

    def __eq__(self, other) -> bool:
        return isinstance(other, NoControlCharacters) and other.multiline == self.multiline


single_line = NoControlCharacters()
multi_line = NoControlCharacters(multiline=True)


def long_text(limit: int) -> list:
    """The validators of a TextField holding up to ``limit`` characters of typed text.

    A TextField's ``max_length`` reaches forms and serializers but is not
    checked by the model (nor by the database), hence the explicit validator.
    """
    return [MaxLengthValidator(limit), multi_line]


def normalise_phone(value: str) -> str:
    """``value`` in international format (``+372 5123 4567``), or "" when it is no real number.

    Numbers without a country code are read as numbers of PHONE_DEFAULT_REGION.
    """
    try:
        number = phonenumbers.parse(value, settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    # Formatting adds spaces and "ext.": a number that no longer fits its
    # column is refused (or left as it was stored) rather than cut.
    return formatted if len(formatted) <= limits.PHONE else ""


def validate_phone(value: str) -> None:
    if value and (_SINGLE_LINE.search(value) or not normalise_phone(value)):
        raise ValidationError(
            _("Enter a phone number that can be dialled, e.g. +372 5123 4567."),
            code="invalid_phone",
        )


def check_fields(instance, *names: str) -> None:
    """Run the model's own checks of the named fields; ServiceError on the first refusal.

    For services that save typed text without a form: the limits and
    characters are the model's, so every face refuses the same input.
    """
    exclude = {f.name for f in instance._meta.concrete_fields} - set(names)
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ServiceError(
            " ".join(messages), field=None if field == NON_FIELD_ERRORS else field
        ) from error
