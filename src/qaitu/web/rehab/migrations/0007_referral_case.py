"""A referral keeps the case whose access it gives the partner, so that ending it ends that
access only, not the access another open referral to the same partner rests on."""

import django.db.models.deletion
from django.db import migrations, models


def case_of_earlier_referrals(apps, schema_editor):
    """An earlier referral's case is the one whose assignment names it ("referral N"); one no
    assignment names any longer (a later referral to the same partner took the note) keeps
    none and counts for each of the person's cases."""
    Assignment = apps.get_model("cases", "Assignment")
    Referral = apps.get_model("rehab", "Referral")
    for a in Assignment.objects.filter(note__startswith="referral ").select_related("case"):
        for pk in a.note.removeprefix("referral ").replace(",", " ").split():
            if pk.isdigit():
                Referral.objects.filter(pk=int(pk), person_id=a.case.person_id,
                                        to_id=a.user_id).update(case_id=a.case_id)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_case_formation_kind'),
        ('rehab', '0006_referral_track_and_end_reason'),
    ]

    operations = [
        migrations.AddField(
            model_name='referral',
            name='case',
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL,
                                    related_name='+', to='cases.case', verbose_name='case'),
        ),
        migrations.RunPython(case_of_earlier_referrals, migrations.RunPython.noop),
    ]
