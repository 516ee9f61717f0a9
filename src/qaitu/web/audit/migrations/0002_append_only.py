# ruff: noqa: E501
"""Database triggers that make the audit log append-only (SQLite and PostgreSQL)."""

from django.db import migrations

from qaitu.web.audit.migrations import _append_only


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [_append_only.protect("audit_auditentry")]
