"""Quality records for tests, made through the same services the pages use."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from quality.models import Area, Element, Template
from quality.services import inspections

# (area, [(element, weight)]) in English; other languages get a marked copy.
LAYOUT = [
    ("Entrance", [("General", 2), ("Floor", 2), ("Glass up to 180 cm", 1)]),
    ("Sanitary rooms", [("General", 2), ("Fixtures", 1)]),
]


def template(name="Cleaning", *, default=True, layout=LAYOUT) -> Template:
    """A template with Estonian and Chinese names: "Floor" is "Põrand ET" and "Floor 中"."""
    tpl = Template.objects.create(
        name=name, name_et=f"{name} ET", name_zh_hans=f"{name} 中", is_default=default
    )
    for a_pos, (area_name, elements) in enumerate(layout, start=1):
        area = Area.objects.create(
            template=tpl,
            position=a_pos,
            name=area_name,
            name_et=f"{area_name} ET",
            name_zh_hans=f"{area_name} 中",
        )
        for e_pos, (element_name, weight) in enumerate(elements, start=1):
            Element.objects.create(
                area=area,
                position=e_pos,
                name=element_name,
                name_et=f"{element_name} ET",
                name_zh_hans=f"{element_name} 中",
                weight=weight,
            )
    return tpl


def default_template() -> Template:
    return Template.objects.filter(is_default=True).first() or template()


def fill(inspection, values, remark="Dust under the shelves"):
    """Answer the draft's elements in order with ``values`` ("1"–"5" or "na")."""
    for score, value in zip(inspection.scores.order_by("position"), values, strict=True):
        inspections.answer(
            score,
            by=inspection.inspector,
            value=str(value),
            remark=remark if str(value) in {"1", "2"} else "",
        )


def published(site, inspector, values=(5, 4, 5, 2, "na")):
    """A published inspection of ``site`` with the default template's five elements."""
    default_template()
    draft = inspections.start(site, by=inspector)
    fill(draft, values)
    return inspections.submit(draft, by=inspector)


def photo_upload(name="floor.jpg", *, size=(64, 48), fmt="JPEG", exif_gps=False):
    """A real picture as a browser would upload it, optionally with a GPS position."""
    buffer = BytesIO()
    image = Image.new("RGB", size, (200, 40, 40))
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        gps = exif.get_ifd(0x8825)
        gps[1] = "N"
        gps[2] = (59.0, 26.0, 0.0)
        exif[0x010F] = "PhoneMaker"
        kwargs["exif"] = exif
    image.save(buffer, fmt, **kwargs)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
