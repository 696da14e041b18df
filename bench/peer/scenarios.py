"""What `make bench-peer` measures of django-helpdesk, and how each request is built.

Each scenario has a ``kind`` that says which of Clientdesk's scenarios it
stands beside in the report: ``ceiling-bare`` and ``ceiling-page`` (the two
ceilings), ``list`` (a list page), ``list-rows`` (the request that fills a
list's rows, which helpdesk makes by AJAX after its page), ``record`` (one
record's page) and ``dashboard``.

The rows request is built from the ticket list page itself (its DataTables
URL, page length and columns), so it is the request a browser makes when the
page loads: the default query (open and reopened tickets, by creation date),
first page.
"""

import html
import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode


@dataclass(frozen=True)
class Scenario:
    """One measured request: a name for the table, its kind, its path, what it shows."""

    name: str
    kind: str
    path: str
    what: str


def scenarios(ticket_id: int, list_page_html: str) -> list[Scenario]:
    """Every scenario, the ceilings first and the ceiling page again last.

    The rows requests are built from the list page's own markup.
    """
    rows_path, page_length = datatables_request(list_page_html)
    rows_50_path = datatables_request(list_page_html, length=50)[0]
    ceiling_page = Scenario(
        "ceiling: 50 rows, logged in",
        "ceiling-page",
        "/ceiling/fifty-rows/",
        "50 tickets from one query on the primary key, in helpdesk's base template, logged in",
    )
    return [
        Scenario(
            "ceiling: bare view",
            "ceiling-bare",
            "/ceiling/bare/",
            "a Django view answering 2 bytes: no session, database or template",
        ),
        ceiling_page,
        Scenario(
            "ticket list (page)",
            "list",
            "/helpdesk/tickets/",
            "helpdesk's ticket list page as staff: filters, saved queries, the table without rows",
        ),
        Scenario(
            f"ticket list rows (AJAX, first {page_length})",
            "list-rows",
            rows_path,
            f"the DataTables request the list page makes on load: default query, first"
            f" page of {page_length} rows (the staff user's tickets_per_page)",
        ),
        Scenario(
            "ticket list rows (AJAX, 50)",
            "list-rows-50",
            rows_50_path,
            "the same request for 50 rows, the row count of Clientdesk's lists"
            " (not what the page asks by default)",
        ),
        Scenario(
            "ticket (4 follow-ups)",
            "record",
            f"/helpdesk/tickets/{ticket_id}/",
            "one ticket's page as staff: its follow-ups and the update form",
        ),
        Scenario(
            "dashboard",
            "dashboard",
            "/helpdesk/dashboard/",
            "helpdesk's staff dashboard: the user's tickets, unassigned tickets, statistics",
        ),
        # Again at the end, as `make bench` does: the ratios use the mean of both runs.
        replace(ceiling_page, name="ceiling: 50 rows, logged in (again, last)"),
    ]


def datatables_request(list_page_html: str, length: int | None = None) -> tuple[str, int]:
    """The path and query of the rows request the ticket list page makes, and its page length.

    DataTables (server-side mode) sends draw, start, length, the global search
    and one group of parameters per column; the page sets no initial order.
    """
    url = re.search(r'"url":\s*"(/[^"]*datatables_ticket_list/[^"]*)"', list_page_html)
    page_length = re.search(r"data-page-length='(\d+)'", list_page_html)
    block = re.search(r"columns:\s*\[(.*?)\]\s*,\s*order:", list_page_html, re.S)
    if not (url and page_length and block):
        raise RuntimeError("The ticket list page no longer holds its DataTables settings.")
    columns = re.findall(r'data:\s*"(\w+)"', block.group(1))
    params: list[tuple[str, str]] = [("draw", "1")]
    for index, column in enumerate(columns):
        prefix = f"columns[{index}]"
        params += [
            (f"{prefix}[data]", column),
            (f"{prefix}[name]", ""),
            (f"{prefix}[searchable]", "true"),
            # The check-box column is the one the page marks orderable: false.
            (f"{prefix}[orderable]", "false" if index == 0 else "true"),
            (f"{prefix}[search][value]", ""),
            (f"{prefix}[search][regex]", "false"),
        ]
    rows = length or int(page_length.group(1))
    params += [
        ("start", "0"),
        ("length", str(rows)),
        ("search[value]", ""),
        ("search[regex]", "false"),
    ]
    return f"{html.unescape(url.group(1))}?{urlencode(params)}", int(page_length.group(1))
