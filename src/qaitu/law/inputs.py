"""From ``qaitu.case/1`` facts (flattened columns) to the inputs the rules read.

A single case is a one-row table; a cohort is many rows. Each input comes with a mask of rows
where it is *known*; what is unknown is enumerated by the assessment (one case) or filled with
the fact's default and counted (a cohort). The conversions here are fact-finding, not law:
e.g. "citizen of Kazakhstan" is whether ``KZ`` is among the citizenships.

A cell is missing when it is None, NaN, NaT, ``""`` or ``"unknown"``. Columns may be numpy
text, boolean, integer, float or ``datetime64`` arrays, or object arrays of python values; every
conversion is vectorised, so a million rows cost a few passes over each column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray
from openfisca_core.indexed_enums import Enum

from qaitu.law.dated import text_codes
from qaitu.law.variables.facts import FACTS_BY_NAME

Columns = Mapping[str, Any]  # arrays, or Coded columns
_T = TypeVar("_T")
NAT = np.datetime64("NaT", "D")
#: None as a one-element object array, to compare object columns with it cell by cell.
_NONE = np.array(None, dtype=object)


@dataclass(frozen=True)
class Coded:
    """A column given as its distinct cells and, per row, the position of its cell, as a
    simulation keeps its profiles: it is read without looking at every cell again.
    ``numpy.asarray`` gives the cells."""

    values: NDArray[Any]
    codes: NDArray[np.intp]

    def __len__(self) -> int:
        return len(self.codes)

    def __array__(self, dtype: Any = None, copy: Any = None) -> NDArray[Any]:
        return np.asarray(self.values[self.codes], dtype=dtype)

    @classmethod
    def of(cls, column: NDArray[Any]) -> Coded | None:
        """``column`` coded, if it is an object column of few distinct plain values."""
        found = _factor(np.asarray(column))
        return None if found is None else cls(*found)


@dataclass
class Known:
    """Values of one input, with the rows where they are known."""

    values: NDArray[Any]
    known: NDArray[np.bool_]


def _const(value: Any, n: int, dtype: Any = None) -> NDArray[Any]:
    """``n`` times ``value`` without ``n`` copies (a read-only broadcast view; one case's single
    row is simply made)."""
    if n == 1:
        return np.array([value], dtype=dtype)
    return np.broadcast_to(np.asarray(value, dtype=dtype), (n,))


def is_const(a: NDArray[Any]) -> bool:
    """Whether ``a`` is one value repeated by :func:`_const` (or of length at most one)."""
    return a.ndim == 1 and (len(a) <= 1 or a.strides[0] == 0)


def _is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, Enum)


_NAMES: dict[type[Enum], list[str]] = {}


def _names(kind: type[Enum]) -> list[str]:
    if kind not in _NAMES:
        _NAMES[kind] = [m.name for m in kind]
    return _NAMES[kind]


class _Table:
    """The columns of one call; each column's missing cells and conversions are found once."""

    def __init__(self, columns: Columns, n: int):
        self.columns = columns
        self.n = n
        self._cache: dict[tuple[str, str], Any] = {}

    def _memo(self, what: str, name: str, make: Callable[[], _T]) -> _T:
        key = (what, name)
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]  # type: ignore[no-any-return]

    def raw(self, name: str) -> NDArray[Any] | None:
        return np.asarray(self.columns[name]) if name in self.columns else None

    def factor(self, name: str) -> tuple[NDArray[Any], NDArray[np.intp]] | None:
        """For a large object column of few values: its distinct values and each cell's."""
        column = self.columns.get(name)
        if isinstance(column, Coded):
            return column.values, column.codes
        return self._memo("factor", name, lambda: _factor(self.raw(name)))

    def _by_value(self, what: str, name: str,
                  convert: Callable[[NDArray[Any] | None, NDArray[np.bool_], int], _T]) -> _T:
        """``convert(column, missing, length)``, done once per distinct value when the column
        has few; ``missing`` is the column's missing cells (found once per column)."""
        def make() -> Any:
            found = self.factor(name)
            if found is None:
                return convert(self.raw(name), self.missing(name), self.n)
            values, codes = found
            out: Any = convert(values, _missing(values, len(values)), len(values))
            return tuple(np.take(o, codes) for o in out) if isinstance(out, tuple) else (
                np.take(out, codes))
        return self._memo(what, name, make)  # type: ignore[no-any-return]

    def missing(self, name: str) -> NDArray[np.bool_]:
        """Rows where the cell is None, NaN, NaT, "" or "unknown" (all rows if no column)."""
        def make() -> NDArray[np.bool_]:
            found = self.factor(name)
            if found is None:
                return _missing(self.raw(name), self.n)
            values, codes = found
            return np.take(_missing(values, len(values)), codes)
        return self._memo("missing", name, make)

    def truthy(self, name: str, false_texts: bool = True) -> NDArray[np.bool_]:
        return self._by_value(f"truthy{false_texts}", name, lambda c, m, n: _truthy(
            c, m, n, false_texts))

    def whole(self, name: str, default: int) -> NDArray[np.int64]:
        return self._by_value("whole", name, lambda c, m, n: _whole(c, m, n, default))

    def codes(self, name: str, vocabulary: list[str]) -> NDArray[np.intp]:
        """Each cell's position in ``vocabulary`` (missing cells count as "")."""
        def convert(col: NDArray[Any] | None, missing: NDArray[np.bool_], n: int
                    ) -> NDArray[np.intp]:
            text = col if col is not None and col.dtype.kind == "U" else _text(col, missing, n)
            return text_codes(text, [*vocabulary, "", "unknown"])
        return self._by_value("codes", name, convert)

    def known(self, name: str) -> NDArray[np.bool_]:
        missing = self.missing(name)
        if is_const(missing) and len(missing):
            return _const(not missing[0], self.n)
        return self._memo("known", name, lambda: ~missing)

    def text(self, name: str) -> NDArray[np.str_]:
        """The column as text, "" where missing."""
        return self._by_value("text", name, _text)

    def dates(self, name: str) -> tuple[NDArray[np.datetime64], NDArray[np.bool_]]:
        """The column as days (NaT where missing) and the rows that are not dates at all."""
        return self._by_value("dates", name, _dates)

    def checked_dates(self, name: str) -> NDArray[np.datetime64]:
        days, bad = self.dates(name)
        _raise_if_bad(self.raw(name), bad)
        return days


#: Types whose equal values (as a set sees them) read alike in every conversion here.
_PLAIN = (str, np.str_, type(None), float, dt.date)


def _factor(col: NDArray[Any] | None) -> tuple[NDArray[Any], NDArray[np.intp]] | None:
    """An object column of at least 256 cells holding few distinct plain values (texts, None,
    floats, dates) as those values and, per cell, the position of its value."""
    if col is None or col.dtype.kind != "O" or len(col) < 256:
        return None
    try:
        distinct = set(col)
    except TypeError:  # unhashable cells
        return None
    if len(distinct) > len(col) // 2 or any(type(v) not in _PLAIN for v in distinct):
        return None
    index = {v: i for i, v in enumerate(distinct)}
    values = np.empty(len(index), dtype=object)
    values[:] = list(index)
    return values, np.fromiter(map(index.__getitem__, col), dtype=np.intp, count=len(col))


def _missing(col: NDArray[Any] | None, n: int) -> NDArray[np.bool_]:
    if col is None:
        return _const(True, n)
    kind = col.dtype.kind
    if kind == "U":  # "" has no first character; "unknown" is checked where one is "u"
        if col.dtype.itemsize == 0 or not len(col):
            return np.ones(len(col), dtype=bool)
        first = np.ascontiguousarray(col).view(np.uint32)[::col.dtype.itemsize // 4]
        out = np.zeros(len(col), dtype=bool)
        for point, word in ((0, ""), (ord("u"), "unknown")):
            rows = np.flatnonzero(first == point)
            out[rows] = col[rows] == word
        return out
    if kind == "f":
        return np.asarray(np.isnan(col))
    if kind == "M":
        return np.asarray(np.isnat(col))
    if kind != "O":  # booleans and numbers are never missing
        return _const(False, len(col))
    if len(col) <= 16:  # a few cells (one case): one look at each beats four passes
        return np.array([v is None or (isinstance(v, str) and v in ("", "unknown"))
                         or (isinstance(v, float) and v != v) for v in col.tolist()], dtype=bool)
    out = np.equal(col, _NONE) | np.equal(col, "") | np.equal(col, "unknown")
    odd = np.flatnonzero(np.not_equal(col, col))  # NaN (and other values unequal to themselves)
    if len(odd):
        out[odd] = [isinstance(v, float) and bool(np.isnan(v)) for v in col[odd]]
    return np.asarray(out, dtype=bool)


def _text(col: NDArray[Any] | None, missing: NDArray[np.bool_], n: int) -> NDArray[np.str_]:
    if col is None:
        return _const("", n, "U1")
    if col.dtype.kind == "U":
        return np.where(missing, "", col) if missing.any() else col
    obj = col.astype(object)
    obj[missing] = ""
    return obj.astype(str)


def _dates(col: NDArray[Any] | None, missing: NDArray[np.bool_], n: int
           ) -> tuple[NDArray[np.datetime64], NDArray[np.bool_]]:
    """Each cell as a day, read as ``numpy.datetime64(str(cell)[:10], "D")`` (a date as itself).

    ISO dates are read with integer arithmetic on the code points; anything else falls back to
    numpy's parser cell by cell, and cells it cannot read are reported in the second array
    (their day is NaT) so that only the cells a rule uses raise.
    """
    if col is None:
        return _const(NAT, n), _const(False, n)
    if col.dtype.kind == "M":
        return col.astype("datetime64[D]"), np.zeros(len(col), dtype=bool)
    if col.dtype.kind == "U":
        text = np.where(missing, "", col) if missing.any() else col
        text = text if text.dtype.itemsize == 40 else text.astype("U10")
    else:
        obj = col.astype(object)
        obj[missing] = ""
        text = obj.astype("U10")
    if len(text) >= 64:
        days, parsed = _iso_days(np.ascontiguousarray(text))
    else:  # a few cells: numpy's parser, cell by cell, below
        days, parsed = np.full(len(text), NAT), np.zeros(len(text), dtype=bool)
    bad = np.zeros(len(text), dtype=bool)
    for i in np.flatnonzero(~parsed & ~missing):
        try:
            days[i] = np.datetime64(str(text[i]), "D")
        except ValueError:
            bad[i] = True
    return days, bad


_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int32)
_MONTH_START = np.concatenate(([0], np.cumsum(_MONTH_DAYS)[:-1])).astype(np.int32)
_YEARS = np.arange(10_000) - 1970
#: Days from 1970-01-01 to 1 January of each year 0-9999, and whether the year is a leap year.
_YEAR_START = _YEARS.astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
_LEAP = (np.diff(np.append(_YEAR_START, _YEAR_START[-1] + 365)) == 366)


def _iso_days(text: NDArray[np.str_]) -> tuple[NDArray[np.datetime64], NDArray[np.bool_]]:
    """``YYYY-MM-DD`` cells of a ``U10`` array as days; the second array marks those read.

    Integer arithmetic on the code points and small calendar tables: a few passes over the
    column whatever its length.
    """
    n = len(text)
    points = text.view(np.int32).reshape(n, 10)
    ascii_only = points.max(initial=0) < 128  # then one byte per character is enough
    rows = (points.astype(np.uint8) if ascii_only else points).T.copy()
    ok = (rows[4] == 45) & (rows[7] == 45)
    ds = [(rows[j] - 48).astype(np.int16) for j in (0, 1, 2, 3, 5, 6, 8, 9)]
    for d in ds:
        ok &= d.view(np.uint16) <= 9
    year = np.where(ok, ds[0] * 1000 + ds[1] * 100 + ds[2] * 10 + ds[3], 0)
    month = np.where(ok, ds[4] * 10 + ds[5], 0)
    day = ds[6] * 10 + ds[7]
    ok &= (month >= 1) & (month <= 12) & (day >= 1)
    month = np.where(ok, month, 0)
    leap = _LEAP[year]
    ok &= day <= _MONTH_DAYS[month] + (leap & (month == 2))
    days = _YEAR_START[year] + (_MONTH_START[month] + (leap & (month > 2)) + day - 1)
    return np.where(ok, days, np.iinfo(np.int64).min).view("datetime64[D]"), ok


def _raise_if_bad(col: NDArray[Any] | None, bad: NDArray[np.bool_]) -> None:
    """Raise numpy's own error for the first cell that is not a date."""
    if col is not None and bad.any():
        v = col[np.flatnonzero(bad)[0]]
        np.datetime64(v if isinstance(v, dt.date) else str(v)[:10], "D")


def _truthy(col: NDArray[Any] | None, missing: NDArray[np.bool_], n: int,
            false_texts: bool = True) -> NDArray[np.bool_]:
    """``bool(cell)``, false where missing; with ``false_texts``, "false"/"False" are false."""
    if col is None:
        return _const(False, n)
    kind = col.dtype.kind
    if kind == "b":
        return col
    if kind in "iuf":
        return np.asarray((col != 0) & ~missing)
    if kind == "U":
        return ~missing & (col != "false") & (col != "False") if false_texts else ~missing
    obj = col.astype(object)
    out = np.asarray(obj.astype(bool), dtype=bool) & ~missing
    if false_texts:
        out &= ~np.asarray(np.equal(obj, "false") | np.equal(obj, "False"), dtype=bool)
    return out


def _month_day(days: NDArray[np.datetime64]) -> NDArray[np.int64]:
    """Each date's (month, day) as one sortable number: a birthday is the same month and day,
    whatever the leap years in between."""
    months = days.astype("datetime64[M]")
    month = (months - days.astype("datetime64[Y]").astype("datetime64[M]")).astype(np.int64)
    day = (days - months.astype("datetime64[D]")).astype(np.int64)
    return np.asarray(month * 32 + day)


def _years_between(earlier: NDArray[np.datetime64], later: NDArray[np.datetime64]
                   ) -> NDArray[np.int64]:
    """Full years from ``earlier`` to ``later`` (age in years): the difference of the years,
    less one where ``later``'s month and day come before ``earlier``'s (the birthday has not
    come yet). A person born on 29 February comes of age on 1 March in a common year.

    Years and month-days are looked up in tables over the dates' range (NaT rows give an
    arbitrary number).

    >>> d = lambda *s: np.array(s, dtype="datetime64[D]")
    >>> _years_between(d("2000-03-01", "2001-03-01", "2000-02-29"),
    ...                d("2018-03-01", "2016-02-29", "2018-02-28")).tolist()
    [18, 14, 17]
    """
    e, la = earlier.astype("datetime64[D]").view(np.int64), later.astype(
        "datetime64[D]").view(np.int64)
    nat = np.iinfo(np.int64).min
    valid = [a[a != nat] for a in (e, la)]
    lo = min((int(v.min()) for v in valid if len(v)), default=0)
    hi = max((int(v.max()) for v in valid if len(v)), default=0)
    if hi - lo > 8 * len(e):  # a table longer than the columns: the calendar, element-wise
        ey, ly = earlier.astype("datetime64[Y]"), later.astype("datetime64[Y]")
        years = (ly - ey).astype(np.int64)
        return np.asarray(np.where(_month_day(later) < _month_day(earlier), years - 1, years))
    days = np.arange(lo, hi + 1).view("datetime64[D]")
    year_of = days.astype("datetime64[Y]").astype(np.int64)
    month_day = _month_day(days)
    ei, li = np.where(e == nat, lo, e) - lo, np.where(la == nat, lo, la) - lo
    years = year_of[li] - year_of[ei]
    return np.asarray(np.where(month_day[li] < month_day[ei], years - 1, years))


def _list(columns: Columns, prefix: str) -> list[str]:
    """Names of the columns ``prefix.0``, ``prefix.1`` … of a list fact."""
    names = []
    i = 0
    while f"{prefix}.{i}" in columns:
        names.append(f"{prefix}.{i}")
        i += 1
    return names


def _direct(t: _Table, path: str, name: str) -> Known:
    """A fact read as it is: enums as their indices, booleans, whole numbers."""
    fact = FACTS_BY_NAME[name]
    known = t.known(path)
    if path not in t.columns:
        default = fact.default.index if _is_enum(fact.kind) else fact.default
        dtype = np.int16 if _is_enum(fact.kind) else bool if fact.kind is bool else np.int64
        return Known(_const(default, t.n, dtype), known)
    if _is_enum(fact.kind):
        codes = t.codes(path, _names(fact.kind)).astype(np.int16)
        return Known(np.where(known, codes, np.int16(fact.default.index)), known)
    if fact.kind is bool:
        truthy = t.truthy(path)
        if is_const(known) and len(known) and known[0]:
            return Known(truthy, known)
        return Known(np.where(known, truthy, bool(fact.default)), known)
    return Known(t.whole(path, fact.default), known)


def _whole(col: NDArray[Any] | None, missing: NDArray[np.bool_], n: int, default: int
           ) -> NDArray[np.int64]:
    """Whole numbers (``int(cell)``), ``default`` where missing."""
    if col is None:
        return _const(default, n, np.int64)
    if col.dtype.kind in "biu":
        return col.astype(np.int64)
    if col.dtype.kind == "U":
        return np.where(missing, str(default), col).astype(np.int64)
    if col.dtype.kind == "f":
        return np.where(missing, default, col).astype(np.int64)
    obj = col.astype(object)
    obj[missing] = default
    return obj.astype(np.int64)


def _evidence(t: _Table, path: str, default: str | None = None) -> Known:
    """``established`` is true, ``none`` false; ``alleged`` is for the court to decide."""
    text = t.text(path)
    established = text == "established"
    none = text == "none"
    if default == "none":
        none |= t.missing(path)
    elif default == "established":
        established |= t.missing(path)
    return Known(established, established | none)


def _case(t: _Table, today: dt.date) -> dict[str, Known]:
    """Case-level inputs; enums as their indices."""
    n = t.n
    as_of = t.checked_dates("as_of")
    as_of = np.where(t.known("as_of"), as_of, np.datetime64(today, "D"))
    birth = t.checked_dates("person.birth_date")
    citizenships = _list(t.columns, "person.citizenship")
    kz = _any([t.text(c) == "KZ" for c in citizenships], n)
    acquired = [k for k in t.columns
                if k.startswith("person.acquired_citizenship.") and k.endswith(".country")]
    yes = _const(True, n)
    inputs = {
        "judgment_date": Known(as_of, yes),
        "age_at_judgment": Known(np.where(np.isnat(birth), 30,
                                          _years_between(birth, as_of)), ~np.isnat(birth)),
        # Known where a citizenship is recorded; a row with only empty cells is unknown.
        "citizen_of_kz": Known(kz, _any([t.known(c) for c in citizenships], n) | kz),
        "acquired_foreign_citizenship": Known(
            _any([t.known(a) for a in acquired], n), yes),
        "returned": Known(_returned(t), t.known("return.status")),
        "mitigating_listed": _any_listed(t, ("circumstances.mitigating",
                                             "circumstances.mitigating_other")),
        "aggravating_listed": _any_listed(t, ("circumstances.aggravating",)),
        # Art. 72(4) names groups I and II; "none" and "3" are both outside it.
        "disability_group_1_or_2": Known(np.isin(t.text("person.disability_group"), ("1", "2")),
                                         t.known("person.disability_group")),
    }
    for name, path in (
        ("sex", "person.sex"), ("stateless_resident_of_kz", "person.stateless_resident_of_kz"),
        ("recidivism", "person.recidivism"), ("pregnant", "person.pregnant"),
        ("children_under_3", "person.children_under_3"),
        ("has_young_children", "person.has_young_children"),
        ("raises_children_alone", "person.raises_children_alone"),
        ("previous_convictions", "person.previous_convictions"),
        ("return_mode", "return.mode"), ("self_reported", "return.self_reported"),
        ("cooperation", "return.cooperation"), ("plea_agreement", "proceedings.plea_agreement"),
        ("plea_agreement_fulfilled", "proceedings.plea_agreement_fulfilled"),
        ("accelerated_investigation", "proceedings.accelerated_investigation"),
        ("pretrial_detention_days", "proceedings.pretrial_detention_days"),
        ("damage_repaired", "proceedings.damage_repaired"),
        ("pmc_is_party_armed_forces", "legal_questions.pmc_is_party_armed_forces"),
        ("formation_is_illegal_paramilitary", "legal_questions.formation_is_illegal_paramilitary"),
    ):
        inputs[name] = _direct(t, path, name)
    returned_on = t.known("return.date")
    inputs["return_date"] = Known(np.where(returned_on, t.checked_dates("return.date"),
                                           np.datetime64(FACTS_BY_NAME["return_date"].default)),
                                  returned_on)
    # Days in custody only count what is recorded: none recorded is none credited.
    days = inputs["pretrial_detention_days"]
    inputs["pretrial_detention_days"] = Known(days.values, yes)
    return inputs


def _any(masks: list[NDArray[np.bool_]], n: int) -> NDArray[np.bool_]:
    """Rows where any of ``masks`` holds (none: no row)."""
    masks = [m for m in masks if not (is_const(m) and len(m) and not m[0])]
    if not masks:
        return _const(False, n)
    return masks[0] if len(masks) == 1 else np.logical_or.reduce(masks)


def _returned(t: _Table) -> NDArray[np.bool_]:
    if "return.status" not in t.columns:
        return _const(False, t.n)
    return np.asarray(t.text("return.status") == "returned")


def _any_listed(t: _Table, prefixes: tuple[str, ...]) -> Known:
    """A list fact holds something; a list left out is empty (lists are not scalar facts)."""
    found = []
    for prefix in prefixes:
        for item in _list(t.columns, prefix):
            found.append(t.known(item))
        if prefix in t.columns:  # a "|"-joined cell, as in cohort tables
            found.append(t.truthy(prefix, false_texts=False))
    return Known(_any(found, t.n), _const(True, t.n))


def _episode(t: _Table, i: int) -> dict[str, Known]:
    """Inputs of episode ``i``; enums as their indices."""
    n = t.n
    p = f"episodes.{i}."
    end_known, ret_known = t.known(p + "end"), t.known("return.date")
    end, end_bad = t.dates(p + "end")
    start, start_bad = t.dates(p + "start")
    _raise_if_bad(t.raw(p + "end"), end_bad)
    _raise_if_bad(t.raw(p + "start"), start_bad & ~end_known & ~ret_known)
    act_dates = np.where(end_known, end, np.where(ret_known, t.checked_dates("return.date"),
                                                  start))
    birth = t.checked_dates("person.birth_date")
    state, state_known = t.text(p + "formation.state"), t.known(p + "formation.state")
    citizenships = _list(t.columns, "person.citizenship")
    of_party = _any([(t.text(c) == state) & state_known for c in citizenships], n)
    inputs = {
        "act_date": Known(np.where(np.isnat(act_dates), np.datetime64("2024-01-01"),
                                   act_dates), ~np.isnat(act_dates)),
        "age_at_act": Known(np.where(np.isnat(birth) | np.isnat(act_dates), 30,
                                     _years_between(birth, act_dates)),
                            ~np.isnat(birth) & ~np.isnat(act_dates)),
        "act_abroad": Known(np.asarray(t.text(p + "country") != "KZ"), t.known(p + "country")),
        "citizen_of_party": Known(of_party, of_party | state_known if citizenships else of_party),
        "war_crimes_established": _evidence(t, p + "war_crimes"),
        "terrorist_act": _evidence(t, p + "terrorist_act", default="none"),
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
        ("recruited_for_reward", "recruited_for_reward", None),
        ("propaganda_channel", "propaganda_channel", None),
    ):
        k = _direct(t, p + path, name)
        if default is not None:  # an extension fact left out takes its documented default
            k = Known(k.values, _const(True, n))
        inputs[name] = k
    # Extension facts that may also be given as unknown: a column left out takes the documented
    # default (false; for complicity, perpetrator), a cell that says unknown is unknown.
    for name in ("used_official_position", "in_respect_of_minor", "leader_of_public_association",
                 "by_group", "complicity"):
        k = _direct(t, p + name, name)
        inputs[name] = k if p + name in t.columns else Known(k.values, _const(True, n))
    return inputs


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
    kind = FACTS_BY_NAME[name].kind
    if isinstance(kind, type) and issubclass(kind, Enum):
        codes = [i for i, m in enumerate(_names(kind)) if m in values]
    else:
        codes = list(values)
    return np.asarray(k.known & ~np.isin(k.values, codes))


def episode_count(columns: Columns) -> int:
    """How many episodes the columns describe (at least one)."""
    found = {int(k.split(".")[1]) for k in columns if k.startswith("episodes.")}
    return max(found) + 1 if found else 1


def coded_inputs(columns: Columns, n: int, today: dt.date
                 ) -> tuple[dict[str, Known], list[dict[str, Known]]]:
    """Case and episode inputs for ``n`` rows (one case is one row), enums as their indices;
    each column is read once."""
    t = _Table(columns, n)
    return _case(t, today), [_episode(t, i) for i in range(episode_count(columns))]
