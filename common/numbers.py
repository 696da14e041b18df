"""Numbers in the reader's format, as Django's ``formats.localize`` writes them.

``localize`` looks up the language's separators and grouping and walks the
digits on every call: about 80 function calls a number. A list shows a
quality index a row, and the same few hundred values again and again, so
each value is localized once per language and kept (``NUMBERS_KEPT``, the
least recently used dropped first).
"""

import functools
from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language

NUMBERS_KEPT = 4096


# The types whose text gives back the same number (not bool: bool("False") is True).
KEPT_TYPES = (Decimal, int, float)


def local_number(value: Decimal | int | float) -> str:
    """``value`` written as ``formats.localize`` writes it in the current language."""
    kind = type(value)
    if kind not in KEPT_TYPES:
        return str(formats.localize(value))
    # The text, not the number, is the key: Decimal("87.5") and
    # Decimal("87.50") are equal, but are written differently.
    return _localized(kind, str(value), get_language())


@functools.lru_cache(maxsize=NUMBERS_KEPT)
def _localized(kind: type, text: str, language: str | None) -> str:
    return str(formats.localize(kind(text)))


def forget_numbers(**kwargs) -> None:
    """Drop every kept number: a changed setting (in tests) may write them differently."""
    _localized.cache_clear()
