"""A referral says which track of the plan it serves (a religious-counselling referral rests
on the person's consent) and why it ended (by hand, its consent revoked or lapsed, the
programme closed)."""

from django.db import migrations, models


def track_of_earlier_referrals(apps, schema_editor):
    """Referrals made before the track was recorded: to a psychologist, the psychological
    track; any other (mentoring, a social service), the social one. None was religious: the
    form offered no such referral."""
    Referral = apps.get_model("rehab", "Referral")
    Referral.objects.filter(to__role="psychologist").update(track="psychological")


class Migration(migrations.Migration):

    dependencies = [
        ('rehab', '0005_dropped_goal_reason_and_consent_ended_by_closure'),
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='referral',
            name='track',
            field=models.CharField(choices=[
                ('legal', 'Legal'), ('psychological', 'Psychological'), ('social', 'Social'),
                ('religious', 'Religious counselling (by consent only)')],
                default='social', max_length=14, verbose_name='track'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='referral',
            name='ended_because',
            field=models.CharField(blank=True, choices=[
                ('', 'ended by the programme'),
                ('consent_revoked', 'the consent it rested on was revoked'),
                ('consent_lapsed', 'the consent it rested on is no longer in force'),
                ('programme_closed', 'the programme was closed')], max_length=16,
                verbose_name='why it ended'),
        ),
        migrations.RunPython(track_of_earlier_referrals, migrations.RunPython.noop),
    ]
