"""A few cells (one case) are read cell by cell, many by whole-column passes: the same
values either way."""

from __future__ import annotations

import numpy as np
import pytest

from qaitu.law.columns import _missing, _truthy

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
