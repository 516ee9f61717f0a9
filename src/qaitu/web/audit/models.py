"""The append-only log of every read and write of a person's data.

Rows are only ever inserted: the model refuses updates and deletes, and a database trigger
(SQLite and PostgreSQL, see migration 0002) refuses them too, so not even a bug or a shell
session can rewrite history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        READ = "read", _("read")
        READ_IDENTITY = "read_identity", _("read identity")
        CREATE = "create", _("create")
        UPDATE = "update", _("update")
        EXPORT = "export", _("export")
        DENIED = "denied", _("access denied")
        LOGIN = "login", _("log in")
        LOGOUT = "logout", _("log out")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64, blank=True)
    person_ref = models.CharField(max_length=32, blank=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    channel = models.CharField(max_length=10, default="web")  # web | api | cli
    path = models.CharField(max_length=300, blank=True)
    purpose = models.CharField(max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit log is append-only")
