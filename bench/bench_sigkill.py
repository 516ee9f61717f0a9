"""SIGKILL during writes (prints figures; asserts nothing).

Starts ``qaitu serve --production`` on 127.0.0.1 against its own PostgreSQL database, lets
WRITERS threads open cases through the API (each a new person, identity, case, assignment,
timeline event and audit entry in one transaction), and every INTERVAL seconds kills the
server's whole process group with SIGKILL and starts it again, ROUNDS times. Then counts:

* acknowledged writes lost: a 201 answer whose case is not in the database;
* half-written records: a person without identity or case, a case without its opening event
  or assignment, a broken audit chain (``qaitu audit verify``).

    python bench/bench_sigkill.py                 # 10 writers, 5 kills, 3 s apart, qaitu_load
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).parent))
from bench_load import free_port, loopback_url, prepare, start_server  # noqa: E402

FACTS = {"schema": "qaitu.case/1", "as_of": "2026-03-01",
         "person": {"birth_date": "1990-01-01", "sex": "male"},
         "episodes": [{"country": "UA", "start": "2024-03-10"}],
         "proceedings": {"stage": "investigation"}}


def writer(wid, base, token, stop, acked, attempts, lock) -> None:
    s = requests.Session()
    s.headers.update({"Authorization": f"Bearer {token}", "X-Forwarded-Proto": "https"})
    i = 0
    while not stop.is_set():
        i += 1
        number = f"K-{os.getpid()}-{wid}-{i}"
        try:
            r = s.post(f"{base}/api/cases", timeout=10, json={
                "facts": FACTS, "full_name": f"Kill Test {wid} {i}", "number": number})
        except requests.RequestException:
            r = None
            time.sleep(0.05)
        with lock:
            attempts[0] += 1
            if r is not None and r.status_code == 201:
                acked.append(number)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--writers", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--interval", type=float, default=3.0)
    args = ap.parse_args()
    url = loopback_url()
    token, _ = prepare(url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(url, port, 2)
    acked: list[str] = []
    attempts = [0]
    lock, stop = threading.Lock(), threading.Event()
    threads = [threading.Thread(target=writer, args=(w, base, token, stop, acked, attempts, lock))
               for w in range(args.writers)]
    for t in threads:
        t.start()
    try:
        for _ in range(args.rounds):
            time.sleep(args.interval)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            proc = start_server(url, port, 2)
        time.sleep(args.interval)
    finally:
        stop.set()
        for t in threads:
            t.join()
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    from django.db import connections

    from qaitu.web.audit.chain import verify
    from qaitu.web.cases.models import Case
    from qaitu.web.people.models import Person

    connections.close_all()
    mine = f"K-{os.getpid()}-"
    stored = set(Case.objects.filter(number__startswith=mine).values_list("number", flat=True))
    lost = [n for n in acked if n not in stored]
    people = Person.objects.filter(cases__number__startswith=mine)
    half = (Person.objects.filter(cases__isnull=True).count()
            + people.filter(identity__isnull=True).count()
            + Case.objects.filter(number__startswith=mine, events__isnull=True).count()
            + Case.objects.filter(number__startswith=mine, assignments__isnull=True).count())
    report = verify()
    print(f"{args.rounds} SIGKILLs of the server's process group, {args.interval:.0f} s apart, "
          f"{args.writers} writers: {attempts[0]} requests tried (most refused while it restarts), "
          f"{len(acked)} acknowledged, "
          f"{len(stored)} stored (committed but unacknowledged: {len(stored - set(acked))})")
    print(f"acknowledged writes lost: {len(lost)}; half-written records: {half}; "
          f"audit chain: {'OK' if report.ok else 'BROKEN'} ({report.rows} rows)")


if __name__ == "__main__":
    main()
