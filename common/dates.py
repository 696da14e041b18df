"""Dates and times in the reader's short format, as Django's ``date`` filter writes them, faster.

A list shows a date or two in each of its rows. Django's filter reads the
format string character by character through ``DateFormat`` each time (some
70 µs a date, a sixth of a row); here a format is split once per language
into its parts, and the numeric ones ("d", "m", "Y", "H", "i"…) are written
straight from the value. The others (a month's name, English "p.m." and
"noon") are left to ``DateFormat``, so the text is Django's own in every
language (``common/tests/test_dates.py`` holds it to that).
"""

import datetime
import functools
from collections.abc import Callable

from django.utils import formats, timezone
from django.utils.dateformat import DateFormat, re_escaped, re_formatchars

# The format names rows write their dates in (``local_format``).
SHORT_DATETIME = "SHORT_DATETIME_FORMAT"
SHORT_DATE = "SHORT_DATE_FORMAT"

Part = str | Callable[[datetime.date], str]

_NUMERIC: dict[str, Callable[[datetime.date], str]] = {
    "d": lambda value: f"{value.day:02d}",
    "j": lambda value: str(value.day),
    "m": lambda value: f"{value.month:02d}",
    "n": lambda value: str(value.month),
    "Y": lambda value: f"{value.year:04d}",
    "y": lambda value: f"{value.year % 100:02d}",
    "H": lambda value: f"{value.hour:02d}",  # type: ignore[attr-defined]
    "G": lambda value: str(value.hour),  # type: ignore[attr-defined]
    "i": lambda value: f"{value.minute:02d}",  # type: ignore[attr-defined]
    "s": lambda value: f"{value.second:02d}",  # type: ignore[attr-defined]
}


def _by_django(char: str) -> Callable[[datetime.date], str]:
    return lambda value: str(DateFormat(value).format(char))


@functools.lru_cache(maxsize=128)
def _parts(format_string: str) -> tuple[Part, ...]:
    """The format's literal texts and, for its characters, what writes each."""
    parts: list[Part] = []
    for index, piece in enumerate(re_formatchars.split(format_string)):
        if index % 2:
            parts.append(_NUMERIC.get(piece) or _by_django(piece))
        elif piece:
            parts.append(re_escaped.sub(r"\1", piece))
    return tuple(parts)


def local_format(value, format_name: str, *, to_local_time: bool = True) -> str:
    """``value`` (a date, or a time shown in the current time zone) in the
    current language's ``format_name`` (e.g. ``SHORT_DATETIME_FORMAT``).

    A template filter passes ``to_local_time=False``: the template has
    converted the time already, or not where it says ``{% localtime off %}``."""
    if value is None or value == "":
        return ""
    if to_local_time and isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    written = []
    try:
        for part in _parts(str(formats.get_format(format_name))):
            written.append(part if isinstance(part, str) else part(value))
    except (AttributeError, TypeError):
        # Not a date, or a day where a time was asked for: Django's filter
        # writes nothing or raises; a row shows nothing rather than fail.
        return ""
    return "".join(written)
