"""The inspection report as a PDF, like the paper "Kvaliteediseire raport", in any language.

Rendered by WeasyPrint from a template. It fetches nothing: photos are
embedded as data URIs and every other URL scheme is refused, so a report
cannot be made to read files or call the network.
"""

import base64

from django.template.loader import render_to_string
from django.utils.translation import get_language

from quality import queries
from quality.models import CorrectiveAction, Inspection

# WenQuanYi Micro Hei (fonts-wqy-microhei) has Chinese, Cyrillic and Estonian;
# naming the family keeps fontconfig from mixing fonts within a line.
FONTS = {"zh-hans": '"WenQuanYi Micro Hei", "DejaVu Sans"'}
DEFAULT_FONTS = '"DejaVu Sans", "WenQuanYi Micro Hei"'


def _data_uri(image_field) -> str:
    with image_field.open("rb") as handle:
        return "data:image/jpeg;base64," + base64.b64encode(handle.read()).decode()


def inspection_pdf(inspection: Inspection) -> bytes:
    """The report in the active language, of an inspection from ``queries.full_inspection``."""
    areas = queries.areas_of(inspection)
    photos = []
    for _area, scores in areas:
        for score in scores:
            for photo in score.photos.all():
                try:
                    photos.append((score, _data_uri(photo.thumbnail)))
                except FileNotFoundError:
                    continue
    actions = CorrectiveAction.objects.filter(score__inspection=inspection).select_related("owner")
    html = render_to_string(
        "quality/report/inspection.html",
        {
            "inspection": inspection,
            "areas": areas,
            "photos": photos,
            "actions": actions,
            "fonts": FONTS.get(get_language(), DEFAULT_FONTS),
            "grid": [1, 2, 3, 4, 5],
        },
    )
    # Imported here: WeasyPrint adds about 50 MB to a web worker, and most
    # workers never render a report (measured in bench/README.md).
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()
