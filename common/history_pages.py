"""A record's history a page at a time: the newest changes, then older ones.

A client's history (the client, its 200 sites, its people) grows for years;
a page shows ``PAGE_SIZE`` changes and links to the ones before them, from
where the page ended (``Entry.position``), as the lists' keyset pages do.
"""

from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string

from common import fragments
from common.audit import Entry, history_entries
from common.keyset import PAGE_SIZE, decode_cursor, encode_cursor

PARAM = "history_before"
# History rows' ids are 32-bit: a larger one in a forged cursor would not fit the query.
LARGEST_ID = 2**31 - 1


@dataclass
class HistoryPage:
    """One page of changes; ``older`` is the cursor of the page after it, if any."""

    entries: list[Entry]
    older: str | None
    is_first: bool
    path: str

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    @property
    def older_url(self) -> str | None:
        return f"{self.path}?{PARAM}={self.older}" if self.older else None


def history_page(request, *histories, per_page: int = PAGE_SIZE) -> HistoryPage:
    """The page of ``histories`` (history querysets, as ``history_entries`` takes
    them) that the request's ``history_before`` asks for: the newest without
    it, or with one that is not a position in these histories."""
    before = _position(request.GET.get(PARAM), len(histories))
    # One change more than the page shows tells whether an older page exists.
    entries = history_entries(*histories, limit=per_page + 1, before=before)
    shown = entries[:per_page]
    older = None
    if len(entries) > per_page and shown[-1].position is not None:
        older = encode_cursor(list(shown[-1].position))
    return HistoryPage(shown, older, is_first=before is None, path=request.path)


def history_section(request, kept_as: tuple[str, int, str], *histories) -> str:
    """The history's section of a record's page (common/_history.html), with
    ``history_page``'s page of ``histories``.

    Its newest page is kept rendered (``common.fragments.kept``) as the part
    ``kept_as`` names: (scope, record, audience) of a token that whatever
    saves or deletes a record of these histories drops (a history row is
    written by that same save). Older pages are rendered when asked for, and
    so is a page answering a form (its links would carry the form's address).
    """

    def render() -> str:
        page = history_page(request, *histories)
        return render_to_string("common/_history.html", {"history": page})

    if PARAM in request.GET or request.method != "GET":
        return render()
    scope, pk, audience = kept_as
    parts = fragments.kept(scope, pk, audience, lambda: ({"history": render()}, fragments.MAX_AGE))
    return parts["history"]


def _position(cursor: str | None, histories: int) -> tuple[datetime, int, int] | None:
    values = decode_cursor(cursor, 3)
    if values is None:
        return None
    when, index, history_id = values
    if not isinstance(when, datetime) or type(index) is not int or type(history_id) is not int:
        return None
    # Near year 1 or 9999 a time with an offset does not fit the database's.
    if not 2 <= when.year <= 9998:
        return None
    if not (0 <= index < histories and 0 <= history_id <= LARGEST_ID):
        return None
    return when, index, history_id
