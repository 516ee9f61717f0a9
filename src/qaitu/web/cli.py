"""``qaitu serve``: migrate, print the logins, serve (the demo data only with ``--demo``).
``qaitu worker``: the job runner (django-q2) for scheduled checks and long jobs.

Development (default): Django's threaded server on SQLite (or ``DATABASE_URL``); the synthetic
demo is loaded into an empty database only with ``--demo``.

``--production``: gunicorn with several worker processes on PostgreSQL, with
``qaitu.web.settings_production`` (HSTS, secure cookies, behind a TLS proxy). Refuses ``--demo``
and refuses to start while a demo account exists.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

serve_app = typer.Typer(add_completion=False, help="Run the casework web application.")
console = Console()
LOCAL_HOSTS = "localhost,127.0.0.1,[::1],testserver"


def setup_django(host: str | None = None, settings: str = "qaitu.web.settings") -> None:
    """Add a named ``host`` to the allowed hosts; a wildcard address adds nothing (the host
    names users type come from QAITU_ALLOWED_HOSTS, never ``*``)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    if host and host not in ("0.0.0.0", "::"):
        hosts = os.environ.get("QAITU_ALLOWED_HOSTS", LOCAL_HOSTS)
        if host not in hosts.split(","):
            os.environ["QAITU_ALLOWED_HOSTS"] = f"{hosts},{host}"
    import django

    django.setup()


def prepare(demo: bool = False) -> dict | None:
    """Migrate; with ``demo``, load the demo when the database has no users."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from qaitu.web.accounts.models import User

    if not demo or User.objects.exists():
        return None
    from qaitu.web.demo.load import load

    with console.status("Loading the synthetic demo (people, cases, assessments)…"):
        return load()


def print_logins(url: str) -> None:
    """One login per role: the user name and the TOTP secret stand whole in an 80-column
    terminal (the role wraps; the password, the same for all, is said once below)."""
    from qaitu.web.accounts.models import User
    from qaitu.web.demo.load import PASSWORD, USERS, totp_secret

    demo_names = [u[0] for u in USERS]
    users = {u.username: u for u in User.objects.filter(username__in=demo_names)}
    table = Table(title=f"Qaitu casework — {url}", show_lines=False)
    table.add_column("role")
    table.add_column("user name", no_wrap=True)
    table.add_column("TOTP secret (base32)", no_wrap=True)
    table.add_column("language", no_wrap=True)
    for name in demo_names:
        u = users.get(name)
        if u is not None:
            table.add_row(str(u.get_role_display()), name, totp_secret(u) or "—", u.language)
    if users:
        console.print(table)
        console.print(f"Password of every demo user: {PASSWORD}. Demo data are synthetic. Add "
                      "the TOTP secret to an authenticator app (or `oathtool --totp -b SECRET`). "
                      "API docs: " + url.rstrip("/") + "/api/docs", highlight=False)
    else:
        console.print(f"Open {url}")


@serve_app.callback(invoke_without_command=True)
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option(
        help="Load the synthetic demo (published passwords) into an empty database.")] = False,
    production: Annotated[bool, typer.Option(
        help="gunicorn, several workers, PostgreSQL, production settings.")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes (--production).")] = 3,
    threads: Annotated[int, typer.Option(
        help="Threads per worker process (--production); each holds one pooled database "
             "connection.")] = 4,
) -> None:
    """Migrate, print the logins and serve."""
    if production:
        if demo:
            console.print("[red]--demo is refused with --production: the demo's passwords "
                          "are published.[/]")
            raise typer.Exit(2)
        raise typer.Exit(serve_production(host, port, workers, threads))
    setup_django(host)
    from django.conf import settings
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application

    db = settings.DATABASES["default"]
    console.print(f"Database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME')}")
    prepare(demo)
    shown = "localhost" if host in ("0.0.0.0", "127.0.0.1", "::") else host
    url = f"http://{shown}:{port}/"
    print_logins(url)
    console.print("Press Ctrl-C to stop.")
    try:
        run(host, port, StaticFilesHandler(get_wsgi_application()), ipv6=":" in host,
            threading=True)
    except KeyboardInterrupt:
        console.print("Stopped.")
    except OSError as exc:
        console.print(f"[red]Cannot listen on {host}:{port}: {exc}[/]")
        raise typer.Exit(1) from None


def serve_production(host: str, port: int, workers: int, threads: int) -> int:
    """Migrate as the owner, check the deployment, refuse demo accounts, exec gunicorn."""
    # a pooled connection for each thread: none waits for another's, and workers × threads
    # bounds what the server holds
    env = {"QAITU_DB_POOL_SIZE": str(threads), **os.environ,
           "DJANGO_SETTINGS_MODULE": "qaitu.web.settings_production"}
    manage = [sys.executable, "-m", "django"]
    owner_url = env.get("QAITU_MIGRATE_DATABASE_URL")
    steps = [
        ("migrate", [*manage, "migrate", "--no-input", "-v", "0"],
         {**env, "DATABASE_URL": owner_url} if owner_url else env),
        ("check --deploy", [*manage, "check", "--deploy", "--fail-level", "WARNING"], env),
    ]
    for name, cmd, step_env in steps:
        done = subprocess.run(cmd, env=step_env, check=False)
        if done.returncode:
            console.print(f"[red]{name} failed: not starting.[/]")
            return done.returncode
    cmd = [sys.executable, "-m", "gunicorn", "qaitu.web.wsgi:application", *gunicorn_args(
        host, port, workers, threads)]
    console.print("Starting: " + " ".join(cmd[1:]))
    os.execvpe(cmd[0], cmd, env)
    return 0  # not reached


def gunicorn_args(host: str, port: int, workers: int, threads: int) -> list[str]:
    """The documented gunicorn command line (docs/security.md). Threads overlap each
    request's waits on the database (the audit entry's commit above all) within a process;
    processes share out the two cores' Python work (docs/reliability.md, "Load")."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return ["--bind", bind, "--workers", str(workers), "--threads", str(threads),
            "--worker-class", "gthread" if threads > 1 else "sync",
            # an idle keep-alive connection outlives a user's pause between requests: gunicorn's
            # default 2 s can close it as the next request is sent, the likely cause of
            # bench_load's 6 errors in 3,560 requests with the default
            "--keep-alive", "10",
            "--timeout", "60", "--graceful-timeout", "20", "--max-requests", "2000",
            "--max-requests-jitter", "200", "--limit-request-line", "8190",
            "--limit-request-fields", "100", "--access-logfile", "-"]


worker_app = typer.Typer(add_completion=False, help="Run the job runner (django-q2).")


def server_ready() -> bool:
    """The server has migrated the database and has accounts in it (with ``--demo``: the demo
    is loaded). Before that the demo's one long transaction holds SQLite's write lock, and
    the job runner's scheduler printed "database is locked" tracebacks into `make run`."""
    from django.db import OperationalError, connection
    from django.db.migrations.executor import MigrationExecutor

    from qaitu.web.accounts.models import User

    try:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return False
        return User.objects.exists()
    except OperationalError:  # "database is locked": the load is still writing
        return False


@worker_app.callback(invoke_without_command=True)
def worker(
    wait: Annotated[bool, typer.Option(help="Wait for the server to migrate the database "
                                            "and load the demo (as `make run` starts both at "
                                            "once).")] = False,
) -> None:
    """Start the job runner: register the schedules (reminders, recomputation), then work the
    queue until stopped. Several workers on several machines share one broker."""
    import time

    # django-q forks its worker processes after the cluster has used the database: a pool's
    # connections would be shared across the fork, and the broker's queries then read one
    # another's results ("the last operation didn't produce records"), which stopped the runner.
    os.environ["QAITU_DB_POOL_SIZE"] = "0"
    setup_django()
    from django.core.management import call_command

    from qaitu.web import jobs

    if wait:
        while not server_ready():
            time.sleep(2)
    else:
        call_command("migrate", verbosity=0, interactive=False)
    console.print("Schedules: " + ", ".join(jobs.ensure_schedules()))
    call_command("qcluster")


if __name__ == "__main__":
    serve_app()


audit_app = typer.Typer(add_completion=False, help="Check the audit log's hash chain.")


@audit_app.command("verify")
def audit_verify(
    head: Annotated[typer.FileText | None, typer.Option(
        help="A head written earlier by `qaitu audit export-head`: it must still be there.")
    ] = None,
) -> None:
    """Walk the audit log's hash chain; report the first broken link (exit 1) or OK (exit 0)."""
    import json

    setup_django()
    from qaitu.web.audit.chain import verify

    report = verify(json.load(head) if head else None)
    if report.ok:
        console.print(f"audit log OK: {report.rows} rows, head "
                      f"{report.head['hash'] if report.head else '(empty)'}")
        return
    b = report.first_break
    console.print(f"[red]audit log BROKEN at row {b.id} ({b.kind}): {b.message}[/]")
    raise typer.Exit(1)


@audit_app.command("export-head")
def audit_export_head(
    out: Annotated[typer.FileTextWrite, typer.Option(help="Where to write the head (JSON).")
                   ] = "-",  # type: ignore[assignment]
) -> None:
    """Print (or write) the chain's head — keep it outside this server, e.g. daily."""
    import json

    setup_django()
    from qaitu.web.audit.chain import head

    out.write(json.dumps(head(), ensure_ascii=False) + "\n")


@audit_app.command("app-role-sql")
def audit_app_role_sql(
    role: Annotated[str, typer.Argument(help="The PostgreSQL role the application logs in as.")],
) -> None:
    """Print the GRANTs (run them as the owner after `migrate`): the application's role may
    read and write the casework tables, and only INSERT and SELECT the audit log."""
    setup_django()
    from django.db import connection

    from qaitu.web.audit.roles import current_grants_sql

    for sql in current_grants_sql(connection, role):
        print(sql + ";")


def _backup_failed(exc) -> typer.Exit:
    console.print(f"[red]{exc}[/]")
    return typer.Exit(1)


def backup_cmd(
    out: Annotated[Path, typer.Argument(help="Backup file to write.")],
    key_file: Annotated[Path, typer.Option(help="Key from `qaitu backup --new-key`.")],
    new_key: Annotated[bool, typer.Option(help="Create KEY_FILE first.")] = False,
) -> None:
    """Encrypted online copy of the database (SQLite backup API, or pg_dump)."""
    from qaitu.web.backup import BackupError, backup
    from qaitu.web.backup import new_key as make_key

    setup_django()
    try:
        if new_key:
            make_key(key_file)
        size = backup(out, key_file)
    except (BackupError, subprocess.CalledProcessError) as exc:
        raise _backup_failed(exc) from None
    console.print(f"backup written: {out} ({size} bytes, encrypted)")


def restore_cmd(
    src: Annotated[Path, typer.Argument(help="Backup file.")],
    key_file: Annotated[Path, typer.Option(help="The key the backup was made with.")],
    to: Annotated[str, typer.Option(help="SQLite file path or PostgreSQL URL to restore to.")],
    force: Annotated[bool, typer.Option(help="Replace an existing target.")] = False,
) -> None:
    """Decrypt and restore a backup; then run `qaitu audit verify` on the restored copy."""
    from qaitu.web.backup import BackupError, restore

    try:
        kind = restore(src, key_file, to, force)
    except (BackupError, OSError, subprocess.CalledProcessError) as exc:
        raise _backup_failed(exc) from None
    console.print(f"restored ({kind}) to {to}")


def subject_access_cmd(
    registry_number: Annotated[str, typer.Argument(help="The person's registry number.")],
    out: Annotated[Path, typer.Option(help="File to write.")],
    format: Annotated[str, typer.Option(help="json or pdf.")] = "json",
    lang: Annotated[str, typer.Option(help="The person's language: kk, ru or en.")] = "ru",
) -> None:
    """Everything held on one person (Law No. 94-V subject access), recorded in the audit log."""
    from qaitu.web.privacy.export import LANGS

    if format not in ("json", "pdf") or lang not in LANGS:
        console.print("[red]--format must be json or pdf, --lang kk, ru or en[/]")
        raise typer.Exit(2)
    setup_django()
    from qaitu.web.audit import log
    from qaitu.web.people.models import Person
    from qaitu.web.privacy.export import render

    person = Person.objects.filter(registry_number=registry_number).first()
    if person is None:
        console.print(f"[red]no person with registry number {registry_number}[/]")
        raise typer.Exit(1)
    body, _ = render(person, format, lang)
    out.write_bytes(body)
    log.record(None, "export", "subject_access", registry_number, registry_number,
               purpose="subject access request (Law No. 94-V)",
               detail={"format": format, "lang": lang})
    console.print(f"subject-access export written: {out} ({len(body)} bytes)")


retention_app = typer.Typer(add_completion=False,
                            help="Retention periods and the purge of what is past them.")


@retention_app.command("purge")
def retention_purge(
    dry_run: Annotated[bool, typer.Option(help="Count what is due; change nothing.")] = False,
) -> None:
    """Delete what is past its retention period (retention.yaml); the audit log is kept."""
    setup_django()
    from qaitu.web.privacy.retention import purge

    counts = purge(dry_run=dry_run)
    verb = "due (dry run, nothing deleted)" if dry_run else "deleted"
    for kind, n in counts.items():
        console.print(f"{kind}: {n} {verb}")


@retention_app.command("show")
def retention_show() -> None:
    """The periods in force today, with their legal basis."""
    import datetime as dt

    setup_django()
    from qaitu.web.privacy.retention import periods

    for p in periods(dt.date.today()).values():
        days = "kept" if p.days is None else f"{p.days} days"
        console.print(f"{p.kind}: {days} (since {p.since}; {p.basis}; confidence {p.confidence})")


keys_app = typer.Typer(add_completion=False,
                       help="Field-encryption keys: rotate them, re-encrypting every value.")


@keys_app.command("rotate")
def keys_rotate(
    new_key: Annotated[bool, typer.Option(
        help="First put a fresh key at the head of the key file.")] = False,
    drop_old: Annotated[bool, typer.Option(
        help="Afterwards keep only the newest key (checked to open every value).")] = False,
) -> None:
    """Re-encrypt every encrypted field (identity, notes, screening answers, case facts and
    their copies in assessments, runs and intake drafts) under the newest key, in one
    transaction, and report the counts. Run it as the tables' owner on PostgreSQL: the
    append-only assessment snapshots are rewritten too."""
    setup_django()
    from qaitu.web import fieldcrypt
    from qaitu.web.audit import log

    try:
        if new_key:
            fieldcrypt.add_key()
        counts = fieldcrypt.rotate()
        for field, n in counts.items():
            console.print(f"{field}: {n} re-encrypted")
        if drop_old:
            checked = fieldcrypt.check_newest_only()
            fieldcrypt.drop_old_keys()
            console.print(f"{checked} values open with the newest key: the old keys were "
                          "dropped")
    except fieldcrypt.FieldKeyError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from None
    log.record(None, "update", "field_keys", purpose="key rotation",
               detail={"re_encrypted": counts, "old_keys_dropped": drop_old})
    console.print(f"{sum(counts.values())} values re-encrypted under the newest of "
                  f"{len(fieldcrypt.keys())} key(s) ({fieldcrypt.source()})")


@keys_app.command("new")
def keys_new() -> None:
    """Print a fresh key (for QAITU_FIELD_KEYS: put it first, restart, then rotate)."""
    from cryptography.fernet import Fernet

    print(Fernet.generate_key().decode())


def analyst_export_cmd(
    out: Annotated[Path, typer.Option(help="CSV file to write.")],
) -> None:
    """Pseudonymised cases for analysts: keyed pseudonyms, no names, IINs or numbers."""
    setup_django()
    from qaitu.web.audit import log
    from qaitu.web.privacy.analyst import key, rows, to_csv

    data = rows(key())
    out.write_bytes(to_csv(data))
    log.record(None, "export", "analyst_export", purpose="pseudonymised export for analysts",
               detail={"rows": len(data)})
    console.print(f"pseudonymised export written: {out} ({len(data)} cases)")
