"""The projection job, run by the job runner (:mod:`qaitu.web.jobs`).

The job records its progress and a heartbeat on the :class:`Projection` row as it goes, stops
when the user cancels, and stores what the lab shows and the bill pack needs: the figures of
:func:`qaitu.bill.figures`, the yearly bands of the headline measures and the sensitivity
table. While it runs, a thread of the worker process renews the heartbeat (a lease): a job whose
worker died, however it died, stops renewing it, is found by :func:`reap` and queued once more,
then marked failed with the reason: never left "running" silently. Each attempt claims the row
(queued → running) before it starts, so a message the broker delivers again later (django-q2's
ORM broker hands out a locked message again after ``retry`` seconds) runs nothing twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F
from django.utils import timezone

from qaitu.web.assessments.failure import failure_of, lost
from qaitu.web.lab.models import Projection

MAX_ATTEMPTS = 2

logger = logging.getLogger(__name__)


def stale() -> dt.timedelta:
    """A running job whose heartbeat is older than this has lost its worker
    (``QAITU_LAB_STALE`` seconds, default 180)."""
    return dt.timedelta(seconds=settings.QAITU_LAB_STALE)


@contextlib.contextmanager
def lease(pk: int) -> Iterator[None]:
    """Renew the job's heartbeat every quarter of :func:`stale` from a thread of this process
    while the body runs: it stops only when the work ends or the process dies, whatever the
    simulation is doing between its progress reports."""
    stop = threading.Event()
    every = stale().total_seconds() / 4

    def beat() -> None:
        try:
            while not stop.wait(every):
                with contextlib.suppress(DatabaseError):  # busy: the next beat tries again
                    Projection.objects.filter(pk=pk).update(heartbeat=timezone.now())
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"lab-lease-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


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


#: People per chunk of draws when a projection is shared among tasks (smaller than the
#: simulation's default, so that even 1,000 draws make several chunks to share).
PART_CHUNK_PEOPLE = 20_000


def _parts_folder() -> Path:
    folder = Path(settings.QAITU_LAB_PARTS_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def run_projection(pk: int) -> str:
    """Run one stored projection, or with ``parts > 1`` queue its shares of the draws as
    separate tasks (:func:`run_part`); returns the state."""
    from qaitu.web import jobs

    Projection.objects.filter(pk=pk, state=Projection.State.QUEUED,
                              cancel_requested=True).update(state=Projection.State.CANCELLED)
    # a split run has no heartbeat until a share starts: shares waiting in the queue behind
    # other work are not lost, and the broker keeps them for the next worker
    split = Projection.objects.filter(pk=pk, parts__gt=1).exists()
    claimed = Projection.objects.filter(pk=pk, state=Projection.State.QUEUED).update(
        state=Projection.State.RUNNING, attempts=F("attempts") + 1,
        heartbeat=None if split else timezone.now(), progress=0.0, failure={}, parts_done=0)
    p = Projection.objects.get(pk=pk)
    if not claimed:  # cancelled, or another delivery of this job has it
        return p.state
    if p.parts > 1:
        for k in range(p.parts):
            jobs.submit("qaitu.web.lab.tasks.run_part", pk, k, p.attempts, group=f"lab-{pk}")
        return Projection.State.RUNNING
    with lease(pk):
        return _finish(p, _run(p, None))


def _run(p: Projection, part: tuple[int, int] | None) -> Any:
    """The simulation of ``p`` (or of one share of its chunks), reporting progress and
    stopping on cancel."""
    from qaitu.simulation.run import run
    from qaitu.simulation.scenario_files import load_scenario, resolve

    pk = p.pk
    s = load_scenario(p.scenario).with_settings(draws=p.draws,
                                                variants=["current", p.variant_ref()])
    done: dict[str, list[int]] = {}
    last = [0.0]

    def progress(stage: str, advance: int, total: int) -> None:
        entry = done.setdefault(stage, [0, max(total, 1)])
        entry[0] += advance
        now = time.monotonic()
        if now - last[0] < 0.5:
            return
        last[0] = now
        if part is None:  # two stages (judging the cohort, projecting draws), equal weight
            share = sum(min(d / t, 1.0) for d, t in done.values()) / 2
            Projection.objects.filter(pk=pk).update(progress=share, heartbeat=timezone.now())
        else:
            Projection.objects.filter(pk=pk).update(heartbeat=timezone.now())
        if Projection.objects.filter(pk=pk, cancel_requested=True).exists():
            raise Cancelled

    kwargs: dict[str, Any] = ({} if part is None else
                              {"part": part, "chunk_people": PART_CHUNK_PEOPLE})
    try:
        return run(s, str(resolve(p.scenario) or p.scenario), progress=progress, workers=1,
                   **kwargs)
    except Cancelled:
        Projection.objects.filter(pk=pk).update(state=Projection.State.CANCELLED,
                                                finished_at=timezone.now())
        raise
    except Exception as exc:  # the job's failure is shown on the page, not lost
        failure = failure_of(exc)
        if failure["key"] == "internal":  # the page says the cause is in the server's log
            logger.exception("projection %s failed", pk)
        Projection.objects.filter(pk=pk).update(state=Projection.State.FAILED, failure=failure,
                                                finished_at=timezone.now())
        raise


def _finish(p: Projection, result: Any) -> str:
    """Store what the lab shows and the bill pack needs from a whole run."""
    from qaitu.bill import figures
    from qaitu.law import rulebook
    from qaitu.law.variants import load_variant
    from qaitu.simulation.tables import sensitivity

    ref = p.variant_ref()
    sens = sensitivity(result)
    # the run knows the variant by what it was given (a shipped name or a file)
    payload = {"figures": figures(result, ref).to_json(), "bands": _bands(result),
               "variant_name": load_variant(ref).name,
               "sensitivity": sens.filter(sens["output"] == f"{ref} - current")
               .head(10).to_dicts()}
    Projection.objects.filter(pk=p.pk, attempts=p.attempts).update(
        state=Projection.State.DONE, progress=1.0, result=payload,
        rulebook_hash=rulebook()["hash"], finished_at=timezone.now())
    return Projection.State.DONE


def run_part(pk: int, k: int, attempt: int) -> str:
    """Project the ``k``-th share of a projection's chunks of draws and keep it in a file;
    the task that finishes the last share merges them (their sum is the whole run, each chunk
    having its own seed) and stores the result. A share of an earlier attempt (delivered
    again after its worker died) does nothing."""
    p = Projection.objects.get(pk=pk)
    if p.state != Projection.State.RUNNING or p.cancel_requested or p.attempts != attempt:
        return p.state
    Projection.objects.filter(pk=pk, attempts=attempt).update(heartbeat=timezone.now())
    with lease(pk):
        return _run_part(p, k)


def _run_part(p: Projection, k: int) -> str:
    import numpy as np

    from qaitu.simulation.projection import Projection as Values

    pk = p.pk
    try:
        values = _run(p, (k, p.parts)).projection.values
    except Cancelled:
        return Projection.State.CANCELLED
    np.save(_parts_folder() / f"{pk}-{p.attempts}-{k}.npy", values)
    if not Projection.objects.filter(pk=pk, attempts=p.attempts).update(
            parts_done=F("parts_done") + 1, heartbeat=timezone.now()):
        return Projection.objects.get(pk=pk).state  # the attempt was given up meanwhile
    p.refresh_from_db()
    # one task claims the merge (two shares may finish at the same moment)
    merging = Projection.objects.filter(pk=pk, parts_done=p.parts, progress__lt=0.96).update(
        progress=0.96)
    if p.parts_done < p.parts or not merging:
        Projection.objects.filter(pk=pk, progress__lt=0.95).update(
            progress=0.95 * p.parts_done / p.parts)
        return Projection.State.RUNNING
    frame = _run(p, (-1, p.parts))  # the run's other tables; its draws are filled below
    files = [_parts_folder() / f"{pk}-{p.attempts}-{i}.npy" for i in range(p.parts)]
    total = sum(np.load(f) for f in files)
    frame.projection = Values(total, frame.projection.variants, frame.projection.timeline)
    state = _finish(p, frame)
    for f in files:
        f.unlink(missing_ok=True)
    return state


def reap(now: dt.datetime | None = None) -> dict[str, int]:
    """Running jobs whose worker stopped reporting: queue them again (once), else mark them
    failed with the reason. Called by the schedule and whenever the lab page polls."""
    from qaitu.web import jobs

    now = now or timezone.now()
    out = {"requeued": 0, "failed": 0}
    for p in Projection.objects.filter(state=Projection.State.RUNNING,
                                       heartbeat__lt=now - stale()):
        # the update names the heartbeat it saw: a reaper on another page load or worker
        # that got there first, or a lease renewed meanwhile, makes it change nothing
        row = Projection.objects.filter(pk=p.pk, state=Projection.State.RUNNING,
                                        heartbeat=p.heartbeat)
        if p.attempts < MAX_ATTEMPTS and not p.cancel_requested:
            if row.update(state=Projection.State.QUEUED, lost_at=p.heartbeat):
                task = jobs.submit("qaitu.web.lab.tasks.run_projection", p.pk, group="lab")
                Projection.objects.filter(pk=p.pk).update(task_id=task)
                out["requeued"] += 1
        elif row.update(state=Projection.State.FAILED, finished_at=now, lost_at=p.heartbeat,
                        failure=lost()):
            out["failed"] += 1
    return out
