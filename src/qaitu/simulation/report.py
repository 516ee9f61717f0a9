"""One self-contained HTML report of a run: what was assumed, what the law says, what follows.

The report embeds the interactive charts (plotly.js inline, so it works offline), the headline
tables with their bands, every scenario value with its source or assumption, the method and its
limits, and what is needed to reproduce the run (versions, rulebook hash, seed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
from markupsafe import Markup, escape
from plotly.offline import get_plotlyjs

from qaitu import __version__
from qaitu.assessment.explain import dates_text, number, say
from qaitu.assessment.memo.text import fact_name
from qaitu.law import rulebook
from qaitu.law.glossary import label_or
from qaitu.law.variants import load_variant, split_provision, variant_name
from qaitu.simulation.charts import (
    calibration_figure,
    chart_data,
    label,
    plotly_figures,
    tornado_figure,
)
from qaitu.simulation.projection import INDEX
from qaitu.simulation.run import SimulationResult
from qaitu.simulation.scenario_schema import Scenario
from qaitu.simulation.tables import (
    HEADLINE,
    STATUS_FIELDS,
    calibration,
    key_figures,
    metric_values,
    other_reading,
    provenance,
    sensitivity,
    totals,
    yearly,
)
from qaitu.simulation.uncertain import Prose, said
from qaitu.simulation.uncertainty import bands

TEMPLATES = Path(__file__).parent / "templates"


def fmt(x: float, digits: int = 0, lang: str = "en") -> str:
    """A number with thin grouping, e.g. ``12 345``; in ru and kk with a decimal comma
    (:func:`qaitu.assessment.explain.number`)."""
    if x is None or not np.isfinite(x):
        return "–"
    if lang != "en":
        return number(x, lang, digits)
    return f"{x:,.{digits}f}".replace(",", "\u2009")


def sig(x: float | None, lang: str = "en", spec: str = ".3g") -> str:
    """A modelled figure to three significant digits (or as ``spec`` says); ``–`` where the
    run has none (no case reached it: a median of nothing), not Python's ``nan``; in ru and
    kk with a decimal comma."""
    if x is None or not np.isfinite(x):
        return "–"
    text = f"{x:{spec}}"
    if lang == "en" or "e" in text:
        return text
    return fmt(x, len(text.partition(".")[2]), lang)


def band_text(band: tuple[float, float, float] | None, scale: float = 1.0,
              digits: int = 0, lang: str = "en") -> str:
    """``median (5 %–95 %)`` as HTML; ``–`` for None."""
    if band is None:
        return "–"
    mid, lo, hi = (x / scale for x in band)
    return (f"{fmt(mid, digits, lang)} <span class=band>"
            f"({fmt(lo, digits, lang)}–{fmt(hi, digits, lang)})</span>")


def _at(b: dict[str, np.ndarray], idx: Any) -> tuple[float, float, float]:
    return (float(b["p50"][idx]), float(b["p5"][idx]), float(b["p95"][idx]))


def _text(value: Any, default: str, lang: str = "en") -> str:
    """A (possibly multilingual) text from a variant's metadata, in ``lang`` where given, else
    in English."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), default))
    return str(value) if value else default


def variant_title(name: str, lang: str = "en") -> str:
    """The variant's title in ``lang`` (:func:`qaitu.law.variants.variant_name`)."""
    return variant_name(load_variant(name).meta(), lang)


def variant_short_title(name: str, lang: str = "en") -> str:
    """The variant's short title in ``lang``, for a column, a legend or a bar beside current
    law (:func:`qaitu.law.variants.variant_name`: else its title, else its id)."""
    return variant_name(load_variant(name).meta(), lang, short=True)


def variant_summary(name: str, lang: str = "en") -> str:
    return _text(load_variant(name).meta().get("summary"), "", lang)


def scenario_label(name: str, lang: str) -> str | None:
    """A shipped scenario in a few words in ``lang`` (``simulation.scenario``), None for
    another."""
    try:
        return say(f"simulation.scenario.{name}", lang)
    except KeyError:
        return None


def scenario_title(scenario: Scenario, lang: str) -> str:
    """The scenario's title in ``lang`` where its file gives one, else in English."""
    return scenario.title.in_language(lang)[0]


#: What a source cites that is no word of any language: a web address, a file of the
#: project's references, a field path of the scenario (shown as ``<code>``, as elsewhere).
_CITED = re.compile(r"(?:https?://)?(?:[\w-]+\.)+(?:kz|org|com|ru|net|info|media|ua|uk|gov)"
                    r"(?:/[^\s;,)»\"]*)?|[\w/-]+\.md\b|\b[a-z]+_[a-z_]+\.[a-z_]+\b"
                    r"|\b[a-z]+\.[a-z]+_[a-z_]+\b|\bst=\d+")


def prose(text: Prose | None, lang: str) -> Markup:
    """The scenario's own words in ``lang``, or in English marked ``lang="en"`` where its file
    gives none in ``lang``; the addresses, files and field paths it cites as code."""
    if text is None:
        return Markup("")
    said, written = text.in_language(lang)
    parts, at = [], 0
    for m in _CITED.finditer(said):
        parts += [escape(said[at:m.start()]), Markup("<code>{}</code>").format(m.group(0))]
        at = m.end()
    body = Markup("").join([*parts, escape(said[at:])])
    if written == lang:
        return body
    return Markup('<span lang="{}">{}</span>').format(written, body)


def words(lang: str) -> Any:
    """The report's sentences (``simulation.report.*`` in ``reasons.yaml``) in ``lang``, as
    HTML: a sentence may hold markup, the values put in it are escaped, and a date is written
    as the reader writes it."""
    def t(key: str, **values: Any) -> Markup:
        return Markup(dates_text(say(f"simulation.report.{key}", lang,
                                     **{k: escape(v) if isinstance(v, str) else v
                                        for k, v in values.items()}), lang))
    return t


def mixed_fact(path: str, lang: str) -> str:
    """A fact the profiles mix, in the reader's words: a field by its glossary name, a member
    of a list (``circumstances.mitigating:self_reported``) by the list's name and the
    member's label."""
    base, _, member = path.partition(":")
    name = fact_name(base, lang)
    if member:
        name += ": " + label_or(base.rsplit(".", 1)[-1], member, lang, member)
    return name


def _when(value: Any, lang: str = "en") -> str:
    """A response's wanted fact value(s) as text (booleans as in a case file), several joined
    by ``or`` in ``lang`` (``or_list``)."""
    values = [str(v).lower() if isinstance(v, bool) else str(v)
              for v in (value if isinstance(value, list) else [value])]
    if len(values) == 1:
        return values[0]
    return say("or_list", lang, items=", ".join(values[:-1]), last=values[-1])


def _row(frame: Any, variant: str, metric: str) -> dict[str, Any]:
    return dict(frame.filter((frame["variant"] == variant) & (frame["metric"] == metric))
                .row(0, named=True))


def ministry(result: SimulationResult, lang: str = "en") -> list[dict[str, Any]]:
    """What a ministry asks, per variant, from ``totals.csv`` and ``summary.csv``'s numbers."""
    tot = totals(result)
    years = result.timeline.end_year - result.timeline.start_year
    k = result.reference_year - result.timeline.first_year
    values = yearly(result)[:, :, k].astype(np.float64)  # (draws, variants, metrics)

    def total(v: str, metric: str, scale: float = 1.0, digits: int = 0, prefix: str = "") -> str:
        r = _row(tot, v, metric)
        return band_text((r[prefix + "p50"], r[prefix + "p5"], r[prefix + "p95"]), scale, digits,
                         lang)

    def year_band(j: int, metric: str, diff: bool = False) -> str:
        x = values[:, j, INDEX[metric]] - (values[:, 0, INDEX[metric]] if diff else 0)
        return band_text(_at(bands(x), ()), lang=lang)

    out = []
    for j, v in enumerate(result.projection.variants):
        out.append({
            "variant": v,
            "affected": total(v, "flow.affected", years),
            "releases": year_band(j, "flow.releases", diff=True),
            "imposed": year_band(j, "sentence.imposed_months"),
            "served": year_band(j, "sentence.served_months"),
            "prison_years": total(v, "years.prison"),
            "probation_years": total(v, "years.probation"),
            "rehab_years": total(v, "years.rehabilitation"),
            "pretrial_years": total(v, "years.pretrial_custody"),
            "reoffences": total(v, "flow.reoffences"),
            "cost": total(v, "cost.total", 1e9, 2),
            "cost_marginal": total(v, "cost.total_marginal", 1e9, 2),
            "cost_discounted": total(v, "cost.total_discounted", 1e9, 2),
            "cost_pretrial": total(v, "cost.pretrial", 1e9, 2),
            "saving": total(v, "cost.total", 1e9, 2, "diff_") if j else "–",
            "saving_marginal": total(v, "cost.total_marginal", 1e9, 2, "diff_") if j else "–",
            "rel_prison": total(v, "years.prison", 0.01, 0, "rel_") if j else "–",
            "rel_cost": total(v, "cost.total", 0.01, 0, "rel_") if j else "–",
        })
    return out


def readings_side_by_side(result: SimulationResult, other: SimulationResult,
                          lang: str = "en") -> dict[str, Any]:
    """The headline figures of this run and of ``other`` (another reading of the counts), per
    variant both runs have: prison population at the end, cost and its difference."""
    mine = {f["variant"]: f for f in key_figures(result)}
    theirs = {f["variant"]: f for f in key_figures(other)}
    rows = []
    for v in mine:
        if v not in theirs:
            continue
        rows.append({"variant": v, "cells": [
            band_text(mine[v]["prison"], lang=lang), band_text(theirs[v]["prison"], lang=lang),
            band_text(mine[v]["cost"], 1e9, 2, lang), band_text(theirs[v]["cost"], 1e9, 2, lang),
            band_text(mine[v]["cost_diff"], 1e9, 2, lang),
            band_text(theirs[v]["cost_diff"], 1e9, 2, lang)]})
    return {"names": (result.scenario.name, other.scenario.name),
            "counts": ([h.cases for h in result.scenario.admissions.history],
                       [h.cases for h in other.scenario.admissions.history]),
            "rows": rows}


def context(result: SimulationResult, command: str, outputs: dict[str, Any],
            figures: dict[str, Any] | None = None,
            other: SimulationResult | None = None, lang: str = "en") -> dict[str, Any]:
    """Everything the template shows, computed from the result, its words in ``lang``."""
    s = result.scenario
    t = words(lang)

    def vn(variant: str) -> str:
        """A variant as the report names it beside others: its id in English, else its short
        title (the key figures give each title in full)."""
        return variant if lang == "en" else variant_short_title(variant, lang)

    tl = result.timeline
    years = list(range(tl.first_year, tl.end_year))
    last = len(years) - 1
    variants = list(result.projection.variants)
    headline = {m: bands(metric_values(result, m)) for m in HEADLINE}
    key_rows = [{"variant": f["variant"], "title": variant_title(f["variant"], lang),
                 "prison": band_text(f["prison"], lang=lang),
                 "probation": band_text(f["probation"], lang=lang),
                 "rehab": band_text(f["rehabilitation"], lang=lang),
                 "prison_years": band_text(f["prison_years"], lang=lang),
                 "cost": band_text(f["cost"], 1e9, 2, lang),
                 "cost_diff": band_text(f["cost_diff"], 1e9, 2, lang)}
                for f in key_figures(result)]
    by_name = {r["variant"]: r for r in key_rows}
    provision_rows = [{**r, "whole": split_provision(r["variant"])[0],
                       "whole_cost_diff": by_name.get(split_provision(r["variant"])[0], {}).get(
                           "cost_diff", t("not_in_run"))}
                      for r in key_rows if split_provision(r["variant"])[1] is not None]
    per_year = {}
    for m in HEADLINE:
        scale, digits = (1e6, 0) if m.startswith("cost") else (1.0, 0)
        per_year[m] = {
            "title": t("million_tenge") if m.startswith("cost") else label(m, lang),
            "rows": [{"year": y, "period": "projection" if y >= tl.start_year else "history",
                      "cells": [band_text(_at(headline[m], (j, k)), scale, digits, lang)
                                for j in range(len(variants))]}
                     for k, y in enumerate(years)],
        }
    diff_rows = []
    if len(variants) > 1:
        db = {}
        for m in ("stock.prison", "cost.total"):
            both = metric_values(result, m)
            db[m] = bands(both[:, 1:] - both[:, :1])
        for k, y in enumerate(years):
            if y < tl.start_year:
                continue
            diff_rows.append({"year": y, "cells": [
                (band_text(_at(db["stock.prison"], (j, k)), lang=lang),
                 band_text(_at(db["cost.total"], (j, k)), 1e6, lang=lang))
                for j in range(len(variants) - 1)]})
    data = chart_data(result, lang)
    figures = figures or plotly_figures(data)
    charts = {name: fig.to_html(full_html=False, include_plotlyjs=False,
                                config={"displaylogo": False})
              for name, fig in figures.items()}
    eligibility_rows = []
    for option in STATUS_FIELDS:
        cells = []
        for j in range(len(variants)):
            shares = data.eligibility[option][j]
            cells.append(f"{shares[2]:.0%} / {shares[1]:.0%} / {shares[0]:.0%}")
        eligibility_rows.append({"option": label(option, lang), "cells": cells})
    cal = calibration(result)
    charts["calibration"] = calibration_figure(cal, lang).to_html(
        full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    sens = sensitivity(result)
    charts["tornado"] = tornado_figure(sens, "current", lang=lang, shown=vn("current")).to_html(
        full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    ess = result.sampler.effective_sizes()
    history = {h.year: h for h in s.admissions.history}
    readings = [{"year": o.year, "value": o.value, "source": prose(o.source, lang),
                 "used": history.get(o.year) is not None and history[o.year].cases == o.value}
                for o in s.observed if o.measure == "flow.registered"
                and sum(1 for p in s.observed if p.measure == o.measure and p.year == o.year) > 1]
    jumps = [(a.year, b.year, b.cases / a.cases) for a, b in zip(s.admissions.history,
                                                                   s.admissions.history[1:],
                                                                   strict=False)
             if a.cases and b.cases / a.cases >= 5]
    spliced = len({(said(h.source, "en") or said(h.assumption, "en"))[:40]
                   for h in s.admissions.history}) > 1
    ev = result.evaluation
    rate = ev.rows_evaluated / ev.seconds if ev.seconds else float("nan")
    source_hash = ""
    if Path(result.source).is_file():
        source_hash = "sha256:" + hashlib.sha256(Path(result.source).read_bytes()).hexdigest()
    return {
        "s": s,
        "lang": lang,
        "t": t,
        "vn": vn,
        "vns": lambda names: "; ".join(vn(v) for v in names),
        "measure": lambda m: label(m, lang),
        "title": scenario_title(s, lang),
        "prose": lambda text: prose(text, lang),
        "command": command,
        "generated": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "variants": variants,
        "variant_info": [{"name": v, "title": variant_title(v, lang),
                          "summary": variant_summary(v, lang)} for v in variants],
        "key_rows": key_rows,
        "provision_rows": provision_rows,
        "last_year": years[last],
        "per_year": per_year,
        "diff_rows": diff_rows,
        "charts": charts,
        "eligibility_rows": eligibility_rows,
        "reference_year": result.reference_year,
        "assumptions": [{"path": path, "value": value, "unit": prose(unit, lang),
                         "source": prose(where.source, lang),
                         "assumption": prose(where.assumption, lang)}
                        for path, value, _, unit, where in provenance(s)],
        "pool": len(ev.profiles),
        "pool_origin": ev.profiles.origin,
        "pool_notes": [t(f"note_{n.key}", **n.values) for n in ev.profiles.notes],
        "mixes": [mixed_fact(m.name, lang) for m in ev.profiles.mixes],
        "imported": result.imported,
        "rows_evaluated": ev.rows_evaluated,
        "rate": fmt(rate, lang=lang),
        "seconds": {k: fmt(v, 1, lang) for k, v in result.seconds.items()},
        "draws": s.simulation.draws,
        "rulebook": rulebook(),
        "version": __version__,
        "source": result.source,
        "source_hash": source_hash,
        "outputs": outputs,
        "unknown_filled": fmt(float(np.mean(ev.frames["current"]["unknown_filled"])), 1, lang),
        "plotly_js": get_plotlyjs(),
        "calibration": cal.to_dicts(),
        "sig": lambda x: sig(x, lang),
        "g": lambda x: sig(x, lang, "g"),
        "fixed": lambda x, digits=0: fmt(x, digits, lang),
        "outside": [{**r, "note": prose(o.note, lang),
                     "reading": "" if (n := other_reading(result, o)) is None else t(
                         "other_count", year=o.year, cases=n, value=f"{o.value:g}")}
                    for o, r in zip(s.observed, cal.to_dicts(), strict=True) if not r["inside"]],
        "sensitivity": sens.filter(sens["output"] == "current").head(10).to_dicts(),
        "ess": {"median": fmt(float(np.median(ess)), lang=lang),
                "min": fmt(float(ess.min()), lang=lang),
                "pool": fmt(float(len(ev.profiles)), lang=lang)},
        "ministry": ministry(result, lang),
        "responses": [{"option": label(r.option, lang), "variants": r.variants, "factor": r.factor,
                       "why": prose(r.why, lang),
                       "when": [(k, _when(v, lang)) for k, v in r.when.items()]}
                      for r in s.judicial.responses],
        "discount": (f"{dr.central():.0%}" if (dr := s.costs.discount_rate).dist == "fixed"
                     else dr.describe()),
        "convictions": Markup(next(
            (band_text((r["modelled_p50"], r["modelled_p5"], r["modelled_p95"]), lang=lang)
             for r in cal.to_dicts() if r["measure"] == "convictions"), "–")),
        "readings": readings,
        "jumps": jumps,
        "spliced": spliced,
        "policy_year": result.reference_year,
        "side_by_side": readings_side_by_side(result, other, lang) if other is not None else None,
    }


def write_report(result: SimulationResult, path: Path, command: str,
                 outputs: dict[str, Any], figures: dict[str, Any] | None = None,
                 other: SimulationResult | None = None, lang: str = "en") -> Path:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=jinja2.select_autoescape(["html"]),
                             undefined=jinja2.StrictUndefined)
    html = env.get_template("report.html").render(
        **context(result, command, outputs, figures, other, lang))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
