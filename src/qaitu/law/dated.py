"""The law on a date, for many dates at once.

OpenFisca evaluates parameters at one instant per call; a cohort has one act date per row. These
helpers read a parameter's dated values (``values_list``) into arrays once and look each row's
date up with ``searchsorted``, so any number of rows costs one vectorised lookup.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.parameters import Parameter, ParameterNode


class LawNotInForce(ValueError):
    """A date before the first version of a provision Qaitu encodes."""


_CACHE: dict[int, tuple[Parameter, NDArray[np.datetime64], NDArray[Any]]] = {}


def _versions(param: Parameter) -> tuple[NDArray[np.datetime64], NDArray[Any]]:
    """Version starts (ascending) and values, read once per parameter object."""
    hit = _CACHE.get(id(param))
    if hit is not None and hit[0] is param:
        return hit[1], hit[2]
    starts = np.array([v.instant_str for v in reversed(param.values_list)], dtype="datetime64[D]")
    values = [v.value for v in reversed(param.values_list)]
    if all(isinstance(v, str) and "/" in v for v in values):
        values = [float(Fraction(v)) for v in values]
    arr = np.empty(len(values), dtype=object) if any(isinstance(v, list) for v in values) else (
        np.array(values)
    )
    if arr.dtype == object:
        arr[:] = values
    _CACHE[id(param)] = (param, starts, arr)
    return starts, arr


def version_index(param: Parameter, dates: NDArray[np.datetime64]) -> NDArray[np.intp]:
    """Index of the version in force on each date.

    Raises :class:`LawNotInForce` for a date before the first version.
    """
    starts, _ = _versions(param)
    idx = np.searchsorted(starts, dates, side="right") - 1
    if idx.size and idx.min() < 0:
        first = np.asarray(dates)[idx < 0].min()
        raise LawNotInForce(f"{param.name}: no version in force on {first} (first: {starts[0]})")
    return idx


def value_on(param: Parameter, dates: NDArray[np.datetime64]) -> NDArray[Any]:
    """Each row's value of ``param`` on its date. Fractions such as ``"2/3"`` come as floats."""
    _, values = _versions(param)
    return values[version_index(param, dates)]


def version_start(param: Parameter, dates: NDArray[np.datetime64]) -> NDArray[np.datetime64]:
    """The first day of the version of ``param`` in force on each date."""
    starts, _ = _versions(param)
    return starts[version_index(param, dates)]


def breakpoints(param: Parameter) -> NDArray[np.datetime64]:
    """The dates on which ``param`` changed (its version starts after the first)."""
    return _versions(param)[0][1:]


def keyed_on(node: ParameterNode, keys: NDArray[np.str_], leaf: str | None,
             dates: NDArray[np.datetime64]) -> NDArray[Any]:
    """``node[key].leaf`` (or ``node[key]``) on each row's date, for a vector of keys."""
    out: NDArray[Any] | None = None
    for key in np.unique(keys):
        child = node.children[str(key)]
        param = child.children[leaf] if leaf else child
        mask = keys == key
        values = value_on(param, dates[mask])
        if out is None:
            out = np.empty(len(keys), dtype=values.dtype)
        out[mask] = values
    assert out is not None or len(keys) == 0
    return out if out is not None else np.empty(0)


def fraction_text(value: float) -> str:
    """0.5 -> ``"1/2"``, for display of shares of a term."""
    return str(Fraction(value).limit_denominator(12))


def listed_on(param: Parameter, items: NDArray[np.str_], dates: NDArray[np.datetime64]
              ) -> NDArray[np.bool_]:
    """Whether each row's item is in the list ``param`` holds on the row's date."""
    idx = version_index(param, dates)
    _, lists = _versions(param)
    out = np.zeros(len(items), dtype=bool)
    for v in np.unique(idx):
        rows = idx == v
        out[rows] = np.isin(items[rows], np.array(lists[v], dtype=str))
    return out
