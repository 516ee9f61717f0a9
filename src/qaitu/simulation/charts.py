"""Charts of a run, interactive (Plotly, offline HTML) and static (Matplotlib PNG).

Both renderers draw the same prepared numbers (:func:`chart_data`), so the PNG in a printed
report and the interactive chart on screen agree:

- ``population``: prison population, probation caseload and rehabilitation participants per
  year, one panel per variant: its median and 5–95 % band, with current law's median dashed;
- ``differences``: each variant minus current law, draw by draw (the same people and luck),
  median and 5–95 % band: prison population, probation caseload, yearly cost;
- ``eligibility``: what each variant's law leaves open for the cohort (share of cases per
  option status) and the principal article;
- ``outcomes``: how courts dispose of cases judged in the projected years, per variant;
- ``costs``: yearly cost with bands, and the ten-year difference from current law.
"""

from __future__ import annotations

import multiprocessing
import textwrap
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from qaitu.assessment.explain import cite, say
from qaitu.law.glossary import has as in_glossary
from qaitu.law.glossary import label as glossary_label
from qaitu.simulation.projection import OUTCOMES, STATUSES
from qaitu.simulation.run import SimulationResult
from qaitu.simulation.tables import STATUS_FIELDS, metric_values
from qaitu.simulation.uncertainty import bands

PALETTE = ("#222222", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
           "#e377c2", "#17becf", "#bcbd22")
STATUS_COLOURS = {"available": "#2ca02c", "only_exceptional": "#ffbf00", "unavailable": "#c8c8c8"}
OUTCOME_COLOURS = {"imprisonment": "#d62728", "restriction_of_freedom": "#ff7f0e",
                   "conditional_sentence": "#1f77b4", "release_from_liability": "#2ca02c",
                   "not_liable": "#9e9e9e", "no_lawful_option": "#000000"}
#: Articles: blues, purples and browns, so they do not echo the status colours.
ARTICLE_COLOURS = ("#4c72b0", "#8172b2", "#64b5cd", "#c44e52", "#937860", "#da8bc3", "#1b3a6b",
                   "#5a2d82", "#a0522d", "#2f6f8f")
POPULATION = ("stock.prison", "stock.probation_caseload", "stock.rehabilitation")
#: The measures of the differences chart and the sentence (``simulation.chart.*``) naming each.
DIFFERENCES = {"stock.prison": "prison", "stock.probation_caseload": "probation",
               "cost.total": "yearly_cost"}


def words(lang: str) -> Callable[..., str]:
    """The charts' sentences (``simulation.chart.*`` in ``reasons.yaml``) in ``lang``."""
    return lambda key, **values: say(f"simulation.chart.{key}", lang, **values)


def label(name: str, lang: str = "en") -> str:
    """An option, an option status, a court's disposal or a published measure, in ``lang``:
    the glossary's word where it has one, else the charts' or the measures' sentence."""
    for group in ("option", "option_status", "measure"):
        if in_glossary(group, name):
            return glossary_label(group, name, lang)
    key = name.replace(".", "_")
    if name in ("not_liable", "no_lawful_option"):
        return say(f"simulation.chart.{key}", lang)
    return say(f"simulation.measure.{key}", lang)


@dataclass(frozen=True)
class ChartData:
    """Chart numbers. Stocks for year ``y`` are at the end of ``y`` (plotted at ``y``), so
    ``projection_starts`` and ``policy_starts`` are given on that axis (1 January 2027 is
    the end of 2026)."""

    years: list[int]
    projection_starts: float
    policy_starts: float
    variants: tuple[str, ...]
    population: dict[str, dict[str, np.ndarray]]  # metric -> band -> (variants, years)
    differences: dict[str, dict[str, np.ndarray]]  # metric -> band -> (variants - 1, years)
    cost: dict[str, np.ndarray]  # band -> (variants, years), millions of tenge
    cost_diff: dict[str, np.ndarray]  # band -> (variants,), billions over the projection
    eligibility: dict[str, np.ndarray]  # option -> (variants, statuses) shares
    articles: tuple[list[str], np.ndarray]  # article names, (variants, articles) shares
    outcomes: np.ndarray  # (variants, outcomes) shares of judgments in projected years
    reference_year: int
    lang: str = "en"
    names: dict[str, str] = field(default_factory=dict)  # variant -> as shown

    def colour(self, variant: str) -> str:
        return PALETTE[self.variants.index(variant) % len(PALETTE)]

    def name(self, variant: str, br: str = "<br>") -> str:
        """The variant as a chart shows it: its id in English, else its short title in the
        chart's language, broken into lines with ``br``."""
        return br.join(textwrap.wrap(self.names.get(variant, variant), 28))


def chart_data(result: SimulationResult, lang: str = "en") -> ChartData:
    from qaitu.simulation.report import variant_short_title

    tl = result.timeline
    first = tl.start_year - tl.first_year
    population = {m: bands(metric_values(result, m)) for m in POPULATION}

    def diff(m: str) -> np.ndarray:
        values = metric_values(result, m)
        return np.asarray(values[:, 1:] - values[:, :1])

    differences = {m: {k: v / (1e6 if m.startswith("cost") else 1.0)
                       for k, v in bands(diff(m)).items()} for m in DIFFERENCES}
    cost_values = metric_values(result, "cost.total")
    cost = {k: v / 1e6 for k, v in bands(cost_values).items()}
    total_cost = cost_values[:, :, first:].sum(axis=2)
    cost_diff = {k: v / 1e9 for k, v in bands(total_cost - total_cost[:, :1]).items()}
    ev = result.evaluation
    k = result.reference_year - tl.first_year
    frames = [{n: a[ev.year_rows(k)] for n, a in ev.frames[v].items()} for v in result.variants]
    eligibility = {o: np.array([[np.mean(f[o] == s) for s in STATUSES] for f in frames])
                   for o in STATUS_FIELDS}
    names = sorted({a for f in frames for a in np.unique(f["principal_article"]).tolist()})
    shares = np.array([[np.mean(f["principal_article"] == a) for a in names] for f in frames])
    major = shares.max(axis=0) >= 0.01
    articles = np.concatenate([shares[:, major], shares[:, ~major].sum(axis=1, keepdims=True)],
                              axis=1)
    w = words(lang)
    names = [cite(str(a), lang) if a else w("not_liable")
             for a in np.array(names)[major]] + [w("other_articles")]
    judged = np.stack([metric_values(result, f"flow.judged.{o}")[:, :, first:].sum(axis=(0, 2))
                       for o in OUTCOMES], axis=1)
    outcomes = judged / np.maximum(judged.sum(axis=1, keepdims=True), 1)
    eff = result.scenario.policy.effective_from
    return ChartData(list(range(tl.first_year, tl.end_year)), tl.start_year - 1,
                     tl.first_year - 1 + tl.time(eff), result.projection.variants, population,
                     differences, cost, cost_diff, eligibility, (names, articles), outcomes,
                     result.reference_year, lang,
                     {v: v if lang == "en" else variant_short_title(v, lang)
                      for v in result.projection.variants})


# --- Plotly ------------------------------------------------------------------------------------


def plotly_figures(data: ChartData) -> dict[str, Any]:
    """The four charts as Plotly figures."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    x = data.years
    figs: dict[str, Any] = {}
    w = words(data.lang)

    def band(fig: Any, b: dict[str, np.ndarray], j: int, variant: str, row: int, col: int,
             legend: bool) -> None:
        colour = data.colour(variant)
        fig.add_trace(go.Scatter(x=x + x[::-1], y=np.r_[b["p95"][j], b["p5"][j][::-1]],
                                 fill="toself", fillcolor=colour, opacity=0.15, line={"width": 0},
                                 hoverinfo="skip", showlegend=False, legendgroup=variant),
                      row=row, col=col)
        fig.add_trace(go.Scatter(
            x=x, y=b["p50"][j], name=data.name(variant), legendgroup=variant,
            showlegend=legend,
            line={"color": colour, "width": 2.5 if variant == "current" else 2},
            customdata=np.stack([b["p5"][j], b["p95"][j]], axis=1),
            hovertemplate="%{x}: %{y:,.0f} (5–95 %: %{customdata[0]:,.0f}–"
                          "%{customdata[1]:,.0f})<extra>" + data.name(variant) + "</extra>"),
            row=row, col=col)

    def grid(metrics: dict[str, str], series: dict[str, dict[str, np.ndarray]],
             variants: tuple[str, ...], reference: bool, title: str, ytitle: str) -> Any:
        fig = make_subplots(rows=len(metrics), cols=len(variants), shared_xaxes=True,
                            shared_yaxes=True, column_titles=[data.name(v) for v in variants],
                            row_titles=list(metrics.values()), vertical_spacing=0.06,
                            horizontal_spacing=0.015)
        for r, m in enumerate(metrics, start=1):
            for c, v in enumerate(variants, start=1):
                j = c - 1
                band(fig, series[m], j, v, r, c, legend=False)
                if reference:
                    fig.add_trace(go.Scatter(
                        x=x, y=series[m]["p50"][0], mode="lines", showlegend=False,
                        line={"color": "#222", "width": 1, "dash": "dash"},
                        hovertemplate=w("current_law") + ": %{y:,.0f}<extra></extra>"),
                        row=r, col=c)
            fig.update_yaxes(title_text=ytitle if ytitle else None, row=r, col=1)
        # lines in every panel, set at once (add_vline per panel is slow)
        shapes = []
        for k in range(1, len(metrics) * len(variants) + 1):
            ax = "" if k == 1 else str(k)
            shapes.append({"type": "line", "xref": f"x{ax}", "yref": f"y{ax} domain",
                           "x0": data.policy_starts, "x1": data.policy_starts, "y0": 0, "y1": 1,
                           "line": {"dash": "dash", "color": "#999", "width": 1}})
            if not reference:
                shapes.append({"type": "line", "xref": f"x{ax} domain", "yref": f"y{ax}",
                               "x0": 0, "x1": 1, "y0": 0, "y1": 0,
                               "line": {"color": "#444", "width": 1}})
        fig.update_layout(shapes=shapes)
        fig.update_annotations(font_size=11)
        fig.update_layout(height=240 * len(metrics) + 120, title=title, showlegend=False,
                          template="plotly_white", hovermode="x unified")
        return fig

    lang = data.lang
    figs["population"] = grid(
        {m: glossary_label("measure", m, lang) for m in POPULATION}, data.population,
        data.variants, True, w("people_title"), w("people"))
    if len(data.variants) > 1:
        figs["differences"] = grid(
            {m: w(k) for m, k in DIFFERENCES.items()}, data.differences, data.variants[1:],
            False, w("differences_title"), "")

    rows_y = [f"{label(o, lang)} · {data.name(v, ' ')}" for o in STATUS_FIELDS
              for v in data.variants]
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.2,
                        subplot_titles=[w("option_status"), w("principal_article")])
    for s_, status in enumerate(STATUSES):
        share = np.concatenate([data.eligibility[o][:, s_] for o in STATUS_FIELDS])
        fig.add_trace(go.Bar(y=rows_y, x=share, orientation="h", name=label(status, lang),
                             marker_color=STATUS_COLOURS[status],
                             hovertemplate="%{y}: %{x:.0%}<extra>" + label(status, lang)
                             + "</extra>"),
                      row=1, col=1)
    names, shares = data.articles
    shown = [data.name(v) for v in data.variants]
    for a, name in enumerate(names):
        fig.add_trace(go.Bar(y=shown, x=shares[:, a], orientation="h", name=name,
                             marker_color=ARTICLE_COLOURS[a % len(ARTICLE_COLOURS)],
                             hovertemplate="%{y}: %{x:.1%}<extra>" + name + "</extra>"),
                      row=1, col=2)
    fig.update_layout(barmode="stack", height=260 + 22 * len(rows_y), template="plotly_white",
                      title=w("eligibility_title", year=data.reference_year))
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    figs["eligibility"] = fig

    fig = go.Figure()
    for o, outcome in enumerate(OUTCOMES):
        fig.add_trace(go.Bar(y=shown, x=data.outcomes[:, o], orientation="h",
                             name=label(outcome, lang), marker_color=OUTCOME_COLOURS[outcome],
                             hovertemplate="%{y}: %{x:.1%}<extra>" + label(outcome, lang)
                             + "</extra>"))
    fig.update_layout(barmode="stack", height=360, template="plotly_white",
                      title=w("outcomes_title"), xaxis={"tickformat": ".0%", "range": [0, 1]},
                      yaxis={"autorange": "reversed"})
    figs["outcomes"] = fig

    fig = make_subplots(rows=1, cols=2, column_widths=[0.62, 0.38], horizontal_spacing=0.12,
                        subplot_titles=[w("yearly_cost"), w("cost_diff")])
    for j, v in enumerate(data.variants):
        if v == "current":
            band(fig, data.cost, j, v, 1, 1, legend=True)
        else:
            fig.add_trace(go.Scatter(x=x, y=data.cost["p50"][j], name=data.name(v),
                                     legendgroup=v, line={"color": data.colour(v), "width": 2},
                                     hovertemplate="%{x}: %{y:,.0f} " + w("million")
                                     + "<extra>" + data.name(v) + "</extra>"), row=1, col=1)
    for x0, dash in ((data.projection_starts, "dot"), (data.policy_starts, "dash")):
        fig.add_vline(x=x0 + 0.5, line={"dash": dash, "color": "#777"}, row=1, col=1)
    d = {k: b[1:] for k, b in data.cost_diff.items()}
    others = list(data.variants[1:])
    fig.add_trace(go.Bar(x=[data.name(v) for v in others], y=d["p50"],
                         marker_color=[data.colour(v) for v in others],
                         showlegend=False, text=[f"{x:,.2f}" for x in d["p50"]],
                         textposition="outside",
                         error_y={"type": "data", "symmetric": False,
                                  "array": d["p95"] - d["p50"], "arrayminus": d["p50"] - d["p5"]},
                         hovertemplate="%{x}: %{y:,.2f} " + w("billion") + "<extra></extra>"),
                  row=1, col=2)
    fig.add_hline(y=0, line={"color": "#444", "width": 1}, row=1, col=2)
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_xaxes(title_text=w("year_axis"), row=1, col=1)
    fig.update_annotations(font_size=12)
    fig.update_layout(height=480, template="plotly_white", hovermode="x unified",
                      title=w("costs_title"))
    figs["costs"] = fig
    return figs


# --- Matplotlib --------------------------------------------------------------------------------


def png_figures(data: ChartData, out: Path) -> dict[str, Path]:
    """The four charts as PNG files in ``out``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    x = np.array(data.years)
    lang, w = data.lang, words(data.lang)

    def decorate(ax: Any, shift: float = 0.0) -> None:
        ax.axvline(data.projection_starts + shift, ls=":", color="#888", lw=1)
        ax.axvline(data.policy_starts + shift, ls="--", color="#555", lw=1)
        ax.set_xlim(x[0] - 0.3, x[-1] + 0.3)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))

    def grid(metrics: dict[str, str], series: dict[str, dict[str, np.ndarray]],
             variants: tuple[str, ...], reference: bool, title: str, path: Path) -> Path:
        fig, axes = plt.subplots(len(metrics), len(variants), sharex=True, sharey="row",
                                 figsize=(2.6 * len(variants) + 1.2, 2.5 * len(metrics) + 1),
                                 squeeze=False)
        for r, m in enumerate(metrics):
            b = series[m]
            for j, v in enumerate(variants):
                ax = axes[r, j]
                c = data.colour(v)
                ax.fill_between(x, b["p5"][j], b["p95"][j], color=c, alpha=0.2, lw=0)
                ax.plot(x, b["p50"][j], color=c, lw=2)
                if reference:
                    ax.plot(x, b["p50"][0], color="#222", lw=1, ls="--")
                    ax.set_ylim(bottom=0)
                else:
                    ax.axhline(0, color="#444", lw=0.8)
                ax.axvline(data.policy_starts, ls="--", color="#999", lw=0.8)
                ax.grid(alpha=0.3)
                ax.set_xlim(x[0] - 0.3, x[-1] + 0.3)
                ax.set_xticks(x[::2])
                ax.tick_params(labelsize=7)
                ax.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
                if r == 0:
                    ax.set_title(data.name(v, "\n"), fontsize=9)
            axes[r, 0].set_ylabel(metrics[m], fontsize=9)
        fig.suptitle(title, fontsize=11)
        fig.tight_layout()
        return _save(fig, path)

    paths["population"] = grid(
        {m: glossary_label("measure", m, lang) for m in POPULATION}, data.population,
        data.variants, True, "\n".join(textwrap.wrap(w("people_title"), 90)),
        out / "population.png")
    if len(data.variants) > 1:
        paths["differences"] = grid(
            {m: w(k) for m, k in DIFFERENCES.items()}, data.differences, data.variants[1:],
            False, w("differences_title"), out / "differences.png")

    n_rows = len(STATUS_FIELDS) * len(data.variants)
    fig, (ax, ax_art) = plt.subplots(1, 2, figsize=(13, 1.6 + 0.28 * n_rows),
                                     gridspec_kw={"width_ratios": [3, 2]})
    y = np.arange(n_rows) + np.repeat(np.arange(len(STATUS_FIELDS)), len(data.variants)) * 0.6
    left = np.zeros(n_rows)
    for s_, status in enumerate(STATUSES):
        share = np.concatenate([data.eligibility[o][:, s_] for o in STATUS_FIELDS])
        ax.barh(y, share, left=left, color=STATUS_COLOURS[status], label=label(status, lang),
                height=0.85)
        left += share
    ax.set_yticks(y, [f"{label(o, lang)} · {data.name(v, ' ')}" for o in STATUS_FIELDS
                      for v in data.variants], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_title(w("option_status"), loc="left", fontsize=11)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.04), ncol=3, fontsize=8, frameon=False)
    names, shares = data.articles
    yv = np.arange(len(data.variants))
    left = np.zeros(len(data.variants))
    for a, name in enumerate(names):
        ax_art.barh(yv, shares[:, a], left=left, color=ARTICLE_COLOURS[a % len(ARTICLE_COLOURS)],
                    label=name)
        left += shares[:, a]
    ax_art.set_yticks(yv, [data.name(v, "\n") for v in data.variants], fontsize=8)
    ax_art.invert_yaxis()
    ax_art.set_xlim(0, 1)
    ax_art.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax_art.set_title(w("principal_article"), loc="left", fontsize=11)
    ax_art.legend(loc="upper center", bbox_to_anchor=(0.5, -0.04), ncol=2, fontsize=8,
                  frameon=False)
    fig.suptitle(w("eligibility_title", year=data.reference_year), fontsize=12)
    fig.tight_layout()
    paths["eligibility"] = _save(fig, out / "eligibility.png")

    fig, ax = plt.subplots(figsize=(10, 0.55 * len(data.variants) + 1.8))
    y = np.arange(len(data.variants))
    left = np.zeros(len(data.variants))
    for o, outcome in enumerate(OUTCOMES):
        share = data.outcomes[:, o]
        ax.barh(y, share, left=left, color=OUTCOME_COLOURS[outcome],
                label=label(outcome, lang))
        left += share
    ax.set_yticks(y, [data.name(v, "\n") for v in data.variants])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8, frameon=False)
    ax.set_title(w("outcomes_title"), loc="left")
    fig.tight_layout()
    paths["outcomes"] = _save(fig, out / "outcomes.png")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.8), gridspec_kw={"width_ratios": [2, 1]})
    for j, v in enumerate(data.variants):
        c = data.colour(v)
        if v == "current":
            ax1.fill_between(x, data.cost["p5"][j], data.cost["p95"][j], color=c, alpha=0.12,
                             lw=0, label=w("current_law") + ", 5–95 %")
        ax1.plot(x, data.cost["p50"][j], color=c, lw=2.2 if v == "current" else 1.6,
                 label=data.name(v, " "))
    decorate(ax1, shift=0.5)
    ax1.set_title(w("yearly_cost"), loc="left", fontsize=11)
    ax1.set_xticks(x)
    ax1.tick_params(axis="x", labelrotation=45)
    ax1.legend(fontsize=8, frameon=False, loc="upper left")
    d = {k: b[1:] for k, b in data.cost_diff.items()}
    others = data.variants[1:]
    xs = np.arange(len(others))
    ax2.bar(xs, d["p50"], yerr=[d["p50"] - d["p5"], d["p95"] - d["p50"]], capsize=4,
            color=[data.colour(v) for v in others])
    ax2.axhline(0, color="#444", lw=0.8)
    ax2.set_xticks(xs, [f"{data.name(v, chr(10))}\n{m:+,.2f}"
                        for v, m in zip(others, d["p50"], strict=True)],
                   rotation=30, ha="right", fontsize=8)
    if not len(others):
        ax2.text(0.5, 0.5, w("only_current"), ha="center", transform=ax2.transAxes)
    ax2.set_title("\n".join(textwrap.wrap(w("cost_diff"), 40)), loc="left", fontsize=11)
    ax2.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    paths["costs"] = _save(fig, out / "costs.png")
    return paths


def _save(fig: Any, path: Path) -> Path:
    import matplotlib.pyplot as plt

    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def start_png_figures(data: ChartData, out: Path) -> Callable[[], dict[str, Path]]:
    """Draw the PNG files (:func:`png_figures`) in a forked process while this one goes on
    (Matplotlib takes seconds that the tables, the Plotly figures and the report can use);
    the function returned waits for them and returns their paths."""
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(png_figures, data, out)
    pool.shutdown(wait=False)
    return future.result


def write_charts(result: SimulationResult, out: Path, data: ChartData | None = None,
                 figures: dict[str, Any] | None = None,
                 png: Callable[[], dict[str, Path]] | None = None
                 ) -> dict[str, dict[str, Path]]:
    """PNG files and standalone offline HTML files (plotly.js written once beside them);
    ``data`` and ``figures`` when already made (the report shows the same figures), ``png``
    when the PNG files are being drawn already (:func:`start_png_figures`)."""
    data = data or chart_data(result)
    out.mkdir(parents=True, exist_ok=True)
    html = {}
    for name, fig in (figures or plotly_figures(data)).items():
        path = out / f"{name}.html"
        fig.write_html(path, include_plotlyjs="directory", full_html=True)
        html[name] = path
    return {"png": png() if png else png_figures(data, out), "html": html}


def calibration_figure(frame: Any, lang: str = "en") -> Any:
    """``calibration.csv`` as a chart: each published figure (a diamond) against the modelled
    5–95 % band and median under current law, one panel per measure."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    rows = frame.to_dicts()
    measures = list(dict.fromkeys(r["measure"] for r in rows))
    fig = make_subplots(rows=1, cols=max(1, len(measures)), subplot_titles=[
        label(m, lang) for m in measures], horizontal_spacing=0.08)
    w = words(lang)
    for c, m in enumerate(measures, start=1):
        mine = [r for r in rows if r["measure"] == m]
        x = [f"{r['year']} · {r['observed']:g}" for r in mine]
        fig.add_trace(go.Bar(x=x, y=[r["modelled_p95"] - r["modelled_p5"] for r in mine],
                             base=[r["modelled_p5"] for r in mine], marker_color="#c6dbef",
                             name=w("modelled_band"), showlegend=c == 1,
                             hovertemplate="%{base:.3g} + %{y:.3g}<extra></extra>"),
                      row=1, col=c)
        fig.add_trace(go.Scatter(x=x, y=[r["modelled_p50"] for r in mine], mode="markers",
                                 marker={"symbol": "line-ew-open", "size": 26,
                                         "color": "#1f77b4", "line": {"width": 3}},
                                 name=w("modelled_median"), showlegend=c == 1), row=1, col=c)
        fig.add_trace(go.Scatter(x=x, y=[r["observed"] for r in mine], mode="markers",
                                 marker={"symbol": "diamond", "size": 11,
                                         "color": ["#2ca02c" if r["inside"] else "#d62728"
                                                   for r in mine]},
                                 name=w("published"),
                                 showlegend=c == 1), row=1, col=c)
    fig.update_layout(height=380, template="plotly_white", title=w("calibration_title"),
                      legend={"orientation": "h", "y": -0.2})
    return fig


def tornado_figure(frame: Any, output: str, top: int = 10, lang: str = "en",
                   shown: str | None = None) -> Any:
    """``sensitivity.csv`` for one output as a tornado: the output's mean over the draws with
    each quantity in its lowest and its highest tenth, the largest swings first; ``shown`` is
    how the title names the output (default: as it is called)."""
    import plotly.graph_objects as go

    rows = [r for r in frame.to_dicts() if r["output"] == output][:top][::-1]
    centre = float(np.mean([(r["low_tenth_mean"] + r["high_tenth_mean"]) / 2 for r in rows])
                   ) if rows else 0.0
    fig = go.Figure()
    w = words(lang)
    for key, name, colour in (("low_tenth_mean", w("low_tenth"), "#1f77b4"),
                              ("high_tenth_mean", w("high_tenth"), "#d62728")):
        fig.add_trace(go.Bar(y=[r["quantity"] for r in rows],
                             x=[r[key] - centre for r in rows], base=centre, orientation="h",
                             name=name, marker_color=colour))
    fig.update_layout(barmode="overlay", height=140 + 32 * len(rows), template="plotly_white",
                      title=w("tornado_title", output=shown or output), margin={"l": 360},
                      legend={"orientation": "h", "y": -0.15})
    return fig
