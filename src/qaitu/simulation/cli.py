"""``qaitu simulate``: run a scenario, write tables, charts and one HTML report.

The main CLI mounts :data:`simulate_app` with ``app.add_typer(simulate_app, name="simulate")``;
the sub-application's callback is the command itself::

    qaitu simulate deputy-141 --draws 1000 --years 10 --out out/deputy-141
    qaitu simulate my-scenario.yaml --variant reclassify-172-medium --cases cases.csv

Bad input (a scenario field, a cohort row, an unknown variant) is reported with where it is and
exit status 2, never a traceback.
"""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from qaitu.assessment.casefile import language_refused, option_text, problem_text, problems_text
from qaitu.assessment.explain import LANGS, os_reason, say
from qaitu.simulation.evaluation import SimulationError
from qaitu.simulation.importing import CohortFileError
from qaitu.simulation.scenario_files import ScenarioError, load_scenario, resolve, shipped_scenarios
from qaitu.simulation.scenario_schema import SettingsError, Simulation

simulate_app = typer.Typer(add_completion=False,
                            help="Project prisons, probation, rehabilitation and costs under "
                                 "current law and each variant (tables, charts, HTML report).",
                            context_settings={"allow_interspersed_args": True})
console = Console()
err = Console(stderr=True)


def within(setting: str) -> str:
    """A setting's range for ``--help``, as the scenario schema states it: `` (1–100000)``."""
    bounds = {k: getattr(m, k) for m in Simulation.model_fields[setting].metadata
              for k in ("ge", "le") if hasattr(m, k)}
    if "le" in bounds:
        return f" ({bounds['ge']}–{bounds['le']})"
    return f" (≥ {bounds['ge']})"


def settings_text(exc: SettingsError, lang: str) -> str:
    """The settings refused, each named by the option giving it: ``--draws: ожидается не
    меньше 1; указано 0``."""
    return "\n".join(option_text("--" + p.path.replace("_", "-"), p.key, lang, **p.values)
                     for p in exc.problems)


def _fail(message: str, lang: str = "en") -> None:
    err.print(f"[bold red]{say('report.error', lang)}:[/] {message}", highlight=False,
              soft_wrap=True)
    raise typer.Exit(2)


NAME_WIDTH = 15


def short_names(names: list[str], width: int = NAME_WIDTH) -> dict[str, str]:
    """Each variant name as it fits a column of ``width``: whole if it fits, else its leading
    hyphen-separated words with "…" (``release-on…``), never a word cut; a second name with the
    same short form, or one whose first word is too long, is numbered (``v4``) instead. The
    legend under the table gives each shortened name in full."""
    short: dict[str, str] = {}
    for i, name in enumerate(names, start=1):
        label = name
        if len(name) > width:
            words = name.split("-")
            keep = next((k for k in range(len(words) - 1, 0, -1)
                         if len("-".join(words[:k])) + 1 <= width), 0)
            label = "-".join(words[:keep]) + "…" if keep else ""
            if not label or label in short.values():
                label = f"v{i}"
        short[name] = label
    return short


def summary_table(result: Any, width: int = 80, lang: str = "en") -> Table:
    """The Rich table printed at the end: headline figures per variant (prison-years and the
    rest are in the report), its words in ``lang``. In English variant names stand whole where
    the terminal is wide enough; in ``width`` columns too narrow for them they are shortened at
    a hyphen and the caption gives each in full. In Kazakh and Russian each variant is its
    short title in that language (wrapped), as a name is a code."""
    import numpy as np
    from rich import box
    from rich.console import Console

    from qaitu.simulation.report import fmt, scenario_title, variant_short_title
    from qaitu.simulation.tables import key_figures

    tl = result.timeline
    last = tl.end_year - 1
    figures = key_figures(result)

    def cell(band: tuple[float, float, float] | None, scale: float = 1.0, digits: int = 0) -> str:
        if band is None:
            return "–"
        mid, lo, hi = (x / scale for x in band)
        # fewer decimals for large sums, so the column stays narrow
        digits = min(digits, max(0, 2 - int(np.log10(max(abs(lo), abs(hi), 1.0)))))
        if lang != "en":  # a decimal comma, so no comma groups thousands
            lo_hi = f"{fmt(lo, digits, lang)}–{fmt(hi, digits, lang)}"
            return f"{fmt(mid, digits, lang)}\n[dim]{lo_hi}[/]"
        return f"{mid:,.{digits}f}\n[dim]{lo:,.{digits}f}–{hi:,.{digits}f}[/]"

    def table(names: dict[str, str]) -> Table:
        t = Table(title=f"{scenario_title(result.scenario, lang)}\n"
                  f"{say('simulation.bands', lang, draws=result.scenario.simulation.draws)}",
                  title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1),
                  caption_justify="left")
        t.add_column(say("simulation.variant", lang), style="bold", no_wrap=lang == "en",
                     max_width=None if lang == "en" else 28)
        for head in (say("simulation.prison_end", lang, year=last),
                     say("simulation.probation_end", lang, year=last),
                     say("simulation.rehab_end", lang, year=last),
                     say("simulation.cost_bn", lang, first=tl.start_year,
                         last=f"{last % 100:02d}"),
                     say("simulation.vs_current_bn", lang)):
            t.add_column(head, justify="right")
        for f in figures:
            t.add_row(names[f["variant"]], cell(f["prison"]), cell(f["probation"]),
                      cell(f["rehabilitation"]), cell(f["cost"], 1e9, 2),
                      cell(f["cost_diff"], 1e9, 2))
        shortened = [(s, n) for n, s in names.items() if s != n and lang == "en"]
        if shortened:
            t.caption = "\n".join(f"{s} = {n}" for s, n in shortened)
        return t

    if lang != "en":
        return table({f["variant"]: variant_short_title(f["variant"], lang) for f in figures})
    whole = {f["variant"]: f["variant"] for f in figures}
    full = table(whole)
    if Console(width=10_000).measure(full).maximum <= width:  # the width it wants
        return full
    return table(short_names(list(whole)))


@simulate_app.callback(invoke_without_command=True)
def simulate(
    scenario: Annotated[str, typer.Argument(
        help="scenario YAML file, or the name of a shipped scenario "
             f"({', '.join(shipped_scenarios())})")],
    variant: Annotated[list[str] | None, typer.Option(
        "--variant", "-v", help="variant to compare with current law (repeatable; 'all' for "
        "every shipped variant; 'name[provision]' for one of its provisions alone); default: "
        "the scenario's list")] = None,
    # no ranges or choices for Click to check: the scenario schema's (Simulation) are the
    # settings' one statement, and it refuses in the reader's language (Click in English)
    draws: Annotated[int | None, typer.Option(help="Monte Carlo draws" + within("draws"))
                     ] = None,
    years: Annotated[int | None, typer.Option(help="years to project" + within("years"))
                     ] = None,
    step: Annotated[str | None, typer.Option(help="year | month: yearly or monthly steps")
                    ] = None,
    seed: Annotated[int | None, typer.Option(help="random seed" + within("seed"))] = None,
    pool_size: Annotated[int | None, typer.Option(
        help="case profiles judged per simulated year" + within("pool_size"))] = None,
    out: Annotated[Path | None, typer.Option(
        help="output folder (default: out/simulation/<scenario name>)")] = None,
    cases: Annotated[Path | None, typer.Option(
        help="anonymised cases (CSV or Parquet, flattened qaitu.case/1) to use as the cohort "
             "instead of the scenario's")] = None,
    workers: Annotated[int | None, typer.Option(
        help="processes for evaluating the law (default: one per CPU)")] = None,
    keep_draws: Annotated[bool, typer.Option(
        help="also write every draw (draws.parquet)")] = False,
    compare: Annotated[str | None, typer.Option(
        help="another scenario (e.g. the other reading of the case counts) run with the same "
             "settings; the report sets its headline figures beside this one's")] = None,
    lang: Annotated[str, typer.Option(
        "--lang", help="en | ru | kk: the language of the progress, the summary, the report and "
        "its charts, and of any problem with the inputs")] = "en",
) -> None:
    """Project prisons, probation, rehabilitation and costs under each variant of the law."""
    from qaitu.simulation.charts import (
        chart_data,
        plotly_figures,
        start_png_figures,
        write_charts,
    )
    from qaitu.simulation.report import fmt, write_report
    from qaitu.simulation.run import run
    from qaitu.simulation.tables import write_tables

    if lang not in LANGS:
        err.print(language_refused(lang, LANGS), highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(2)
    if workers is not None and workers < 1:  # checked here to be said in the reader's language
        _fail(option_text("--workers", "at_least", lang, limit=1, got=workers), lang)
    started = time.perf_counter()
    try:
        s = load_scenario(scenario)
        s = s.with_settings(draws=draws, years=years, seed=seed, pool_size=pool_size,
                            step=step, variants=variant)
        other = None
        if compare:
            other = load_scenario(compare).with_settings(
                draws=s.simulation.draws, years=s.simulation.years, pool_size=pool_size,
                step=s.simulation.step, variants=list(s.variants))
    except ScenarioError as exc:
        _fail(problems_text("scenario_problems", exc.problems, lang), lang)
        return
    except SettingsError as exc:
        _fail(settings_text(exc, lang), lang)
        return
    source = str(resolve(scenario) or scenario)
    out_dir = out or Path("out") / "simulation" / s.name
    try:  # before the run, not after minutes of it
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(say("report.cannot_write_folder", lang, path=out_dir, reason=os_reason(exc, lang)),
              lang)
    columns = (TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, transient=False) as bar:
            tasks: dict[str, Any] = {}

            def progress(stage: str, advance: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.advance(tasks[stage], advance)

            result = run(s, source, cases=cases, progress=progress, workers=workers,
                         lang=lang)
            compared = (run(other, str(resolve(compare) or compare), workers=workers)
                        if other is not None and compare else None)
            report_task = bar.add_task(say("simulation.writing", lang), total=3)
            data = chart_data(result, lang)
            png = start_png_figures(data, out_dir / "charts")  # drawn meanwhile
            written = write_tables(result, out_dir, lang)
            bar.advance(report_task)
            if keep_draws:
                written["draws"] = write_draws(result, out_dir / "draws.parquet")
            figures = plotly_figures(data)
            charts = write_charts(result, out_dir / "charts", data, figures, png)
            bar.advance(report_task)
            command = "qaitu simulate " + " ".join(shlex.quote(a) for a in sys.argv[2:])
            outputs = {**{k: v.name for k, v in written.items()},
                       "charts": f"charts/ ({len(charts['png'])} PNG, "
                                 f"{len(charts['html'])} HTML)"}
            report = write_report(result, out_dir / "report.html", command, outputs, figures,
                                  compared, lang)
            bar.advance(report_task)
    except CohortFileError as exc:
        _fail(problems_text("cohort_problems", exc.problems, lang), lang)
        return
    except SimulationError as exc:
        _fail(exc.text(lang), lang)
        return
    if result.imported is not None:
        imp = result.imported
        err.print(say("input.imported", lang, kept=imp.rows_read - imp.rows_rejected,
                      read=imp.rows_read, rejected=imp.rows_rejected, n=len(imp.problems),
                      path=out_dir / "import_problems.csv"), highlight=False, soft_wrap=True)
        for p in imp.problems[:10]:
            err.print(f"  {problem_text(p, lang)}", highlight=False, soft_wrap=True,
                      markup=False)
    console.print(summary_table(result, console.width, lang))
    console.print(say("simulation.done", lang, report=f"[bold]{report}[/]", out=out_dir,
                      seconds=fmt(time.perf_counter() - started, 1, lang)),
                  highlight=False, soft_wrap=True)


def write_draws(result: Any, path: Path) -> Path:
    """Every draw, variant, year and metric as a long Parquet table."""
    import numpy as np
    import polars as pl

    from qaitu.simulation.projection import METRICS
    from qaitu.simulation.tables import yearly

    values = yearly(result)
    d, v, y, m = values.shape
    idx = np.indices((d, v, y, m)).reshape(4, -1)
    years = np.arange(result.timeline.first_year, result.timeline.end_year)
    frame = pl.DataFrame({
        "draw": idx[0].astype(np.int32),
        "variant": pl.Series(np.array(result.projection.variants)[idx[1]]).cast(pl.Categorical),
        "year": years[idx[2]].astype(np.int32),
        "metric": pl.Series(np.array(METRICS)[idx[3]]).cast(pl.Categorical),
        "value": values.reshape(-1),
    })
    frame.write_parquet(path)
    return path
