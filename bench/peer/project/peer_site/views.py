"""The peer's own ceiling pages, measured in the same run as its real pages.

They mirror Clientdesk's ceiling pages in `make bench`: what this machine
serves with this stack when the application does (almost) nothing, so each
real page is read as a fraction of it.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from helpdesk.models import Ticket

CEILING_ROWS = 50


def bare(request):
    """A bare Django view: no session, no database, no template."""
    return HttpResponse(b"ok", content_type="text/plain")


@login_required
def fifty_rows(request):
    """50 tickets from one query on the primary key's index, in helpdesk's base template.

    Logged in (session and user queries, as every staff page) and with
    helpdesk's layout (its navigation runs the saved-searches query), so the
    difference to a real page is what that page does beyond listing 50 rows.
    """
    tickets = Ticket.objects.only("id", "title", "status", "priority", "created").order_by("-id")[
        :CEILING_ROWS
    ]
    return render(request, "peer_site/fifty_rows.html", {"tickets": tickets})
