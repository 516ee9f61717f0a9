"""The law on a date, for many dates at once.

OpenFisca evaluates parameters at one instant per call; a cohort has one act date per row. These
helpers read a parameter's dated values (``values_list``) into arrays once and look each row's
date up in them (a comparison with each of a few version starts, or ``searchsorted``), so any
number of rows costs a few vectorised passes.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
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


def _day_before(dates: NDArray[Any]) -> NDArray[np.int64]:
    """The day before each date, as days since 1970. NaT, stored as the smallest integer,
    wraps round to the largest: after the day before any version start, so in the last
    version (as NaT sorts after every date in searchsorted), and never before the first."""
    return np.asarray(dates, dtype="datetime64[D]").view(np.int64) - 1


def version_index(param: Parameter, dates: NDArray[np.datetime64]) -> NDArray[np.intp]:
    """Index of the version in force on each date.

    Raises :class:`LawNotInForce` for a date before the first version.
    """
    return _index(param, _versions(param)[0], dates)


def _index(param: Parameter, starts: NDArray[np.datetime64], dates: NDArray[np.datetime64]
           ) -> NDArray[np.intp]:
    """:func:`version_index`, given the parameter's version starts (read already)."""
    dates = np.asarray(dates)
    if _uniform(dates):
        return np.full(dates.size, _one_index(param, starts, dates), dtype=np.intp)
    if len(starts) == 1:  # one version, in force from its start (NaT compares false: in force)
        early = dates < starts[0]
        idx = np.zeros(dates.shape, dtype=np.intp)
    elif len(starts) <= _FEW and dates.size >= _MANY:
        # Versions passed, counted: on many rows a few comparisons cost less than a binary
        # search per row; on fewer (an assessment's scenarios) the search costs half as much.
        before = _day_before(dates)
        first_eve, later_eves = _eves(param)
        idx = np.zeros(before.shape, dtype=np.intp)
        for eve in later_eves:
            idx += before >= eve
        early = before < first_eve
    else:
        idx = starts.searchsorted(dates, side="right") - 1  # the method: less call overhead
        early = idx < 0
    if np.count_nonzero(early):  # counted: less call overhead than any()
        first = dates[early].min()
        raise LawNotInForce(f"{param.name}: no version in force on {first} (first: {starts[0]})")
    return idx


#: Up to this many versions a lookup compares with each start instead of searching.
_FEW = 8
#: NaT as a day number (the smallest integer).
_NAT_DAY = int(np.datetime64("NaT", "D").view(np.int64))


@once_per_object
def _start_days(param: Parameter) -> list[int]:
    """The version starts of ``param`` as day numbers since 1970, found once per parameter."""
    return [int(d) for d in _versions(param)[0].astype(_DAY).view(np.int64)]


def _uniform(dates: NDArray[Any]) -> bool:
    """Whether ``dates`` holds one date on every row, on more than one row and fewer than
    :data:`_MANY`: an assessment's scenarios mostly share their dates (the act's, the
    judgment's), so a lookup is made once and repeated. Compared as bytes (one ``memcmp``),
    which costs a quarter of a comparison and a reduction in numpy."""
    return (1 < dates.size < _MANY and dates.ndim == 1 and dates.dtype == _DAY
            and dates.tobytes() == dates[:1].tobytes() * dates.size)


def _one_index(param: Parameter, starts: NDArray[np.datetime64], dates: NDArray[Any]) -> int:
    """:func:`_index` of the first of ``dates`` (a :func:`_uniform` array), as a number: the
    versions started on or before its day, counted among the starts as day numbers (as the
    rows' search does; NaT in the last version), with its error."""
    day = dates.view(np.int64).item(0)
    days = _start_days(param)
    at = len(days) - 1 if day == _NAT_DAY else bisect_right(days, day) - 1
    if at < 0:
        raise LawNotInForce(f"{param.name}: no version in force on {dates[0]} "
                            f"(first: {starts[0]})")
    return at


@once_per_object
def _eves(param: Parameter) -> tuple[int, list[int]]:
    """The day before the first version start and before each later one, as days since 1970
    (:func:`_day_before`), found once per parameter: a lookup on many rows compares with them."""
    starts, _ = _versions(param)
    eves = _day_before(starts).tolist()
    return eves[0], eves[1:]


def value_on(param: Parameter, dates: NDArray[np.datetime64]) -> NDArray[Any]:
    """Each row's value of ``param`` on its date. Fractions such as ``"2/3"`` come as floats."""
    starts, values = _versions(param)
    dates = np.asarray(dates)
    if _uniform(dates):  # one value, repeated (as indexing gives it: a new array, its dtype)
        at = _one_index(param, starts, dates)
        return values[at:at + 1].repeat(dates.size)
    return values[_index(param, starts, dates)]


def value_dtype(param: Parameter) -> np.dtype[Any]:
    """The dtype of the values :func:`value_on` gives for ``param``."""
    return _versions(param)[1].dtype


def value_at(param: Parameter, day: str) -> Any:
    """The value of ``param`` on one ISO ``day``, None before its first version, as
    OpenFisca's ``param(day)`` gives it, without parsing an instant on every call (an
    explanation asks some on each variant).

    >>> p = Parameter("in_effect", {"values": {"2015-01-01": {"value": False},
    ...                                        "2026-06-01": {"value": True}}})
    >>> print(*(value_at(p, day) for day in ("2014-12-31", "2026-05-31", "2026-06-01")))
    None False True
    """
    starts, values = _versions(param)
    at = int(starts.searchsorted(np.datetime64(day, "D"), side="right")) - 1
    return None if at < 0 else values[at]


def start_on(param: Parameter, dates: NDArray[np.datetime64]) -> NDArray[np.datetime64]:
    """The first day of the version of ``param`` in force on each row's date."""
    starts, _ = _versions(param)
    dates = np.asarray(dates)
    if _uniform(dates):
        at = _one_index(param, starts, dates)
        return starts[at:at + 1].repeat(dates.size)
    return np.asarray(starts[version_index(param, dates)])


def breakpoints(param: Parameter) -> NDArray[np.datetime64]:
    """The dates on which ``param`` changed (its version starts after the first)."""
    return _versions(param)[0][1:]


def keyed_on(node: ParameterNode, names: Sequence[str], codes: NDArray[np.integer[Any]],
             leaf: str | None, dates: NDArray[np.datetime64]) -> NDArray[Any]:
    """``node[names[code]].leaf`` (or ``node[names[code]]``) on each row's date.

    One lookup for all rows: each row's key is read as a position in the node's sorted
    children, and one binary search among every child's version starts, laid end to end,
    finds the version of its key in force on its date. The result has the dtype of the first
    key (in sorted order) that occurs, as a loop over the keys would give. Raises ``KeyError``
    for a name the node does not have.
    """
    if len(codes) == 0:
        return np.empty(0)
    table = _keyed_table(node, leaf)
    dtype = table.dtype
    if dtype is None:  # children of several dtypes: the first that occurs
        at = np.take(table.names(names).at, codes)
        first = int(np.argmax(np.bincount(at, minlength=len(table.params)) > 0))
        dtype = _versions(table.params[first])[1].dtype
    if dtype.kind == "O":
        return _keyed_on_loop(table.params, np.take(table.names(names).at, codes), dates)
    values = table.values.get(dtype)
    if values is None:  # a cell in front, read with _after's counts; each child's cast alone
        values = np.zeros(int(table.ends[-1]) + 1, dtype=dtype)
        for start, end, p in zip(table.offsets, table.ends, table.params, strict=True):
            values[start + 1:end + 1] = _versions(p)[1]
        table.values[dtype] = values
    return np.asarray(values[_after(table, names, codes, dates)])


def keyed_start(node: ParameterNode, names: Sequence[str], codes: NDArray[np.integer[Any]],
                leaf: str | None, dates: NDArray[np.datetime64]) -> NDArray[np.datetime64]:
    """The first day of the version of ``node[names[code]].leaf`` in force on each row's date
    (as :func:`keyed_on` finds it)."""
    table = _keyed_table(node, leaf)
    return np.asarray(table.starts[_after(table, names, codes, dates)])


#: A child's versions are keyed ``position * _SPAN + _SHIFT`` plus their start (in days since
#: 1970): every day within some 1.5 billion years of 1970 stays inside its child's span.
_SPAN = np.int64(1 << 40)
_SHIFT = np.int64(1 << 39)
_DAY = np.dtype("datetime64[D]")
#: From this many rows a keyed lookup counts the version starts each row has passed.
_MANY = 2048


def _after(table: _Keyed, names: Sequence[str], codes: NDArray[np.integer[Any]],
           dates: NDArray[np.datetime64]) -> NDArray[np.intp]:
    """Per row, how many of the children's versions laid end to end start on or before its
    (child, day) key: one past the position of its version (the arrays read with it have a
    cell in front). NaT is in its child's last version (as searchsorted puts NaT last)."""
    lookup = table.names(names)
    day = np.asarray(dates, dtype=_DAY)
    after: NDArray[np.intp]
    if _uniform(day) and day.size == len(codes):
        # One day on every row: searched once per name, then each row takes its name's; a
        # name before its child's first version (or NaT) is left to the rows' path below.
        named = table.keys.searchsorted(lookup.base + day[:1].view(np.int64), side="right")
        if not np.count_nonzero(named <= lookup.first):
            return named.take(codes)
    # (the methods: np.take's dispatch costs as much as the take on an assessment's rows)
    if len(codes) < _MANY:
        after = table.keys.searchsorted(lookup.base.take(codes) + day.view(np.int64),
                                        side="right")
    else:  # a few comparisons per row cost less than a binary search per row
        at = lookup.at.take(codes)
        days = day.view(np.int64)
        after = table.offsets.take(at)
        for starts in table.grid.T:
            after += days >= starts.take(at)
    early = after <= lookup.first.take(codes)  # before its child's first version, or NaT
    if np.count_nonzero(early):
        at = lookup.at.take(codes)
        nat = early & np.isnat(day)
        after[nat] = table.ends.take(at[nat])
        early &= ~nat
        if np.count_nonzero(early):
            code = int(at[early].min())
            version_index(table.params[code], day[early & (at == code)])  # raises
    return after


@dataclass(frozen=True)
class _Names:
    """Per name of a lookup (by its code): the position of its child, its key's base
    (``position * _SPAN + _SHIFT``), and how many versions lie before its child's first."""

    at: NDArray[np.intp]
    base: NDArray[np.int64]
    first: NDArray[np.intp]


class _Keyed:
    """A node's children (sorted) and the parameter of each (the child, or its ``leaf``); their
    version starts laid end to end, as dates (a cell in front) and as (child, day) keys, and
    as a table of days (a row per child); how
    many versions lie before and up to each child's last; the dtype of their values where all
    have one; the values laid out by dtype (a cell in front); and the lookups' names."""

    def __init__(self, node: ParameterNode, leaf: str | None):
        self.node = node  # kept beside its entry: its address is not reused
        self.children = sorted(node.children)
        self.params = [node.children[k].children[leaf] if leaf else node.children[k]
                       for k in self.children]
        starts = [_versions(p)[0].astype(_DAY) for p in self.params]
        self.starts = np.concatenate([starts[0][:1], *starts])
        self.keys = np.concatenate([i * _SPAN + _SHIFT + st.view(np.int64)
                                    for i, st in enumerate(starts)])
        #: Per child, its version starts in days, padded past the end of time.
        self.grid = np.full((len(starts), max(len(st) for st in starts)),
                            np.iinfo(np.int64).max, dtype=np.int64)
        for i, st in enumerate(starts):
            self.grid[i, :len(st)] = st.view(np.int64)
        self.ends = np.cumsum([len(st) for st in starts])
        self.offsets = self.ends - [len(st) for st in starts]
        dtypes = {_versions(p)[1].dtype for p in self.params}
        self.dtype = dtypes.pop() if len(dtypes) == 1 else None
        self.values: dict[np.dtype[Any], NDArray[Any]] = {}
        self._names: dict[tuple[str, ...], _Names] = {}

    def names(self, names: Sequence[str]) -> _Names:
        """Where each of ``names`` stands among the children, and its keys (found once per
        list)."""
        key = tuple(names)
        found = self._names.get(key)
        if found is None:
            where = {c: i for i, c in enumerate(self.children)}
            at = np.array([where[n] for n in names], dtype=np.intp)
            found = self._names[key] = _Names(at, at * _SPAN + _SHIFT, self.offsets[at])
        return found


_TABLES: dict[tuple[int, str | None], _Keyed] = {}


def _keyed_table(node: ParameterNode, leaf: str | None) -> _Keyed:
    """The :class:`_Keyed` table of ``node`` and ``leaf`` (made once per node and leaf)."""
    hit = _TABLES.get((id(node), leaf))
    if hit is None or hit.node is not node:
        hit = _TABLES[(id(node), leaf)] = _Keyed(node, leaf)
    return hit


def _keyed_on_loop(params: list[Parameter], codes: NDArray[np.intp],
                   dates: NDArray[np.datetime64]) -> NDArray[Any]:
    out: NDArray[Any] | None = None
    for code in np.unique(codes):
        mask = codes == code
        values = value_on(params[code], dates[mask])
        if out is None:
            out = np.empty(len(codes), dtype=values.dtype)
        out[mask] = values
    assert out is not None
    return out


_PLANS: dict[tuple[tuple[str, ...], int], Any] = {}


@lru_cache(maxsize=1024)
def word_positions(vocabulary: tuple[str, ...]) -> dict[str, int]:
    """Each word's position in ``vocabulary`` (a word listed twice: its last), found once per
    vocabulary: :func:`text_codes` and a one-case table's cells look words up in it."""
    return {w: i for i, w in enumerate(vocabulary)}


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
        lookup = word_positions(tuple(vocabulary))
        return np.array([lookup[v] for v in arr.tolist()], dtype=np.intp)
    width = arr.dtype.itemsize // 4
    plan = _PLANS.get((tuple(vocabulary), width))
    if plan is None:
        plan = _PLANS[(tuple(vocabulary), width)] = _plan(tuple(vocabulary), width)
    if plan is None:  # no short distinguishing positions: sort the distinct values instead
        uniques, inverse = np.unique(arr, return_inverse=True)
        lookup = word_positions(tuple(vocabulary))
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


@lru_cache(maxsize=256)
def fraction_text(value: float) -> str:
    """0.5 -> ``"1/2"``, for display of shares of a term (found once per share: the law has
    few, and an explanation says them again and again)."""
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
    dates = np.asarray(dates)
    if _uniform(dates) and np.ndim(codes) == 1 and len(codes) == dates.size:
        # one version for every row: its row of the table, taken by each row's item
        return np.asarray(tables[names][_one_index(param, _versions(param)[0], dates)]
                          .take(codes))
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


def reference_citation(reference: Mapping[str, Any] | None) -> str | None:
    """The provision a value's ``reference`` names, as the rules cite it: its article, then its
    part and point where given (``{"article": "PEC 21", "part": "1", "point": "1"}`` ->
    ``PEC 21(1)(1)``); None without an article."""
    reference = reference or {}
    article = reference.get("article")
    if not article:
        return None
    return str(article) + "".join(f"({reference[k]})" for k in ("part", "point")
                                  if reference.get(k))


def cited_on(param: Parameter, day: dt.date) -> tuple[Any, str | None, str | None]:
    """The value ``param`` holds on ``day`` with the provision its reference names and the
    confidence mark it carries: a rule reads its number and cites it from the same version."""
    version = param.values_list[len(param.values_list) - 1 - int(
        version_index(param, np.array([day], dtype="datetime64[D]"))[0])]
    meta = version.metadata or {}
    return version.value, reference_citation(meta.get("reference")), meta.get("confidence")
