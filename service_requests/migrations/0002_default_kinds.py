"""The five kinds of request the product starts with (administrators add more)."""

from django.db import migrations

KINDS = [
    # code, procedure, position, en, et, ru, zh-hans
    ("complaint", "complaint", 10, "Complaint", "Kaebus", "Жалоба", "投诉"),
    ("order", "short", 20, "Order", "Tellimus", "Заказ", "订单"),
    ("question", "short", 30, "Question", "Küsimus", "Вопрос", "咨询"),
    ("praise", "short", 40, "Praise", "Kiitus", "Благодарность", "表扬"),
    ("information", "short", 50, "Other information", "Muu teave", "Прочая информация", "其他信息"),
]


def add_kinds(apps, schema_editor):
    RequestKind = apps.get_model("service_requests", "RequestKind")
    for code, procedure, position, en, et, ru, zh in KINDS:
        RequestKind.objects.get_or_create(
            code=code,
            defaults={
                "procedure": procedure,
                "position": position,
                "name": en,
                "name_et": et,
                "name_ru": ru,
                "name_zh_hans": zh,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("service_requests", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
