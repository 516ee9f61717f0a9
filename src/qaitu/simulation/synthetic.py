"""The synthetic cohort generator: case profiles drawn from a scenario's ``cohort.facts``.

Each entry of ``cohort.facts`` draws one flattened ``qaitu.case/1`` column (see
:class:`~qaitu.simulation.scenario_schema.FactSpec`), in the order listed, so a column can depend on
an earlier one (``given``) and dates can be counted back from earlier dates. The same seed gives
the same pool. Mixes with a ``concentration`` are recorded (:class:`~qaitu.simulation.profiles.Mix`)
so that every Monte Carlo draw can re-weight the pool to its own mix without drawing and
evaluating new cases.
"""

from __future__ import annotations

import numpy as np

from qaitu.law.columns import Coded
from qaitu.simulation.profiles import (
    ANCHOR,
    JOINED,
    Mix,
    Profiles,
    cell_text,
    column_kind,
    parse_cell,
    to_array,
)
from qaitu.simulation.scenario_schema import Cohort, FactSpec

DAYS_PER_YEAR = 365.25


#: A categorical column as drawn: its value texts and each row's index into them.
Drawn = tuple[list[str], np.ndarray]


def _draw_tables(
    spec: FactSpec, parent: Drawn | None, u: np.ndarray
) -> tuple[Drawn, np.ndarray, list[float], list[np.ndarray]]:
    """Draw a categorical column from one table, or one table per value of the parent.

    Returns the drawn column (coded), each row's category in the tables used (for the mix),
    and those categories' base probabilities and Dirichlet groups.
    """
    n = len(u)
    values: list[str] = []
    own = np.zeros(n, dtype=np.int64)
    codes = np.zeros(n, dtype=np.int64)
    base: list[float] = []
    groups: list[np.ndarray] = []
    keys: list[str | None] = [None] if parent is None else list(parent[0])
    for i, key in enumerate(keys):
        rows = np.arange(n) if parent is None else np.flatnonzero(parent[1] == i)
        if parent is not None and not len(rows):
            continue
        table = spec.table(key)
        names = list(table)
        probs = np.array([table[k] for k in names], dtype=np.float64)
        cum = np.cumsum(probs)
        cum[-1] = np.inf  # guard against rounding in the table
        idx = np.searchsorted(cum, u[rows], "right")
        for name in names:
            if name not in values:
                values.append(name)
        own[rows] = np.array([values.index(k) for k in names])[idx]
        codes[rows] = len(base) + idx
        groups.append(np.arange(len(base), len(base) + len(names)))
        base.extend(probs.tolist())
    return (values, own), codes, base, groups


def _decode(kind: str, coded: Drawn) -> np.ndarray | Coded:
    """A coded column as the values ``evaluate_cohort`` takes: booleans, or texts kept coded."""
    names, idx = coded
    if kind == "bool":
        return np.array([n == "true" for n in names], dtype=bool)[idx]
    return Coded(to_array("str", names), idx)


def generate(cohort: Cohort, n: int, rng: np.random.Generator,
             origin: str = "synthetic") -> Profiles:
    """``n`` case profiles drawn from ``cohort.facts``."""
    facts: dict[str, np.ndarray | Coded] = {}
    offsets: dict[str, np.ndarray] = {ANCHOR: np.zeros(n, dtype=np.int64)}
    coded: dict[str, Drawn] = {}
    mixes: list[Mix] = []
    for name, spec in cohort.facts.items():
        kind = column_kind(name)
        form = spec.form
        if form == "value":
            parsed, _ = parse_cell(name, cell_text(spec.value))
            coded[name] = ([cell_text(parsed)], np.zeros(n, dtype=np.int64))
            facts[name] = (to_array(kind, [parsed] * n) if kind in ("bool", "int", "float")
                           else Coded(to_array(kind, [parsed]), coded[name][1]))
        elif form in ("probability", "probabilities"):
            parent = coded[spec.given] if spec.given else None
            coded[name], codes, base, groups = _draw_tables(spec, parent, rng.random(n))
            facts[name] = _decode(kind, coded[name])
            if spec.concentration:
                mixes.append(Mix(name, codes, np.array(base), tuple(groups), spec.concentration))
        elif form == "items":
            present = {}
            for item, p in (spec.items or {}).items():
                present[item] = rng.random(n) < p
                if spec.concentration:
                    mixes.append(Mix(f"{name}:{item}", (~present[item]).astype(np.int64),
                                     np.array([p, 1 - p]), (np.arange(2),), spec.concentration))
            facts[name] = _join(present, n)
        elif form == "date":
            anchor = spec.days_before or spec.years_before
            days = spec.distribution().sample(rng, n)
            if spec.years_before:
                days = days * DAYS_PER_YEAR
            offsets[name] = offsets[anchor or ANCHOR] - np.rint(days).astype(np.int64)
        else:
            values = np.rint(spec.distribution().sample(rng, n))
            facts[name] = values.astype(np.int64) if kind == "int" else values
    del offsets[ANCHOR]
    # Text facts are drawn as codes: the pool keeps them so (Profiles.columns_at reads them
    # coded) instead of writing out every cell and finding the codes again.
    texts: dict[str, Coded | None] = {k: v for k, v in facts.items() if isinstance(v, Coded)}
    return Profiles(facts={k: np.asarray(v) for k, v in facts.items()}, offsets=offsets,
                    origin=origin, mixes=tuple(mixes), _coded=texts)


def _join(present: dict[str, np.ndarray], n: int) -> Coded:
    """Independent items as "|"-joined text per row (the column form of a list fact)."""
    if not present:
        return Coded(np.array([""], dtype=object), np.zeros(n, dtype=np.intp))
    names = list(present)
    code = np.zeros(n, dtype=np.int64)
    for bit, k in enumerate(names):
        code |= present[k].astype(np.int64) << bit
    patterns = np.empty(1 << len(names), dtype=object)
    patterns[:] = [JOINED.join(k for bit, k in enumerate(names) if (c >> bit) & 1)
                   for c in range(1 << len(names))]
    return Coded(patterns, code)
