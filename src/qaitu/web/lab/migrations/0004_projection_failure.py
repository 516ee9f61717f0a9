"""Why a projection failed is stored as data in no language (``Projection.failure``), as an
assessment run's is: a failure stored before as English text is kept as its text, said as
written (``legacy``), one lost with its worker by its key; going back, each is written out in
English."""

from django.db import migrations, models

from qaitu.web.assessments.failure import failure_text, legacy, lost


def to_data(apps, schema_editor):
    Projection = apps.get_model("lab", "Projection")
    for p in Projection.objects.exclude(error="").only("pk", "error", "lost_at"):
        failure = lost() if p.lost_at else legacy(p.error)
        Projection.objects.filter(pk=p.pk).update(failure=failure)


def to_text(apps, schema_editor):
    Projection = apps.get_model("lab", "Projection")
    for p in Projection.objects.exclude(failure={}).only("pk", "failure"):
        Projection.objects.filter(pk=p.pk).update(error=failure_text(p.failure, "en"))


class Migration(migrations.Migration):
    dependencies = [("lab", "0003_projection_lost_at")]

    operations = [
        migrations.AddField("projection", "failure", models.JSONField(blank=True, default=dict)),
        migrations.RunPython(to_data, to_text),
        migrations.RemoveField("projection", "error"),
    ]
