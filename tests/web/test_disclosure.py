"""Small-cell disclosure control (qaitu.web.dashboards.disclosure): no hidden count can be
worked out from what a page shows.

The attack: every shown count and every total the page shows or implies (row, column and
grand totals of every table, shared by the tables that slice one another), hidden counts
unknown but at least 1 (zeros are shown, so a hidden count is not zero). A linear program
takes the least and the greatest value each hidden cell can have; they must differ."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from qaitu.web.dashboards.disclosure import Protected, Table, pinned, protect

T = 5


def attack(tables, protected, least=1):
    """The range [least, greatest] of every hidden cell given what is shown (None: unbounded),
    hidden counts at least ``least`` (1 where zeros are shown, 0 where they are hidden)."""
    hidden = sorted(protected.hidden, key=lambda c: sorted(map(str, c)))
    index = {c: i for i, c in enumerate(hidden)}
    a_eq, b_eq = [], []
    for table in tables:
        for total, parts in table.equations():
            row, rhs = np.zeros(len(hidden)), 0.0
            for cell, sign in ((total, 1), *((p, -1) for p in parts)):
                if cell in index:
                    row[index[cell]] += sign
                else:
                    rhs -= sign * protected.counts[cell]
            if row.any():
                a_eq.append(row)
                b_eq.append(rhs)
            else:
                assert rhs == 0
    out = {}
    for cell, i in index.items():
        ends = []
        for sense in (1, -1):
            c = np.zeros(len(hidden))
            c[i] = sense
            res = linprog(c, A_eq=np.array(a_eq) if a_eq else None,
                          b_eq=np.array(b_eq) if b_eq else None,
                          bounds=[(least, None)] * len(hidden), method="highs")
            assert res.status in (0, 3), res.message  # the true counts are always feasible
            ends.append(None if res.status == 3 else sense * res.fun)
        out[cell] = tuple(ends)
    return out


def assert_safe(tables, hide_zero=False):
    protected = protect(tables, T, hide_zero=hide_zero)
    for cell, n in protected.counts.items():
        if 0 < n < T or (hide_zero and n == 0):
            assert cell in protected.hidden
        if n == 0 and not hide_zero:
            assert cell not in protected.hidden
    for cell, (low, high) in attack(tables, protected, 0 if hide_zero else 1).items():
        assert high is None or high - low >= 1, (sorted(cell, key=str), low, high,
                                                  protected.counts[cell])
        # nor can a reader tell that a count hidden for being small is small
        assert cell not in protected.primary or high is None or high >= T, (
            sorted(cell, key=str), low, high, protected.counts[cell])
        assert low <= protected.counts[cell] and (high is None or protected.counts[cell] <= high)
    return protected


def grid(rows, cols, counts):
    return Table(("r", "c"), (tuple(range(rows)), tuple(range(cols))),
                 {(i, j): int(n) for (i, j), n in np.ndenumerate(counts)})


COUNT = st.one_of(st.integers(0, 4), st.integers(0, 30), st.just(0), st.just(1))


@st.composite
def cube(draw, shape):
    size = int(np.prod(shape))
    return np.array(draw(st.lists(COUNT, min_size=size, max_size=size))).reshape(shape)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5).flatmap(lambda r: st.integers(1, 5).flatmap(
    lambda c: cube((r, c)))))
def test_no_hidden_cell_of_a_table_and_its_totals_can_be_derived(counts):
    assert_safe([grid(*counts.shape, counts)])


@settings(max_examples=60, deadline=None)
@given(st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4)).flatmap(cube))
def test_tables_sharing_a_margin_are_protected_together(n):
    """Caseload by stage × article and by article × year: both sum to the totals per article."""
    a, b, c = n.shape
    by_stage = Table(("stage", "article"), (tuple(range(a)), tuple(range(b))),
                     {(i, j): int(n[i, j, :].sum()) for i in range(a) for j in range(b)})
    by_year = Table(("article", "year"), (tuple(range(b)), tuple(range(c))),
                    {(j, k): int(n[:, j, k].sum()) for j in range(b) for k in range(c)})
    assert_safe([by_stage, by_year])


@pytest.mark.parametrize("hide_zero", [False, True])
@settings(max_examples=60, deadline=None)
@given(st.tuples(st.integers(1, 3), st.integers(1, 4), st.integers(1, 4)).flatmap(cube))
def test_one_dimensional_slices_of_one_total_are_protected_together(hide_zero, n):
    """The ministry's outcomes: each measure by region and by year, one total per measure;
    with zeros hidden (the outcomes page), none can be worked out either, knowing only that a
    hidden count is at least 0."""
    tables = []
    for m in range(n.shape[0]):
        tables.append(Table(("region",), (tuple(range(n.shape[1])),),
                            {(i,): int(n[m, i, :].sum()) for i in range(n.shape[1])},
                            fixed=(("measure", m),)))
        tables.append(Table(("year",), (tuple(range(n.shape[2])),),
                            {(k,): int(n[m, :, k].sum()) for k in range(n.shape[2])},
                            fixed=(("measure", m),)))
    assert_safe(tables, hide_zero)


def test_two_small_cells_beside_their_totals_are_no_longer_recoverable():
    """The finding: two hidden cells (< 5), each alone in its row, recovered from the row
    totals. Both now share their rows with another hidden cell."""
    table = grid(3, 3, np.array([[3, 12, 20], [9, 2, 30], [15, 16, 40]]))
    naive = {table.cell((0, 0)), table.cell((1, 1))}
    assert set(pinned(table.cells(), table.equations(), set(naive))) == naive
    protected = assert_safe([table])
    assert protected.primary == naive and protected.hidden > naive
    assert protected.shown(table.cell((0, 0))) is None
    assert protected.shown(table.cell((None, None))) == 147


def test_a_table_without_small_cells_hides_nothing():
    assert assert_safe([grid(2, 2, np.array([[5, 0], [7, 20]]))]).hidden == set()


def test_two_ones_beside_a_total_are_protected():
    """With zeros shown, a hidden count is at least 1: two hidden cells under a shown total of
    2 would both be 1."""
    table = Table(("r",), ((0, 1, 2),), {(0,): 1, (1,): 1, (2,): 10})
    protected = assert_safe([table])
    assert table.cell((2,)) in protected.hidden or table.cell((None,)) in protected.hidden


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5).flatmap(lambda r: st.integers(1, 5).flatmap(
    lambda c: cube((r, c)))))
def test_with_zeros_hidden_no_cell_under_the_threshold_nor_any_hidden_one_can_be_derived(
        counts):
    """«any cell under 5 suppressed»: 0 as well, and no hidden cell pinned by the totals now
    that the reader may not assume a hidden count is at least 1."""
    assert_safe([grid(*counts.shape, counts)], hide_zero=True)


def test_hidden_zeros_beside_a_shown_total_are_not_all_zero_to_the_reader():
    """A row of 12 with cells 12, 0, 0: hiding the zeros alone would let the reader subtract
    12 - 12 = 0; the 12 is hidden with them."""
    table = Table(("r",), ((0, 1, 2),), {(0,): 12})
    protected = assert_safe([table], hide_zero=True)
    assert protected.primary == {table.cell((1,)), table.cell((2,))}
    assert table.cell((0,)) in protected.hidden and protected.shown(table.cell((None,))) == 12


def test_tables_that_disagree_on_a_shared_total_are_refused():
    one = Table(("a",), ((0,),), {(0,): 6})
    other = Table(("b",), ((0,),), {(0,): 7})
    with pytest.raises(ValueError, match="differently: 6 and 7"):
        protect([one, other], T)


def test_a_repeat_view_reuses_the_protection_and_a_changed_count_recomputes():
    counts = np.array([[2, 9], [7, 8]])
    first = protect([grid(2, 2, counts)], 5)
    assert first.hidden and protect([grid(2, 2, counts.copy())], 5) is first
    changed = protect([grid(2, 2, np.array([[6, 9], [7, 8]]))], 5)
    assert changed is not first and changed.hidden == frozenset()
    assert protect([grid(2, 2, counts)], 6) is not first


def outcome_tables(n):
    """The outcomes page's shape: per measure (axis 0), one table per breakdown (the other
    axes), every table of a measure summing to its national total."""
    tables = []
    for m in range(n.shape[0]):
        for axis in range(1, n.ndim):
            by = n[m].sum(axis=tuple(a - 1 for a in range(1, n.ndim) if a != axis))
            tables.append(Table((f"d{axis}",), (tuple(range(n.shape[axis])),),
                                {(i,): int(k) for i, k in enumerate(by)},
                                fixed=(("measure", m),)))
    return tables


@pytest.mark.parametrize("least", [0, 1])
@settings(max_examples=80, deadline=None)
@given(st.one_of(
    st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
        lambda s: cube(s).map(lambda n: [grid(*n.shape, n)])),
    st.tuples(st.integers(1, 2), st.integers(1, 3), st.integers(1, 4)).flatmap(
        lambda s: cube(s).map(outcome_tables))), st.randoms(use_true_random=False))
def test_pinned_finds_exactly_the_cells_the_attack_pins(least, tables, rnd):
    """pinned() frees cells by cheap solutions first (twins trading between them, two linear
    programs per block of cells); whatever it hides, a cell is pinned exactly when its least
    and greatest value, each from its own linear program, are both less than 1 from its count,
    or, for a cell that must be able to reach the threshold (a small count: the reader may not
    know it is small), when its greatest value is under the threshold."""
    counts: dict = {}
    equations: dict = {}
    for table in tables:
        counts.update(table.cells())
        equations.update(dict.fromkeys(table.equations()))
    hidden = {c for c, n in counts.items() if n >= least and rnd.random() < 0.6}
    small = {c: T for c in hidden if counts[c] < T and rnd.random() < 0.5}
    ranges = attack(tables, Protected(counts, frozenset(hidden), frozenset()), least)
    exact = {cell for cell, (low, high) in ranges.items() if high is not None and (
        high < T - 1e-9 if cell in small else
        high - counts[cell] < 1 - 1e-9 and counts[cell] - low < 1 - 1e-9)}
    assert set(pinned(counts, equations, set(hidden), least, small)) == exact


def test_cells_on_the_same_lines_are_freed_without_a_linear_program(monkeypatch):
    """Two hidden regions of one measure, one of them above 0, trade a person between them:
    neither can be worked out, and no linear program is needed to know it."""
    import qaitu.web.dashboards.disclosure as disclosure

    def refuse(*args, **kwargs):
        raise AssertionError("a linear program was solved")

    monkeypatch.setattr(disclosure, "linprog", refuse)
    tables = outcome_tables(np.array([[[3, 0, 12], [0, 0, 13]]]))  # 3, 0 and 25 by d2
    counts = {c: n for t in tables for c, n in t.cells().items()}
    hidden = {c for c, n in counts.items() if n < T}
    assert len(hidden) == 2 and pinned(counts, {e: None for t in tables for e in t.equations()},
                             hidden, 0) == []


def test_a_pinned_zero_with_nothing_shown_on_its_lines_hides_a_count_of_its_block():
    """Stage x article beside article x year, zeros hidden: the zero at stage 0, article 1 has
    only hidden counts on its lines, yet the equations pin it. The count hidden for it lies on
    a line of the hidden cells joined to it (here the total of article 1 or 2 goes), not the
    smallest count anywhere on the page: the 16 cases of article 0 stay shown."""
    n = np.array([[7, 0, 0], [2, 0, 0], [0, 0, 0], [7, 7, 7]])
    by_stage = grid(4, 3, n)
    by_year = Table(("c", "year"), ((0, 1, 2), (2025,)),
                    {(j, 2025): int(n[:, j].sum()) for j in range(3)})
    protected = assert_safe([by_stage, by_year], hide_zero=True)
    assert protected.shown(by_stage.cell((None, 0))) == 16
    assert protected.shown(by_stage.cell((None, None))) == 30


def test_small_counts_beside_a_shown_total_may_not_be_known_to_be_small():
    """2 and 3 of a column of 5, zeros shown (a hidden count is at least 1): each could be 1 to
    4, so neither can be worked out, yet the reader knows both are under 5, which is what
    hiding them was to keep from them. Each must be able to reach 5: the total goes too."""
    table = grid(2, 1, np.array([[2], [3]]))
    protected = assert_safe([table])
    assert protected.shown(table.cell((None, None))) is None
    assert protected.hidden == set(protected.counts)
