"""Photos and PDF reports, for staff and clients alike, behind the access checks."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from quality import access, queries, report

SIZES = {"full": "image", "thumb": "thumbnail"}


@login_required
def photo(request, pk, size):
    if size not in SIZES:
        raise Http404
    found = access.get_photo_for(request.user, pk)
    image = getattr(found, SIZES[size])
    try:
        handle = image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    # Photos never change: the same id always shows the same picture.
    response["Cache-Control"] = "private, max-age=86400, immutable"
    return response


def _report_file_name(inspection, language) -> str:
    """inspection-2026-11-30-mammu-et.pdf: a saved copy says its day, site and language."""
    day = timezone.localdate(inspection.published_at)
    site = slugify(inspection.site.name) or "site"
    return f"inspection-{day:%Y-%m-%d}-{site}-{language}.pdf"


@login_required
def inspection_report(request, pk):
    inspection = queries.full_inspection(request.user, pk)
    if inspection.is_draft:
        raise Http404
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language") or translation.get_language()
    if language not in languages:
        raise Http404
    with translation.override(language):
        pdf = report.inspection_pdf(inspection)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, _report_file_name(inspection, language)
    )
    response["Cache-Control"] = "private, no-store"
    return response
