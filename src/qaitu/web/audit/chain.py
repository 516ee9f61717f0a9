"""Checking the audit log's hash chain, and its head to keep elsewhere.

``verify`` walks the log in id order and reports the first broken link:

* ``changed`` — a row's content no longer matches its own hash;
* ``broken link`` — a row's ``prev_hash`` is not the previous row's hash (a row was deleted
  or inserted before it, or the chain was re-hashed from there);
* ``back-dated`` — a row's time is earlier than the row before it;
* ``head missing`` / ``head differs`` — the head exported earlier (``export-head``) is no
  longer in the log as it was (the tail was deleted, or the whole chain rewritten).
"""

from __future__ import annotations

from dataclasses import dataclass

from qaitu.web.audit.models import AuditEntry


@dataclass(frozen=True)
class Break:
    """The first broken link: its row, its kind (the sentence ``admin.break.<kind>`` says it
    in a reader's language), the English message for the logs, and the row's time where the
    kind needs it (back-dated)."""

    id: int
    kind: str
    message: str
    at: str | None = None


@dataclass(frozen=True)
class Report:
    rows: int
    head: dict | None
    first_break: Break | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


def head() -> dict | None:
    """The last row's id, time and hash, and the number of rows: enough to prove later that
    the log still holds this row unchanged (and so everything before it)."""
    last = AuditEntry.objects.order_by("-id").first()
    if last is None:
        return None
    return {"id": last.pk, "at": last.at.isoformat(), "hash": last.hash,
            "rows": AuditEntry.objects.count()}


def verify(expected_head: dict | None = None) -> Report:
    prev_hash, prev_at, rows, first = "", None, 0, None
    seen_head = None
    for e in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        rows += 1
        if first is None:
            if e.prev_hash != prev_hash:
                first = Break(e.pk, "broken link", f"row {e.pk}: prev_hash does not match the "
                              "row before it (a row was deleted or inserted here)")
            elif e.compute_hash() != e.hash:
                first = Break(e.pk, "changed", f"row {e.pk}: content does not match its hash "
                              "(the row was changed)")
            elif prev_at is not None and e.at < prev_at:
                first = Break(e.pk, "back-dated", f"row {e.pk}: time {e.at.isoformat()} is "
                              "before the previous row's (inserted back-dated)", e.at.isoformat())
        if expected_head and e.pk == expected_head.get("id"):
            seen_head = e.hash
        prev_hash, prev_at = e.hash, e.at
    if first is None and expected_head:
        hid = expected_head.get("id")
        if seen_head is None:
            first = Break(hid, "head missing", f"row {hid} of the exported head is gone "
                          "(rows were deleted from the end)")
        elif seen_head != expected_head.get("hash"):
            first = Break(hid, "head differs", f"row {hid} no longer has the exported hash "
                          "(the chain was rewritten)")
    return Report(rows=rows, head=head(), first_break=first)
