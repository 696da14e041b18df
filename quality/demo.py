"""The demo's quality monitoring: the Estonian "Kvaliteediseire raport" as a template,
inspection plans for the stores and offices, and half a year of inspections.

Run by ``manage.py seed_demo`` after the clients; running it again leaves
existing inspections alone. Every inspection and corrective action is made
through the services (with ``now=`` for the past), as people would make them.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from clients.models import Site
from events.bus import quietly
from quality.models import (
    ActionDeadline,
    Area,
    CorrectiveAction,
    Element,
    InspectionPlan,
    Template,
)
from quality.models.actions import DEFAULT_HOURS
from quality.services import actions, inspections

# (English, Estonian, Russian, Chinese)
GENERAL = ("General", "Üldine", "Общее", "总体", 2)
FLOOR = ("Floor", "Põrand", "Пол", "地面", 2)
SKIRTING = ("Skirting boards", "Põrandaliistud", "Плинтусы", "踢脚线", 1)
HORIZONTAL = (
    "Horizontal surfaces",
    "Horisontaalpinnad",
    "Горизонтальные поверхности",
    "水平表面",
    1,
)
GLASS = (
    "Glass surfaces up to 180 cm",
    "Klaaspinnad kuni 180 cm",
    "Стеклянные поверхности до 180 см",
    "180 厘米以下的玻璃表面",
    1,
)
FIXTURES = ("Sanitary fixtures", "Sanitaartehnika", "Сантехника", "卫生洁具", 2)

TEMPLATE = (
    "Cleaning quality",
    "Kvaliteediseire raport",
    "Контроль качества уборки",
    "清洁质量检查",
)
AREAS = [
    (("Entrance", "Sissepääs", "Вход", "入口"), [GENERAL, FLOOR, SKIRTING, GLASS]),
    (
        ("Sales area", "Müügisaal", "Торговый зал", "销售区"),
        [GENERAL, FLOOR, SKIRTING, HORIZONTAL, GLASS],
    ),
    (
        ("Offices", "Kontoriruumid", "Офисные помещения", "办公室"),
        [GENERAL, FLOOR, SKIRTING, HORIZONTAL],
    ),
    (
        ("Auxiliary rooms", "Abiruumid", "Подсобные помещения", "辅助用房"),
        [GENERAL, FLOOR, HORIZONTAL],
    ),
    (
        ("Sanitary rooms", "Sanitaarruumid", "Санитарные помещения", "卫生间"),
        [GENERAL, FLOOR, FIXTURES, HORIZONTAL],
    ),
]

# Remarks by score, and the work manager's solution, in the client's language.
REMARKS = {
    "et": {2: "Tolm riiulite all, prügi nurkades.", 3: "Mõned plekid, üldiselt korras."},
    "ru": {2: "Пыль под стеллажами, мусор в углах.", 3: "Есть пятна, в целом порядок."},
}
SOLUTION = {
    "et": "Koristaja juhendatud, ala puhastatud uuesti ja kontrollitud samal päeval.",
    "ru": "Уборщик проинструктирован, участок повторно убран и проверен в тот же день.",
}


def _names(values):
    en, et, ru, zh = values[:4]
    return {"name": en, "name_et": et, "name_ru": ru, "name_zh_hans": zh}


def template() -> Template:
    tpl, created = Template.objects.update_or_create(
        name=TEMPLATE[0], defaults={**_names(TEMPLATE), "is_default": True, "is_active": True}
    )
    if created or not tpl.areas.exists():
        for a_pos, (area_names, elements) in enumerate(AREAS, start=1):
            area = Area.objects.create(template=tpl, position=a_pos, **_names(area_names))
            for e_pos, element in enumerate(elements, start=1):
                Element.objects.create(
                    area=area, position=e_pos, weight=element[4], **_names(element)
                )
    return tpl


def _language(site) -> str:
    return "ru" if site.client.language == "ru" else "et"


def _inspection(site, inspector, when, rng, poor=()):
    """An inspection started, answered and submitted through the services, back in time."""
    inspection = inspections.start(site, by=inspector, now=when - timedelta(hours=1))
    for score in inspection.scores.all():
        names = (score.area_names["en"], score.element_names["en"])
        value = 2 if names in poor else rng.choice([3, 4, 4, 5, 5])
        if names == ("Offices", "Skirting boards"):
            inspections.answer(score, by=inspector, value="na", remark="", now=when)
            continue
        remark = REMARKS[_language(site)].get(value, "")
        inspections.answer(score, by=inspector, value=str(value), remark=remark, now=when)
    return inspections.submit(inspection, by=inspector, now=when)


def _follow_up(action, solved_at, *, checked_by=None):
    """The work manager solves the action; the director, if named, verifies it a day later."""
    site = action.site
    action = actions.solve(
        action,
        by=site.work_manager,
        solution=SOLUTION[_language(site)],
        expected_version=action.version,
        now=solved_at,
    )
    if checked_by is not None:
        actions.verify(
            action,
            by=checked_by,
            expected_version=action.version,
            now=solved_at + timedelta(days=1),
        )


@transaction.atomic
def seed():
    # The half year it writes is the past: kept in the audit trail, told to nobody.
    with quietly():
        _seed()


def _seed():
    for score, hours in DEFAULT_HOURS.items():
        ActionDeadline.objects.get_or_create(score=score, defaults={"hours": hours})
    tpl = template()
    inspector = User.objects.filter(email="liis.magi@clientdesk.example").first()
    if inspector is None:
        return
    rng = random.Random(7)  # noqa: S311 (demo scores, not security)
    now = timezone.now()
    sites = Site.objects.select_related("work_manager", "client").exclude(client__kind="person")
    for site in sites:
        InspectionPlan.objects.get_or_create(
            site=site,
            defaults={
                "template": tpl,
                "every": 4,
                "unit": InspectionPlan.Unit.WEEKS,
                "inspector": inspector,
                "starts_on": timezone.localdate(now) - timedelta(days=180),
            },
        )
        if site.inspections.exists() or site.work_manager is None:
            continue
        for months_ago in range(6, 0, -1):
            when = now - timedelta(days=28 * months_ago + rng.randint(0, 3))
            poor = {("Sales area", "Floor")} if months_ago == 3 else set()
            if months_ago == 1:
                poor = {("Sanitary rooms", "Sanitary fixtures")}
            inspection = _inspection(site, inspector, when, rng, poor)
            for action in CorrectiveAction.objects.filter(score__inspection=inspection):
                if months_ago == 1:
                    # Last month's finding was solved two days ago and awaits its check.
                    _follow_up(action, now - timedelta(days=2) + timedelta(hours=5))
                else:
                    _follow_up(action, when + timedelta(hours=5), checked_by=site.service_director)
