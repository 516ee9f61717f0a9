"""A verdict's sentence may be life imprisonment (46(3)), recorded with no term in months."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_case_formation_kind'),
    ]

    operations = [
        migrations.AlterField(
            model_name='sentence',
            name='type',
            field=models.CharField(choices=[
                ('imprisonment', 'Imprisonment'),
                ('restriction_of_freedom', 'Restriction of freedom'), ('fine', 'Fine'),
                ('conditional', 'Conditional sentence'),
                ('life_imprisonment', 'Life imprisonment')],
                max_length=24, verbose_name='type'),
        ),
    ]
