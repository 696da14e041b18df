"""Quality in the client portal: what the inspections found and how it was fixed."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clients.access import get_site_for
from common.views import client_user_required, save_form
from quality import access, kept, queries
from quality.forms import RatingForm
from quality.services import ratings as rating_services

MY_RATINGS = 3


@client_user_required
def site(request, pk):
    """How quality goes at a site: its latest inspection (what scored 2 or lower;
    the whole inspection is a tap away), the trend, the corrective actions.
    All but the reader's own ratings are kept rendered (``quality.kept``)."""
    site = access.get_site_for_portal(request.user, pk)
    return render(
        request,
        "quality/portal/site.html",
        {
            "site": site,
            "parts": kept.portal_parts(request.user, site),
            "can_rate": site.rateable,
            # Read only when there are some: most readers have not rated most sites.
            "my_ratings": queries.latest_ratings(
                request.user, site, MY_RATINGS, author=request.user
            )
            if site.rated_by_reader
            else [],
        },
    )


@client_user_required
def inspection_detail(request, pk):
    inspection = queries.inspection_of(request.user, pk)
    return render(
        request,
        "quality/portal/inspection_detail.html",
        {"inspection": inspection, "parts": kept.score_parts(inspection, portal=True)},
    )


@client_user_required
def action_detail(request, pk):
    action = access.get_action_for(request.user, pk)
    return render(
        request,
        "quality/portal/action_detail.html",
        {
            "action": action,
            "photos": queries.action_photos(action),
            "problem_photos": queries.problem_photos(request.user, action),
        },
    )


@client_user_required
def rate(request, pk):
    site = get_site_for(request.user, pk)
    if not access.can_rate(request.user, site):
        raise PermissionDenied
    areas = rating_services.areas_for(site)
    form = RatingForm(request.POST or None, areas=areas)
    rating = save_form(
        form,
        lambda: rating_services.rate(
            site, by=request.user, scores=form.scores(), comment=form.cleaned_data["comment"]
        ),
        request,
        _("Thank you. Your rating is saved and your service team is told."),
    )
    if rating:
        return redirect("portal_quality:site", site.pk)
    return render(request, "quality/portal/rate.html", {"site": site, "form": form})
