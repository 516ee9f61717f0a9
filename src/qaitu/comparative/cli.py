"""``qaitu jurisdictions``: the international-practice table on the command line.

The main CLI mounts :data:`jurisdictions_app` with
``app.add_typer(jurisdictions_app, name="jurisdictions")``; the sub-application's callback is
the command itself, so ``qaitu jurisdictions --where relief --lang ru`` works without a
sub-command.

The data's problems are keyed, in no language (:class:`~qaitu.comparative.data.DataError`);
the sentences saying them are above this package, so the main CLI hands the command a
:data:`ProblemsText` in ``obj`` of its Click context, and an :data:`OptionText` for an option's
value it refuses (checked here, not by Click, whose refusals are English whatever ``--lang``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Annotated, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from qaitu.comparative.data import (
    DataError,
    UnknownJurisdiction,
    by_code,
    load_jurisdictions,
    where,
)
from qaitu.comparative.display import (
    UNVERIFIED_MARK,
    claim_details,
    column_labels,
    label,
    table_rows,
    unquoted_columns,
    unverified_count,
)
from qaitu.comparative.schema import LANGS, Jurisdiction, Lang
from qaitu.law.written_days import partial_day_text
from qaitu.located import Problem

#: The data's problems as text in a language (a heading, then one a line).
ProblemsText = Callable[[list[Problem], Lang], str]
E = TypeVar("E", bound=StrEnum)
#: An option's value refused (option, value given, values allowed) as text in a language;
#: in every language where the language is None (``--lang`` itself refused).
OptionText = Callable[[str, str, Sequence[str], Lang | None], str]


class Filter(StrEnum):
    """What ``--where`` can select."""

    relief = "relief"
    non_custodial = "non-custodial"
    rehabilitation = "rehabilitation"
    state_army_lawful = "state-army-lawful"


class Format(StrEnum):
    """Output format."""

    text = "text"
    json = "json"


_WIDE = 140
_FILTER_COLUMN = {
    Filter.relief: "relief",
    Filter.non_custodial: "non_custodial",
    Filter.rehabilitation: "rehabilitation",
    Filter.state_army_lawful: "foreign_state_army",
}

jurisdictions_app = typer.Typer(
    help="International practice on citizens who took part in armed conflicts abroad.",
    add_completion=False,
)


def _select(choice: Filter | None, pool: list[Jurisdiction]) -> list[Jurisdiction]:
    if choice is None:
        return pool
    flags = {
        Filter.relief: {"relief": True},
        Filter.non_custodial: {"non_custodial": True},
        Filter.rehabilitation: {"rehabilitation": True},
        Filter.state_army_lawful: {"state_army_lawful": True},
    }[choice]
    return where(jurisdictions=pool, **flags)


def _log_form(problems: list[Problem], lang: Lang) -> str:
    # run on its own, without the main CLI's sentences: each problem's key and values
    return "\n".join(str(p) for p in problems)


def _log_option(option: str, got: str, allowed: Sequence[str], lang: Lang | None) -> str:
    # run on its own, without the main CLI's sentences: the sentence's key and values
    return f"{option}: one_of {{'allowed': {', '.join(allowed)!r}, 'got': {got!r}}}"


def _refuse(ctx: typer.Context, option: str, got: str, allowed: Sequence[str],
            lang: Lang | None) -> NoReturn:
    text: OptionText = (ctx.obj or {}).get("option_text", _log_option)
    Console(stderr=True).print(text(option, got, allowed, lang), markup=False, highlight=False,
                               soft_wrap=True)
    raise typer.Exit(code=2)


def _language(ctx: typer.Context, lang: str) -> Lang:
    """``--lang`` checked before any other option, so that their refusals are said in it."""
    if lang not in LANGS:
        _refuse(ctx, "--lang", lang, LANGS, None)
    return lang


def _choice(ctx: typer.Context, option: str, given: str, kind: type[E], lang: Lang) -> E:
    allowed = [member.value for member in kind]
    if given not in allowed:
        _refuse(ctx, option, given, allowed, lang)
    return kind(given)


def _load_or_exit(ctx: typer.Context, lang: Lang) -> list[Jurisdiction]:
    try:
        return load_jurisdictions()
    except DataError as exc:
        text: ProblemsText = (ctx.obj or {}).get("problems_text", _log_form)
        Console(stderr=True).print(text(exc.problems, lang), markup=False, highlight=False,
                                   soft_wrap=True)
        raise typer.Exit(code=1) from None


@jurisdictions_app.callback(invoke_without_command=True)
def jurisdictions(
    ctx: typer.Context,
    where_: Annotated[
        str | None,
        typer.Option(
            "--where",
            help="relief | non-custodial | rehabilitation | state-army-lawful: only "
            "jurisdictions with relief for voluntary return, reported non-custodial outcomes, "
            "a running rehabilitation programme, or where serving in a foreign state's army "
            "is not an offence as such.",
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Display language: en | ru | kk.")] = "en",
    fmt: Annotated[
        str, typer.Option("--format", help="text: a table; json: the full records.")
    ] = "text",
) -> None:
    """Print the international-practice table, optionally filtered."""
    if ctx.invoked_subcommand is not None:
        return
    out = Console()
    language = _language(ctx, lang)
    only = None if where_ is None else _choice(ctx, "--where", where_, Filter, language)
    form = _choice(ctx, "--format", fmt, Format, language)
    pool = _load_or_exit(ctx, language)
    chosen = _select(only, pool)
    if form is Format.json:
        # Plain echo, not Rich: Rich may wrap long lines, which would corrupt the JSON.
        records = [item.model_dump(mode="json") for item in chosen]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    headers = column_labels(language)
    if out.width < _WIDE:
        # Nine columns fold into unreadable slivers on a narrow terminal: keep the core facts
        # and the column the filter is about; --format json always has everything.
        keep = {"code", "name", "foreign_state_army", "penalty", "relief", "as_of"}
        if only is not None:
            keep.add(_FILTER_COLUMN[only])
        headers = {key: text for key, text in headers.items() if key in keep}
    table = Table(title=label("table.title", language), show_lines=False, expand=False)
    for key, header in headers.items():
        table.add_column(header, no_wrap=key == "code", overflow="fold")
    for item, row in zip(chosen, table_rows(language, chosen), strict=True):
        unquoted = unquoted_columns(item)
        table.add_row(*(f"{row[key]} {UNVERIFIED_MARK}" if key in unquoted else row[key]
                        for key in headers))
    out.print(table)
    out.print(label("table.count", language).format(n=len(chosen), total=len(pool)))
    n, total = unverified_count(chosen)
    if n:
        out.print(label("table.unverified", language).format(n=n, total=total),
                  markup=False, highlight=False)
    if not chosen:
        out.print(label("value.not_found", language))


@jurisdictions_app.command("show")
def show(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="ISO 3166-1 alpha-2 code, e.g. UZ.")],
    lang: Annotated[str, typer.Option("--lang", help="Display language: en | ru | kk.")] = "en",
) -> None:
    """One jurisdiction claim by claim: each claim's date, age and the quote it rests on."""
    language = _language(ctx, lang)
    pool = _load_or_exit(ctx, language)
    try:
        item = by_code(code, pool)
    except UnknownJurisdiction as exc:
        Console(stderr=True).print(label("table.unknown", language).format(
            code=exc.code, known=exc.known), markup=False, highlight=False)
        raise typer.Exit(code=2) from None
    out = Console()

    def say(text: str, style: str = "") -> None:
        # Data text may contain [brackets]: never read it as Rich markup.
        out.print(text, style=style, markup=False, highlight=False)

    say(f"{item.name.get(language)} ({item.code})", "bold")
    say(f"{label('claim.summary', language)}: {item.summary.get(language)}")
    for claim in claim_details(item, language):
        say("")
        say(f"{claim['heading']}: {claim['value']}", "bold")
        say(f"  {label('claim.as_of', language)}: {claim['age']}", "red" if claim["stale"] else "")
        if claim["verified"]:
            say(f"  {label('claim.quote', language)}: «{claim['quote']}»")
            say(f"  {label('claim.source', language)}: {claim['source']}")
        else:
            say(f"  {UNVERIFIED_MARK} {label('claim.no_quote', language)}: "
                f"{label('claim.unverified', language)}", "yellow")
        for key in ("text", "note"):
            if claim[key]:
                say(f"  {claim[key]}")
    say("")
    say(f"{label('claim.sources', language)}:", "bold")
    for source in item.sources:
        say(f"  {source.url}"
            + (f" ({partial_day_text(source.date, language)})" if source.date else ""))
