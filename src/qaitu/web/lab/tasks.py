"""The projection job, run by the job runner (:mod:`qaitu.web.jobs`).

The job records its progress and a heartbeat on the :class:`Projection` row as it goes, stops
when the user cancels, and stores what the lab shows and the bill pack needs: the figures of
:func:`qaitu.bill.figures`, the yearly bands of the headline measures and the sensitivity
table. A job whose worker died is found by its stale heartbeat (:func:`reap`) and queued once
more, then marked failed: never left "running" silently.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.utils import timezone

from qaitu.web.lab.models import Projection

#: A running job that has not reported for this long has lost its worker.
STALE = dt.timedelta(minutes=3)
MAX_ATTEMPTS = 2


class Cancelled(Exception):
    pass


def _bands(result: Any) -> dict[str, Any]:
    """Median and 5–95 % per year of the headline measures, per variant (for the charts)."""
    import numpy as np

    from qaitu.simulation.projection import INDEX
    from qaitu.simulation.tables import HEADLINE, yearly
    from qaitu.simulation.uncertainty import bands

    values = yearly(result).astype(np.float64)
    years = list(range(result.timeline.first_year, result.timeline.end_year))
    out: dict[str, Any] = {"years": years, "start_year": result.timeline.start_year,
                           "variants": list(result.projection.variants), "measures": {}}
    for metric in HEADLINE:
        b = bands(values[..., INDEX[metric]])
        out["measures"][metric] = {k: np.asarray(b[k]).tolist() for k in ("p5", "p50", "p95")}
    return out


def run_projection(pk: int) -> str:
    """Run one stored projection; returns its final state."""
    from qaitu.bill import figures
    from qaitu.law import rulebook
    from qaitu.law.variants import load_variant
    from qaitu.simulation.run import run
    from qaitu.simulation.scenarios import load_scenario, resolve
    from qaitu.simulation.tables import sensitivity

    p = Projection.objects.get(pk=pk)
    if p.state in (Projection.State.DONE, Projection.State.CANCELLED) or p.cancel_requested:
        if p.state != Projection.State.DONE:
            Projection.objects.filter(pk=pk).update(state=Projection.State.CANCELLED)
        return Projection.objects.get(pk=pk).state
    Projection.objects.filter(pk=pk).update(state=Projection.State.RUNNING,
                                            attempts=p.attempts + 1, heartbeat=timezone.now(),
                                            progress=0.0, error="")
    ref = p.variant_ref()
    name = load_variant(ref).name
    s = load_scenario(p.scenario).with_settings(draws=p.draws, variants=["current", ref])
    done: dict[str, list[int]] = {}
    last = [0.0]

    def progress(stage: str, advance: int, total: int) -> None:
        entry = done.setdefault(stage, [0, max(total, 1)])
        entry[0] += advance
        now = time.monotonic()
        if now - last[0] < 0.5:
            return
        last[0] = now
        # two stages (judging the cohort, projecting draws), equal weight
        share = sum(min(d / t, 1.0) for d, t in done.values()) / 2
        Projection.objects.filter(pk=pk).update(progress=share, heartbeat=timezone.now())
        if Projection.objects.filter(pk=pk, cancel_requested=True).exists():
            raise Cancelled

    try:
        result = run(s, str(resolve(p.scenario) or p.scenario), progress=progress, workers=1)
        sens = sensitivity(result)
        # the run knows the variant by what it was given (a shipped name or a file)
        payload = {"figures": figures(result, ref).to_json(), "bands": _bands(result),
                   "variant_name": name,
                   "sensitivity": sens.filter(sens["output"] == f"{ref} - current")
                   .head(10).to_dicts()}
    except Cancelled:
        Projection.objects.filter(pk=pk).update(state=Projection.State.CANCELLED,
                                                finished_at=timezone.now())
        return Projection.State.CANCELLED
    except Exception as exc:  # the job's failure is shown on the page, not lost
        Projection.objects.filter(pk=pk).update(state=Projection.State.FAILED, error=str(exc),
                                                finished_at=timezone.now())
        raise
    Projection.objects.filter(pk=pk).update(
        state=Projection.State.DONE, progress=1.0, result=payload,
        rulebook_hash=rulebook()["hash"], finished_at=timezone.now())
    return Projection.State.DONE


def reap(now: dt.datetime | None = None) -> dict[str, int]:
    """Running jobs whose worker stopped reporting: queue them again (once), else mark them
    failed with the reason. Called by the schedule and whenever the lab page polls."""
    from qaitu.web import jobs

    now = now or timezone.now()
    out = {"requeued": 0, "failed": 0}
    for p in Projection.objects.filter(state=Projection.State.RUNNING,
                                       heartbeat__lt=now - STALE):
        if p.attempts < MAX_ATTEMPTS and not p.cancel_requested:
            Projection.objects.filter(pk=p.pk).update(state=Projection.State.QUEUED)
            task = jobs.submit("qaitu.web.lab.tasks.run_projection", p.pk, group="lab")
            Projection.objects.filter(pk=p.pk).update(task_id=task)
            out["requeued"] += 1
        else:
            Projection.objects.filter(pk=p.pk).update(
                state=Projection.State.FAILED, finished_at=now,
                error=f"the worker stopped after {p.attempts} attempt(s)")
            out["failed"] += 1
    return out
