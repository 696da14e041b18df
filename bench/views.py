"""The machine's ceiling, measured in the same run as every page.

``bare``: Django answering without session, database or template; the most any
page could do. ``fifty_rows``: the least a logged-in page of ours costs: the
session and user, our base layout with its menu and bell, and 50 rows from one
query on an index. Each page's requests per second are divided by this one's.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from clients.models import Site


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


@login_required
def fifty_rows(request):
    # The primary key's index: no sort, no count, no join.
    sites = Site.objects.order_by("pk").only("pk", "name", "address")[:50]
    return render(request, "bench/fifty_rows.html", {"sites": sites})
