"""A few cells (one case) are read cell by cell, many by whole-column passes: the same
values either way."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from qaitu.law.columns import Table, _missing, _truthy

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
        except KeyError as error:  # no word of the vocabulary: the same error either way
            codes.append(error.args)
    assert codes[0] == codes[1]
    assert (codes[0] == [WORDS.index(cell)] if cell in WORDS
            else codes[0] == [len(WORDS)] if one.missing("c")[0] else codes[0] == (str(cell),))
