"""A record's address, as ``reverse(name, args=[pk])`` gives it, without resolving each time.

A list shows a link per row, and Django's ``reverse`` looks the name up among
every pattern and checks the result against it on each call (10-15 µs): a
page of 25 rows with two links each spent a millisecond on it. The address
of a record differs from another's only in its id, so the first call for a
name reverses it once with a marker id, and later ones put the id in its place.
"""

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# A positive id no table reaches (PostgreSQL's largest integer), written once in any address.
_MARK = 2**31 - 1
_around_id: dict[tuple[str, str, str], tuple[str, str] | None] = {}


def record_url(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for a URL whose one argument is a record's integer id.

    Anything else (no id yet, a pattern the marker does not fit, an address
    holding the marker twice) is reversed as usual, and so raises what reverse
    raises. Addresses that differ by language (``i18n_patterns``) are not
    among ours; they would need the language in the key.
    """
    if type(pk) is not int or pk < 0:
        return reverse(name, args=[pk])
    key = (name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if key not in _around_id:
        try:
            marked = reverse(name, args=[_MARK])
        except NoReverseMatch:
            marked = ""
        head, mark, tail = marked.partition(str(_MARK))
        _around_id[key] = (head, tail) if mark and str(_MARK) not in head + tail else None
    parts = _around_id[key]
    if parts is None:
        return reverse(name, args=[pk])
    return f"{parts[0]}{pk}{parts[1]}"
