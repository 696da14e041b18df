"""The inspection templates of the company at scale: the demo's cleaning report and two more.

Retail sites are inspected with the Estonian "Kvaliteediseire raport" (the
demo's, the default), offices and warehouses with their own forms.
"""

from dataclasses import dataclass
from datetime import datetime

from common.audit import set_author
from common.benchdata import RawJson, to_json
from quality import demo
from quality.models import ActionDeadline, Area, Element, Template
from quality.models.actions import DEFAULT_HOURS
from quality.services.actions import hours_to_solve

# (English, Estonian, Russian, Chinese, weight)
GENERAL, FLOOR, HORIZONTAL, GLASS, FIXTURES = (
    demo.GENERAL,
    demo.FLOOR,
    demo.HORIZONTAL,
    demo.GLASS,
    demo.FIXTURES,
)
DESKS = ("Desks and tables", "Töölauad", "Рабочие столы", "办公桌", 2)
KITCHEN = ("Kitchen appliances", "Köögitehnika", "Кухонная техника", "厨房电器", 1)
BINS = ("Waste bins", "Prügikastid", "Мусорные корзины", "垃圾桶", 1)
DOCK = ("Loading dock", "Laadimisplatvorm", "Погрузочная рампа", "装卸平台", 2)
RACKS = ("Racks and shelves", "Riiulid", "Стеллажи", "货架", 1)
MACHINES = ("Machine surfaces", "Masinate pinnad", "Поверхности оборудования", "机器表面", 1)

OFFICE = (
    ("Office cleaning", "Kontorite koristus", "Уборка офисов", "办公室清洁"),
    [
        (("Reception", "Vastuvõtt", "Приёмная", "前台"), [GENERAL, FLOOR, GLASS]),
        (
            ("Open-plan offices", "Avatud kontor", "Открытые офисы", "开放式办公室"),
            [GENERAL, FLOOR, DESKS, BINS],
        ),
        (
            ("Meeting rooms", "Nõupidamisruumid", "Переговорные", "会议室"),
            [GENERAL, FLOOR, DESKS, GLASS],
        ),
        (("Kitchen", "Köök", "Кухня", "厨房"), [GENERAL, FLOOR, KITCHEN, BINS]),
        (
            ("Sanitary rooms", "Sanitaarruumid", "Санитарные помещения", "卫生间"),
            [GENERAL, FLOOR, FIXTURES, HORIZONTAL],
        ),
    ],
)
WAREHOUSE = (
    (
        "Warehouse and technical rooms",
        "Ladu ja tehnoruumid",
        "Склад и техпомещения",
        "仓库和技术间",
    ),
    [
        (("Loading area", "Laadimisala", "Зона погрузки", "装卸区"), [GENERAL, FLOOR, DOCK]),
        (("Storage halls", "Laohallid", "Складские залы", "仓储大厅"), [GENERAL, FLOOR, RACKS]),
        (("Technical rooms", "Tehnoruumid", "Техпомещения", "技术间"), [GENERAL, FLOOR, MACHINES]),
        (
            ("Staff rooms", "Olmeruumid", "Бытовые помещения", "员工休息室"),
            [GENERAL, FLOOR, FIXTURES, BINS],
        ),
    ],
)
RETAIL = (demo.TEMPLATE, demo.AREAS)
FORMS = {"retail": RETAIL, "office": OFFICE, "warehouse": WAREHOUSE}


@dataclass(frozen=True)
class Item:
    """One element as an inspection copies it: position, names (as data and as JSON), weight."""

    position: int
    area: dict
    element: dict
    area_json: RawJson
    element_json: RawJson
    weight: int


@dataclass(frozen=True)
class Form:
    id: int
    version: int
    names: dict
    names_json: RawJson
    items: tuple[Item, ...]
    # The areas a client rates: (id, names, JSON), in the template's order.
    areas: tuple[tuple[int, dict, RawJson], ...]


def _names(values) -> dict:
    en, et, ru, zh = values[:4]
    return {"name": en, "name_et": et, "name_ru": ru, "name_zh_hans": zh}


def make(when: datetime) -> dict[str, Form]:
    """The templates by trade (retail is the default), and the configured deadlines."""
    for score, hours in DEFAULT_HOURS.items():
        ActionDeadline.objects.get_or_create(score=score, defaults={"hours": hours})
    forms = {}
    for trade, (names, areas) in FORMS.items():
        template = Template(**_names(names), is_default=trade == "retail", is_active=True)
        set_author(template, by=None, when=when)
        template.save()
        for a_pos, (area_names, elements) in enumerate(areas, start=1):
            area = Area(template=template, position=a_pos, **_names(area_names))
            set_author(area, by=None, when=when)
            area.save()
            for e_pos, element in enumerate(elements, start=1):
                row = Element(area=area, position=e_pos, weight=element[4], **_names(element))
                set_author(row, by=None, when=when)
                row.save()
        forms[trade] = _form(template)
    return forms


def _form(template: Template) -> Form:
    """The template as ``inspections.blank_scores`` copies it into an inspection."""
    items, areas = [], []
    for area in template.areas.prefetch_related("elements"):
        area_names = area.names()
        areas.append((area.pk, area_names, to_json(area_names)))
        for element in area.elements.all():
            names = element.names()
            items.append(
                Item(
                    len(items) + 1,
                    area_names,
                    names,
                    to_json(area_names),
                    to_json(names),
                    element.weight,
                )
            )
    names = template.names()
    return Form(template.pk, template.version, names, to_json(names), tuple(items), tuple(areas))


def deadlines() -> dict[int, int]:
    """Hours to solve by score, read once through the service's own rule."""
    return {score: hours_to_solve(score) for score in (1, 2)}
