"""Rows that list tags write in Python (see quality's ``action_row``)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe


def stacked_row(*cells: tuple[str, str]) -> SafeString:
    """A row of a ``cd-table-stack`` table: each cell given as (label, its
    HTML, already escaped), the label escaped into ``data-label``, which a
    phone's stacked layout shows above the value."""
    # The labels are escaped here, the cells' HTML by the caller.
    return mark_safe(  # noqa: S308
        "<tr>\n"
        + "".join(f'<td data-label="{escape(label)}">{html}</td>\n' for label, html in cells)
        + "</tr>"
    )
