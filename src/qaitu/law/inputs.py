"""From ``qaitu.case/1`` facts (flattened columns) to the inputs the rules read.

A single case is a one-row table; a cohort is many rows. Each input comes with a mask of rows
where it is *known*; what is unknown is enumerated by the assessment (one case) or filled with
the fact's default and counted (a cohort). The conversions here are fact-finding, not law:
e.g. "citizen of Kazakhstan" is whether ``KZ`` is among the citizenships.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qaitu.law.variables.facts import FACTS_BY_NAME

Columns = Mapping[str, NDArray[Any]]


@dataclass
class Known:
    """Values of one input, with the rows where they are known."""

    values: NDArray[Any]
    known: NDArray[np.bool_]


def _col(columns: Columns, name: str, n: int) -> NDArray[Any]:
    """The column as an object array; absent columns are all unknown (None)."""
    if name not in columns:
        return np.full(n, None, dtype=object)
    col = np.asarray(columns[name], dtype=object)
    missing = np.array([v is None or v == "" or v == "unknown" or (isinstance(v, float)
                        and np.isnan(v)) for v in col], dtype=bool)
    col = col.copy()
    col[missing] = None
    return col


def _known(col: NDArray[Any]) -> NDArray[np.bool_]:
    return np.array([v is not None for v in col], dtype=bool)


def _list(columns: Columns, prefix: str) -> list[NDArray[Any]]:
    """Columns ``prefix.0``, ``prefix.1`` … of a list fact."""
    items = []
    i = 0
    while f"{prefix}.{i}" in columns:
        items.append(np.asarray(columns[f"{prefix}.{i}"], dtype=object))
        i += 1
    return items


def _as_dates(col: NDArray[Any]) -> NDArray[np.datetime64]:
    out = np.full(len(col), np.datetime64("NaT"), dtype="datetime64[D]")
    for i, v in enumerate(col):
        if v is not None:
            out[i] = np.datetime64(v if isinstance(v, dt.date) else str(v)[:10], "D")
    return out


def _years_between(earlier: NDArray[np.datetime64], later: NDArray[np.datetime64]
                   ) -> NDArray[np.int64]:
    """Full years from ``earlier`` to ``later`` (age in years)."""
    ey, ly = earlier.astype("datetime64[Y]"), later.astype("datetime64[Y]")
    years = (ly - ey).astype(int)
    e_md = earlier - ey.astype("datetime64[D]")
    l_md = later - ly.astype("datetime64[D]")
    return np.where(l_md < e_md, years - 1, years)


def _direct(columns: Columns, path: str, n: int, name: str) -> Known:
    col = _col(columns, path, n)
    known = _known(col)
    fact = FACTS_BY_NAME[name]
    default = fact.default.name if hasattr(fact.default, "name") else fact.default
    if fact.kind is bool:
        values = np.array([bool(v) if v is not None and v not in ("false", "False") else False
                           for v in col])
        values = np.where(known, values, default)
    else:
        values = np.where(known, col, default)
    return Known(values, known)


def _evidence(columns: Columns, path: str, n: int, default: str | None = None) -> Known:
    """``established`` is true, ``none`` false; ``alleged`` is for the court to decide."""
    col = _col(columns, path, n)
    if default is not None:
        col = np.where(_known(col), col, default)
    known = np.isin(col, ["established", "none"])
    return Known(col == "established", known)


def case_inputs(columns: Columns, n: int, today: dt.date) -> dict[str, Known]:
    """Case-level inputs (person, return, proceedings) for ``n`` rows."""
    as_of_col = _col(columns, "as_of", n)
    as_of = _as_dates(np.where(_known(as_of_col), as_of_col, today))
    birth = _as_dates(_col(columns, "person.birth_date", n))
    citizenships = _list(columns, "person.citizenship")
    kz = np.zeros(n, dtype=bool)
    for c in citizenships:
        kz |= c == "KZ"
    acquired = [np.asarray(columns[k], dtype=object) for k in columns
                if k.startswith("person.acquired_citizenship.") and k.endswith(".country")]
    status = _col(columns, "return.status", n)
    inputs = {
        "judgment_date": Known(as_of, np.ones(n, dtype=bool)),
        "age_at_judgment": Known(np.where(np.isnat(birth), 30,
                                          _years_between(birth, as_of)), ~np.isnat(birth)),
        "citizen_of_kz": Known(kz, np.full(n, bool(citizenships)) | kz),
        "acquired_foreign_citizenship": Known(
            np.any([_known(a) for a in acquired], axis=0) if acquired else np.zeros(n, bool),
            np.ones(n, dtype=bool)),
        "returned": Known(status == "returned", _known(status)),
        "mitigating_listed": _any_listed(columns, ("circumstances.mitigating",
                                                   "circumstances.mitigating_other"), n),
        "aggravating_listed": _any_listed(columns, ("circumstances.aggravating",), n),
    }
    for name, path in (
        ("sex", "person.sex"), ("stateless_resident_of_kz", "person.stateless_resident_of_kz"),
        ("recidivism", "person.recidivism"), ("pregnant", "person.pregnant"),
        ("children_under_3", "person.children_under_3"),
        ("has_young_children", "person.has_young_children"),
        ("return_mode", "return.mode"), ("self_reported", "return.self_reported"),
        ("cooperation", "return.cooperation"), ("plea_agreement", "proceedings.plea_agreement"),
        ("plea_agreement_fulfilled", "proceedings.plea_agreement_fulfilled"),
        ("accelerated_investigation", "proceedings.accelerated_investigation"),
        ("pretrial_detention_days", "proceedings.pretrial_detention_days"),
        ("damage_repaired", "proceedings.damage_repaired"),
        ("pmc_is_party_armed_forces", "legal_questions.pmc_is_party_armed_forces"),
        ("formation_is_illegal_paramilitary", "legal_questions.formation_is_illegal_paramilitary"),
    ):
        inputs[name] = _direct(columns, path, n, name)
    rd = _col(columns, "return.date", n)
    inputs["return_date"] = Known(_as_dates(rd), _known(rd))
    # Days in custody only count what is recorded: none recorded is none credited.
    days = inputs["pretrial_detention_days"]
    inputs["pretrial_detention_days"] = Known(days.values.astype(int), np.ones(n, dtype=bool))
    return inputs


def _any_listed(columns: Columns, prefixes: tuple[str, ...], n: int) -> Known:
    """A list fact holds something; a list left out is empty (lists are not scalar facts)."""
    out = np.zeros(n, dtype=bool)
    for prefix in prefixes:
        for item in _list(columns, prefix):
            out |= _known(item)
        if prefix in columns:  # a "|"-joined cell, as in cohort tables
            out |= np.array([bool(v) for v in _col(columns, prefix, n)])
    return Known(out, np.ones(n, dtype=bool))


def episode_count(columns: Columns) -> int:
    """How many episodes the columns describe (at least one)."""
    found = {int(k.split(".")[1]) for k in columns if k.startswith("episodes.")}
    return max(found) + 1 if found else 1


def episode_inputs(columns: Columns, n: int, i: int, case: Mapping[str, Known]
                   ) -> dict[str, Known]:
    """Inputs of episode ``i`` for ``n`` rows."""
    p = f"episodes.{i}."
    end, start = _col(columns, p + "end", n), _col(columns, p + "start", n)
    ret = _col(columns, "return.date", n)
    act = np.where(_known(end), end, np.where(_known(ret), ret, start))
    act_dates = _as_dates(act)
    birth = _as_dates(_col(columns, "person.birth_date", n))
    country = _col(columns, p + "country", n)
    state = _col(columns, p + "formation.state", n)
    citizenships = _list(columns, "person.citizenship")
    of_party = np.zeros(n, dtype=bool)
    for c in citizenships:
        of_party |= (c == state) & _known(state)
    inputs = {
        "act_date": Known(np.where(np.isnat(act_dates), np.datetime64("2024-01-01"),
                                   act_dates), ~np.isnat(act_dates)),
        "age_at_act": Known(np.where(np.isnat(birth) | np.isnat(act_dates), 30,
                                     _years_between(birth, act_dates)),
                            ~np.isnat(birth) & ~np.isnat(act_dates)),
        "act_abroad": Known(country != "KZ", _known(country)),
        "citizen_of_party": Known(of_party, of_party | (_known(state) & bool(citizenships))),
        "war_crimes_established": _evidence(columns, p + "war_crimes", n),
        "terrorist_act": _evidence(columns, p + "terrorist_act", n, default="none"),
    }
    for name, path, default in (
        ("formation_kind", "formation.kind", None),
        ("formation_recognized_terrorist", "formation.recognized_terrorist_in_kz", None),
        ("formation_recognized_extremist", "formation.recognized_extremist_in_kz", False),
        ("member_of_formation", "member_of_formation", None), ("role", "role", None),
        ("recruitment", "recruitment", None), ("material_reward", "material_reward", None),
        ("specially_recruited", "specially_recruited", None),
        ("war_crime_kind", "war_crime_kind", None), ("deaths_caused", "deaths_caused", None),
        ("terrorist_training", "terrorist_training", None), ("exit_kind", "exit", None),
        ("weapons_surrendered", "weapons_surrendered", None),
        ("created_training_base", "created_training_base", False),
        ("completion", "completion", "completed"),
    ):
        k = _direct(columns, p + path, n, name)
        if default is not None:  # an extension fact left out takes its documented default
            k = Known(k.values, np.ones(n, dtype=bool))
        inputs[name] = k
    return inputs
