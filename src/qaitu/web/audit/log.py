"""Writing to the audit log: one call per access, from views and the API alike."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from qaitu.web.audit.models import AuditEntry


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
    _entry(request, user, action, object_type, object_id, person_ref, purpose, detail).save()


def record_many(
    request, action: str, object_type: str, rows: Iterable[tuple[Any, str]], purpose: str = ""
) -> None:
    """One entry per (object_id, person_ref), written in a single INSERT (list screens)."""
    entries = [
        _entry(request, None, action, object_type, oid, ref, purpose, None) for oid, ref in rows
    ]
    if entries:
        AuditEntry.objects.bulk_create(entries)
