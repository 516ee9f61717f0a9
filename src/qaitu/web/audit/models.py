"""The append-only, hash-chained log of every read and write of a person's data.

Rows are only ever inserted: the model refuses updates and deletes, database triggers refuse
them too (SQLite and PostgreSQL, migrations 0002 and 0004), and on PostgreSQL the application's
role may only INSERT and SELECT this table (docs/security.md). Each row carries the SHA-256 of
its own content and of the row before it, so a change, a deletion or an insertion made by
someone who bypassed all of that is found by ``qaitu audit verify``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json

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
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def save(self, *args, **kwargs):
        """A new entry is appended to the chain (audit.log.append); an existing one is final."""
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        from qaitu.web.audit.log import append

        append([self])

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit log is append-only")

    def content(self) -> bytes:
        """The canonical bytes the hash covers: every field but the id and the hashes."""
        ip = str(ipaddress.ip_address(self.ip)) if self.ip else ""
        return json.dumps([
            self.at.astimezone(dt.UTC).isoformat(timespec="microseconds"), self.user_id,
            self.username, self.role, self.action, self.object_type, self.object_id,
            self.person_ref, ip, self.channel, self.path, self.purpose, self.detail,
        ], sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.prev_hash.encode() + b"\n" + self.content()).hexdigest()
