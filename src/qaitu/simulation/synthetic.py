"""The synthetic cohort generator: case profiles drawn from a scenario's ``cohort.facts``.

Each entry of ``cohort.facts`` draws one flattened ``qaitu.case/1`` column (see
:class:`~qaitu.simulation.scenarios.FactSpec`), in the order listed, so a column can depend on
an earlier one (``given``) and dates can be counted back from earlier dates. The same seed gives
the same pool. Mixes with a ``concentration`` are recorded (:class:`~qaitu.simulation.profiles.Mix`)
so that every Monte Carlo draw can re-weight the pool to its own mix without drawing and
evaluating new cases.
"""

from __future__ import annotations

import numpy as np

from qaitu.simulation.profiles import (
    ANCHOR,
    JOINED,
    Mix,
    Profiles,
    column_kind,
    parse_cell,
    to_array,
)
from qaitu.simulation.scenarios import Cohort, FactSpec

DAYS_PER_YEAR = 365.25


def _text(kind: str, values: np.ndarray) -> np.ndarray:
    """A column as the text keys that ``given`` tables use."""
    if kind == "bool":
        return np.where(values, "true", "false")
    return values.astype(np.str_)


def _draw_tables(
    spec: FactSpec, parent: np.ndarray | None, u: np.ndarray
) -> tuple[np.ndarray, np.ndarray, list[str], list[float], list[np.ndarray]]:
    """Draw a categorical column from one table, or one table per parent value.

    Returns the drawn values (text), each row's category code, and the category list, base
    probabilities and Dirichlet groups across all tables used.
    """
    n = len(u)
    values = np.empty(n, dtype=object)
    codes = np.zeros(n, dtype=np.int64)
    cats: list[str] = []
    base: list[float] = []
    groups: list[np.ndarray] = []
    keys = [None] if parent is None else list(np.unique(parent))
    for key in keys:
        rows = np.arange(n) if key is None else np.flatnonzero(parent == key)
        table = spec.table(None if key is None else str(key))
        names = list(table)
        probs = np.array([table[k] for k in names], dtype=np.float64)
        cum = np.cumsum(probs)
        cum[-1] = np.inf  # guard against rounding in the table
        idx = np.searchsorted(cum, u[rows], "right")
        values[rows] = np.asarray(names, dtype=object)[idx]
        codes[rows] = len(cats) + idx
        groups.append(np.arange(len(cats), len(cats) + len(names)))
        cats.extend(names)
        base.extend(probs.tolist())
    return values, codes, cats, base, groups


def generate(cohort: Cohort, n: int, rng: np.random.Generator,
             origin: str = "synthetic") -> Profiles:
    """``n`` case profiles drawn from ``cohort.facts``."""
    facts: dict[str, np.ndarray] = {}
    offsets: dict[str, np.ndarray] = {ANCHOR: np.zeros(n, dtype=np.int64)}
    text: dict[str, np.ndarray] = {}
    mixes: list[Mix] = []
    for name, spec in cohort.facts.items():
        kind = column_kind(name)
        form = spec.form
        if form == "value":
            parsed, _ = parse_cell(name, _as_cell(spec.value))
            facts[name] = to_array(kind, [parsed] * n)
        elif form in ("probability", "probabilities"):
            parent = text[spec.given] if spec.given else None
            drawn, codes, cats, base, groups = _draw_tables(spec, parent, rng.random(n))
            if form == "probability":
                facts[name] = drawn == "true"
            else:
                facts[name] = drawn.astype(np.str_)
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
        if name in facts:
            text[name] = _text(kind, facts[name])
    del offsets[ANCHOR]
    return Profiles(facts=facts, offsets=offsets, origin=origin, mixes=tuple(mixes))


def _as_cell(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _join(present: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Independent items as "|"-joined text per row (the column form of a list fact)."""
    if not present:
        return np.full(n, "", dtype=np.str_)
    names = list(present)
    mask = np.stack([present[k] for k in names], axis=1)
    patterns, inverse = np.unique(mask, axis=0, return_inverse=True)
    texts = [JOINED.join(k for k, on in zip(names, row, strict=True) if on) for row in patterns]
    return np.asarray(texts, dtype=np.str_)[inverse.ravel()]
