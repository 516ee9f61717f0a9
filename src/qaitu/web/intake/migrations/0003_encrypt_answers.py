"""An intake draft's answers and extra facts are encrypted at rest like the case's facts (they
hold the birth date typed in); the drafts stored before are encrypted here (decrypted going
back)."""

from django.db import migrations

import qaitu.web.fieldcrypt
from qaitu.web.fieldcrypt import encrypt_existing


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0002_encrypt_identity"),
    ]

    operations = [
        migrations.AlterField(
            model_name="draft",
            name="answers",
            field=qaitu.web.fieldcrypt.EncryptedJSONField(default=dict),
        ),
        migrations.AlterField(
            model_name="draft",
            name="extra",
            field=qaitu.web.fieldcrypt.EncryptedJSONField(default=dict),
        ),
        encrypt_existing("intake_draft", ["answers", "extra"]),
    ]
