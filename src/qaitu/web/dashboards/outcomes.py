"""The ministry's programme outcomes: how many people were enrolled, completed the programme,
breached their order, had it cancelled early or reoffended, by formation kind, variant
eligibility, region and year; charts with their tables, every count of people, de-identified
and protected as one page (disclosure.py).

Each measure counts a person once, on the date it first happened to them, so that the four
breakdowns of a measure add up to the same national total (which the page shows): a reader
who subtracts along any of them meets the same hidden cells.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable

import plotly.graph_objects as go
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from qaitu.law.glossary import glossary
from qaitu.web import policy
from qaitu.web.assessments.models import Assessment
from qaitu.web.audit import log
from qaitu.web.cases.models import Case
from qaitu.web.dashboards.disclosure import Protected, Table, protect
from qaitu.web.dashboards.views import csv_download
from qaitu.web.labels import label
from qaitu.web.people.models import Person
from qaitu.web.rehab.models import Programme
from qaitu.web.supervision.models import Breach, Order

MEASURES = {
    "enrolled": gettext_lazy("enrolled in the programme"),
    "completed": gettext_lazy("completed the programme"),
    "breached": gettext_lazy("breached the order"),
    "cancelled_early": gettext_lazy("order cancelled early (art. 64(1))"),
    "reoffended": gettext_lazy("reoffended"),
}
#: Which variants of the law allow probation control, on the person's latest shared assessment.
ELIGIBILITY = {
    "current": gettext_lazy("probation control under the law in force"),
    "variant": gettext_lazy("probation control only under a proposed variant"),
    "none": gettext_lazy("probation control under no variant assessed"),
    "unassessed": gettext_lazy("not assessed"),
}
BREAKDOWNS = {
    "formation": gettext_lazy("Formation kind"),
    "eligibility": gettext_lazy("Variant eligibility"),
    "region": gettext_lazy("Region"),
    "year": gettext_lazy("Year"),
}
NEW_CRIMES = (Breach.Violation.NEW_CRIME_LESSER, Breach.Violation.NEW_CRIME_SERIOUS)


def events() -> dict[str, dict[int, object]]:
    """For each measure, the people it happened to and the date it first did."""
    out: dict[str, dict[int, object]] = {m: {} for m in MEASURES}

    def add(measure: str, rows: Iterable[tuple[int, object]]) -> None:
        for person, on in rows:
            if on is not None and (person not in out[measure] or on < out[measure][person]):
                out[measure][person] = on

    programmes = Programme.objects.values_list("person_id", "enrolled_on", "outcome", "closed_on")
    for person, enrolled, outcome, closed in programmes:
        add("enrolled", [(person, enrolled)])
        if outcome == Programme.Outcome.COMPLETED:
            add("completed", [(person, closed)])
        if outcome == Programme.Outcome.REOFFENDED:
            add("reoffended", [(person, closed)])
    for person, on, violation in Breach.objects.values_list("order__person_id", "occurred_on",
                                                            "violation"):
        add("breached", [(person, on)])
        if violation in NEW_CRIMES:
            add("reoffended", [(person, on)])
    add("cancelled_early", Order.objects.filter(status=Order.Status.CANCELLED_EARLY)
        .values_list("person_id", "closed_on"))
    return out


def eligibility(result: dict | None) -> str:
    """Where the latest shared assessment finds probation control available."""
    if not result:
        return "unassessed"
    available = {name for name, body in (result.get("variants") or {}).items()
                 if ((body.get("options") or {}).get("probation_control") or {})
                 .get("status") == "available"}
    if "current" in available:
        return "current"
    return "variant" if available else "none"


def profiles(people: set[int]) -> dict[int, dict[str, str]]:
    """Formation kind (first episode of the latest case), eligibility and region per person."""
    latest = Case.objects.filter(person=OuterRef("person")).order_by("-opened_on", "-id")
    cases = {c.person_id: c for c in Case.objects.filter(person_id__in=people)
             .filter(id=Subquery(latest.values("id")[:1])).only("id", "person_id", "facts")}
    last = Assessment.objects.filter(case=OuterRef("case"), private=False).order_by(
        "-created_at", "-id")
    results = dict(Assessment.objects.filter(case__in=[c.id for c in cases.values()])
                   .filter(id=Subquery(last.values("id")[:1]))
                   .values_list("case_id", "result"))
    regions = dict(Person.objects.filter(id__in=people).values_list("id", "region"))
    out = {}
    for person in people:
        case = cases.get(person)
        episodes = (case.facts.get("episodes") or [{}]) if case else [{}]
        kind = ((episodes[0] or {}).get("formation") or {}).get("kind") or ""
        out[person] = {"formation": kind, "region": regions.get(person, ""),
                       "eligibility": eligibility(results.get(case.id) if case else None)}
    return out


def tables() -> dict[str, list[Table]]:
    """Per breakdown, one table per measure (rows: the breakdown's values), all of a measure
    sharing its national total."""
    happened = events()
    who = profiles({p for people in happened.values() for p in people})
    counts: dict[str, dict[str, Counter]] = {b: {m: Counter() for m in MEASURES}
                                             for b in BREAKDOWNS}
    for measure, people in happened.items():
        for person, on in people.items():
            for b in ("formation", "eligibility", "region"):
                counts[b][measure][(who[person][b],)] += 1
            counts["year"][measure][(on.year,)] += 1  # type: ignore[attr-defined]
    present = {b: {k[0] for c in counts[b].values() for k in c} for b in BREAKDOWNS}
    values = {"formation": [*glossary()["formation_kind"],
                            *sorted(present["formation"] - set(glossary()["formation_kind"]))],
              "eligibility": list(ELIGIBILITY),
              "region": sorted(present["region"]), "year": sorted(present["year"])}
    return {b: [Table((b,), (tuple(values[b]),), counts[b][m], fixed=(("measure", m),))
                for m in MEASURES] for b in BREAKDOWNS}


def _name(breakdown: str, value) -> str:
    if breakdown == "formation":
        return label("formation_kind", value)
    if breakdown == "eligibility":
        return str(ELIGIBILITY[value])
    return label(breakdown, value)  # a region's name ("" unknown) or a year


def grids(by: dict[str, list[Table]], shown: Protected) -> dict[str, dict]:
    """Each breakdown as one table on screen: its values down, the measures across, the
    national totals at the foot; no row total (a person counts under several measures)."""
    out = {}
    for b, measure_tables in by.items():
        values = measure_tables[0].values[0]
        out[b] = {"title": BREAKDOWNS[b], "corner": BREAKDOWNS[b],
                  "columns": [str(t) for t in MEASURES.values()],
                  "rows": [(_name(b, v), [shown.shown(t.cell((v,))) for t in measure_tables])
                           for v in values],
                  "totals": [shown.shown(t.cell((None,))) for t in measure_tables]}
    return out


#: A category name longer than this is wrapped, and its bars laid horizontally: slanted under
#: the axis, a Kazakh «ешбір құралымға кірмеген (...)» ran over the legend and the plot.
LABEL_WIDTH = 28


def figure(grid: dict) -> str:
    """The grid's bars, a group per row; counts are whole and never below zero, also where
    every cell is hidden."""
    names = [str(name) for name, _counts in grid["rows"]]
    across = max(map(len, names), default=0) > LABEL_WIDTH / 2
    shown = [c for _n, counts in grid["rows"] for c in counts if c is not None]
    layout = dict(
        margin=dict(l=50, r=20, t=40, b=40), barmode="group",
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#fff", title=str(grid["title"]),
        font=dict(family="system-ui, sans-serif", size=13),
        legend=dict(orientation="h", y=-0.08 if across else -0.3, yanchor="top"),
        height=160 + len(names) * (10 * len(grid["columns"]) + 20) if across else 360)
    fig = go.Figure(layout=layout)
    labels = ["<br>".join(textwrap.wrap(n, LABEL_WIDTH)) for n in names] if across else names
    for j, measure in enumerate(grid["columns"]):
        counts = [counts[j] for _name, counts in grid["rows"]]
        fig.add_bar(name=measure, **({"y": labels, "x": counts, "orientation": "h"} if across
                                     else {"x": labels, "y": counts}))
    tallest = max(shown, default=0)
    axis: dict = {"rangemode": "nonnegative"}
    if tallest <= 10:
        axis.update(dtick=1, range=None if tallest else [0, 1])
    if across:
        fig.update_xaxes(**axis)
        fig.update_yaxes(autorange="reversed", automargin=True)  # the table's order, top down
    else:
        fig.update_yaxes(**axis)
    return fig.to_json()


def protected_grids() -> dict[str, dict]:
    by = tables()
    return grids(by, protect([t for ts in by.values() for t in ts], settings.QAITU_SMALL_CELL))


@login_required
def outcomes(request):
    policy.require(request, policy.OUTCOMES, "outcomes")
    shown = protected_grids()
    log.record(request, "read", "outcomes")
    return render(request, "dashboards/outcomes.html", {
        "grids": [(b, g, figure(g), f"fig-{b}") for b, g in shown.items()],
        "small_cell": settings.QAITU_SMALL_CELL - 1})


@login_required
def outcomes_csv(request):
    """The outcome tables as CSV, protected exactly as on screen."""
    policy.require(request, policy.OUTCOMES, "outcomes")
    shown = protected_grids()
    log.record(request, "read", "outcomes", detail={"format": "csv"})
    return csv_download(request, "outcomes.csv", list(shown.values()))
