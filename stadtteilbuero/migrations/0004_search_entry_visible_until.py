"""Search entries keep when their object stops being public by itself (past events)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stadtteilbuero", "0003_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="visible_until",
            field=models.DateTimeField(blank=True, null=True, verbose_name="visible until"),
        ),
    ]
