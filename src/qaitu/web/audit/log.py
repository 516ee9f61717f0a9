"""Writing to the audit log: one call per access, from views and the API alike."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from qaitu.web.audit.models import AuditEntry

# pg_advisory_xact_lock key serialising appends to the chain (any constant of our own).
CHAIN_LOCK = 0x51A17A


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _entry(request, user, action, object_type, object_id, person_ref, purpose, detail):
    user = user if user is not None else getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return AuditEntry(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "anonymous",
        role=getattr(user, "role", "") if authenticated else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id or "")[:64],
        person_ref=person_ref or "",
        ip=client_ip(request),
        channel=getattr(request, "qaitu_channel", "web") if request is not None else "cli",
        path=(request.get_full_path()[:300] if request is not None else ""),
        purpose=(purpose or "")[:300],
        detail=detail or {},
    )


def record(
    request,
    action: str,
    object_type: str,
    object_id: Any = "",
    person_ref: str = "",
    purpose: str = "",
    detail: dict | None = None,
    user=None,
) -> None:
    """Append one entry: who (request.user), what, when (now), from where (IP), why (purpose)."""
    append([_entry(request, user, action, object_type, object_id, person_ref, purpose, detail)])


def record_many(
    request, action: str, object_type: str, rows: Iterable[tuple[Any, str]], purpose: str = ""
) -> None:
    """One entry per (object_id, person_ref), written in a single INSERT (list screens)."""
    entries = [
        _entry(request, None, action, object_type, oid, ref, purpose, None) for oid, ref in rows
    ]
    append(entries)


def append(entries: list[AuditEntry]) -> None:
    """Chain the entries onto the log's last row and insert them, in one transaction holding
    the chain's lock (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE, see settings), so
    that concurrent writers cannot fork the chain. The time is taken under the lock: ``at``
    never decreases along the chain, which is how a back-dated insertion shows."""
    if not entries:
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        last = AuditEntry.objects.order_by("-id").values_list("hash", "at").first()
        prev, now = (last[0], max(timezone.now(), last[1])) if last else ("", timezone.now())
        for e in entries:
            e.at = now
            e.prev_hash = prev
            e.hash = prev = e.compute_hash()
        AuditEntry.objects.bulk_create(entries)
