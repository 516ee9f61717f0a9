# ruff: noqa: E501
"""Assessment snapshots cannot be updated or deleted, even outside the application."""

from django.db import migrations

from qaitu.web.audit.migrations import _append_only


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial"), ("audit", "0002_append_only")]
    operations = [_append_only.protect("assessments_assessment")]
