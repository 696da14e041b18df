"""Rows that list tags write in Python (see quality's ``action_row``)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext


def labelled_row(labels: tuple[str, ...], *cells: str) -> SafeString:
    """A row of a ``cd-table-stack`` table: each cell's HTML, already escaped,
    under its label (``RowLabels.of``) in ``data-label``, which a phone's
    stacked layout shows above the value."""
    pairs = zip(labels, cells, strict=True)
    tds = "".join(f'<td data-label="{label}">{html}</td>\n' for label, html in pairs)
    # The labels and cells are escaped by the caller.
    return mark_safe(f"<tr>\n{tds}</tr>")  # noqa: S308


class RowLabels:
    """A list's column names, translated and escaped once per page.

    A row tag is drawn 25 times a page, and a ``gettext`` of each label in
    each row was a fifth of a row's cost. Give the names untranslated
    (``gettext_noop``, which makemessages collects); ``of(context)`` keeps
    them translated in the template's render context, which lives as long as
    one rendering, so a language switched between pages is never stale.
    """

    def __init__(self, *names: str):
        self.names = names

    def of(self, context) -> tuple[str, ...]:
        """The names in the language being rendered, escaped for an attribute."""
        # The language in the key too: a template may switch it part-way.
        key = (self, get_language())
        labels = context.render_context.get(key)
        if labels is None:
            labels = context.render_context[key] = tuple(
                escape(gettext(name)) for name in self.names
            )
        return labels
