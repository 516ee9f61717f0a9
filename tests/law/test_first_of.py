"""``first_of``, the rules' list of cases read in order: what ``np.select`` gives, dtype too."""

from __future__ import annotations

import numpy as np

from qaitu.law.variables.authoring import first_of


def test_the_first_case_that_holds_decides_each_row() -> None:
    mass, deaths = np.array([True, False, True, False]), np.array([True, True, False, False])
    assert first_of([mass, deaths], [4, 3], 1).tolist() == [4, 3, 4, 1]


def test_first_of_gives_what_np_select_gives_with_its_dtype() -> None:
    rng = np.random.default_rng(0)
    kinds = [lambda n: int(rng.integers(0, 5)), lambda n: rng.integers(0, 5, n).astype(np.int16),
             lambda n: rng.random(n) < 0.5, lambda n: np.int16(3), lambda n: True,
             lambda n: 0.5]
    for _ in range(500):
        n, k = int(rng.integers(1, 9)), int(rng.integers(1, 5))
        conditions = [rng.random(n) < 0.4 for _ in range(k)]
        values = [kinds[int(rng.integers(0, len(kinds)))](n) for _ in range(k + 1)]
        ours, numpy_s = first_of(conditions, values[:-1], values[-1]), np.select(
            conditions, values[:-1], values[-1])
        assert ours.dtype == numpy_s.dtype and np.array_equal(ours, numpy_s), values
