"""Background and scheduled jobs on django-q2.

One queue for every kind of work: the scheduled checks (reminders, overdue steps, recomputing
dates when the rulebook changes) and any long job a screen starts (:func:`submit` returns a
task id that :func:`status` follows). The broker is the database by default (django-q2's ORM
broker: nothing to install, works on SQLite on one machine); set ``QAITU_REDIS_URL`` to use
Redis and run ``qaitu worker`` on as many machines as needed. See docs/jobs.md.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

#: name → (dotted function, django-q schedule type, minutes for MINUTES schedules)
SCHEDULES: dict[str, tuple[str, str, int | None]] = {
    "reminders": ("qaitu.web.supervision.tasks.refresh_reminders", "H", None),
    "recompute-order-dates": ("qaitu.web.supervision.tasks.recompute_orders", "D", None),
    "end-lapsed-referrals": ("qaitu.web.rehab.tasks.end_lapsed_referrals", "D", None),
    "lab-requeue-stale": ("qaitu.web.lab.tasks.reap", "I", 5),
}


def ensure_schedules() -> list[str]:
    """Create or update the schedules above (idempotent; the worker calls it at start)."""
    from django_q.models import Schedule

    for name, (func, kind, minutes) in SCHEDULES.items():
        Schedule.objects.update_or_create(name=name, defaults={
            "func": func, "schedule_type": kind, "minutes": minutes, "repeats": -1,
            "next_run": timezone.now()})
    return list(SCHEDULES)


def submit(func: str, *args: Any, group: str | None = None, sync: bool = False,
           **kwargs: Any) -> str:
    """Queue ``func`` (a dotted path) with its arguments; returns the task id. ``sync`` runs it
    at once in this process (tests, or a machine without a worker); so does every job when
    ``Q_CLUSTER["sync"]`` is set, which an explicit ``sync=False`` would override."""
    from django_q.tasks import async_task

    if sync:
        kwargs["sync"] = True
    return async_task(func, *args, group=group, **kwargs)


def status(task_id: str) -> dict[str, Any]:
    """``{"state": "queued"|"done"|"failed", "result": ...}`` for a task from :func:`submit`."""
    from django_q.models import Task

    task = Task.get_task(task_id)
    if task is None:
        return {"state": "queued", "result": None}
    return {"state": "done" if task.success else "failed", "result": task.result,
            "started": task.started, "stopped": task.stopped}
