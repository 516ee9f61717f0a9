"""Scheduled jobs of probation control and the programme (run by the job runner,
:mod:`qaitu.web.jobs`): reminders for what is due or overdue, and recomputing order dates when
the rulebook changed."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from qaitu.law.system import rulebook
from qaitu.web.rehab.models import Programme, SafetyAlert
from qaitu.web.rehab.services import review_due, with_last_conference
from qaitu.web.supervision import services
from qaitu.web.supervision.models import Order, Reminder


def _wanted(today: dt.date) -> dict[tuple[int, str, str], tuple[int, dt.date]]:
    """(user, what, key) → (person, due) for everything due within a week or overdue."""
    week = today + dt.timedelta(days=7)
    want: dict[tuple[int, str, str], tuple[int, dt.date]] = {}
    orders = list(Order.objects.filter(status=Order.Status.ACTIVE).select_related("person"))
    for item in services.items(orders, today):
        if item.due <= week:
            want[(item.order.officer_id, item.what, item.key)] = (item.order.person_id,
                                                                  item.due)
    for a in SafetyAlert.objects.filter(acknowledged_at__isnull=True):
        want[(a.psychologist_id, "alert", f"alert:{a.pk}")] = (a.person_id,
                                                              a.raised_at.date())
    for p in with_last_conference(Programme.objects.exclude(
            status=Programme.Status.CLOSED)):
        due = review_due(p)
        if due and due <= week:
            want[(p.lead_id, "review", f"programme:{p.pk}")] = (p.person_id, due)
    return want


@transaction.atomic
def refresh_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Make the reminder list match what is due: new items added, resolved ones marked done
    (one row per user and item: an item that comes back reopens its row)."""
    today = today or timezone.localdate()
    want = _wanted(today)
    rows = {(r.user_id, r.what, r.key): r for r in Reminder.objects.filter(
        key__in={k for _u, _w, k in want}) | Reminder.objects.filter(done_at__isnull=True)}
    now = timezone.now()
    done = [r.pk for k, r in rows.items() if k not in want and r.done_at is None]
    Reminder.objects.filter(pk__in=done).update(done_at=now)
    new, opened = [], 0
    for k, (person, due) in want.items():
        r = rows.get(k)
        if r is None:
            new.append(Reminder(user_id=k[0], what=k[1], key=k[2], person_id=person, due=due))
        elif r.done_at is not None or r.due != due:
            opened += r.done_at is not None
            Reminder.objects.filter(pk=r.pk).update(done_at=None, due=due)
    Reminder.objects.bulk_create(new)
    return {"open": len(want), "new": len(new) + opened, "done": len(done)}


def recompute_orders(today: dt.date | None = None) -> dict[str, int]:
    """Recompute the dates of active orders computed under another rulebook, then complete
    the orders whose probation control has ended."""
    current = rulebook()["hash"]
    # recompute reads each order's case (its custody) and decision (its date)
    stale = list(Order.objects.filter(status=Order.Status.ACTIVE).exclude(
        rulebook_hash=current).select_related("case", "decision"))
    changed = 0
    for order in stale:
        changed += services.recompute(order)
        order.save(update_fields=["ends_on", "early_cancellation_from", "registration_due",
                                  "dates", "rulebook_hash"])
    completed = services.complete_ended(today or timezone.localdate())
    return {"checked": len(stale), "changed": changed, "completed": completed}
