"""``qaitu serve``: migrate, load the demo into an empty database, print the logins, serve.
``qaitu worker``: the job runner (django-q2) for scheduled checks and long jobs.

Honours ``DATABASE_URL`` (default: SQLite under ``var/`` in the repository).
"""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

serve_app = typer.Typer(add_completion=False, help="Run the casework web application.")
console = Console()


def setup_django(host: str | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qaitu.web.settings")
    if host and host not in ("0.0.0.0", "::"):
        hosts = os.environ.get("QAITU_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
        os.environ["QAITU_ALLOWED_HOSTS"] = f"{hosts},{host}"
    elif host:
        os.environ.setdefault("QAITU_ALLOWED_HOSTS", "*")
    import django

    django.setup()


def prepare(demo: bool = True) -> dict | None:
    """Migrate; load the demo when the database has no users. Returns the demo summary."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from qaitu.web.accounts.models import User

    if not demo or User.objects.exists():
        return None
    from qaitu.web.demo.load import load

    with console.status("Loading the synthetic demo (people, cases, assessments)…"):
        return load()


def print_logins(url: str) -> None:
    from qaitu.web.accounts.models import User
    from qaitu.web.demo.load import PASSWORD, USERS

    demo_names = [u[0] for u in USERS]
    users = {u.username: u for u in User.objects.filter(username__in=demo_names)}
    table = Table(title=f"Qaitu casework — {url}", show_lines=False)
    table.add_column("role")
    table.add_column("user name")
    table.add_column("password")
    table.add_column("language")
    for name in demo_names:
        u = users.get(name)
        if u is not None:
            table.add_row(str(u.get_role_display()), name, PASSWORD, u.language)
    if users:
        console.print(table)
        console.print("Demo data are synthetic. API docs: " + url.rstrip("/") + "/api/docs")
    else:
        console.print(f"Open {url}")


@serve_app.callback(invoke_without_command=True)
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option(help="Load the demo into an empty database.")] = True,
) -> None:
    """Migrate, load the demo into an empty database, print the logins and serve."""
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


worker_app = typer.Typer(add_completion=False, help="Run the job runner (django-q2).")


def _migrated() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


@worker_app.callback(invoke_without_command=True)
def worker(
    wait: Annotated[bool, typer.Option(help="Wait for the server to migrate the database "
                                            "(as `make run` starts both at once).")] = False,
) -> None:
    """Start the job runner: register the schedules (reminders, recomputation), then work the
    queue until stopped. Several workers on several machines share one broker."""
    import time

    setup_django()
    from django.core.management import call_command

    from qaitu.web import jobs

    if wait:
        while not _migrated():
            time.sleep(2)
    else:
        call_command("migrate", verbosity=0, interactive=False)
    console.print("Schedules: " + ", ".join(jobs.ensure_schedules()))
    call_command("qcluster")


if __name__ == "__main__":
    serve_app()
