"""Hash-chain the audit log: each row gets the SHA-256 of the previous row and of its own
content; rows written before this migration are chained in id order. SQLite now refuses
DELETE too."""

from django.db import migrations, models

from qaitu.web.audit.migrations import _append_only

TABLE = "audit_auditentry"


def chain_existing(apps, schema_editor):
    from qaitu.web.audit.models import AuditEntry  # the hashing code; fields match this state

    vendor = schema_editor.connection.vendor
    rows = list(apps.get_model("audit", "AuditEntry").objects.order_by("id").values())
    if not rows:
        return
    for sql in _append_only.statements(_append_only.UNPROTECT, vendor, TABLE):
        schema_editor.execute(sql, params=None)
    Historical = apps.get_model("audit", "AuditEntry")
    prev = ""
    for row in rows:
        entry = AuditEntry(**row)
        entry.prev_hash = prev
        prev = entry.compute_hash()
        Historical.objects.filter(pk=row["id"]).update(prev_hash=entry.prev_hash, hash=prev)
    for sql in _append_only.statements(_append_only.PROTECT, vendor, TABLE):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]
    operations = [
        migrations.AddField("auditentry", "prev_hash",
                            models.CharField(blank=True, max_length=64)),
        migrations.AddField("auditentry", "hash", models.CharField(blank=True, max_length=64)),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        _append_only.protect(TABLE),
    ]
