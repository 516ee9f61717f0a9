"""The ``qaitu`` command: assess a case, list variants; other areas mount their commands here."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from qaitu.assessment import assess, warning_text
from qaitu.assessment.casefile import (
    CaseError,
    language_refused,
    load_case,
    option_text,
    problem_text,
    problems_text,
)
from qaitu.assessment.explain import (
    LANGS,
    dates_text,
    marked,
    on_condition,
    os_reason,
    range_text,
    say,
    sentence_heading,
    sentence_rows,
    shown_rules,
)
from qaitu.assessment.explain import cite as cite_text
from qaitu.assessment.memo.render import change_name, country_name, trace_value
from qaitu.assessment.memo.text import fact_name
from qaitu.assessment.outputs import OPTIONS
from qaitu.comparative import DataError, load_jurisdictions
from qaitu.comparative.cli import jurisdictions_app
from qaitu.law.glossary import label as glossary_label
from qaitu.law.glossary import label_or
from qaitu.law.system import current_law
from qaitu.law.variants import VariantError, load_variant, shipped_names, variant_name
from qaitu.simulation.cli import settings_text, simulate_app, within
from qaitu.web.cli import (
    analyst_export_cmd,
    audit_app,
    backup_cmd,
    keys_app,
    restore_cmd,
    retention_app,
    serve_app,
    subject_access_cmd,
    worker_app,
)

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Qaitu: Kazakhstan's Criminal Code on foreign armed conflicts as code.")
console = Console()
err = Console(stderr=True)


@app.callback()
def _consoles() -> None:
    """Consoles made for each run, so that they measure the terminal (or ``COLUMNS``) of the
    run, not of the moment the module was imported."""
    global console, err
    console, err = Console(), Console(stderr=True)


def _fail(message: str, lang: str = "en") -> None:
    err.print(f"[bold red]{say('report.error', lang)}:[/] {message}", highlight=False)
    raise typer.Exit(2)


def _check_lang(lang: str, langs: tuple[str, ...] = LANGS) -> None:
    """Refuse a ``--lang`` the command does not speak, in every language
    (:func:`~qaitu.assessment.casefile.language_refused` says why)."""
    if lang not in langs:
        err.print(language_refused(lang, langs), highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(2)


def _check_format(fmt: str, formats: tuple[str, ...], lang: str) -> None:
    if fmt not in formats:
        _fail(option_text("--format", "one_of", lang, allowed=", ".join(formats), got=repr(fmt)),
              lang)


def _case_problems(exc: CaseError, lang: str) -> str:
    """A case file's problems, one a line, in the reader's language."""
    return "\n".join(problem_text(p, lang) for p in exc.problems)


def _range(r: dict[str, Any] | None, lang: str) -> str:
    return range_text(r, lang) or "—"


def _variant_name(meta: dict[str, Any], lang: str, short: bool = False) -> str:
    """A variant as a rule (its title) or a column (``short``: its short title) shows it, in
    the reader's words (:func:`qaitu.law.variants.variant_name`); its id only where a user must
    type it (``qaitu variants``), never in running text. Escaped for Rich: a title or a
    ``variant[provision]`` id holds brackets."""
    return escape(variant_name(meta, lang, short))


STATUS_STYLE = {"applies": "bold green", "available": "green", "possible": "yellow",
                "only_exceptional": "yellow", "excluded": "dim", "unavailable": "red"}


def _reader_s_dates(node: Any, lang: str) -> Any:
    """``node`` with the ISO dates in its words (``ред. 2017-01-01``) written as the reader of
    ``lang`` writes a date (:func:`qaitu.assessment.explain.day_text`); JSON keeps them ISO."""
    if isinstance(node, dict):
        return {k: _reader_s_dates(v, lang) for k, v in node.items()}
    if isinstance(node, list):
        return [_reader_s_dates(v, lang) for v in node]
    return dates_text(node, lang) if isinstance(node, str) else node


def render_text(result: dict[str, Any], lang: str = "en") -> None:
    """The Rich report, in ``lang``: per variant the qualifications, options and reasons."""
    result = _reader_s_dates(result, lang)
    def r(key: str, **values: Any) -> str:
        return say(f"report.{key}", lang, **values)

    def label(group: str, value: str) -> str:
        return glossary_label(group, value, lang)

    case = result["case_id"] or r("no_id")
    # the marks' legend, where a reason printed (its findings) or a date's provision has one
    shown: list[Any] = []
    rows_marked = False
    console.print(Panel.fit(
        f"[bold]{r('case', case=case, date=result['as_of'])}[/]\n"
        f"{r('rulebook')} {result['rulebook']['version']} {result['rulebook']['hash'][:19]}…",
        title=r("title")))
    for v in result["variants"].values():
        console.rule(f"[bold]{_variant_name(v['variant'], lang)}[/]")
        table = Table(show_lines=False, expand=True)
        for col in ("article", "status", "gravity", "statutory", "reachable"):
            table.add_column(r(col))
        for q in v["qualifications"]:
            style = STATUS_STYLE.get(q["status"], "")
            episode = f" ({r('episode', n=q['episode'])})" if q["episode"] else ""
            table.add_row(cite_text(q["citation"], lang) + episode,
                          f"[{style}]{label('qualification', q['status'])}[/]",
                          label("gravity", q["gravity"]),
                          _range(q["statutory_range"], lang), _range(q["reachable_range"], lang))
        console.print(table)
        for q in v["qualifications"]:
            if q["status"] != "excluded":
                # the mark only: the note beside it in the parameters is English
                grade = str(q.get("confidence") or "")[:1]
                mark = f" [dim]({r('confidence', mark=grade)})[/]" if grade not in ("", "H") else ""
                console.print(f"[bold]{cite_text(q['citation'], lang)}[/] — "
                              f"{label('qualification', q['status'])}:{mark}")
                for reason in q["because"]:
                    console.print(f"  • {reason}", highlight=False)
                shown.append(q["because_findings"])
        if v.get("options_decided"):  # said once above the options it marks, not in each
            console.print(f"[bold]{r('decided')}[/] — "
                          + "; ".join(v["options_decided"]["because"]), highlight=False)
            shown.append(v["options_decided"]["because_findings"])
        opts = Table(title=r("options"), expand=True)
        for col in ("option", "status", "because"):
            opts.add_column(r(col))
        for option, o in v["options"].items():
            style = STATUS_STYLE.get(o["status"], "")
            decided = f"\n[bold]{r('decided')}[/]" if o.get("decided") else ""
            opts.add_row(label("option", option),
                         f"[{style}]{label('option_status', o['status'])}[/]{decided}",
                         "\n".join(o["because"]))
            shown.append(o["because_findings"])
        console.print(opts)
        # the share alone: a condition it holds on (72(1) ¶3) is the first of the reasons
        # said after it on the same line, with its provision
        parole = (r("parole", fraction=v["parole_after_fraction"])
                  if v["parole_after_fraction"] else r("no_parole"))
        console.print(f"[bold]{parole}[/] — " + "; ".join(v["parole_because"]), highlight=False)
        shown.append(v["parole_because_findings"])
        if v.get("cumulative"):
            console.print(f"[bold]{r('cumulative')}[/]: " + "; ".join(v["cumulative"]["because"]),
                          highlight=False)
            shown.append(v["cumulative"]["because_findings"])
        console.print(f"[bold]{r('limitation')}[/]: " + "; ".join(v["limitation"]["because"]),
                      highlight=False)
        shown.append(v["limitation"]["because_findings"])
        if v.get("sentence"):
            _render_sentence(console, v["sentence"], lang)
            shown.append(v["sentence"]["because_findings"])
            rows_marked |= any(mark for *_, mark in shown_rules(v["sentence"]))
        if v["depends_on"]:
            console.print(f"[bold yellow]{r('depends_on')}[/]:")
            for d in v["depends_on"]:
                changes = dict.fromkeys(change_name(c, lang) for c in d["changes"])
                console.print(f"  • {fact_name(d['fact'], lang)} → {', '.join(changes)}",
                              highlight=False)
        if not v["scenarios"]["exhaustive"]:
            left = r("not_exhaustive", count=v["scenarios"]["count"],
                     facts=", ".join(v["scenarios"]["open"]))
            console.print(f"[yellow]{left}[/]", highlight=False)
    if rows_marked or any(marked(f["key"], f["values"], lang) for fs in shown for f in fs):
        console.print(f"[dim]{r('marks')}[/]", highlight=False)
    console.print(Panel(result["disclaimer"], style="italic"))


def _render_sentence(console: Console, block: dict[str, Any], lang: str) -> None:
    """The dates the law sets for the sentence, each with the provision behind it."""
    table = Table(title=f"{say('sentence_label.title', lang)} — "
                        f"{sentence_heading(block, lang)}", expand=True)
    for col in ("", "date", "rule"):
        table.add_column(say(f"sentence_label.{col}", lang) if col else "")
    for what, value, cite in sentence_rows(block, lang):
        table.add_row(what, value, cite)
    console.print(table)
    for reason in block["because"]:
        console.print(f"  • {reason}", highlight=False)
    for need in block["depends_on"]:
        console.print(f"  [yellow]• {need}[/]", highlight=False)


def _title(meta: dict[str, Any], lang: str) -> str:
    title = meta.get("title", "")
    return title.get(lang) or title.get("en", "") if isinstance(title, dict) else str(title)


def render_comparison(result: dict[str, Any], lang: str = "en") -> None:
    """Variants side by side, then what each changes and why."""
    result = _reader_s_dates(result, lang)

    def r(key: str, **values: Any) -> str:
        return say(f"report.{key}", lang, **values)

    names = list(result["variants"])
    table = Table(title=r("side_by_side"), expand=True, show_lines=True)
    table.add_column("")
    for name in names:
        table.add_column(_variant_name(result["variants"][name]["variant"], lang, short=True),
                         overflow="fold")

    def principal(v: dict[str, Any]) -> dict[str, Any] | None:
        live = [q for q in v["qualifications"] if q["status"] != "excluded"]
        return max(live, key=lambda q: (q["status"] == "applies",
                                        (q["statutory_range"] or {}).get("max_months", 0)),
                   default=None)

    def gravity(v: dict[str, Any]) -> str:
        q = principal(v)
        return glossary_label("gravity", q["gravity"], lang) if q else "—"

    rows: list[tuple[str, Any]] = [
        (r("qualification"), lambda v: ", ".join(
            f"{cite_text(q['citation'], lang)} "
            f"({glossary_label('qualification', q['status'], lang)})"
            for q in v["qualifications"] if q["status"] != "excluded") or "—"),
        (r("class"), gravity),
        (r("statutory_range"),
         lambda v: _range((principal(v) or {}).get("statutory_range"), lang)),
        (r("reachable_range"),
         lambda v: _range((principal(v) or {}).get("reachable_range"), lang)),
    ]
    for option in OPTIONS:
        rows.append((glossary_label("option", option, lang), lambda v, o=option: (
            f"[{STATUS_STYLE.get(v['options'][o]['status'], '')}]"
            f"{glossary_label('option_status', v['options'][o]['status'], lang)}[/]"
            + (f"\n{r('decided')}" if v["options"][o].get("decided") else ""))))
    rows.append((r("parole_after"), lambda v: on_condition(
        v["parole_after_fraction"], v.get("parole_condition"), lang)
        if v["parole_after_fraction"] else r("parole_none")))
    for row, cell in rows:
        table.add_row(row, *[cell(result["variants"][n]) for n in names])
    console.print(table)
    for name in names[1:]:
        v = result["variants"][name]
        console.rule(f"[bold]{_variant_name(v['variant'], lang)}[/]")
        if not v.get("diff"):
            console.print(r("no_changes"))
        for d in v.get("diff", []):
            console.print(f"[bold]{d['explanation']}[/]", highlight=False)
            for reason in d["because"]:
                console.print(f"  • {reason}", highlight=False)
        facts = v.get("deciding_facts", {}).get("under_variant")
        if facts:
            console.print(f"[yellow]{r('deciding_under_variant')}:[/] "
                          + ", ".join(fact_name(f, lang) for f in facts), highlight=False)


def _write_memo(result: dict[str, Any], facts: dict[str, Any], fmt: str, lang: str,
                out: Path | None) -> None:
    from qaitu.assessment.memo import MemoError, render_html, render_pdf

    try:
        if fmt == "html":
            html = render_html(result, facts, lang=lang)  # type: ignore[arg-type]
            if out is None:
                print(html)
                return
            out.write_text(html, encoding="utf-8")
        else:
            if out is None:
                _fail(say("report.memo_needs_out", lang), lang)
                return
            out.write_bytes(render_pdf(result, facts, lang=lang))  # type: ignore[arg-type]
    except MemoError as exc:
        _fail(say("report.memo_failed", lang, reason=exc.text(lang)), lang)
    except OSError as exc:
        _fail(say("report.cannot_write", lang, path=out, reason=os_reason(exc, lang)), lang)
    err.print(say("report.memo_written", lang, path=out), highlight=False)


def _assess_folder(folder: Path, variants: list[str], when: dt.date | None, lang: str) -> None:
    """One row per case: what each variant changes for it, and why."""
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
    if not files:
        _fail(say("report.no_case_files", lang, folder=folder), lang)
    def r(key: str, **values: Any) -> str:
        return say(f"report.{key}", lang, **values)

    table = Table(title=r("cases_in", n=len(files), folder=folder), expand=True, show_lines=True)
    for col in (r("case_column"),
                *(_variant_name(load_variant(n).meta(), lang, short=True) for n in variants),
                r("changes_column")):
        table.add_column(col)
    bad = 0
    for path in files:
        try:
            result = assess(load_case(path), variants, as_of=when, lang=lang)
        except CaseError as exc:
            bad += 1
            err.print(f"[red]{r('file_skipped')}[/] " + _case_problems(exc, lang),
                      highlight=False)
            continue
        cells = []
        for name in variants:
            v = result["variants"][name]
            options = [glossary_label("option", o, lang) for o, e in v["options"].items()
                       if e["status"] == "available" and o != "imprisonment"]
            # an article that only possibly applies is shown too, marked as such
            articles = ", ".join(
                cite_text(q["citation"], lang) + (
                    "" if q["status"] == "applies"
                    else f" ({glossary_label('qualification', q['status'], lang)})")
                for q in v["qualifications"] if q["status"] != "excluded")
            cells.append((articles or r("no_article")) + "\n" + "; ".join(options))
        changes = [d["explanation"] for name in variants[1:]
                   for d in result["variants"][name].get("diff", [])]
        table.add_row(result["case_id"] or path.name, *cells, "\n".join(changes) or r("none"))
    console.print(table)
    if bad:  # scripts must be able to tell
        _fail(r("skipped", n=bad, total=len(files)), lang)


@app.command("assess")
def assess_command(
    case_file: Annotated[Path, typer.Argument(
        help="A qaitu.case/1 file (YAML or JSON), or a folder of them.")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judgment date YYYY-MM-DD.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json | html | pdf")] = "text",
    variant: Annotated[list[str] | None, typer.Option(
        "--variant", help="current, a shipped variant or a variant file; repeatable.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="en | ru | kk")] = "en",
    out: Annotated[Path | None, typer.Option("--out", help="Where to write html or pdf.")] = None,
) -> None:
    """Assess a case under current law and any variants, with reasons and citations."""
    _check_lang(lang)
    _check_format(fmt, ("text", "json", "html", "pdf"), lang)
    try:
        when = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        _fail(option_text("--as-of", "date_only", lang, got=repr(as_of)), lang)
    variants = variant or ["current"]
    try:
        if case_file.is_dir():
            _assess_folder(case_file, variants if "current" in variants
                           else ["current", *variants], when, lang)
            return
        case = load_case(case_file)
        result = assess(case, variants, as_of=when, lang=lang)
        for warning in result["warnings"]:
            err.print(f"[yellow]{say('report.warning', lang)}:[/] {warning_text(warning, lang)}",
                      highlight=False)
    except CaseError as exc:
        _fail(say("input.problems", lang, n=len(exc.problems)) + "\n"
              + _case_problems(exc, lang), lang)
    except VariantError as exc:
        _fail(problems_text("variant_problems", exc.problems, lang), lang)
    if fmt == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt in ("html", "pdf"):
        _write_memo(result, case.to_json(), fmt, lang, out)
    else:
        render_text(result, lang)
        if len(result["variants"]) > 1:
            render_comparison(result, lang)


def _option_refused(option: str, got: str, allowed: Sequence[str], lang: str | None) -> str:
    """An option's value refused, after the word for "error", in ``lang``; ``--lang`` itself
    (no ``lang``) in every language (:func:`~qaitu.assessment.casefile.language_refused`)."""
    if lang is None:
        return language_refused(got, allowed)
    return f"{say('report.error', lang)}: " + option_text(
        option, "one_of", lang, allowed=", ".join(allowed), got=repr(got))


app.add_typer(jurisdictions_app, name="jurisdictions", context_settings={"obj": {
    "problems_text": lambda problems, lang: problems_text("jurisdiction_problems", problems,
                                                          lang),
    "option_text": _option_refused}})
app.add_typer(simulate_app, name="simulate")
app.add_typer(serve_app, name="serve")
app.add_typer(audit_app, name="audit")
app.add_typer(retention_app, name="retention")
app.command("backup")(backup_cmd)
app.command("restore")(restore_cmd)
app.add_typer(worker_app, name="worker")
app.command("subject-access")(subject_access_cmd)
app.add_typer(keys_app, name="keys")
app.command("analyst-export")(analyst_export_cmd)

variants_app = typer.Typer(help="Amendment variants.", invoke_without_command=True)
app.add_typer(variants_app, name="variants")


@variants_app.callback()
def variants_list(
    ctx: typer.Context,
    lang: Annotated[str, typer.Option("--lang", help="en | ru | kk")] = "en",
) -> None:
    """List the shipped variants."""
    if ctx.invoked_subcommand:
        return
    _check_lang(lang)
    table = Table(title=say("report.variants", lang))
    for col in ("title_column", "variant_status", "variant_id"):
        table.add_column(say(f"report.{col}", lang))
    for name in shipped_names():
        meta = load_variant(name).meta()
        status = meta.get("status", "")
        # the name to read (and the title, where it says more), then the id to type after
        # --variant, marked as code
        short, title = _variant_name(meta, lang, short=True), _variant_name(meta, lang)
        table.add_row(f"[bold]{short}[/]" + (f"\n{title}" if title.lower() != short.lower()
                                              else ""),
                      label_or("variant_status", status, lang, status),
                      f"[cyan]{escape(name)}[/]")
    console.print(table)


@variants_app.command("show")
def variants_show(
    name: Annotated[str, typer.Argument(help="A shipped variant's name or a variant file.")],
    lang: Annotated[str, typer.Option("--lang", help="en | ru | kk")] = "en",
) -> None:
    """Print one variant: summary, draft wording, provisions and the jurisdictions behind it."""
    _check_lang(lang)
    try:
        v = load_variant(name)
    except VariantError as exc:
        _fail(problems_text("variant_problems", exc.problems, lang), lang)
    if v.spec is None:
        console.print(say("report.current_unchanged", lang))
        return
    s = v.spec
    author = s.author if isinstance(s.author, str) else _title({"title": s.author}, lang)
    meta = say("report.meta", lang, status=label_or("variant_status", s.status, lang, s.status),
               date=dates_text(s.date, lang), author=author)
    use = say("report.variant_use", lang, option=f"[cyan]--variant {escape(name)}[/]")
    console.print(Panel(f"{_title({'title': s.summary}, lang)}\n\n[dim]{meta}[/]\n{use}",
                        title=_variant_name(v.meta(), lang)))
    texts = {str(code): text for code, text in s.text.items()}
    for code in (lang, *(c for c in ("ru", "kk", "en") if c != lang)):
        if code in texts:
            console.print(Panel(texts[code],
                                title=say("report.draft_wording", lang,
                                          language=glossary_label("in_language", code, lang))))
    for p in s.provisions:
        console.print(f"[bold]{_title({'title': p.title}, lang)}[/] "
                      f"({cite_text(p.article, lang)}): " + ", ".join(
            say("report.change", lang, parameter=label_or("parameter", path, lang, path),
                value=trace_value(c.value, lang, _unit(path)),  # type: ignore[arg-type]
                date=dates_text(c.from_, lang))
            for path, c in p.parameters.items()), highlight=False)
    try:
        names = {j.code: j for j in load_jurisdictions()}
    except DataError:  # a broken jurisdiction file: `qaitu jurisdictions` says what is wrong
        names = {}
    codes = [country_name(code, lang, names)  # type: ignore[arg-type]
             for code in s.jurisdictions]
    console.print(say("report.jurisdictions", lang, codes=", ".join(codes)))


def _unit(path: str) -> str | None:
    """The unit of the law's parameter at ``path`` as :func:`trace_value` names units
    (``months``), from the parameter's metadata; None for none, or for a path the law lacks."""
    node: Any = current_law().parameters
    for key in path.split("."):
        node = getattr(node, key, None)
    unit = (getattr(node, "metadata", None) or {}).get("unit")
    return None if unit is None else {"month": "months", "year": "years", "day": "days"}.get(
        str(unit), str(unit))


@app.command("bill")
def bill_command(
    variant: Annotated[str, typer.Argument(help="A shipped variant's name or a variant file.")],
    scenario: Annotated[str, typer.Option(
        "--scenario", help="The cohort scenario the effects and costs are projected on.")
    ] = "deputy-141",
    lang: Annotated[str, typer.Option("--lang", help="ru | kk")] = "ru",
    fmt: Annotated[str, typer.Option("--format", help="docx | pdf | html")] = "docx",
    out: Annotated[Path | None, typer.Option("--out", help="The file to write.")] = None,
    draws: Annotated[int | None, typer.Option(  # its range is the scenario schema's
        help="Monte Carlo draws" + within("draws") + ", default: the scenario's")] = None,
) -> None:
    """The bill pack: the draft law, the comparative table and the explanatory note."""
    from qaitu.bill import LANGS as LANGS_OF_BILLS
    from qaitu.bill import BillError, build, project
    from qaitu.bill.render import render_docx, render_html, render_pdf
    from qaitu.simulation.evaluation import SimulationError
    from qaitu.simulation.scenario_files import ScenarioError
    from qaitu.simulation.scenario_schema import SettingsError

    _check_lang(lang, LANGS_OF_BILLS)
    _check_format(fmt, ("docx", "pdf", "html"), lang)
    if out is None:
        _fail(say("report.bill_needs_out", lang), lang)
        return
    try:
        if load_variant(variant).name == "current":
            raise BillError("bill_current")
        figures = project(variant, scenario, draws=draws)
        pack = build(variant, figures, lang)  # type: ignore[arg-type]
    except VariantError as exc:
        _fail(problems_text("variant_problems", exc.problems, lang), lang)
        return
    except ScenarioError as exc:
        _fail(problems_text("scenario_problems", exc.problems, lang), lang)
        return
    except SettingsError as exc:
        _fail(settings_text(exc, lang), lang)
        return
    except SimulationError as exc:
        _fail(exc.text(lang), lang)
        return
    except BillError as exc:
        _fail(exc.text(lang), lang)
        return
    try:
        if fmt == "html":
            out.write_text(render_html(pack), encoding="utf-8")
        else:
            out.write_bytes(render_pdf(pack) if fmt == "pdf" else render_docx(pack))
    except OSError as exc:
        _fail(say("report.cannot_write", lang, path=out, reason=os_reason(exc, lang)), lang)
    for note in pack["law"]["notes"]:  # also in the pack, but said before anyone opens it
        err.print(f"{pack['labels']['note_to_drafter']}: {note}", style="yellow", markup=False,
                  highlight=False, soft_wrap=True)
    err.print(say("report.bill_written", lang, path=out), highlight=False)


def main() -> None:
    """Run ``qaitu``. Click refuses a command line it cannot parse (a missing argument, an
    unknown option, a value of the wrong type) in English, whatever ``--lang`` says: those
    refusals are said here in the reader's language instead (:func:`usage_refused`)."""
    try:
        code = _values_kept(typer.main.get_command(app)).main(standalone_mode=False,
                                                              prog_name="qaitu")
    except click.exceptions.NoArgsIsHelpError as exc:
        exc.show()  # the help itself, as when the command is given no arguments
        sys.exit(0)
    except click.UsageError as exc:
        err.print(usage_refused(exc, _argv_language(sys.argv[1:])), highlight=False,
                  markup=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _argv_language(args: Sequence[str]) -> str:
    """The ``--lang`` of a command line Click could not parse (English where it gives none, or
    none Qaitu speaks)."""
    for n, arg in enumerate(args):
        given = arg.partition("=")[2] if arg.startswith("--lang=") else (
            args[n + 1] if arg == "--lang" and n + 1 < len(args) else None)
        if given in LANGS:
            return given
    return "en"


#: Click's kinds of value, by the sentence of ``input`` that says what was expected.
_EXPECTED = {click.types.IntParamType: "integer", click.types.FloatParamType: "number"}


class WrongValue(click.BadParameter):
    """Click's refusal of a value it could not convert, with the value itself as an attribute:
    Click's exception holds the value only inside its (English, translatable) message."""

    def __init__(self, refused: click.BadParameter, value: Any) -> None:
        super().__init__(refused.message, refused.ctx, refused.param, refused.param_hint)
        self.value = value


class _KeepsValue(click.ParamType[Any]):
    """Mixed into a parameter's own Click type (:func:`_values_kept`): converts as that type
    does, and when it refuses, raises :class:`WrongValue` with the value given."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except WrongValue:
            raise
        except click.BadParameter as exc:
            raise WrongValue(exc, value) from exc


def _values_kept(command: click.Command) -> click.Command:
    """``command`` and its subcommands with each parameter's type made one that keeps a
    refused value (:class:`_KeepsValue`), so that :func:`usage_refused` names the value from
    the exception, not from Click's message, whose words a Click release or locale may change.
    Each type stays an instance of its own class (a ``Choice`` is still a ``Choice``), so
    help, ranges and completion are Click's as before."""
    for param in command.params:
        kind = param.type
        if not isinstance(kind, _KeepsValue):
            kept = copy.copy(kind)
            kept.__class__ = _keeping(type(kind))
            param.type = kept
    for sub in getattr(command, "commands", {}).values():
        _values_kept(sub)
    return command


@functools.cache
def _keeping(kind: type[click.ParamType[Any]]) -> type[click.ParamType[Any]]:
    """``kind`` with :class:`_KeepsValue` before it: one such class for each kind."""
    return type(kind.__name__, (_KeepsValue, kind), {"__module__": __name__})


def usage_refused(exc: click.UsageError, lang: str) -> str:
    """A command line Click refused, in ``lang``: the usage line, what is wrong, where to look.
    The kind of refusal and the names in it are Click's; the words are ``usage.*`` and
    ``input.*`` of ``reasons.yaml``."""
    ctx = exc.ctx
    lines = [f"{say('report.error', lang)}: {_what(exc, lang)}",
             say("usage.help", lang, command=ctx.command_path if ctx else "qaitu")]
    if ctx:  # Click's usage line, its syntax as typed: qaitu assess [OPTIONS] CASE_FILE
        lines.insert(0, f"{say('usage.usage', lang)}: {ctx.get_usage().partition(':')[2].strip()}")
    return "\n".join(lines)


def _what(exc: click.UsageError, lang: str) -> str:
    """What Click found wrong, said in ``lang``."""
    ctx = exc.ctx
    if isinstance(exc, click.exceptions.MissingParameter) and exc.param is not None:
        return say("usage.missing", lang, name=exc.param.get_error_hint(ctx) if ctx else
                   exc.param.name)
    if isinstance(exc, click.NoSuchOption):
        said = say("usage.no_such_option", lang, name=exc.option_name)
        if exc.possibilities:
            said += "; " + say("usage.did_you_mean", lang, names=", ".join(exc.possibilities))
        return said
    if isinstance(exc, click.BadOptionUsage) and _raised_in(exc, _NEEDS_VALUE) is not None:
        return say("usage.needs_value", lang, name=exc.option_name)
    if isinstance(exc, WrongValue) and exc.param is not None:
        name = (exc.param.get_error_hint(ctx) if ctx else str(exc.param.name)).strip("'")
        got, kind = repr(exc.value), exc.param.type
        if isinstance(kind, click.Choice):
            return option_text(name, "one_of", lang, allowed=", ".join(map(str, kind.choices)),
                               got=got)
        if isinstance(kind, click.Path) and not Path(exc.value).exists():
            return f"{name}: {say('usage.no_such_path', lang, got=got)}"
        expected = next((key for k, key in _EXPECTED.items() if isinstance(kind, k)), None)
        if expected is not None:
            return option_text(name, expected, lang, got=got)
    if isinstance(exc, click.exceptions.NoSuchCommand):
        said = say("usage.no_such_command", lang, name=repr(exc.command_name))
        if exc.possibilities:
            said += "; " + say("usage.did_you_mean", lang, names=", ".join(exc.possibilities))
        return said
    parsing = _raised_in(exc, click.Command.parse_args) if type(exc) is click.UsageError else None
    if parsing is not None and parsing.get("args"):
        return say("usage.extra_argument", lang, got=" ".join(map(str, parsing["args"])))
    return say("usage.invalid", lang, detail=exc.message)  # Click's own words, kept as a value


#: Where Click's parser finds an option given without its value (click 8.4: it raises
#: BadOptionUsage there, and for a flag given a value elsewhere). A private name: if a Click
#: release moves it, that refusal falls back to ``usage.invalid`` instead of the CLI failing.
_NEEDS_VALUE = getattr(getattr(click.parser, "_OptionParser", None), "_get_value_from_state",
                       None)


def _raised_in(exc: BaseException, function: Any) -> dict[str, Any] | None:
    """The local names of ``function``'s frame if ``exc`` was raised while it ran, else None:
    Click says some refusals only in its English message (a plain UsageError for extra
    arguments, the same BadOptionUsage for two faults), so the place it raised them tells them
    apart, and the frame holds their values (the extra arguments left unparsed)."""
    code = getattr(function, "__code__", None)
    if code is None:
        return None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code is code:
            return tb.tb_frame.f_locals
        tb = tb.tb_next
    return None
