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
from rich.markup import escape
from rich.table import Table

from qaitu.assessment.casefile import KeyedError, language_refused, option_text
from qaitu.assessment.explain import LANGS, dates_text, os_reason, say
from qaitu.law.glossary import label_or

serve_app = typer.Typer(add_completion=False, help="Run the casework web application.")
console = Console()
LOCAL_HOSTS = "localhost,127.0.0.1,[::1],testserver"
#: The ``--lang`` of every administrator's command: what it says and what it refuses with
#: (the sentences ``admin.*`` of ``reasons.yaml``), as the rest of the command line.
Lang = Annotated[str, typer.Option("--lang", help="en | ru | kk")]


def said(key: str, lang: str, **values: object) -> str:
    """The sentence ``admin.<key>`` in ``lang``."""
    return say(f"admin.{key}", lang, **values)


def check_lang(lang: str) -> None:
    """Refuse a ``--lang`` Qaitu does not speak, in every language it speaks."""
    if lang not in LANGS:
        console.print(language_refused(lang, LANGS), highlight=False, markup=False,
                      soft_wrap=True)
        raise typer.Exit(2)


def refused(exc: KeyedError, lang: str, code: int = 1) -> typer.Exit:
    """Say what the command could not do, in ``lang``; the exit to raise."""
    console.print(f"[red]{escape(exc.text(lang))}[/]")
    return typer.Exit(code)


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


def prepare(demo: bool = False, lang: str = "en") -> dict | None:
    """Migrate; with ``demo``, load the demo when the database has no users."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from qaitu.web.accounts.models import User

    if not demo or User.objects.exists():
        return None
    from qaitu.web.demo.load import DemoError, load

    try:
        with console.status(said("loading_demo", lang)):
            return load()
    except DemoError as exc:
        raise refused(exc, lang) from None


def print_logins(url: str, lang: str = "en") -> None:
    """One login per role: the user name and the TOTP secret stand whole in an 80-column
    terminal (the role wraps; the password, the same for all, is said once below)."""
    from qaitu.web.accounts.models import User
    from qaitu.web.demo.load import PASSWORD, USERS, totp_secret

    demo_names = [u[0] for u in USERS]
    users = {u.username: u for u in User.objects.filter(username__in=demo_names)}
    table = Table(title=said("logins_title", lang, url=url), show_lines=False)
    table.add_column(said("role", lang))
    table.add_column(said("user_name", lang), no_wrap=True)
    table.add_column(said("totp_secret", lang), no_wrap=True)
    table.add_column(said("language", lang), no_wrap=True)
    for name in demo_names:
        u = users.get(name)
        if u is not None:
            table.add_row(str(u.get_role_display()), name, totp_secret(u) or "—", u.language)
    if users:
        console.print(table)
        console.print(said("demo_password", lang, password=PASSWORD,
                            docs=url.rstrip("/") + "/api/docs"), highlight=False, markup=False)
    else:
        console.print(said("open", lang, url=url))


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
    lang: Lang = "en",
) -> None:
    """Migrate, print the logins and serve."""
    check_lang(lang)
    if production:
        if demo:
            console.print(f"[red]{escape(said('demo_refused', lang))}[/]")
            raise typer.Exit(2)
        raise typer.Exit(serve_production(host, port, workers, threads, lang))
    setup_django(host)
    from django.conf import settings
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application

    db = settings.DATABASES["default"]
    console.print(said("database", lang, engine=db["ENGINE"].rsplit(".", 1)[-1],
                       name=db.get("NAME")))
    prepare(demo, lang)
    shown = "localhost" if host in ("0.0.0.0", "127.0.0.1", "::") else host
    url = f"http://{shown}:{port}/"
    print_logins(url, lang)
    console.print(said("press_ctrl_c", lang))
    try:
        run(host, port, StaticFilesHandler(get_wsgi_application()), ipv6=":" in host,
            threading=True)
    except KeyboardInterrupt:
        console.print(said("stopped", lang))
    except OSError as exc:
        why = said("cannot_listen", lang, address=f"{host}:{port}", reason=os_reason(exc, lang))
        console.print(f"[red]{escape(why)}[/]")
        raise typer.Exit(1) from None


def serve_production(host: str, port: int, workers: int, threads: int,
                     lang: str = "en") -> int:
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
            console.print(f"[red]{escape(said('step_failed', lang, step=name))}[/]")
            return done.returncode
    cmd = [sys.executable, "-m", "gunicorn", "qaitu.web.wsgi:application", *gunicorn_args(
        host, port, workers, threads)]
    console.print(said("starting", lang, command=" ".join(cmd[1:])), markup=False)
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
    lang: Lang = "en",
) -> None:
    """Start the job runner: register the schedules (reminders, recomputation), then work the
    queue until stopped. Several workers on several machines share one broker."""
    import time

    check_lang(lang)
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
    console.print(said("schedules", lang, names=", ".join(jobs.ensure_schedules())))
    call_command("qcluster")


if __name__ == "__main__":
    serve_app()


audit_app = typer.Typer(add_completion=False, help="Check the audit log's hash chain.")


@audit_app.command("verify")
def audit_verify(
    head: Annotated[typer.FileText | None, typer.Option(
        help="A head written earlier by `qaitu audit export-head`: it must still be there.")
    ] = None,
    lang: Lang = "en",
) -> None:
    """Walk the audit log's hash chain; report the first broken link (exit 1) or OK (exit 0)."""
    import json

    check_lang(lang)
    setup_django()
    from qaitu.web.audit.chain import verify

    report = verify(json.load(head) if head else None)
    if report.ok:
        console.print(said("audit_ok", lang, rows=report.rows, head=report.head["hash"]
                           if report.head else said("audit_empty", lang)))
        return
    b = report.first_break
    what = said(f"break.{b.kind.replace(' ', '_').replace('-', '_')}", lang, at=b.at)
    console.print(f"[red]{escape(said('audit_broken', lang, row=b.id, what=what))}[/]")
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


def backup_cmd(
    out: Annotated[Path, typer.Argument(help="Backup file to write.")],
    key_file: Annotated[Path, typer.Option(help="Key from `qaitu backup --new-key`.")],
    new_key: Annotated[bool, typer.Option(help="Create KEY_FILE first.")] = False,
    lang: Lang = "en",
) -> None:
    """Encrypted online copy of the database (SQLite backup API, or pg_dump)."""
    from qaitu.web.backup import BackupError, backup
    from qaitu.web.backup import new_key as make_key

    check_lang(lang)
    setup_django()
    try:
        if new_key:
            make_key(key_file)
        size = backup(out, key_file)
    except BackupError as exc:
        raise refused(exc, lang) from None
    except subprocess.CalledProcessError as exc:
        raise _tool_failed(exc, lang) from None
    console.print(said("backup_written", lang, path=out, size=size))


def restore_cmd(
    src: Annotated[Path, typer.Argument(help="Backup file.")],
    key_file: Annotated[Path, typer.Option(help="The key the backup was made with.")],
    to: Annotated[str, typer.Option(help="SQLite file path or PostgreSQL URL to restore to.")],
    force: Annotated[bool, typer.Option(help="Replace an existing target.")] = False,
    lang: Lang = "en",
) -> None:
    """Decrypt and restore a backup; then run `qaitu audit verify` on the restored copy."""
    from qaitu.web.backup import BackupError, restore

    check_lang(lang)
    try:
        kind = restore(src, key_file, to, force)
    except BackupError as exc:
        raise refused(exc, lang) from None
    except subprocess.CalledProcessError as exc:
        raise _tool_failed(exc, lang) from None
    except OSError as exc:
        why = say("report.cannot_write", lang, path=exc.filename or to,
                  reason=os_reason(exc, lang))
        console.print(f"[red]{escape(why)}[/]")
        raise typer.Exit(1) from None
    console.print(said("restored", lang, kind=kind, target=to))


def _tool_failed(exc: subprocess.CalledProcessError, lang: str) -> typer.Exit:
    """pg_dump or pg_restore stopped with an error (it printed its own words above)."""
    command = exc.cmd[0] if isinstance(exc.cmd, list | tuple) else exc.cmd
    why = said("command_failed", lang, command=command, status=exc.returncode)
    console.print(f"[red]{escape(why)}[/]")
    return typer.Exit(1)


def subject_access_cmd(
    registry_number: Annotated[str, typer.Argument(help="The person's registry number.")],
    out: Annotated[Path, typer.Option(help="File to write.")],
    format: Annotated[str, typer.Option(help="json or pdf.")] = "json",
    lang: Annotated[str, typer.Option(
        help="The person's language (kk, ru or en): the export's and this command's.")] = "ru",
) -> None:
    """Everything held on one person (Law No. 94-V subject access), recorded in the audit log."""
    check_lang(lang)
    if format not in ("json", "pdf"):
        why = option_text("--format", "one_of", lang, allowed="json, pdf", got=repr(format))
        console.print(f"[red]{escape(why)}[/]")
        raise typer.Exit(2)
    setup_django()
    from qaitu.web.audit import log
    from qaitu.web.people.models import Person
    from qaitu.web.privacy.export import render

    person = Person.objects.filter(registry_number=registry_number).first()
    if person is None:
        console.print(f"[red]{escape(said('no_person', lang, number=registry_number))}[/]")
        raise typer.Exit(1)
    body, _ = render(person, format, lang)
    out.write_bytes(body)
    log.record(None, "export", "subject_access", registry_number, registry_number,
               purpose="subject access request (Law No. 94-V)",
               detail={"format": format, "lang": lang})
    console.print(said("subject_access_written", lang, path=out, size=len(body)))


retention_app = typer.Typer(add_completion=False,
                            help="Retention periods and the purge of what is past them.")


@retention_app.command("purge")
def retention_purge(
    dry_run: Annotated[bool, typer.Option(help="Count what is due; change nothing.")] = False,
    lang: Lang = "en",
) -> None:
    """Delete what is past its retention period (retention.yaml); the audit log is kept."""
    check_lang(lang)
    setup_django()
    from qaitu.web.privacy.retention import purge

    counts = purge(dry_run=dry_run)
    for kind, n in counts.items():
        console.print(said("purge_due" if dry_run else "purged", lang,
                           kind=label_or("retention", kind, lang, kind), n=n))


@retention_app.command("show")
def retention_show(lang: Lang = "en") -> None:
    """The periods in force today, with their legal basis."""

    check_lang(lang)
    setup_django()
    from django.utils import timezone

    from qaitu.web.privacy.retention import periods

    for p in periods(timezone.localdate()).values():
        days = said("kept", lang) if p.days is None else said("days", lang, n=p.days)
        # the basis is the operator's citation in retention.yaml, as written there in lang
        console.print(said("period", lang, kind=label_or("retention", p.kind, lang, p.kind),
                           days=days, since=dates_text(p.since, lang), basis=p.basis_in(lang),
                           confidence=label_or("practice.confidence", p.confidence, lang,
                                               p.confidence)), markup=False)


keys_app = typer.Typer(add_completion=False,
                       help="Field-encryption keys: rotate them, re-encrypting every value.")


@keys_app.command("rotate")
def keys_rotate(
    new_key: Annotated[bool, typer.Option(
        help="First put a fresh key at the head of the key file.")] = False,
    drop_old: Annotated[bool, typer.Option(
        help="Afterwards keep only the newest key (checked to open every value).")] = False,
    lang: Lang = "en",
) -> None:
    """Re-encrypt every encrypted field (identity, notes, screening answers, case facts and
    their copies in assessments, runs and intake drafts) under the newest key, in one
    transaction, and report the counts. Run it as the tables' owner on PostgreSQL: the
    append-only assessment snapshots are rewritten too."""
    check_lang(lang)
    setup_django()
    from qaitu.web import fieldcrypt
    from qaitu.web.audit import log

    try:
        if new_key:
            fieldcrypt.add_key()
        counts = fieldcrypt.rotate()
        for field, n in counts.items():
            console.print(said("re_encrypted", lang, field=field, n=n))
        if drop_old:
            checked = fieldcrypt.check_newest_only()
            fieldcrypt.drop_old_keys()
            console.print(said("old_keys_dropped", lang, n=checked))
    except fieldcrypt.FieldKeyError as exc:
        raise refused(exc, lang) from None
    log.record(None, "update", "field_keys", purpose="key rotation",
               detail={"re_encrypted": counts, "old_keys_dropped": drop_old})
    console.print(said("keys_total", lang, n=sum(counts.values()), keys=len(fieldcrypt.keys()),
                       source=fieldcrypt.source()))


@keys_app.command("new")
def keys_new() -> None:
    """Print a fresh key (for QAITU_FIELD_KEYS: put it first, restart, then rotate)."""
    from cryptography.fernet import Fernet

    print(Fernet.generate_key().decode())


def analyst_export_cmd(
    out: Annotated[Path, typer.Option(help="CSV file to write.")],
    lang: Lang = "en",
) -> None:
    """Pseudonymised cases for analysts: keyed pseudonyms, no names, IINs or numbers."""
    check_lang(lang)
    setup_django()
    from qaitu.web.audit import log
    from qaitu.web.privacy.analyst import key, rows, to_csv

    data = rows(key())
    out.write_bytes(to_csv(data))
    log.record(None, "export", "analyst_export", purpose="pseudonymised export for analysts",
               detail={"rows": len(data)})
    console.print(said("analyst_written", lang, path=out, n=len(data)))
