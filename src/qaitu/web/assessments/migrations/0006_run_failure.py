"""Why a run failed is stored as data in no language (``Run.failure``), not as English text:
a failure stored before is kept as its text, said as written (``legacy``); going back, each
failure is written out in English."""

from django.db import migrations, models

from qaitu.web.assessments.failure import failure_text, legacy


def to_data(apps, schema_editor):
    Run = apps.get_model("assessments", "Run")
    for run in Run.objects.exclude(error="").only("pk", "error"):
        Run.objects.filter(pk=run.pk).update(failure=legacy(run.error))


def to_text(apps, schema_editor):
    Run = apps.get_model("assessments", "Run")
    for run in Run.objects.exclude(failure={}).only("pk", "failure"):
        Run.objects.filter(pk=run.pk).update(error=failure_text(run.failure, "en"))


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_encrypt_assessment_facts")]

    operations = [
        migrations.AddField("run", "failure", models.JSONField(blank=True, default=dict)),
        migrations.RunPython(to_data, to_text),
        migrations.RemoveField("run", "error"),
    ]
