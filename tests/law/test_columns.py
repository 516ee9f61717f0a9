"""A few cells (one case) are read cell by cell, many by whole-column passes: the same
values either way."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from qaitu.law.columns import _FEW_DATES, NotAWord, Table, _missing, _truthy, years_between

CELLS = [True, False, None, "", "unknown", "false", "False", "true", "yes", 0, 1, 0.0, 2.5,
         float("nan"), "x"]


@pytest.mark.parametrize("false_texts", [True, False])
def test_a_few_object_cells_are_truthy_as_a_long_column_reads_them(false_texts: bool) -> None:
    few = np.array(CELLS, dtype=object)
    long = np.array(CELLS * 3, dtype=object)  # past the few cells read one by one
    assert len(few) <= 16 < len(long)
    alone = _truthy(few, _missing(few, len(few)), len(few), false_texts)
    among = _truthy(long, _missing(long, len(long)), len(long), false_texts)[:len(few)]
    assert alone.dtype == among.dtype == bool
    assert alone.tolist() == among.tolist()
    assert alone.tolist()[:9] == [True, False, False, False, False, not false_texts,
                                  not false_texts, True, True]


DATE_CELLS = ["2024-11-20", "2024-11-20T10:00", dt.date(2020, 2, 29),
              dt.datetime(2021, 5, 6, 7, 8), "not a date", "2024-02-30", None, "", "unknown",
              float("nan")]
WORDS = ["none", "recidivism", "dangerous_recidivism"]


@pytest.mark.parametrize("cell", [*CELLS, *DATE_CELLS, *WORDS])
def test_one_case_is_read_cell_by_cell_as_a_column_reads_it(cell: object) -> None:
    """A one-row table (an assessment's case) reads its object cell without numpy's passes;
    every conversion gives what the same cell gives read in a column of several rows."""
    one = Table({"c": np.array([cell], dtype=object)}, 1)
    column = Table({"c": np.array([cell, "other"], dtype=object)}, 2)
    assert one.cell("c") is not None and column.cell("c") is None
    pairs = [(one.missing("c"), column.missing("c")), (one.known("c"), column.known("c")),
             (one.truthy("c"), column.truthy("c")),
             (one.truthy("c", false_texts=False), column.truthy("c", false_texts=False)),
             (one.text("c"), column.text("c")), *zip(one.dates("c"), column.dates("c"),
                                                     strict=True)]
    for alone, among in pairs:
        assert alone.dtype.kind == among.dtype.kind
        assert alone.tolist() == among[:1].tolist()
    codes = []
    for table in (one, Table({"c": np.array([cell, cell], dtype=object)}, 2)):
        try:
            codes.append(table.codes("c", WORDS)[:1].tolist())
        except NotAWord as error:  # no word of the vocabulary: the same refusal either way
            codes.append((error.column, error.row, str(error.value)))
    assert codes[0] == codes[1]
    assert (codes[0] == [WORDS.index(cell)] if cell in WORDS
            else codes[0] == [len(WORDS)] if one.missing("c")[0] else codes[0] == ("c", 0,
                                                                                 str(cell)))


def test_an_age_in_full_years_is_the_same_for_one_case_as_for_a_cohort() -> None:
    """Art. 15 counts age in full years reached («достигшее … возраста»): the few dates of one
    case are counted in Python's calendar, a cohort's by numpy's passes, to the same years,
    a birthday on 29 February reached on 1 March of a common year either way."""
    births = np.array(["2000-02-29", "2000-03-01", "1991-04-12", "2008-11-20", "2010-01-01"],
                      dtype="datetime64[D]")
    days = np.array(["2018-02-28", "2018-02-28", "2026-03-01", "2024-11-20", "2024-12-31"],
                    dtype="datetime64[D]")
    many = _FEW_DATES + 1  # past the few counted one by one
    cohort = years_between(np.resize(births, many * len(births)),
                           np.resize(days, many * len(days)))[:len(births)]
    assert years_between(births, days).tolist() == cohort.tolist() == [17, 17, 34, 16, 14]
    assert years_between(births, days).dtype == cohort.dtype == np.int64
    assert years_between(births[:1], np.array(["2018-03-01"], dtype="datetime64[D]")) == [18]
