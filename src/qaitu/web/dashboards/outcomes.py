"""The ministry's programme outcomes: how many people were enrolled, completed the programme,
breached their order, had it cancelled early or reoffended, by formation kind, variant
eligibility, region and year; charts with their tables, every count of people, de-identified
and protected as one page (disclosure.py).

Each measure counts a person once, on the date it first happened to them, so that the four
breakdowns of a measure add up to the same national total (which the page shows): a reader
who subtracts along any of them meets the same hidden cells.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import textwrap
from collections import Counter

import plotly.graph_objects as go
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Case as DjCase
from django.db.models import Exists, Min, OuterRef, Q, QuerySet, TextField, Value, When
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import Exact
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from qaitu.law.glossary import glossary
from qaitu.law.supervision import ART_64_1
from qaitu.web import policy
from qaitu.web.assessments.models import Assessment
from qaitu.web.audit import log
from qaitu.web.cases.models import Case
from qaitu.web.dashboards.disclosure import Protected, Table, protect
from qaitu.web.dashboards.views import csv_download
from qaitu.web.labels import cited, label
from qaitu.web.rehab.models import Programme
from qaitu.web.supervision.models import Breach, Order

MEASURES = {
    "enrolled": gettext_lazy("enrolled in the programme"),
    "completed": gettext_lazy("completed the programme"),
    "breached": gettext_lazy("breached the order"),
    "cancelled_early": cited(gettext_lazy("order cancelled early (%(provision)s)"), ART_64_1.code),
    "reoffended": gettext_lazy("reoffended"),
}
#: Which variants of the law allow probation control, on the person's latest shared assessment.
ELIGIBILITY = {
    "current": gettext_lazy("probation control under the law in force"),
    "variant": gettext_lazy("probation control only under a proposed variant"),
    "none": gettext_lazy("no probation control under any variant assessed"),
    "unassessed": gettext_lazy("not assessed"),
}
BREAKDOWNS = {
    "formation": gettext_lazy("Formation kind"),
    "eligibility": gettext_lazy("Variant eligibility"),
    "region": gettext_lazy("Region"),
    "year": gettext_lazy("Year"),
}
NEW_CRIMES = (Breach.Violation.NEW_CRIME_LESSER, Breach.Violation.NEW_CRIME_SERIOUS)


def events() -> dict[str, dict[int, dt.date]]:
    """For each measure, the people it happened to and the date it first did: one grouped
    query per table (the earliest date per person and measure), merged where two tables tell
    of one measure (a programme closed for a new offence, a violation that is a new crime)."""
    out: dict[str, dict[int, dt.date]] = {m: {} for m in MEASURES}

    def first(qs, person: str, **dates: Min) -> None:
        for row in qs.values(person).annotate(**dates).values_list(person, *dates).order_by():
            for measure, on in zip(dates, row[1:], strict=True):
                if on is not None and (row[0] not in out[measure] or on < out[measure][row[0]]):
                    out[measure][row[0]] = on

    outcome = Programme.Outcome
    first(Programme.objects, "person_id", enrolled=Min("enrolled_on"),
          completed=Min("closed_on", filter=Q(outcome=outcome.COMPLETED)),
          reoffended=Min("closed_on", filter=Q(outcome=outcome.REOFFENDED)))
    first(Breach.objects, "order__person_id", breached=Min("occurred_on"),
          reoffended=Min("occurred_on", filter=Q(violation__in=NEW_CRIMES)))
    first(Order.objects, "person_id",
          cancelled_early=Min("closed_on", filter=Q(status=Order.Status.CANCELLED_EARLY)))
    return out


def _text(field: str, *keys: str) -> KeyTextTransform:
    """The text at ``keys`` inside a JSON column (NULL where any key is missing)."""
    expr: str | KeyTransform = field
    for key in keys[:-1]:
        expr = KeyTransform(key, expr)
    return KeyTextTransform(keys[-1], expr)


def _eligibility() -> DjCase:
    """Where an assessment finds probation control available (:data:`ELIGIBILITY`), as one
    SQL expression: the status each variant it assessed gives, read from its findings (or, in
    a snapshot made before findings were stored, its result)."""
    names = {"current"}
    for assessed in (Assessment.objects.filter(private=False).order_by()
                     .values_list("variants", flat=True).distinct()):
        names.update(assessed or ())

    def available(name: str) -> Exact:
        path = ("variants", name, "options", "probation_control", "status")
        return Exact(Coalesce(_text("findings", *path), _text("result", *path)), "available")

    others = [available(n) for n in sorted(names - {"current"})]
    return DjCase(When(Q(findings__isnull=True, result={}), then=Value("unassessed")),
                  When(available("current"), then=Value("current")),
                  *([When(functools.reduce(operator.or_, others), then=Value("variant"))]
                    if others else []),
                  default=Value("none"), output_field=TextField())


#: Each shared assessment's eligibility, once read from its (large) findings: assessments are
#: immutable snapshots (Assessment.save), so what one says never changes. Keyed by id and time
#: made, as a database restored from a backup (or SQLite after a rollback) may give an id again.
_ELIGIBILITY: dict[tuple[int, str], str] = {}
#: The time an assessment was made, as the database writes it: a key, never read as a time
#: (reading thousands of timestamps as times took longer than the queries that fetched them).
MADE = Cast("created_at", TextField())


def eligibilities(assessments: set[tuple[int, str]]) -> dict[int, str]:
    """Where each assessment (id, time made) finds probation control available, read in the
    database for those not read before. Only these are kept: an assessment no longer the
    latest of its case is not asked again."""
    global _ELIGIBILITY
    known = _ELIGIBILITY  # replaced whole, never changed in place: safe beside other threads
    missing = sorted(assessments - known.keys())
    found = {key: known[key] for key in assessments & known.keys()}
    expression = _eligibility() if missing else None
    for chunk in range(0, len(missing), 500):
        found.update(((pk, made), said) for pk, made, said in (
            Assessment.objects.filter(id__in=[pk for pk, _made in missing[chunk:chunk + 500]])
            .annotate(eligibility=expression, made=MADE)
            .values_list("id", "made", "eligibility").order_by()))
    _ELIGIBILITY = found
    return {pk: found[(pk, made)] for pk, made in assessments}


def profiles() -> dict[int, dict[str, str]]:
    """Formation kind (first episode of the latest case), eligibility (its latest shared
    assessment) and region of everyone with a programme or an order: one query for the latest
    cases, one for the latest shared assessments, and one for those in the programme with no
    case on file (no formation, not assessed).

    The latest of a group is read by ``DISTINCT ON`` where the database has it (PostgreSQL),
    else by keeping the rows no later row of their group follows (an anti-join); asking person
    by person for the latest case, three times over, was the page's slowest query at 4,000
    people under an order or in the programme."""
    latest = _latest(Case.objects.filter(Q(person__in=Programme.objects.values("person_id"))
                                         | Q(person__in=Order.objects.values("person_id"))),
                     "person_id", "opened_on")
    cases = list(latest.values_list("person_id", "id", "formation_kind", "person__region"))
    # every case's latest shared assessment: a few thousand short rows, read faster than the
    # latest cases' alone (which makes the database find those cases a second time)
    made = {case: (pk, on) for case, pk, on in _latest(
        Assessment.objects.filter(private=False), "case_id", "created_at")
        .annotate(made=MADE).values_list("case_id", "id", "made")}
    found = eligibilities({made[case] for _p, case, _f, _r in cases if case in made})
    out = {person: {"formation": formation, "region": region,
                    "eligibility": found[made[case][0]] if case in made else "unassessed"}
           for person, case, formation, region in cases}
    # an order always has its case; a programme may have none
    without = Programme.objects.exclude(Exists(Case.objects.filter(person=OuterRef("person_id"))))
    for person, region in without.values_list("person_id", "person__region").order_by():
        out[person] = {"formation": "", "region": region, "eligibility": "unassessed"}
    return out


def _latest(rows: QuerySet, group: str, on: str) -> QuerySet:
    """The last row of each ``group`` by ``on``, then by id (the one filed last)."""
    if connection.features.can_distinct_on_fields:
        return rows.order_by(group, f"-{on}", "-id").distinct(group)
    later = rows.order_by().filter(
        Q(**{f"{on}__gt": OuterRef(on)}) | Q(**{on: OuterRef(on), "id__gt": OuterRef("id")}),
        **{group: OuterRef(group)})
    return rows.exclude(Exists(later)).order_by()


def tables() -> dict[str, list[Table]]:
    """Per breakdown, one table per measure (rows: the breakdown's values), all of a measure
    sharing its national total."""
    happened = events()
    who = profiles()
    profile = ("formation", "eligibility", "region")
    kind = operator.itemgetter(*profile)
    kinds = {person: kind(said) for person, said in who.items()}
    counts: dict[str, dict[str, Counter]] = {b: {} for b in BREAKDOWNS}
    for measure, people in happened.items():
        # people of one profile counted together (thousands of people, a few dozen profiles)
        alike = Counter(map(kinds.__getitem__, people))
        for i, b in enumerate(profile):
            counts[b][measure] = Counter()
            for kind, n in alike.items():
                counts[b][measure][(kind[i],)] += n
        counts["year"][measure] = Counter()
        for on, n in Counter(people.values()).items():  # a few hundred days
            counts["year"][measure][(on.year,)] += n
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
    return label(breakdown, value)  # a region's name in the reader's words ("" unknown), a year


def grids(by: dict[str, list[Table]], shown: Protected) -> dict[str, dict]:
    """Each breakdown as one table on screen: its values down, the measures across, the
    national totals at the foot; no row total (a person counts under several measures)."""
    out = {}
    for b, measure_tables in by.items():
        values = measure_tables[0].values[0]
        # a name heads its row or column: capitalised, as in every language's table
        out[b] = {"title": BREAKDOWNS[b], "corner": BREAKDOWNS[b],
                  "columns": [capfirst(str(t)) for t in MEASURES.values()],
                  "rows": [(capfirst(_name(b, v)),
                            [shown.shown(t.cell((v,))) for t in measure_tables])
                           for v in values],
                  "totals": [shown.shown(t.cell((None,))) for t in measure_tables]}
    return out


#: A category name longer than this is wrapped, and its bars laid horizontally: slanted under
#: the axis, a Kazakh «ешбір құралымға кірмеген (...)» ran over the legend and the plot.
LABEL_WIDTH = 28


def figure(grid: dict) -> str:
    """The grid's bars, a group per row (Plotly's JSON); counts are whole and never below zero,
    also where every cell is hidden."""
    return _figure(json.dumps(grid, default=str))


@functools.lru_cache(maxsize=64)
def _figure(said: str) -> str:
    """Kept per the grid's words and shown counts: building a Plotly figure costs more than
    the queries behind it, and the same page is viewed again over unchanged data."""
    grid = json.loads(said)
    names = [str(name) for name, _counts in grid["rows"]]
    across = max(map(len, names), default=0) > LABEL_WIDTH / 2
    shown = [c for _n, counts in grid["rows"] for c in counts if c is not None]
    layout = dict(
        # no title inside the chart: the section's heading above it names it once
        margin=dict(l=50, r=20, t=20, b=40), barmode="group",
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#fff",
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
    """The tables as shown: every count under the threshold hidden, zeros too (issue 11: «any
    cell under 5 suppressed»; «nobody here reoffended» speaks of everyone counted there)."""
    by = tables()
    return grids(by, protect([t for ts in by.values() for t in ts], settings.QAITU_SMALL_CELL,
                             hide_zero=True))


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
