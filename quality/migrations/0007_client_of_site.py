"""Inspections, corrective actions and ratings name their site's client.

The column is added empty and filled from the sites in one statement per
table; the next migration makes it required and indexes it (in its own
transaction: PostgreSQL does not alter a table whose rows were just checked
against a deferred foreign key).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

MODELS = ["inspection", "correctiveaction", "rating"]


def copy_the_client(apps, schema_editor):
    site = apps.get_model("clients", "Site")
    client_of_site = Subquery(site.objects.filter(pk=OuterRef("site_id")).values("client_id")[:1])
    for name in MODELS:
        apps.get_model("quality", name).objects.update(client_id=client_of_site)


def client_field() -> models.ForeignKey:
    return models.ForeignKey(
        editable=False,
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="clients.client",
        verbose_name="client",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0002_bounded_text_and_phones"),
        ("quality", "0006_action_site_queue"),
    ]

    operations = [
        *(
            migrations.AddField(model_name=name, name="client", field=client_field())
            for name in MODELS
        ),
        # Not elidable: a squashed migration without it would fail 0008 on existing rows.
        migrations.RunPython(copy_the_client, migrations.RunPython.noop),
    ]
