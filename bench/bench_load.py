"""Load on the production server over loopback (prints figures; asserts nothing).

Starts ``qaitu serve --production`` (gunicorn, WORKERS processes × THREADS threads, pooled
PostgreSQL connections) and its job runner (``qaitu worker``) on 127.0.0.1 against its own
database, then runs a bounded client: USERS threads, each with one keep-alive connection, for
SECONDS. Each user draws a request from a mix of case reads (60 %), intake steps (next
questions, 25 %) and assessment runs (15 %) through the API with a bearer token, then waits a
think time drawn from THINK seconds (as a locust user's ``between(a, b)``; ``--think 0``:
none, every user a request in flight all the time, which measures capacity instead). An
assessment is asked for with ``Prefer: respond-async`` (202) and followed as the screen's page
does, once a second, until done (``--assess-in-request``: the old 201 in the request). Samples
pg_stat_activity once a second. Prints requests/s, p50/p95/p99 and errors per kind, the time
from asking for an assessment to seeing it done, the largest number of PostgreSQL connections
and the load average; stops the server and the runner at the end.

    python bench/bench_load.py                    # 100 users, 60 s, think 1-3 s, qaitu_load
    python bench/bench_load.py --users 20 --seconds 10
    python bench/bench_load.py --think 0          # saturation: the server's capacity
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).parent))
from bench_web import ensure_database, populate  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/qaitu_load"
MIX = (("read", 0.60), ("intake", 0.25), ("assess", 0.15))
PARTIAL = {"schema": "qaitu.case/1", "as_of": "2026-03-01",
           "person": {"birth_date": "1990-01-01", "sex": "male"},
           "episodes": [{"country": "UA", "start": "2024-03-10"}]}


def prepare(url: str) -> tuple[str, list[str]]:
    """Migrate and populate the database; an API token and the cases it may reach."""
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qaitu.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    populate(3000, 1, 1500)
    from qaitu.web.accounts.models import ApiToken, User
    from qaitu.web.cases.models import Assignment

    user = User.objects.get(username="bench-prosecutor")
    _, raw = ApiToken.issue(user, "bench-load")
    numbers = list(Assignment.objects.filter(user=user).values_list("case__number", flat=True))
    from django.db import connections

    connections.close_all()
    return raw, numbers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(url: str, in_request: bool) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "QAITU_ALLOWED_HOSTS": "127.0.0.1",
            "QAITU_SECRET_KEY": "bench-" + "k" * 60,
            "QAITU_ASSESS_IN_BACKGROUND": "0" if in_request else "1"}


def start_worker(url: str, job_workers: int) -> subprocess.Popen:
    """``qaitu worker`` with the production settings, as deployed beside the server."""
    env = {**server_env(url, False), "DJANGO_SETTINGS_MODULE": "qaitu.web.settings_production",
           "QAITU_WORKERS": str(job_workers)}
    return subprocess.Popen([sys.executable, "-c", "from qaitu.cli import main; main()",
                             "worker"], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_server(url: str, port: int, workers: int, threads: int = 1,
                 in_request: bool = True) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from qaitu.cli import main; main()", "serve", "--production",
           "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
           "--threads", str(threads)]
    proc = subprocess.Popen(cmd, env=server_env(url, in_request), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("server did not start:\n" + proc.stderr.read().decode()[-2000:])
        try:
            requests.get(f"http://127.0.0.1:{port}/api/variants/", timeout=5,
                         headers={"X-Forwarded-Proto": "https"})
            return proc
        except requests.RequestException:
            time.sleep(0.3)
    stop_server(proc)
    raise SystemExit("server did not answer within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def pick(rng: random.Random) -> str:
    x, acc = rng.random(), 0.0
    for name, share in MIX:
        acc += share
        if x < acc:
            return name
    return MIX[-1][0]


def user_loop(seed, base, token, numbers, until, think, in_request, results, lock) -> None:
    """One user: a request, a think time, the next. An assessment asked for in the background
    is followed (once a second) until done; "result" is the time from asking to seeing it."""
    rng = random.Random(seed)
    s = requests.Session()
    s.headers.update({"Authorization": f"Bearer {token}", "X-Forwarded-Proto": "https"})
    if not in_request:
        s.headers["Prefer"] = "respond-async"
    mine, following = [], None  # (href, asked at)

    def timed(kind, method, path, **kw):
        t = time.perf_counter()
        try:
            r = s.request(method, base + path, timeout=30, **kw)
            ok = r.status_code < 400
        except requests.RequestException:
            r, ok = None, False
        mine.append((kind, (time.perf_counter() - t) * 1000, ok))
        return r if ok else None

    while time.monotonic() < until:
        if following:
            r = timed("follow", "GET", following[0])
            state = r.json()["state"] if r is not None else "failed"
            if state in ("done", "failed"):
                mine.append(("result", (time.perf_counter() - following[1]) * 1000,
                             state == "done"))
                following = None
            time.sleep(1.0)
            continue
        kind, number = pick(rng), rng.choice(numbers)
        if kind == "read":
            timed(kind, "GET", f"/api/cases/{number}")
        elif kind == "intake":
            timed(kind, "POST", "/api/intake/questions?lang=ru", json=PARTIAL)
        else:
            asked = time.perf_counter()
            r = timed(kind, "POST", f"/api/assessments/cases/{number}",
                      json={"variants": []})
            if r is not None and r.status_code == 202:
                following = (r.json()["href"], asked)
        if think[1] > 0:
            time.sleep(rng.uniform(*think))
    with lock:
        results.extend(mine)


def sample_connections(url: str, stop: threading.Event, seen: list[int]) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        while not stop.wait(1.0):
            seen.append(conn.execute("select count(*) from pg_stat_activity where datname=%s",
                                     (name,)).fetchone()[0])


def loopback_url() -> str:
    """DATABASE_URL (or the default), refused unless on this machine: the benchmarks flush it."""
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if "127.0.0.1" not in url and "localhost" not in url:
        raise SystemExit("loopback databases only")
    return url


def pct(sorted_ms: list[float], p: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * p))]


def seconds_range(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    return float(low), float(high or low)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    ap.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    ap.add_argument("--job-workers", type=int, default=1, help="the job runner's processes")
    ap.add_argument("--think", type=seconds_range, default=(1.0, 3.0),
                    help="think time between a user's requests, A-B seconds (0: none)")
    ap.add_argument("--assess-in-request", action="store_true",
                    help="run assessments in the request (201), without the job runner")
    args = ap.parse_args()
    url = loopback_url()
    token, numbers = prepare(url)
    port = free_port()
    proc = start_server(url, port, args.workers, args.threads, args.assess_in_request)
    runner = None if args.assess_in_request else start_worker(url, args.job_workers)
    for _ in range(args.workers * args.threads):  # each worker loads the law before the clock
        requests.post(f"http://127.0.0.1:{port}/api/intake/questions", json=PARTIAL, timeout=60,
                      headers={"Authorization": f"Bearer {token}", "X-Forwarded-Proto": "https"})
    results: list[tuple[str, float, bool]] = []
    conns: list[int] = []
    lock, stop = threading.Lock(), threading.Event()
    sampler = threading.Thread(target=sample_connections, args=(url, stop, conns))
    sampler.start()
    until = time.monotonic() + args.seconds
    t0 = time.monotonic()
    threads = [threading.Thread(target=user_loop, args=(
        i, f"http://127.0.0.1:{port}", token, numbers, until, args.think,
        args.assess_in_request, results, lock)) for i in range(args.users)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        elapsed = time.monotonic() - t0
        stop.set()
        sampler.join()
        load = os.getloadavg()
        stop_server(proc)
        if runner is not None:
            stop_server(runner)
    think = "none" if args.think[1] <= 0 else f"{args.think[0]:g}-{args.think[1]:g} s"
    print(f"{args.users} users, {elapsed:.0f} s, think {think}, {args.workers} gunicorn "
          f"workers × {args.threads} threads, assessments "
          f"{'in the request' if args.assess_in_request else 'in the job runner'}; loopback; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
    requests_only = [r for r in results if r[0] != "result"]
    kinds = [k for k, _ in MIX] + ["follow", "result"]
    for label, rows in [("all", requests_only), *[(k, [r for r in results if r[0] == k])
                                                  for k in kinds]]:
        if not rows:
            continue
        ms = sorted(r[1] for r in rows)
        errors = sum(1 for r in rows if not r[2])
        rate = f"{len(rows) / elapsed:7.1f} req/s" if label != "result" else " " * 13
        print(f"{label:7s} n={len(rows):6d}  {rate}  "
              f"p50={statistics.median(ms):7.1f}  p95={pct(ms, 0.95):7.1f}  "
              f"p99={pct(ms, 0.99):7.1f} ms  {'failed' if label == 'result' else 'errors'}"
              f"={errors}")
    print(f"PostgreSQL connections to the database: max {max(conns, default=0)}, "
          f"median {statistics.median(conns) if conns else 0} (sampled each second)")


if __name__ == "__main__":
    main()
