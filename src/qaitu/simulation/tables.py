"""Tables from a run: bands per year and variant, differences from current law, totals,
eligibility shares, the per-person table and the scenario's assumptions.

All tables are Polars frames in long form (one row per variant, period and measure), written
as CSV and Parquet by :func:`write_tables`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from qaitu.assessment.explain import LANGS, cite, say
from qaitu.law.glossary import glossary, label_or
from qaitu.simulation.evaluation import person_table
from qaitu.simulation.projection import INDEX, MEDIANS, METRICS, STATUSES
from qaitu.simulation.run import SimulationResult
from qaitu.simulation.scenario_schema import OPTIONS, FactSpec, Observed, Scenario, quantities
from qaitu.simulation.uncertain import Prose, Sourced, said
from qaitu.simulation.uncertainty import bands

#: Option statuses shown in eligibility tables: the disposals and probation control.
STATUS_FIELDS = (*OPTIONS, "probation_control")
#: Headline measures: what the Rich summary, the charts and the report lead with (their words
#: are the glossary's ``measure`` group).
HEADLINE = ("stock.prison", "stock.probation_caseload", "stock.rehabilitation", "years.prison",
            "cost.total")


def yearly(result: SimulationResult) -> np.ndarray:
    """Metrics per calendar year ``(draws, variants, years, metrics)``.

    Stocks (and the yearly medians) are taken at the end of the year; person-years, flows and
    costs are summed over it.
    """
    values = result.projection.values
    per = result.timeline.per_year
    if per == 1:
        return values
    d, v, steps, m = values.shape
    by_year = values.reshape(d, v, steps // per, per, m)
    out = by_year.sum(axis=3)
    stocks = [i for i, name in enumerate(METRICS) if name.startswith("stock.") or name in MEDIANS]
    out[..., stocks] = by_year[..., -1, :][..., stocks]
    return np.asarray(out)


def metric_values(result: SimulationResult, name: str) -> np.ndarray:
    """One metric per draw, variant and calendar year, ``(draws, variants, years)``, in float64
    (converting only that metric: the whole array is 230 MB in float64 at 10,000 draws)."""
    return yearly(result)[..., INDEX[name]].astype(np.float64)


def _years(result: SimulationResult) -> list[int]:
    return list(range(result.timeline.first_year, result.timeline.end_year))


def _period(result: SimulationResult, year: int) -> str:
    return "projection" if year >= result.timeline.start_year else "history"


def summary(result: SimulationResult, values: np.ndarray | None = None) -> pl.DataFrame:
    """Mean and 5/50/95 % bands per variant, year and metric."""
    values = yearly(result) if values is None else values
    stats = bands(values, axis=0)  # each (variants, years, metrics)
    years = _years(result)
    rows: dict[str, list[Any]] = {k: [] for k in ("variant", "year", "period", "metric", "mean",
                                                  "p5", "p50", "p95")}
    for j, variant in enumerate(result.projection.variants):
        for k, year in enumerate(years):
            for m, metric in enumerate(METRICS):
                rows["variant"].append(variant)
                rows["year"].append(year)
                rows["period"].append(_period(result, year))
                rows["metric"].append(metric)
                for key in ("mean", "p5", "p50", "p95"):
                    rows[key].append(float(stats[key][j, k, m]))
    return pl.DataFrame(rows)


def differences(result: SimulationResult) -> pl.DataFrame:
    """Each variant minus current law, paired draw by draw (same people, same luck)."""
    values = yearly(result).astype(np.float64)
    diff = values[:, 1:] - values[:, :1]
    frame = summary(result, np.concatenate([np.zeros_like(values[:, :1]), diff], axis=1))
    return frame.filter(pl.col("variant") != "current")


TOTALS = ("years.prison", "years.probation", "years.rehabilitation", "years.pretrial_custody",
          "flow.prison_admissions", "flow.revocations", "flow.reoffences", "flow.affected",
          "flow.releases",
          *(m for m in METRICS if m.startswith("cost.")))


def projected_totals(result: SimulationResult) -> np.ndarray:
    """Sums of :data:`TOTALS` over the projected years, ``(draws, variants, len(TOTALS))``."""
    first = result.timeline.start_year - result.timeline.first_year
    chosen = yearly(result)[:, :, first:, :][..., [INDEX[m] for m in TOTALS]]
    return np.asarray(chosen.astype(np.float64).sum(axis=2))


def totals(result: SimulationResult) -> pl.DataFrame:
    """Sums over the projected years, with bands; the same for the difference from current law,
    and for the relative difference (``rel_*``: the difference over current law's total, draw by
    draw)."""
    total = projected_totals(result)
    diff = total - total[:, :1]
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(total[:, :1] > 0, diff / total[:, :1], np.nan)
    rows: dict[str, list[Any]] = {k: [] for k in (
        "variant", "metric", "mean", "p5", "p50", "p95", "diff_mean", "diff_p5", "diff_p50",
        "diff_p95", "rel_mean", "rel_p5", "rel_p50", "rel_p95")}
    b, bd, br = bands(total), bands(diff), bands(rel)
    for j, variant in enumerate(result.projection.variants):
        for m, metric in enumerate(TOTALS):
            rows["variant"].append(variant)
            rows["metric"].append(metric)
            for key in ("mean", "p5", "p50", "p95"):
                rows[key].append(float(b[key][j, m]))
                rows[f"diff_{key}"].append(float(bd[key][j, m]))
                rows[f"rel_{key}"].append(float(br[key][j, m]))
    return pl.DataFrame(rows)


def _observed_draws(result: SimulationResult, measure: str, year: int) -> np.ndarray:
    """Current law's modelled value of a published measure in ``year``, one per draw."""
    values = yearly(result)[:, 0].astype(np.float64)
    k = year - result.timeline.first_year
    if not 0 <= k < values.shape[1]:
        return np.full(values.shape[0], np.nan)
    v = values[:, k]
    convicted = sum(v[:, INDEX[f"flow.judged.{o}"]] for o in
                    ("imprisonment", "restriction_of_freedom", "conditional_sentence"))
    if measure == "convictions":
        return np.asarray(convicted)
    if measure == "share.non_custodial":
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(convicted > 0, 1 - v[:, INDEX["flow.judged.imprisonment"]]
                            / convicted, np.nan)
    return np.asarray(v[:, INDEX[measure]])


def other_reading(result: SimulationResult, o: Observed) -> int | None:
    """The scenario's own count of registered cases in ``o``'s year where ``o`` is another
    published count of that year, else None."""
    if o.measure != "flow.registered":
        return None
    history = {h.year: h.cases for h in result.scenario.admissions.history}
    cases = history.get(o.year)
    return cases if cases is not None and cases != o.value else None


def calibration(result: SimulationResult) -> pl.DataFrame:
    """Every published figure of the scenario (``observed``) beside the modelled band under
    current law: ``inside`` says whether the 5-95 % band holds it, ``note`` why it may not (in
    English, as the file's data; the report says it in its reader's language)."""
    rows: dict[str, list[Any]] = {k: [] for k in (
        "measure", "year", "observed", "source", "modelled_p5", "modelled_p50", "modelled_p95",
        "inside", "note")}
    for o in result.scenario.observed:
        b = bands(_observed_draws(result, o.measure, o.year))
        lo, mid, hi = (float(b[k]) for k in ("p5", "p50", "p95"))
        inside = bool(lo <= o.value <= hi)
        note = o.note.in_language("en")[0] if o.note else ""
        reading = None if inside else other_reading(result, o)
        if reading is not None:
            note = (say("simulation.report.other_count", "en", year=o.year, cases=reading,
                        value=f"{o.value:g}") + f" {note}").strip()
        rows["measure"].append(o.measure)
        rows["year"].append(o.year)
        rows["observed"].append(o.value)
        rows["source"].append(said(o.source, "en"))
        rows["modelled_p5"].append(lo)
        rows["modelled_p50"].append(mid)
        rows["modelled_p95"].append(hi)
        rows["inside"].append(inside)
        rows["note"].append(note)
    return pl.DataFrame(rows, schema_overrides={"observed": pl.Float64, "modelled_p5": pl.Float64,
                                                "modelled_p50": pl.Float64,
                                                "modelled_p95": pl.Float64})


#: Outputs of the sensitivity analysis: current law's total, each variant's difference.
SENSITIVITY_OUTPUT = "years.prison"


def sensitivity(result: SimulationResult) -> pl.DataFrame:
    """How each uncertain quantity moves the projected prison-years (current law) and each
    variant's difference from it: Spearman rank correlation over the draws, and (a tornado)
    the output's mean over the draws with the quantity in its lowest and highest tenth.

    ``admissions.projected_cases`` (cases registered over the projection, the forecast's
    quantities and its Poisson noise together) is included as one more input.
    """
    total = projected_totals(result)[..., TOTALS.index(SENSITIVITY_OUTPUT)]
    outputs = {"current": total[:, 0]}
    for j, v in enumerate(result.projection.variants[1:], start=1):
        outputs[f"{v} - current"] = total[:, j] - total[:, 0]
    first = result.timeline.start_year - result.timeline.first_year
    inputs = {path: x for path, x in result.draws.values.items() if np.ptp(x) > 0}
    inputs["admissions.projected_cases"] = result.admissions[:, first:].sum(axis=1).astype(float)
    rows: dict[str, list[Any]] = {k: [] for k in ("output", "quantity", "rank_correlation",
                                                  "low_tenth_mean", "high_tenth_mean", "swing")}
    n = result.draws.n
    for out_name, y in outputs.items():
        ry = _ranks(y)
        for path, x in inputs.items():
            rx = _ranks(x)
            corr = float(np.corrcoef(rx, ry)[0, 1]) if n > 2 and np.ptp(ry) > 0 else 0.0
            order = np.argsort(x, kind="stable")
            tenth = max(1, n // 10)
            low, high = float(y[order[:tenth]].mean()), float(y[order[-tenth:]].mean())
            rows["output"].append(out_name)
            rows["quantity"].append(path)
            rows["rank_correlation"].append(corr)
            rows["low_tenth_mean"].append(low)
            rows["high_tenth_mean"].append(high)
            rows["swing"].append(abs(high - low))
    frame = pl.DataFrame(rows)
    return frame.sort(["output", "swing"], descending=[False, True]) if frame.height else frame


def quantity_label(path: str, lang: str) -> str:
    """An uncertain quantity of :func:`sensitivity` in the reader's words (the glossary's
    ``quantity`` group; a ``*`` there stands for one segment of the path: a court's option, a
    part of a distribution, an article number or a list position counted from 1). A path the
    glossary does not know stays as it is."""
    segments = path.split(".")
    for key, words in glossary()["quantity"].items():
        pattern = key.split(".")
        if len(pattern) != len(segments):
            continue
        pairs = list(zip(pattern, segments, strict=True))
        if any(p not in ("*", s) for p, s in pairs):
            continue
        wild = [s for p, s in pairs if p == "*"]
        if not wild:
            return words[lang]
        x = (cite(wild[0], lang) if "by_article" in pattern  # by the one citation formatter
             else label_or("option", wild[0], lang,
                           label_or("quantity.part", wild[0], lang, wild[0])))
        k = int(wild[0]) + 1 if wild[0].isdigit() else wild[0]
        return words[lang].format(x=x, k=k)
    return path


def _ranks(x: np.ndarray) -> np.ndarray:
    return np.argsort(np.argsort(x, kind="stable"), kind="stable").astype(float)


Band = tuple[float, float, float]  # median, 5 %, 95 %


def key_figures(result: SimulationResult) -> list[dict[str, Any]]:
    """Per variant the headline figures as (median, 5 %, 95 %): populations at the end of the
    last year, prison-years and cost (tenge) over the projected years, and the cost difference
    from current law (None for current)."""
    values = yearly(result)
    tot = totals(result)
    out = []
    for j, v in enumerate(result.projection.variants):
        fig: dict[str, Any] = {"variant": v}
        for key, metric in (("prison", "stock.prison"), ("probation", "stock.probation_caseload"),
                            ("rehabilitation", "stock.rehabilitation")):
            b = bands(values[:, j, -1, INDEX[metric]].astype(np.float64))
            fig[key] = (float(b["p50"]), float(b["p5"]), float(b["p95"]))
        for key, metric, diff in (("prison_years", "years.prison", False),
                                  ("cost", "cost.total", False), ("cost_diff", "cost.total", True)):
            row = tot.filter((pl.col("variant") == v) & (pl.col("metric") == metric)).row(
                0, named=True)
            p = "diff_" if diff else ""
            fig[key] = (row[p + "p50"], row[p + "p5"], row[p + "p95"])
        if v == "current":
            fig["cost_diff"] = None
        out.append(fig)
    return out


def eligibility(result: SimulationResult) -> pl.DataFrame:
    """What each variant's law says of the pool in the reference year: shares and means.

    Rows: ``liable``, ``terrorist_crime``, ``article.<article>``, ``<option>.<status>`` (shares
    of the pool), ``reachable_min_months``, ``reachable_max_months``, ``parole_fraction`` and
    ``unknown_filled`` (means over liable cases / all cases). Shares weight pool profiles as the
    scenario's central case mix does (every profile equally).
    """
    ev = result.evaluation
    k = result.reference_year - result.timeline.first_year
    rows: dict[str, list[Any]] = {"variant": [], "year": [], "measure": [], "value": []}

    def add(variant: str, measure: str, value: float) -> None:
        rows["variant"].append(variant)
        rows["year"].append(result.reference_year)
        rows["measure"].append(measure)
        rows["value"].append(float(value))

    for variant in result.variants:
        f = {name: values[ev.year_rows(k)] for name, values in ev.frames[variant].items()}
        liable = f["liable"].astype(bool)
        add(variant, "liable", liable.mean())
        add(variant, "terrorist_crime", f["terrorist_crime"].astype(bool).mean())
        articles, counts = np.unique(f["principal_article"][liable], return_counts=True)
        for article, count in zip(articles.tolist(), counts.tolist(), strict=True):
            add(variant, f"article.{article}", count / len(liable))
        for option in STATUS_FIELDS:
            for status in STATUSES:
                add(variant, f"{option}.{status}", (f[option] == status).mean())
        for name in ("reachable_min_months", "reachable_max_months", "parole_fraction"):
            add(variant, name, f[name][liable].mean() if liable.any() else np.nan)
        add(variant, "unknown_filled", f["unknown_filled"].mean())
    return pl.DataFrame(rows)


def persons(result: SimulationResult) -> pl.DataFrame:
    """Per profile: its facts and, per variant, every output of the law in the reference year."""
    k = result.reference_year - result.timeline.first_year
    table = person_table(result.evaluation, k)
    return pl.DataFrame([
        pl.Series(name, values.tolist(), strict=False) if values.dtype == object
        else pl.Series(name, values) for name, values in table.items()])


def provenance(s: Scenario) -> list[tuple[str, str, float | None, Prose | None, Sourced]]:
    """Every input number of scenario ``s``: path, value or distribution, central value, unit
    (in the file's languages; a date's in the catalogue's), and where it comes from (its source
    and assumption, in the file's languages)."""
    rows: list[tuple[str, str, float | None, Prose | None, Sourced]] = [
        (path, q.describe(), q.central(), q.unit, q) for path, q in quantities(s)]
    rows += [(f"admissions.history.{h.year}", str(h.cases), float(h.cases), s.admissions.what,
              h) for h in s.admissions.history]
    rows += [(f"cohort.facts.{name}", describe_fact(spec), None, None, spec)
             for name, spec in s.cohort.facts.items()]
    rows += [(f"supervision.revocation.{state}.prison_term", rule.prison_term, None, None, rule)
             for state, rule in s.supervision.revocation.items()]
    rows.append(("policy.effective_from", s.policy.effective_from.isoformat(), None,
                 Prose(**{lang: say("simulation.report.unit_date", lang) for lang in LANGS}),
                 s.policy))
    return rows


def assumptions(result: SimulationResult, lang: str = "en") -> pl.DataFrame:
    """Every input number of the scenario: path, value or distribution, unit and provenance
    (in ``lang`` where the scenario file gives it, else in English)."""
    rows: dict[str, list[Any]] = {"path": [], "value": [], "central": [], "unit": [],
                                  "source": [], "assumption": []}
    for path, value, central, unit, where in provenance(result.scenario):
        for key, cell in (("path", path), ("value", value), ("central", central),
                          ("unit", said(unit, lang)),
                          ("source", said(where.source, lang)),
                          ("assumption", said(where.assumption, lang))):
            rows[key].append(cell)
    return pl.DataFrame(rows, schema_overrides={"central": pl.Float64})


def describe_fact(spec: FactSpec) -> str:
    """A fact specification in one line, e.g. ``male 97 %, female 3 %``."""
    def mix(table: dict[str, float]) -> str:
        return ", ".join(f"{k} {v:.0%}" for k, v in table.items())

    form = spec.form
    uncertain = f" (mix uncertain, concentration {spec.concentration:g})" if (
        spec.concentration and form in ("probability", "probabilities", "items")) else ""
    if form == "value":
        return str(spec.value)
    if form == "items":
        return "; ".join(f"{k} {v:.0%}" for k, v in (spec.items or {}).items()) + uncertain
    if form in ("probability", "probabilities"):
        if spec.given:
            raw = spec.raw_table()
            parts = [f"{key}: " + (mix(v) if isinstance(v, dict) else f"{float(v):.0%} true")
                     for key, v in (raw or {}).items()]
            return f"given {spec.given} — " + "; ".join(parts) + uncertain
        if form == "probability":
            return f"true {float(spec.probability):.0%}" + uncertain  # type: ignore[arg-type]
        return mix(spec.table()) + uncertain
    anchor = spec.days_before or spec.years_before
    unit = "days" if spec.days_before else "years"
    text = spec.distribution().describe()
    return f"{text} {unit} before {anchor}" if anchor else text


def write_tables(result: SimulationResult, out: Path, lang: str = "en") -> dict[str, Path]:
    """Write every table as CSV and Parquet (the per-person table as Parquet, and CSV when
    small); returns the CSV (or Parquet) path per table name. An imported cohort's problems
    are said in ``lang``."""
    out.mkdir(parents=True, exist_ok=True)
    frames = {
        "summary": summary(result),
        "differences": differences(result),
        "totals": totals(result),
        "calibration": calibration(result),
        "sensitivity": sensitivity(result),
        "eligibility": eligibility(result),
        "assumptions": assumptions(result),
    }
    if result.imported is not None and result.imported.problems:
        frames["import_problems"] = pl.DataFrame(result.imported.report(lang))
    written = {}
    for name, frame in frames.items():
        frame.write_parquet(out / f"{name}.parquet")
        frame.write_csv(out / f"{name}.csv")
        written[name] = out / f"{name}.csv"
    people = persons(result)
    people.write_parquet(out / "persons.parquet")
    written["persons"] = out / "persons.parquet"
    if people.height <= 50_000:
        people.write_csv(out / "persons.csv")
    return written
