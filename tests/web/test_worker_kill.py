"""The job runner survives a worker killed mid-run: ``qaitu worker`` runs as a separate process
group on a database of its own (a file SQLite database; a fresh PostgreSQL database when the
suite runs on PostgreSQL, as ``scripts/test-postgres`` does), a lab projection is queued, the
whole group is killed with SIGKILL while the projection runs, and a new worker is started. The
job must end completed on its second attempt or, killed on that one too, failed with the reason
on its record: never left "running".

Real processes and real time (about a minute per kill: the runner's scheduler looks at its
schedules every 30 seconds); ``QAITU_LAB_STALE`` is shortened to a few seconds.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

STALE_SECONDS = 4
#: enough for a start, the scheduler's first look (30 s) and a 1,000-draw run on a busy machine
PATIENCE = 300

QUEUE = """
from qaitu.web.cli import setup_django
setup_django()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from qaitu.web import jobs
from qaitu.web.accounts.models import User
from qaitu.web.lab.models import Projection
user = User.objects.create_user(username="drafter", password="pw", role="drafter")
p = Projection.objects.create(owner=user, variant="reclassify-172-medium",
                              scenario="deputy-141", draws=1000, parts={parts})
p.task_id = jobs.submit("qaitu.web.lab.tasks.run_projection", p.pk, group="lab")
p.save(update_fields=["task_id"])
print(p.pk)
"""


ROW = ("select state, progress, attempts, heartbeat, lost_at, failure, "
       "result is not null as has_result from lab_projection where id = {}")


class Database:
    """The workers' own database: a file SQLite database, or a fresh PostgreSQL database on
    the server the suite runs against (dropped afterwards)."""

    def __init__(self, tmp: Path) -> None:
        suite = os.environ.get("DATABASE_URL", "")
        self.postgres = suite.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            import psycopg

            self.name = f"qaitu_kill_{uuid.uuid4().hex[:12]}"
            parts = urlsplit(suite)
            self.admin = urlunsplit(parts._replace(path="/postgres"))
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f'create database "{self.name}"')
        else:
            self.file = tmp / "jobs.sqlite3"
            self.url = f"sqlite:///{self.file}"

    def row(self, pk: int) -> dict:
        if self.postgres:
            import psycopg
            from psycopg.rows import dict_row

            with psycopg.connect(self.url, row_factory=dict_row) as conn:
                found = conn.execute(ROW.format("%s"), (pk,)).fetchone()
            return dict(found)
        with sqlite3.connect(self.file, timeout=20) as conn:
            conn.row_factory = sqlite3.Row
            return dict(conn.execute(ROW.format("?"), (pk,)).fetchone())

    def drop(self) -> None:
        if self.postgres:
            import psycopg

            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f'drop database if exists "{self.name}" with (force)')


class Runner:
    """``qaitu worker`` processes on one database, each the leader of its process group."""

    def __init__(self, tmp: Path, workers: int) -> None:
        self.db = Database(tmp)
        self.log = tmp / "worker.log"
        src = Path(__file__).resolve().parents[2] / "src"
        self.env = {**os.environ, "DATABASE_URL": self.db.url,
                    "DJANGO_SETTINGS_MODULE": "qaitu.web.settings",
                    "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
                    "QAITU_WORKERS": str(workers), "QAITU_LAB_PARTS": str(workers),
                    "QAITU_LAB_STALE": str(STALE_SECONDS),
                    "QAITU_LAB_PARTS_DIR": str(tmp / "lab-parts")}
        self.proc: subprocess.Popen | None = None

    def queue(self, parts: int) -> int:
        done = subprocess.run([sys.executable, "-c", QUEUE.format(parts=parts)], env=self.env,
                              capture_output=True, text=True, timeout=300, check=True)
        return int(done.stdout.strip().splitlines()[-1])

    def start(self) -> None:
        with self.log.open("a") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", "from qaitu.cli import main; main()", "worker"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self) -> None:
        assert self.proc is not None and self.proc.poll() is None, self.log.read_text()
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.kill()

    def row(self, pk: int) -> dict:
        return self.db.row(pk)

    def wait(self, pk: int, what: str, until) -> dict:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            row = self.row(pk)
            if until(row):
                return row
            time.sleep(0.2)
        raise AssertionError(f"waited {PATIENCE} s for {what}: {row}\n{self.log.read_text()}")

    def kill_mid_run(self, pk: int, attempt: int) -> None:
        """Kill the whole worker group once attempt ``attempt`` has run a little, then wait
        until its heartbeat is stale."""
        claimed = self.wait(pk, f"attempt {attempt} claimed", lambda r: r["state"] == "running"
                            and r["attempts"] == attempt)
        # a lease beat after the claim: the simulation itself is under way in a worker
        self.wait(pk, f"attempt {attempt} at work", lambda r: r["heartbeat"] !=
                  claimed["heartbeat"])
        self.kill()
        assert self.row(pk)["state"] == "running"  # killed mid-run
        time.sleep(STALE_SECONDS + 1)
        left = self.row(pk)
        # the dead worker left it "running"; only a new worker (or a page) can find it out
        assert left["state"] == "running" and left["attempts"] == attempt, left


    def run_killing(self, parts: int, kills: int) -> dict:
        """Queue a projection, start a worker, kill it mid-run on each of the first ``kills``
        attempts (starting a new one each time), and wait for the projection to end."""
        pk = self.queue(parts=parts)
        self.start()
        for attempt in range(1, kills + 1):
            self.kill_mid_run(pk, attempt=attempt)
            self.start()
        row = self.wait(pk, "the projection to end",
                        lambda r: r["state"] not in ("queued", "running"))
        self.stop()
        return row


@pytest.fixture
def runner(tmp_path, request):
    r = Runner(tmp_path, workers=request.param)
    yield r
    r.stop()
    r.db.drop()


@pytest.mark.parametrize("runner", [1], indirect=True)
def test_a_projection_whose_worker_is_killed_is_run_again_to_the_end(runner):
    row = runner.run_killing(parts=1, kills=1)
    assert row["state"] == "done" and row["has_result"] and row["progress"] == 1.0, row
    assert row["attempts"] == 2 and row["lost_at"], row


@pytest.mark.parametrize("runner", [2], indirect=True)
def test_a_projection_killed_on_every_attempt_is_marked_failed_with_the_reason(runner):
    """Shared among two runner tasks (two workers): the shares die with their workers too."""
    row = runner.run_killing(parts=2, kills=2)
    assert row["state"] == "failed" and not row["has_result"], row
    assert row["attempts"] == 2 and row["lost_at"], row
    failure = row["failure"]  # JSON: text on SQLite, decoded on PostgreSQL
    assert (failure if isinstance(failure, dict) else json.loads(failure))["key"] == "lost", row
