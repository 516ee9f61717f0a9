"""The ``qaitu`` command: assess a case, list variants; other areas mount their commands here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from qaitu.assessment import assess
from qaitu.assessment.casefile import CaseError, load_case
from qaitu.assessment.explain import duration
from qaitu.comparative.cli import jurisdictions_app
from qaitu.law.variants import VariantError, load_variant, shipped_names

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Qaitu: Kazakhstan's Criminal Code on foreign armed conflicts as code.")
console = Console()
err = Console(stderr=True)


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(2)


def _range(r: dict[str, Any] | None, lang: str) -> str:
    if not r:
        return "—"
    return f"{duration(r['min_months'], lang)} – {duration(r['max_months'], lang)}"


STATUS_STYLE = {"applies": "bold green", "available": "green", "possible": "yellow",
                "only_exceptional": "yellow", "excluded": "dim", "unavailable": "red"}


def render_text(result: dict[str, Any], lang: str = "en") -> None:
    """The Rich report: per variant the qualifications, options and reasons."""
    console.print(Panel.fit(
        f"[bold]Case {result['case_id'] or '(no id)'}[/] — assessed as of {result['as_of']}\n"
        f"rulebook {result['rulebook']['version']} {result['rulebook']['hash'][:19]}…",
        title="Qaitu assessment"))
    for name, v in result["variants"].items():
        console.rule(f"[bold]{name}[/] — {v['variant'].get('title', '')}"
                     if isinstance(v["variant"].get("title"), str) else f"[bold]{name}[/]")
        table = Table(show_lines=False, expand=True)
        for col in ("article", "status", "gravity", "statutory", "reachable"):
            table.add_column(col)
        for q in v["qualifications"]:
            style = STATUS_STYLE.get(q["status"], "")
            table.add_row(f"art. {q['citation']}" + (f" (ep. {q['episode']})"
                                                      if q["episode"] else ""),
                          f"[{style}]{q['status']}[/]", q["gravity"].replace("_", " "),
                          _range(q["statutory_range"], lang), _range(q["reachable_range"], lang))
        console.print(table)
        for q in v["qualifications"]:
            if q["status"] != "excluded":
                console.print(f"[bold]art. {q['citation']}[/] — {q['status']}:")
                for reason in q["because"]:
                    console.print(f"  • {reason}", highlight=False)
        opts = Table(title="Options", expand=True)
        opts.add_column("option")
        opts.add_column("status")
        opts.add_column("because")
        for option, o in v["options"].items():
            style = STATUS_STYLE.get(o["status"], "")
            opts.add_row(option.replace("_", " "), f"[{style}]{o['status']}[/]",
                         "\n".join(o["because"]))
        console.print(opts)
        console.print(f"[bold]Parole[/]: after {v['parole_after_fraction'] or 'no parole'} — "
                      + "; ".join(v["parole_because"]), highlight=False)
        console.print("[bold]Limitation[/]: " + "; ".join(v["limitation"]["because"]),
                      highlight=False)
        if v["depends_on"]:
            console.print("[bold yellow]Depends on unknown facts[/]:")
            for d in v["depends_on"]:
                console.print(f"  • {d['fact']} → {', '.join(d['changes'])}", highlight=False)
        if not v["scenarios"]["exhaustive"]:
            console.print(f"[yellow]Many facts are unknown: outcomes were enumerated over "
                          f"{v['scenarios']['count']} sampled scenarios, not all combinations."
                          " Fill in facts to narrow the result.[/]")
    console.print(Panel(result["disclaimer"], style="italic"))


@app.command("assess")
def assess_command(
    case_file: Annotated[Path, typer.Argument(help="A qaitu.case/1 file (YAML or JSON).")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judgment date YYYY-MM-DD.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json")] = "text",
    variant: Annotated[list[str] | None, typer.Option(
        "--variant", help="current, a shipped variant or a variant file; repeatable.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="en | ru | kk")] = "en",
) -> None:
    """Assess one case under current law and any variants, with reasons and citations."""
    if fmt not in ("text", "json"):
        _fail(f"--format: expected text or json, got {fmt!r}")
    if lang not in ("en", "ru", "kk"):
        _fail(f"--lang: expected en, ru or kk, got {lang!r}")
    try:
        when = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        _fail(f"--as-of: expected a date YYYY-MM-DD, got {as_of!r}")
    try:
        case = load_case(case_file)
        result = assess(case, variant or ["current"], as_of=when, lang=lang)
    except CaseError as exc:
        _fail(f"{len(exc.problems)} problem(s) in the case file:\n{exc}")
    except VariantError as exc:
        _fail(str(exc))
    if fmt == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        render_text(result, lang)


app.add_typer(jurisdictions_app, name="jurisdictions")

variants_app = typer.Typer(help="Amendment variants.", invoke_without_command=True)
app.add_typer(variants_app, name="variants")


@variants_app.callback()
def variants_list(ctx: typer.Context) -> None:
    """List the shipped variants."""
    if ctx.invoked_subcommand:
        return
    table = Table(title="Variants")
    for col in ("name", "status", "title"):
        table.add_column(col)
    for name in shipped_names():
        meta = load_variant(name).meta()
        title = meta.get("title", "")
        table.add_row(name, meta.get("status", ""),
                      title.get("en", "") if isinstance(title, dict) else title)
    console.print(table)


@variants_app.command("show")
def variants_show(name: str) -> None:
    """Print one variant with its legal text."""
    try:
        v = load_variant(name)
    except VariantError as exc:
        _fail(str(exc))
    console.print_json(json.dumps({**v.meta(), "text": v.info.get("text"),
                                   "parameters": v.info.get("parameters")},
                                  ensure_ascii=False, default=str))


def main() -> None:
    app()
