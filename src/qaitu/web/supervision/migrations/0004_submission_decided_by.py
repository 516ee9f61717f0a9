# The court's answer is recorded by the judge on the case, or by the officer where no judge
# works on it (policy.court_answer_recorders): who recorded it is kept.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('supervision', '0003_breach_closed_reason'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='submission',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name='+', to=settings.AUTH_USER_MODEL,
                                    verbose_name='answer recorded by'),
        ),
    ]
