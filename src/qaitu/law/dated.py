"""The law on a date, for many dates at once.

OpenFisca evaluates parameters at one instant per call; a cohort has one act date per row. These
helpers read a parameter's dated values (``values_list``) into arrays once and look each row's
date up in them (a comparison with each of a few version starts, or ``searchsorted``), so any
number of rows costs a few vectorised passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.parameters import Parameter, ParameterNode

from qaitu.law.once import once_per_object


class LawNotInForce(ValueError):
    """A date before the first version of a provision Qaitu encodes."""


@once_per_object
def _versions(param: Parameter) -> tuple[NDArray[np.datetime64], NDArray[Any]]:
    """Version starts (ascending) and values, read once per parameter object."""
    starts = np.array([v.instant_str for v in reversed(param.values_list)], dtype="datetime64[D]")
    values = [v.value for v in reversed(param.values_list)]
    if all(isinstance(v, str) and "/" in v for v in values):
        values = [float(Fraction(v)) for v in values]
    arr = np.empty(len(values), dtype=object) if any(isinstance(v, list) for v in values) else (
        np.array(values)
    )
    if arr.dtype == object:
        arr[:] = values
    return starts, arr


def version_index(param: Parameter, dates: NDArray[np.datetime64]) -> NDArray[np.intp]:
    """Index of the version in force on each date.

    Raises :class:`LawNotInForce` for a date before the first version.
    """
    starts, _ = _versions(param)
    dates = np.asarray(dates)
    if len(starts) == 1:  # one version, in force from its start (NaT compares false: in force)
        early = dates < starts[0]
        idx = np.zeros(dates.shape, dtype=np.intp)
    elif dates.dtype == starts.dtype and len(starts) <= _FEW and dates.size >= 64:
        # Versions passed, counted: a few comparisons cost less than a binary search per row.
        # NaT sorts after every date (as in searchsorted): the last version.
        days = _days(dates)
        idx = np.zeros(days.shape, dtype=np.intp)
        for start in starts[1:].astype(np.int64):
            idx += days >= start
        early = days < starts[0].astype(np.int64)
    else:
        idx = starts.searchsorted(dates, side="right") - 1  # the method: less call overhead
        early = idx < 0
    if idx.size and early.any():
        first = dates[early].min()
        raise LawNotInForce(f"{param.name}: no version in force on {first} (first: {starts[0]})")
    return idx


#: Up to this many versions a lookup compares with each start instead of searching.
_FEW = 8


def _days(dates: NDArray[np.datetime64]) -> NDArray[np.int64]:
    """Days as integers, NaT as the largest day short of the end of time."""
    days = dates.astype("datetime64[D]").view(np.int64)
    return np.where(days == _NAT, _LAST_DAY, days) if (days == _NAT).any() else days


_NAT = np.iinfo(np.int64).min
_LAST_DAY = np.iinfo(np.int64).max - 1


def value_on(param: Parameter, dates: NDArray[np.datetime64]) -> NDArray[Any]:
    """Each row's value of ``param`` on its date. Fractions such as ``"2/3"`` come as floats."""
    _, values = _versions(param)
    return values[version_index(param, dates)]


def breakpoints(param: Parameter) -> NDArray[np.datetime64]:
    """The dates on which ``param`` changed (its version starts after the first)."""
    return _versions(param)[0][1:]


def keyed_on(node: ParameterNode, names: Sequence[str], codes: NDArray[np.integer[Any]],
             leaf: str | None, dates: NDArray[np.datetime64]) -> NDArray[Any]:
    """``node[names[code]].leaf`` (or ``node[names[code]]``) on each row's date.

    One lookup for all rows: each row's key is read as a position in the node's sorted
    children, and each row counts the version starts of its key that it has reached. The result
    has the dtype of the first key (in sorted order) that occurs, as a loop over the keys would
    give. Raises ``KeyError`` for a name the node does not have.
    """
    if len(codes) == 0:
        return np.empty(0)
    children, params, table, offsets, by_dtype = _keyed_table(node, leaf)
    at: NDArray[np.intp] = np.take(_positions(children, names), codes)
    present = np.bincount(at, minlength=len(children)) > 0
    first = int(np.argmax(present))
    dtype = _versions(params[first])[1].dtype
    if dtype.kind == "O":
        return _keyed_on_loop(params, at, present, dates)
    if dtype not in by_dtype:
        values = np.empty(int(offsets[-1]), dtype=dtype)
        for i, p in enumerate(params):
            values[offsets[i]:offsets[i + 1]] = _versions(p)[1]
        by_dtype[dtype] = values
    return np.asarray(by_dtype[dtype][_flat_version(params, table, offsets, at, dates)])


def keyed_start(node: ParameterNode, names: Sequence[str], codes: NDArray[np.integer[Any]],
                leaf: str | None, dates: NDArray[np.datetime64]) -> NDArray[np.datetime64]:
    """The first day of the version of ``node[names[code]].leaf`` in force on each row's date
    (as :func:`keyed_on` finds it)."""
    children, params, table, offsets, _ = _keyed_table(node, leaf)
    at: NDArray[np.intp] = np.take(_positions(children, names), codes)
    starts = np.concatenate([_versions(p)[0] for p in params])
    return np.asarray(starts[_flat_version(params, table, offsets, at, dates)])


def _flat_version(params: list[Parameter], table: NDArray[np.int64], offsets: NDArray[Any],
                  at: NDArray[np.intp], dates: NDArray[np.datetime64]) -> NDArray[np.intp]:
    """Each row's version, as a position among all the children's versions laid end to end:
    its child's offset plus the version starts of that child the row's date has reached."""
    day = np.asarray(dates, dtype="datetime64[D]")
    days = _days(day)
    idx: NDArray[np.intp] = np.take(offsets[:-1], at)
    for j in range(1, table.shape[1]):
        idx += days >= np.take(table[:, j], at)
    early = days < np.take(table[:, 0], at)
    if early.any():
        code = int(at[early].min())
        version_index(params[code], day[early & (at == code)])  # raises LawNotInForce
    return idx


_POSITIONS: dict[tuple[tuple[str, ...], tuple[str, ...]], NDArray[np.intp]] = {}


def _positions(children: Sequence[str], names: Sequence[str]) -> NDArray[np.intp]:
    """Where each of ``names`` stands among ``children`` (found once per pair of lists)."""
    key = (tuple(children), tuple(names))
    if key not in _POSITIONS:
        where = {c: i for i, c in enumerate(children)}
        _POSITIONS[key] = np.array([where[n] for n in names], dtype=np.intp)
    return _POSITIONS[key]


_TABLES: dict[tuple[int, str | None], Any] = {}


def _keyed_table(node: ParameterNode, leaf: str | None) -> Any:
    """The node's children (sorted), their parameters, and their version starts as a table:
    a row per child, padded past the end of time (read once per node and leaf)."""
    names = sorted(node.children)
    params = [node.children[k].children[leaf] if leaf else node.children[k] for k in names]
    hit = _TABLES.get((id(node), leaf))
    if hit is not None and hit[0] is node and all(a is b for a, b in zip(hit[2], params,
                                                                            strict=True)):
        return hit[1:]
    starts = [_versions(p)[0].astype("datetime64[D]").view(np.int64) for p in params]
    sizes = np.array([len(st) for st in starts])
    table = np.full((len(names), int(sizes.max())), np.iinfo(np.int64).max, dtype=np.int64)
    for i, st in enumerate(starts):
        table[i, :len(st)] = st
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    entry: tuple[Any, ...] = (node, names, params, table, offsets, {})
    _TABLES[(id(node), leaf)] = entry
    return entry[1:]


def _keyed_on_loop(params: list[Parameter], codes: NDArray[np.intp], present: NDArray[np.bool_],
                   dates: NDArray[np.datetime64]) -> NDArray[Any]:
    out: NDArray[Any] | None = None
    for code in np.flatnonzero(present):
        mask = codes == code
        values = value_on(params[code], dates[mask])
        if out is None:
            out = np.empty(len(codes), dtype=values.dtype)
        out[mask] = values
    assert out is not None
    return out


_PLANS: dict[tuple[tuple[str, ...], int], Any] = {}


def text_codes(values: NDArray[Any], vocabulary: Sequence[str]) -> NDArray[np.intp]:
    """The position in ``vocabulary`` of each value: a dictionary lookup, vectorised.

    Raises ``KeyError`` (with the value) for a value that is not in ``vocabulary``. Non-text
    values are read as ``str(value)``. A large array is read as a matrix of code points: a few
    character positions that tell the words apart pick a candidate word for every row, and one
    comparison of whole strings confirms it.
    """
    arr = np.asarray(values)
    if arr.dtype.kind != "U":
        arr = arr.astype(str)
    if arr.size <= 256:
        lookup = {w: i for i, w in enumerate(vocabulary)}
        return np.array([lookup[v] for v in arr.tolist()], dtype=np.intp)
    width = arr.dtype.itemsize // 4
    plan = _PLANS.get((tuple(vocabulary), width))
    if plan is None:
        plan = _PLANS[(tuple(vocabulary), width)] = _plan(tuple(vocabulary), width)
    if plan is None:  # no short distinguishing positions: sort the distinct values instead
        uniques, inverse = np.unique(arr, return_inverse=True)
        lookup = {w: i for i, w in enumerate(vocabulary)}
        return np.array([lookup[u] for u in uniques.tolist()], dtype=np.intp)[inverse]
    positions, multiplier, shift, slots, fit = plan
    fit = np.asarray(fit, dtype=arr.dtype)
    matrix = np.ascontiguousarray(arr).view(np.uint32).reshape(len(arr), width)
    out = np.empty(len(arr), dtype=np.intp)
    block = max(1 << 10, (1 << 20) // max(width, 1))  # rows whose text fits in a cache
    for start in range(0, len(arr), block):
        rows = slice(start, start + block)
        key = matrix[rows, positions[0]].astype(np.uint64)
        for p in positions[1:]:
            key = (key << np.uint64(21)) | matrix[rows, p]
        candidate = np.take(slots, (key * multiplier) >> shift)
        bad = np.flatnonzero(np.take(fit, candidate) != arr[rows])
        if len(bad):
            raise KeyError(str(arr[rows][bad[0]]))
        out[rows] = candidate
    return out


def _plan(vocabulary: tuple[str, ...], width: int) -> Any:
    """Character positions (at most 3) that tell apart the words fitting in ``width``."""
    fit = [w for w in vocabulary if len(w) <= width]
    if not fit or width == 0:
        return None
    table = np.zeros((len(fit), width), dtype=np.uint64)
    for i, w in enumerate(fit):
        table[i, :len(w)] = [ord(c) for c in w]
    chosen: list[int] = []
    while len({tuple(r) for r in table[:, chosen]}) < len(fit):
        if len(chosen) == 3:
            return None
        rest = [p for p in range(width) if p not in chosen]
        chosen.append(max(rest, key=lambda p: len({tuple(r) for r in table[:, [*chosen, p]]})))
    chosen = chosen or [0]
    key = table[:, chosen[0]].copy()
    for p in chosen[1:]:
        key = (key << np.uint64(21)) | table[:, p]
    # A multiplicative hash of the key that puts every word in its own slot of a small table;
    # any other text lands somewhere and fails the comparison of whole strings.
    rng = np.random.default_rng(0)
    for bits in range(max(len(fit) - 1, 1).bit_length(), 17):
        for multiplier in rng.integers(1, 1 << 63, 64, dtype=np.uint64) * 2 + 1:
            shift = np.uint64(64 - bits)
            slot = (key * multiplier) >> shift
            if len(np.unique(slot)) == len(fit):
                slots = np.zeros(1 << bits, dtype=np.intp)
                slots[slot] = [vocabulary.index(w) for w in fit]
                fit_by_code = [w if len(w) <= width else "" for w in vocabulary]
                return chosen, multiplier, shift, slots, fit_by_code
    return None


def fraction_text(value: float) -> str:
    """0.5 -> ``"1/2"``, for display of shares of a term."""
    return str(Fraction(value).limit_denominator(48))  # 3/4 × 3/4 = 9/16 (art. 55(7))


def listed_on(param: Parameter, names: tuple[str, ...], codes: NDArray[np.integer[Any]],
              dates: NDArray[np.datetime64]) -> NDArray[np.bool_]:
    """Whether each row's item, ``names[code]``, is in the list ``param`` holds on its date."""
    tables = _memberships(param)
    if names not in tables:  # per version of the list, whether each of ``names`` is on it
        _, lists = _versions(param)
        tables[names] = np.array([np.isin(np.asarray(names, dtype=str),
                                          np.array(items, dtype=str)) for items in lists],
                                 dtype=bool).reshape(len(lists), len(names))
    return np.asarray(tables[names][version_index(param, dates), codes])


@once_per_object
def _memberships(param: Parameter) -> dict[tuple[str, ...], NDArray[np.bool_]]:
    """The membership tables :func:`listed_on` has made for the list ``param``, by names."""
    return {}


def date_on(param: Parameter, dates: NDArray[np.datetime64], empty: str) -> NDArray[Any]:
    """The date ``param`` holds on each row's date (its text read once per version; an empty
    text stands for the date ``empty``)."""
    found = _held_days(param)
    if empty not in found:  # read once: a rule asks on every run
        _, held = _versions(param)
        found[empty] = np.array([text or empty for text in held], dtype="datetime64[D]")
    return np.asarray(found[empty][version_index(param, dates)])


@once_per_object
def _held_days(param: Parameter) -> dict[str, NDArray[np.datetime64]]:
    """The days :func:`date_on` has read from the texts of ``param``, by its ``empty``."""
    return {}
