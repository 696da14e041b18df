from django.db import migrations, models


class Migration(migrations.Migration):
    # Apart from 0002: PostgreSQL refuses to alter a table with pending
    # trigger events in the transaction that filled it.
    dependencies = [
        ("api", "0002_token_expiry"),
    ]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
    ]
