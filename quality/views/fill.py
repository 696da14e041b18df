"""Filling in an inspection on a phone: every answer and photo is saved as it is given."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import ServiceError
from common.views import run_action, staff_required
from quality import access, queries
from quality.models import Inspection, Score
from quality.services import inspections as services
from quality.states import INSPECTIONS


def _draft_for(user, pk) -> Inspection:
    inspection = access.get_inspection_for(user, pk)
    if not access.can_fill(user, inspection):
        raise PermissionDenied
    return inspection


def _score_for(user, pk) -> Score:
    score = access.get_score_for(user, pk)
    if not access.can_fill(user, score.inspection):
        raise PermissionDenied
    return score


def _progress(scores) -> dict:
    scores = list(scores)
    return {"answered": sum(s.is_answered for s in scores), "total": len(scores)}


def _without_htmx(request, score, error):
    """The same answer for a browser without JavaScript: back to the element on the form."""
    if error:
        messages.error(request, error)
    return redirect(f"{score.inspection.get_staff_url()}#score-{score.pk}")


@staff_required
def fill(request, pk):
    inspection = queries.full_inspection(request.user, pk)
    if not INSPECTIONS.allows(inspection, "answer"):
        # A published inspection is read on its page.
        return redirect("quality:inspection_detail", inspection.pk)
    if not access.can_fill(request.user, inspection):
        raise PermissionDenied
    areas = queries.areas_of(inspection)
    scores = [score for _area, items in areas for score in items]
    return render(
        request,
        "quality/staff/fill.html",
        {
            "inspection": inspection,
            "areas": areas,
            "progress": _progress(scores),
            "values": ["1", "2", "3", "4", "5"],
            "missing": services.missing(scores),
            # Set by a refused submit: the to-do list then says it was refused.
            "refused": request.GET.get("refused") == "1",
        },
    )


@require_POST
@staff_required
def score_save(request, pk):
    score = _score_for(request.user, pk)
    error = None
    try:
        score = services.answer(
            score,
            by=request.user,
            value=request.POST.get("value", ""),
            remark=request.POST.get("remark", ""),
        )
    except ServiceError as refused:
        error = refused.message
    if not request.htmx:
        return _without_htmx(request, score, error)
    # The counter and the to-do list ride along (out of band), so they follow every answer.
    scores = list(score.inspection.scores.all())
    return render(
        request,
        "quality/staff/fill.html#saved",
        {
            "score": score,
            "error": error,
            "progress": _progress(scores),
            "missing": services.missing(scores),
            "just_saved": True,
        },
    )


@require_POST
@staff_required
def photo_add(request, pk):
    score = _score_for(request.user, pk)
    error = None
    uploads = request.FILES.getlist("photo")
    if not uploads:
        error = _("Choose a photo first.")
    for upload in uploads:
        try:
            services.add_photo(score, upload, by=request.user)
        except ServiceError as refused:
            error = refused.message
            break
    if not request.htmx:
        return _without_htmx(request, score, error)
    return render(
        request,
        "quality/staff/fill.html#photos",
        {"score": score, "photos": score.photos.only("id"), "photo_error": error},
    )


@require_POST
@staff_required
def photo_delete(request, pk):
    photo = access.get_photo_for(request.user, pk)
    score = photo.score
    if score is None or not access.can_fill(request.user, score.inspection):
        raise PermissionDenied
    run_action(request, lambda: services.remove_photo(photo, by=request.user), _("Photo removed."))
    if request.htmx:
        return render(
            request,
            "quality/staff/fill.html#photos",
            {"score": score, "photos": score.photos.only("id")},
        )
    return redirect(f"{score.inspection.get_staff_url()}#score-{score.pk}")


@require_POST
@staff_required
def remarks(request, pk):
    inspection = _draft_for(request.user, pk)
    error = None
    try:
        services.set_remarks(inspection, by=request.user, remarks=request.POST.get("remarks", ""))
    except ServiceError as refused:
        error = refused.message
    if not request.htmx:
        return redirect(inspection.get_staff_url())
    return render(
        request, "quality/staff/fill.html#remarks_saved", {"error": error, "just_saved": True}
    )


@require_POST
@staff_required
def submit(request, pk):
    inspection = _draft_for(request.user, pk)
    try:
        services.submit(inspection, by=request.user)
    except services.NotReadyToSubmit:
        # The form's to-do list names every missing answer; a message would say it twice.
        return redirect(
            f"{reverse('quality:inspection_fill', args=[inspection.pk])}?refused=1#todo"
        )
    except ServiceError as refused:
        messages.error(request, refused.message)
        return redirect("quality:inspection_fill", inspection.pk)
    messages.success(request, _("The inspection is published. The client sees it now."))
    return redirect("quality:inspection_detail", inspection.pk)


@require_POST
@staff_required
def discard(request, pk):
    inspection = _draft_for(request.user, pk)
    site_pk = inspection.site_id
    if run_action(
        request,
        lambda: services.discard(inspection, by=request.user),
        _("The draft is deleted."),
    ):
        return redirect("quality:site", site_pk)
    return redirect("quality:inspection_fill", inspection.pk)
