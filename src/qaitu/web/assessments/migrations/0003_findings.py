"""Assessments store what the law found once, in no language, and render it for each reader.

Earlier snapshots keep the result they stored per language (``result``, ``results_i18n``) and
are shown from it: a snapshot is never rewritten. The column is nullable, so adding it is one
``ADD COLUMN`` that leaves the append-only triggers of 0002 in place.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_immutable")]
    operations = [
        migrations.AddField(
            model_name="assessment",
            name="findings",
            field=models.JSONField(blank=True, null=True),
        ),
    ]
