"""The client of an inspection, corrective action and rating is required, and indexed."""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ["inspection", "correctiveaction", "rating"]


class Migration(migrations.Migration):
    dependencies = [("quality", "0007_client_of_site")]

    operations = [
        *(
            migrations.AlterField(
                model_name=name,
                name="client",
                field=models.ForeignKey(
                    editable=False,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to="clients.client",
                    verbose_name="client",
                ),
            )
            for name in MODELS
        ),
        migrations.AddIndex(
            model_name="inspection",
            index=models.Index(
                fields=["client", "-listed_at", "-id"], name="quality_inspection_client_list"
            ),
        ),
        migrations.AddIndex(
            model_name="inspection",
            index=models.Index(fields=["client", "-id"], name="quality_inspection_client_new"),
        ),
        migrations.AddIndex(
            model_name="correctiveaction",
            index=models.Index(
                fields=["client", "queue", "due_at", "id"], name="quality_action_client_queue"
            ),
        ),
        migrations.AddIndex(
            model_name="correctiveaction",
            index=models.Index(fields=["client", "-id"], name="quality_action_client_new"),
        ),
        migrations.AddIndex(
            model_name="rating",
            index=models.Index(fields=["client", "-id"], name="quality_rating_client_new"),
        ),
    ]
