"""Parts of a page kept rendered in the cache until what they show changes.

A site's quality page reads its trend, latest inspection, poor scores and
corrective actions: four queries and most of the page's time, for data that
changes a few times a month. Those parts are rendered once and kept under a
key that holds a *token* of the record they describe; whatever changes the
record's data calls ``changed``, which drops the token at once and again
once the change is committed, so the next request renders afresh under a
new token and older renders are never asked for again.

What makes a kept part right for everyone who is served it:

- it holds only what every reader of its ``audience`` sees of the record (the
  record's own access check runs on every request, outside the part), never
  a form (a CSRF token is a session's own) nor a reader's own data;
- the key holds the language and the time zone it was written in, and this
  process's own mark: a new release's templates, or a database restored
  under the same ids, are never served a render of the process before
  (restart the app after restoring a database, as after a release);
- its render says how long it stays true by itself: until the next deadline
  it shows passes, at most ``MAX_AGE`` (what no receiver hears of, such as
  a person named in a history being renamed, shows within that time).

The token is read before the data: a change committed after the token was
read is rendered under the old token, which nobody asks for again. The
cache is the ``fragments`` alias (settings.CACHES); when it fails, pages
are rendered afresh and changes are saved all the same.
"""

import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

# How long a render stays at most, whatever its data.
MAX_AGE = 300
# A token outlives the renders it names; lost, it is made anew (a miss).
TOKEN_AGE = 7 * 24 * 3600
# This process's mark in every render's key (see above).
_PROCESS = uuid.uuid4().hex[:12]


def _cache():
    return caches["fragments"]


def _token_key(scope: str, pk: int) -> str:
    return f"fragment-token:{scope}:{int(pk)}"


def token(scope: str, pk: int) -> str | None:
    """The current token of the record ``pk`` of ``scope`` (made if there is
    none); None when the cache cannot be reached."""
    key = _token_key(scope, pk)
    try:
        current = _cache().get(key)
        if current is None:
            current = uuid.uuid4().hex
            # Two first readers may both set one: each renders under its own, both right.
            _cache().set(key, current, TOKEN_AGE)
    except Exception:
        logger.warning("The cache of kept page parts cannot be reached.", exc_info=True)
        return None
    return current


def changed(scope: str, pk: int) -> None:
    """The data shown of the record ``pk`` of ``scope`` changed: its kept parts
    are renewed, now and again once the change is committed.

    Now, so that the changing request (and a test, inside its transaction)
    reads its own change; after the commit, because a reader may have kept
    the data as it was before it, under a token made in between. The token
    is dropped rather than replaced: the next reader makes a new one, and a
    record nobody has read since costs the cache nothing. A cache that
    cannot be reached does not stop the change (its renders end with MAX_AGE).
    """
    key = _token_key(scope, pk)
    _drop(key)
    transaction.on_commit(lambda: _drop(key))


def _drop(key: str) -> None:
    try:
        _cache().delete(key)
    except Exception:
        logger.warning("The cache of kept page parts cannot be reached.", exc_info=True)


def kept(
    scope: str,
    pk: int,
    audience: str,
    render: Callable[[], tuple[dict[str, Any], int]],
) -> dict[str, Any]:
    """The parts of record ``pk`` that ``render`` writes for ``audience``, from
    the cache or rendered now and kept.

    ``render`` returns the parts by name, each either HTML rendered by the
    template engine (a string, served as safe: never a plain text) or a plain
    value the page needs beside them (a list of ids), and how many seconds
    they stay true (at most ``MAX_AGE``; 0 keeps nothing).
    """
    current = token(scope, pk)
    if current is None:
        parts, _max_age = render()
        return _served(parts)
    key = ":".join(
        (
            "fragment",
            _PROCESS,
            scope,
            str(int(pk)),
            current,
            audience,
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
        )
    )
    try:
        parts = _cache().get(key)
    except Exception:
        logger.warning("The cache of kept page parts cannot be reached.", exc_info=True)
        parts = None
    if parts is None:
        parts, max_age = render()
        if max_age > 0:
            try:
                _cache().set(key, parts, min(max_age, MAX_AGE))
            except Exception:
                logger.warning("The cache of kept page parts cannot be reached.", exc_info=True)
    return _served(parts)


def _served(parts: dict[str, Any]) -> dict[str, Any]:
    # Rendered by the template engine, which escaped every value in them.
    return {
        name: mark_safe(part) if isinstance(part, str) else part  # noqa: S308
        for name, part in parts.items()
    }
