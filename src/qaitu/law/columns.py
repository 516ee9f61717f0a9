"""Columns of case facts, as the rules' inputs are read from them: what a missing cell is, and
each column as text, booleans, whole numbers or days, read once.

A cell is missing when it is None, NaN, NaT, ``""`` or ``"unknown"``. Columns may be numpy
text, boolean, integer, float or ``datetime64`` arrays, or object arrays of python values; every
conversion is vectorised, so a million rows cost a few passes over each column. Which column
gives which fact is :mod:`qaitu.law.inputs`'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from qaitu.law.dated import text_codes, word_positions
from qaitu.located import ISO_DATE

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


def const(value: Any, n: int, dtype: Any = None) -> NDArray[Any]:
    """``n`` times ``value`` without ``n`` copies (a read-only broadcast view; one case's single
    row is simply made)."""
    if n == 1:
        return np.array([value], dtype=dtype)
    return np.broadcast_to(np.asarray(value, dtype=dtype), (n,))


def is_const(a: NDArray[Any]) -> bool:
    """Whether ``a`` is one value repeated by :func:`const` (or of length at most one)."""
    return a.ndim == 1 and (len(a) <= 1 or a.strides[0] == 0)


class Table:
    """The columns of one call; each column's missing cells and conversions are found once.

    One case (an assessment's single row of object cells) is read cell by cell
    (:meth:`cell`): each conversion is then a look at one Python value, where the passes of
    numpy that read a column cost some tens of microseconds a fact."""

    def __init__(self, columns: Columns, n: int):
        self.columns = columns
        self.n = n
        self._cache: dict[tuple[str, str], Any] = {}
        self._cells: dict[str, tuple[bool, Any] | None] = {}

    def _memo(self, what: str, name: str, make: Callable[[], _T]) -> _T:
        key = (what, name)
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]  # type: ignore[no-any-return]

    def raw(self, name: str) -> NDArray[Any] | None:
        return np.asarray(self.columns[name]) if name in self.columns else None

    def cell(self, name: str) -> tuple[bool, Any] | None:
        """Of a one-row table whose column ``name`` holds one object cell: whether the cell is
        missing (:func:`_gone`) and the cell; None for any other column (read as a column) or
        none."""
        if self.n != 1:
            return None
        found = self._cells.get(name, self)
        if found is self:  # not looked at yet
            column = self.columns.get(name)
            found = self._cells[name] = (
                (_gone(column[0]), column[0]) if type(column) is np.ndarray
                and column.dtype.kind == "O" and column.shape == (1,) else None)
        return found  # type: ignore[return-value]

    def factor(self, name: str) -> tuple[NDArray[Any], NDArray[np.intp]] | None:
        """For a large object column of few values: its distinct values and each cell's."""
        column = self.columns.get(name)
        if isinstance(column, Coded):
            return column.values, column.codes
        if self.n < _FACTORED:  # never factored: not looked for (one case reads ~100 cells)
            return None
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
            cell = self.cell(name)
            if cell is not None:
                return np.array([cell[0]])
            found = self.factor(name)
            if found is None:
                return _missing(self.raw(name), self.n)
            values, codes = found
            return np.take(_missing(values, len(values)), codes)
        return self._memo("missing", name, make)

    def truthy(self, name: str, false_texts: bool = True) -> NDArray[np.bool_]:
        cell = self.cell(name)
        if cell is not None:
            return np.array([cell_truthy(cell, false_texts)])
        return self._by_value(f"truthy{false_texts}", name, lambda c, m, n: _truthy(
            c, m, n, false_texts))

    def whole(self, name: str, default: int) -> NDArray[np.int64]:
        return self._by_value("whole", name, lambda c, m, n: _whole(c, m, n, default))

    def codes(self, name: str, vocabulary: Sequence[str]) -> NDArray[np.intp]:
        """Each cell's position in ``vocabulary`` (missing cells count as ""); a cell that is
        none of its words is refused (:class:`NotAWord`)."""
        cell = self.cell(name)
        if cell is not None:
            return np.array([cell_code(cell, vocabulary, name)], dtype=np.intp)

        def convert(col: NDArray[Any] | None, missing: NDArray[np.bool_], n: int
                    ) -> NDArray[np.intp]:
            text = col if col is not None and col.dtype.kind == "U" else _text(col, missing, n)
            return text_codes(text, [*vocabulary, "", "unknown"])
        try:
            return self._by_value("codes", name, convert)
        except KeyError as unknown:  # the first row that says it (cells may be read by value)
            raw = self.raw(name)
            rows = [] if raw is None else [i for i, v in enumerate(raw.tolist())
                                           if str(v) == unknown.args[0]]
            raise NotAWord(name, rows[0] if rows else -1, unknown.args[0], vocabulary) from None

    def known(self, name: str) -> NDArray[np.bool_]:
        cell = self.cell(name)
        if cell is not None:  # as below from the cell's missing row, which is not kept
            return np.array([not cell[0]])
        missing = self.missing(name)
        if is_const(missing) and len(missing):
            return const(not missing[0], self.n)
        return self._memo("known", name, lambda: ~missing)

    def text(self, name: str) -> NDArray[np.str_]:
        """The column as text, "" where missing."""
        cell = self.cell(name)
        if cell is not None:  # as _text casts the cell (str)
            return np.array(["" if cell[0] else str(cell[1])])
        return self._by_value("text", name, _text)

    def dates(self, name: str) -> tuple[NDArray[np.datetime64], NDArray[np.bool_]]:
        """The column as days (NaT where missing) and the rows that are not dates at all."""
        cell = self.cell(name)
        if cell is not None:  # as _dates reads the cell's first ten characters
            gone, value = cell

            def read() -> tuple[NDArray[np.datetime64], NDArray[np.bool_]]:
                day = None if gone else _parsed(str(value)[:10])
                return np.array([NAT if day is None else day]), np.array([not gone
                                                                         and day is None])
            return self._memo("dates", name, read)
        return self._by_value("dates", name, _dates)

    def checked_dates(self, name: str) -> NDArray[np.datetime64]:
        days, bad = self.dates(name)
        raise_if_bad(name, self.raw(name), bad)
        return days


def cell_code(cell: tuple[bool, Any], vocabulary: Sequence[str], name: str) -> int:
    """One object cell (:meth:`Table.cell`) of column ``name`` as its position in
    ``vocabulary``, a missing cell as "", as :func:`~qaitu.law.dated.text_codes` reads its
    text (:class:`NotAWord` if it is none of the words)."""
    found = word_positions((*vocabulary, "", "unknown")).get("" if cell[0] else str(cell[1]))
    if found is None:
        raise NotAWord(name, 0, cell[1], vocabulary)
    return found


def cell_truthy(cell: tuple[bool, Any], false_texts: bool = True) -> bool:
    """One object cell (:meth:`Table.cell`) as :meth:`Table.truthy` reads it."""
    return _true(cell[1], cell[0], false_texts)


#: Types whose equal values (as a set sees them) read alike in every conversion here.
_PLAIN = (str, np.str_, type(None), float, dt.date)


#: The fewest cells of an object column :func:`_factor` codes.
_FACTORED = 256


def _factor(col: NDArray[Any] | None) -> tuple[NDArray[Any], NDArray[np.intp]] | None:
    """An object column of at least :data:`_FACTORED` cells holding few distinct plain values
    (texts, None, floats, dates) as those values and, per cell, the position of its value."""
    if col is None or col.dtype.kind != "O" or len(col) < _FACTORED:
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
        return const(True, n)
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
        return const(False, len(col))
    if len(col) <= 16:  # a few cells (one case): one look at each beats four passes
        return np.array([_gone(v) for v in col.tolist()], dtype=bool)
    out = np.equal(col, _NONE) | np.equal(col, "") | np.equal(col, "unknown")
    odd = np.flatnonzero(np.not_equal(col, col))  # NaN (and other values unequal to themselves)
    if len(odd):
        out[odd] = [isinstance(v, float) and bool(np.isnan(v)) for v in col[odd]]
    return np.asarray(out, dtype=bool)


def _gone(v: Any) -> bool:
    """Whether one object cell is missing: None, "", "unknown" or NaN."""
    return v is None or (isinstance(v, str) and v in ("", "unknown")) or (
        isinstance(v, float) and v != v)


def _text(col: NDArray[Any] | None, missing: NDArray[np.bool_], n: int) -> NDArray[np.str_]:
    if col is None:
        return const("", n, "U1")
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
        return const(NAT, n), const(False, n)
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
        day = _parsed(str(text[i]))
        if day is None:
            bad[i] = True
        else:
            days[i] = day
    return days, bad


def _parsed(text: str) -> np.datetime64 | None:
    """One cell's text as a day, by numpy's parser; None where it is no full ``YYYY-MM-DD``
    (numpy reads ``2018`` and ``2018-03`` as their first day, and ``1514764800`` as a year)."""
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return np.datetime64(text, "D")
    except ValueError:  # 2018-02-30
        return None


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


class BadCell(ValueError):
    """A cell its column cannot read: the column, the row (counted from 0), the value and what
    was ``expected`` instead (besides an empty cell or ``unknown``)."""

    def __init__(self, column: str, row: int, value: Any, expected: str):
        super().__init__(f"column {column}, row {row} (counted from 0): expected {expected}, "
                         f"empty or unknown; got {value!r}")
        self.column, self.row, self.value = column, row, value


class NotADate(BadCell):
    """A cell of a date column that is neither a day ``YYYY-MM-DD`` nor missing."""

    def __init__(self, column: str, row: int, value: Any):
        super().__init__(column, row, value, "a date YYYY-MM-DD")


class NotAWord(BadCell):
    """A cell of a column of words (a role, a formation's kind) that is none of them."""

    def __init__(self, column: str, row: int, value: Any, vocabulary: Sequence[str]):
        super().__init__(column, row, value, f"one of {', '.join(vocabulary)}")


def raise_if_bad(name: str, col: NDArray[Any] | None, bad: NDArray[np.bool_]) -> None:
    """Refuse the first cell of column ``name`` that is not a date (:class:`NotADate`)."""
    if col is not None and bad.any():
        row = int(np.flatnonzero(bad)[0])
        value = col[row]
        # said as written: .item() would say a month (datetime64[M]) as its first day
        raise NotADate(name, row, str(value) if isinstance(value, np.generic) else value)


#: The texts a boolean cell may say false with.
_FALSE_TEXTS = ("false", "False")


def _truthy(col: NDArray[Any] | None, missing: NDArray[np.bool_], n: int,
            false_texts: bool = True) -> NDArray[np.bool_]:
    """``bool(cell)``, false where missing; with ``false_texts``, "false"/"False" are false."""
    if col is None:
        return const(False, n)
    kind = col.dtype.kind
    if kind == "b":
        return col
    if kind in "iuf":
        return np.asarray((col != 0) & ~missing)
    if kind == "U":
        return ~missing & (col != "false") & (col != "False") if false_texts else ~missing
    if len(col) <= 16:  # a few cells (one case): one look at each beats five passes
        return np.array([_true(v, gone, false_texts)
                         for v, gone in zip(col.tolist(), missing.tolist(), strict=True)],
                        dtype=bool)
    obj = col.astype(object)
    out = np.asarray(obj.astype(bool), dtype=bool) & ~missing
    if false_texts:
        out &= ~np.asarray(np.equal(obj, "false") | np.equal(obj, "False"), dtype=bool)
    return out


def _true(v: Any, gone: bool, false_texts: bool) -> bool:
    """``bool(v)`` of one object cell, false where it is missing (``gone``); with
    ``false_texts``, "false"/"False" are false."""
    return not gone and bool(v) and not (false_texts and v in _FALSE_TEXTS)


def _month_day(days: NDArray[np.datetime64]) -> NDArray[np.int64]:
    """Each date's (month, day) as one sortable number: a birthday is the same month and day,
    whatever the leap years in between."""
    months = days.astype("datetime64[M]")
    month = (months - days.astype("datetime64[Y]").astype("datetime64[M]")).astype(np.int64)
    day = (days - months.astype("datetime64[D]")).astype(np.int64)
    return np.asarray(month * 32 + day)


#: Up to this many pairs of dates, :func:`years_between` counts in Python's calendar: numpy's
#: passes over a table of the days between them cost some tens of microseconds whatever the
#: rows, a date of one case a microsecond.
_FEW_DATES = 32


def full_years(birth: dt.date, day: dt.date) -> int:
    """Full years from ``birth`` to ``day``, as :func:`years_between` counts them (born on 29
    February: of age on 1 March in a common year)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def years_between(earlier: NDArray[np.datetime64], later: NDArray[np.datetime64]
                   ) -> NDArray[np.int64]:
    """Full years from ``earlier`` to ``later`` (age in years): the difference of the years,
    less one where ``later``'s month and day come before ``earlier``'s (the birthday has not
    come yet). A person born on 29 February comes of age on 1 March in a common year.

    Years and month-days are looked up in tables over the dates' range (NaT rows give an
    arbitrary number).

    >>> d = lambda *s: np.array(s, dtype="datetime64[D]")
    >>> years_between(d("2000-03-01", "2001-03-01", "2000-02-29"),
    ...                d("2018-03-01", "2016-02-29", "2018-02-28")).tolist()
    [18, 14, 17]
    """
    e, la = earlier.astype("datetime64[D]").view(np.int64), later.astype(
        "datetime64[D]").view(np.int64)
    nat = np.iinfo(np.int64).min
    if e.shape == la.shape == (len(e),) and len(e) <= _FEW_DATES:
        pairs = list(zip(e.view("datetime64[D]").tolist(), la.view("datetime64[D]").tolist(),
                         strict=True))
        if all(type(a) is dt.date and type(b) is dt.date for a, b in pairs):  # no NaT
            return np.array([full_years(a, b) for a, b in pairs], dtype=np.int64)
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


def list_items(columns: Columns, prefix: str) -> list[str]:
    """Names of the columns ``prefix.0``, ``prefix.1`` … of a list fact."""
    names = []
    i = 0
    while f"{prefix}.{i}" in columns:
        names.append(f"{prefix}.{i}")
        i += 1
    return names


def _whole(col: NDArray[Any] | None, missing: NDArray[np.bool_], n: int, default: int
           ) -> NDArray[np.int64]:
    """Whole numbers (``int(cell)``), ``default`` where missing."""
    if col is None:
        return const(default, n, np.int64)
    if col.dtype.kind in "biu":
        return col.astype(np.int64)
    if col.dtype.kind == "U":
        return np.where(missing, str(default), col).astype(np.int64)
    if col.dtype.kind == "f":
        return np.where(missing, default, col).astype(np.int64)
    obj = col.astype(object)
    obj[missing] = default
    return obj.astype(np.int64)


def any_of(masks: list[NDArray[np.bool_]], n: int) -> NDArray[np.bool_]:
    """Rows where any of ``masks`` holds (none: no row)."""
    masks = [m for m in masks if not (is_const(m) and len(m) and not m[0])]
    if not masks:
        return const(False, n)
    return masks[0] if len(masks) == 1 else np.logical_or.reduce(masks)
