"""From ``qaitu.case/1`` facts (flattened columns) to the inputs the rules read.

A single case is a one-row table; a cohort is many rows. Each input comes with a mask of rows
where it is *known*; what is unknown is enumerated by the assessment (one case) or filled with
the fact's default and counted (a cohort). A fact is read at its ``Fact.source`` unless it is
found by one of the conversions below, which are fact-finding, not law: e.g. "citizen of
Kazakhstan" is whether ``KZ`` is among the citizenships. The columns themselves are read by
:mod:`qaitu.law.columns`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qaitu.law.columns import (
    Columns,
    Table,
    any_of,
    cell_code,
    cell_truthy,
    const,
    is_const,
    list_items,
    raise_if_bad,
    years_between,
)
from qaitu.law.entities import Case, Charge
from qaitu.law.variables.authoring import one_of
from qaitu.law.variables.facts import EPISODE, FACTS, FACTS_BY_NAME, Fact


@dataclass
class Known:
    """Values of one input, with the rows where they are known."""

    values: NDArray[Any]
    known: NDArray[np.bool_]


#: The facts of a case and of one episode the case file gives (the charge's article and episode
#: index are the assessment's). Their order is the order of the inputs, which is the order an
#: assessment enumerates unknown facts in.
_CASE_FACTS = tuple(f for f in FACTS if f.entity is Case)
_EPISODE_FACTS = tuple(f for f in FACTS if f.entity is Charge and f.source)


def _default(name: str) -> Any:
    """The default of fact ``name``, as a cell of its column (dates as days)."""
    value = FACTS_BY_NAME[name].default
    return np.datetime64(value, "D") if isinstance(value, dt.date) else value


def _read(t: Table, fact: Fact, episode: int = 0) -> Known:
    """A fact read as the case file gives it at its ``source`` (an episode's at ``episode``):
    enums as their indices, booleans, whole numbers; what is left out as ``fact.left_out``
    says."""
    path = fact.source.replace(EPISODE, f"episodes.{episode}.")
    found = _direct(t, path, fact)
    if _left_out_is_default(t, path, fact):
        return Known(found.values, const(True, t.n))
    return found


def _left_out_is_default(t: Table, path: str, fact: Fact) -> bool:
    """Whether a missing cell of ``fact`` at ``path`` is its default, known (``fact.left_out``):
    always, or only where the whole column is left out (an extension, whose ``unknown``
    written in a cell is unknown)."""
    return fact.left_out == "default" or (fact.left_out == "default_column"
                                          and path not in t.columns)


def _direct(t: Table, path: str, fact: Fact) -> Known:
    names = fact.members
    if path not in t.columns:  # its default, unknown on every row (as Table.known finds it)
        default = fact.default_input
        dtype = np.int16 if names is not None else bool if fact.kind is bool else np.int64
        return Known(const(default, t.n, dtype), const(False, t.n))
    cell = t.cell(path)
    if cell is not None and (names is not None or fact.kind is bool):
        # one case's cell: read as a value, its default where missing (as below, without the
        # passes over one-row columns, which cost more than the reading)
        gone = cell[0]
        if names is not None:
            code = fact.default_input if gone else cell_code(cell, names, path)
            return Known(np.array([code], dtype=np.int16), np.array([not gone]))
        return Known(np.array([bool(fact.default) if gone else cell_truthy(cell)]),
                     np.array([not gone]))
    known = t.known(path)
    everywhere = is_const(known) and len(known) and known[0]  # no default to fill in
    if names is not None:
        codes = t.codes(path, names).astype(np.int16)
        if everywhere:
            return Known(codes, known)
        return Known(np.where(known, codes, np.int16(fact.default_input)), known)
    if fact.kind is bool:
        truthy = t.truthy(path)
        if everywhere:
            return Known(truthy, known)
        return Known(np.where(known, truthy, bool(fact.default)), known)
    return Known(t.whole(path, fact.default), known)


def _evidence(t: Table, path: str, name: str) -> Known:
    """Fact ``name``: ``established`` is true, ``none`` false; ``alleged`` is for the court to
    decide; a missing cell as the fact's ``left_out`` says."""
    fact = FACTS_BY_NAME[name]
    text = t.text(path)
    established = text == "established"
    known = established | (text == "none")
    if _left_out_is_default(t, path, fact):
        return Known(np.where(known, established, bool(fact.default)), const(True, t.n))
    return Known(established, known)


def _case(t: Table, today: dt.date) -> dict[str, Known]:
    """Case-level inputs; enums as their indices."""
    n = t.n
    as_of = t.checked_dates("as_of")
    as_of = np.where(t.known("as_of"), as_of, np.datetime64(today, "D"))
    birth = t.checked_dates("person.birth_date")
    citizenships = list_items(t.columns, "person.citizenship")
    kz = any_of([t.text(c) == "KZ" for c in citizenships], n)
    acquired = [k for k in t.columns
                if k.startswith("person.acquired_citizenship.") and k.endswith(".country")]
    yes = const(True, n)
    inputs = {
        "judgment_date": Known(as_of, yes),
        "age_at_judgment": Known(_age(birth, as_of, "age_at_judgment"), ~np.isnat(birth)),
        # Known where a citizenship is recorded, or where the person is a stateless resident,
        # who holds none; a row with only empty cells is unknown.
        "citizen_of_kz": Known(kz, any_of([t.known(c) for c in citizenships], n) | kz
                               | (t.known("person.stateless_resident_of_kz")
                                  & t.truthy("person.stateless_resident_of_kz"))),
        "acquired_foreign_citizenship": Known(
            any_of([t.known(a) for a in acquired], n), yes),
        "returned": Known(_returned(t), t.known("return.status")),
        "mitigating_listed": _any_listed(t, ("circumstances.mitigating",
                                             "circumstances.mitigating_other")),
        "aggravating_listed": _any_listed(t, ("circumstances.aggravating",)),
        # A term only a sentence of imprisonment imposes (74(1) «осужденным к лишению свободы
        # на срок»); none (0) for any other sentence, or none passed.
        "imprisonment_imposed_months": Known(np.where(
            (t.text("proceedings.sentence.type") == "imprisonment")
            & t.known("proceedings.sentence.months"),
            t.whole("proceedings.sentence.months", 0), 0), yes),
        # Art. 72(4) names groups I and II; "none" and "3" are both outside it.
        "disability_group_1_or_2": Known(one_of(t.text("person.disability_group"), "1", "2"),
                                         t.known("person.disability_group")),
    }
    returned_on = t.known("return.date")
    inputs |= _read_all(t, _CASE_FACTS, inputs)
    inputs["return_date"] = Known(np.where(returned_on, t.checked_dates("return.date"),
                                           _default("return_date")),
                                  returned_on)
    return inputs


def _age(birth: NDArray[np.datetime64], day: NDArray[np.datetime64], name: str
         ) -> NDArray[np.int64]:
    """Full years from ``birth`` to ``day``, the default of the age ``name`` where either is
    missing (not counted where every row misses one: an unknown birth date)."""
    missing = np.isnat(birth) | np.isnat(day)
    if missing.all():
        return np.full(len(missing), _default(name), dtype=np.int64)
    return np.where(missing, _default(name), years_between(birth, day))


def _returned(t: Table) -> NDArray[np.bool_]:
    if "return.status" not in t.columns:
        return const(False, t.n)
    return np.asarray(t.text("return.status") == "returned")


def _any_listed(t: Table, prefixes: tuple[str, ...]) -> Known:
    """A list fact holds something; a list left out is empty (lists are not scalar facts)."""
    found = []
    for prefix in prefixes:
        for item in list_items(t.columns, prefix):
            found.append(t.known(item))
        if prefix in t.columns:  # a "|"-joined cell, as in cohort tables
            found.append(t.truthy(prefix, false_texts=False))
    return Known(any_of(found, t.n), const(True, t.n))


def _episode(t: Table, i: int) -> dict[str, Known]:
    """Inputs of episode ``i``; enums as their indices.

    The act's date is the end of participation (art. 5: «время осуществления общественно
    опасного действия»), known only where ``end`` is. Where it is not, the return date (else
    the start) is the value a cohort fills in, but the date stays unknown: participation may
    have ended on any day from the start to the return, and the age (art. 15) and the version of
    the law (arts. 5-6) at the act turn on which (the assessment tries each class of days
    between them, :mod:`qaitu.assessment.completions`)."""
    n = t.n
    p = f"episodes.{i}."
    end_known, ret_known = t.known(p + "end"), t.known("return.date")
    end, end_bad = t.dates(p + "end")
    start, start_bad = t.dates(p + "start")
    raise_if_bad(p + "end", t.raw(p + "end"), end_bad)
    raise_if_bad(p + "start", t.raw(p + "start"), start_bad & ~end_known & ~ret_known)
    act_dates = np.where(end_known, end, np.where(ret_known, t.checked_dates("return.date"),
                                                  start))
    birth = t.checked_dates("person.birth_date")
    state, state_known = t.text(p + "formation.state"), t.known(p + "formation.state")
    citizenships = list_items(t.columns, "person.citizenship")
    of_party = any_of([(t.text(c) == state) & state_known for c in citizenships], n)
    inputs = {
        "act_date": Known(np.where(np.isnat(act_dates), _default("act_date"),
                                   act_dates), end_known),
        "age_at_act": Known(_age(birth, act_dates, "age_at_act"), ~np.isnat(birth) & end_known),
        "act_abroad": Known(np.asarray(t.text(p + "country") != "KZ"), t.known(p + "country")),
        "citizen_of_party": Known(of_party, of_party | state_known if citizenships else of_party),
        "war_crimes_established": _evidence(t, p + "war_crimes", "war_crimes_established"),
        "terrorist_act": _evidence(t, p + "terrorist_act", "terrorist_act"),
    }
    return inputs | _read_all(t, _EPISODE_FACTS, inputs, i)


def _read_all(t: Table, facts: tuple[Fact, ...], found: Mapping[str, Known], episode: int = 0
              ) -> dict[str, Known]:
    """The inputs of ``facts`` read at their source, in their order: all but those ``found``
    by a conversion and the dates (each date has a conversion of its own, for its fallback)."""
    return {f.name: _read(t, f, episode) for f in facts
            if f.name not in found and f.kind is not dt.date}


def moot(name: str, inputs: Mapping[str, Known],
         episodes: Sequence[Mapping[str, Known]] = ()) -> NDArray[np.bool_]:
    """Rows where fact ``name`` cannot change an outcome: a fact it matters through
    (``Fact.matters_if``) is known to take another value; so its unknown value need be neither
    enumerated nor counted as filled in. ``inputs``: the fact's own entity's; a case-level fact
    read through an episode's fact is moot where every one of ``episodes`` rules it out."""
    out = np.zeros(len(inputs[name].known), dtype=bool)
    for other, values in FACTS_BY_NAME[name].matters_if:
        if other in inputs:
            out |= _rules_out(other, inputs[other], values)
        elif episodes:
            out |= np.logical_and.reduce([_rules_out(other, ep[other], values)
                                          for ep in episodes])
    return out


def _rules_out(name: str, k: Known, values: tuple[Any, ...]) -> NDArray[np.bool_]:
    """Rows where fact ``name`` is known to take none of ``values``."""
    names = FACTS_BY_NAME[name].members
    codes = list(values) if names is None else [i for i, m in enumerate(names) if m in values]
    return np.asarray(k.known & ~one_of(k.values, *codes))  # few codes: less than np.isin


def episode_count(columns: Columns) -> int:
    """How many episodes the columns describe (at least one)."""
    found = {int(k.split(".")[1]) for k in columns if k.startswith("episodes.")}
    return max(found) + 1 if found else 1


def coded_inputs(columns: Columns, n: int, today: dt.date
                 ) -> tuple[dict[str, Known], list[dict[str, Known]]]:
    """Case and episode inputs for ``n`` rows (one case is one row), enums as their indices;
    each column is read once."""
    t = Table(columns, n)
    return _case(t, today), [_episode(t, i) for i in range(episode_count(columns))]
