"""A consent names the organisations it shares with. A consent recorded before names none and
keeps its meaning: any user of the roles it names."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_alter_user_role'),
        ('rehab', '0007_referral_case'),
    ]

    operations = [
        migrations.CreateModel(
            name='ConsentAgency',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name='ID')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                             related_name='+', to='accounts.agency')),
                ('consent', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                              to='rehab.consent')),
            ],
            options={
                'unique_together': {('consent', 'agency')},
            },
        ),
        migrations.AddField(
            model_name='consent',
            name='agencies',
            field=models.ManyToManyField(blank=True, related_name='+',
                                         through='rehab.ConsentAgency', to='accounts.agency',
                                         verbose_name='only at these organisations'),
        ),
    ]
