"""The facts copied into each assessment snapshot are encrypted at rest like the case's: they
name the person's birth date. The snapshots stored before are encrypted here (decrypted going
back), with the table's append-only triggers lifted for that one rewrite."""

from django.db import migrations

import qaitu.web.fieldcrypt
from qaitu.web.audit.migrations import _append_only
from qaitu.web.fieldcrypt import encrypt_existing

TABLE = "assessments_assessment"


class Migration(migrations.Migration):

    dependencies = [
        ("assessments", "0004_background_runs"),
    ]

    operations = [
        _append_only.unprotect(TABLE),
        migrations.AlterField(
            model_name="assessment",
            name="facts",
            field=qaitu.web.fieldcrypt.EncryptedJSONField(),
        ),
        encrypt_existing(TABLE, ["facts"]),
        _append_only.protect(TABLE),
    ]
