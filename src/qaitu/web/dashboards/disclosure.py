"""Small-cell disclosure control for the tables one page shows together.

A count of 1 to 4 people can point at a person, so aggregate-only readers never see one
(*primary suppression*). Hiding those cells alone is not enough: where a row, a column or a
total is shown, a hidden cell that is the only one hidden in its line is that line's total
minus the rest, and tables that are slices of one another (caseload by stage and by year share
the totals per article) give the reader more lines to subtract along. So every table shown on
a page is protected *together* (:func:`protect`):

1. **primary**: hide every count from 1 to ``threshold - 1``. Zero is shown on the caseload
   dashboard: it names nobody, and hiding it would not hide anything else (docs/security.md,
   "Small cells"). Where a page counts what happened to people (the programme's outcomes), a
   zero is disclosive too — «nobody of region X reoffended» tells about everyone enrolled
   there — and ``hide_zero`` hides every count under the threshold, 0 included, as issue 11
   asks («any cell under 5 suppressed»).
2. **complementary**: a line (a cell's row, column or a totals line: every sum the page shows,
   across all its tables) is *exposed* when it holds exactly one hidden cell, or when its total
   is shown and its hidden cells add up to a count below the threshold (the reader would know
   they are small: with zeros shown, two hidden cells beside a total of 2 are both 1; with
   zeros hidden, hidden cells adding up to 0 are all 0). An
   exposed line loses its next-smallest non-zero cell, or its total when no cell is left;
   repeated until no line is exposed.
3. **no cell follows from the others**: the line rule can still leave a hidden cell pinned by
   the equations taken together (a cell bridging two separately protected blocks, or a chain
   of cells of 1 that could only move by going below 1); every equation of the page is
   searched for such a cell (:func:`pinned`: cells on the same lines first, then linear
   programs, a few per block of hidden cells that share lines), and one more count is hidden
   on its lines, or, where its lines show none, on the lines of the hidden cells joined to it,
   until none is left.

   A cell hidden for being small is free only where it could be as large as the threshold:
   a count the reader knows to lie between 1 and 4 is not worked out, yet they know it is
   small, which is what hiding it was to keep from them.

A hidden cell is shown as one symbol whichever step hid it, so the reader learns only that it
is not zero (with ``hide_zero``, not even that). ``tests/web/test_disclosure.py`` tries to
recover every hidden cell: the least and the greatest value it can take, given every shown
count, every equation and that hidden counts are at least 1 (at least 0 with ``hide_zero``),
must differ, and the greatest value of a cell hidden for being small must reach the threshold.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from scipy.optimize import linprog

#: A count is named by the values of its dimensions: ``{("stage", "trial"), ("article",
#: "172")}``; a table's margins drop a dimension, and the grand total of a table drops all but
#: the fixed ones. Tables on one page that name a count alike show the same count.
Cell = frozenset[tuple[str, Hashable]]
#: How a hidden count is shown, on screen and in downloads alike.
HIDDEN = "×"
#: ``total = sum(parts)``: one line the reader can subtract along.
Equation = tuple[Cell, tuple[Cell, ...]]


@dataclass(frozen=True)
class Table:
    """Counts over one or two dimensions, with every margin (each shown or derivable).

    ``dims`` names the dimensions, ``values`` gives each one's values in display order,
    ``counts`` maps one value per dimension to a count (absent means 0), and ``fixed`` names
    what the whole table is about (a one-dimensional table per measure, for instance), which
    every cell of the table carries.
    """

    dims: tuple[str, ...]
    values: tuple[tuple[Hashable, ...], ...]
    counts: Mapping[tuple, int]
    fixed: tuple[tuple[str, Hashable], ...] = ()

    def cell(self, key: Sequence[Hashable | None]) -> Cell:
        """The cell at ``key`` (one value per dimension; ``None`` for that dimension's total)."""
        return frozenset([*self.fixed, *((d, v) for d, v in zip(self.dims, key, strict=True)
                                         if v is not None)])

    def cells(self) -> dict[Cell, int]:
        """Every cell and margin with its count."""
        out: dict[Cell, int] = {}
        for key in itertools.product(*(((*vs, None)) for vs in self.values)):
            out[self.cell(key)] = 0
        for key, n in self.counts.items():
            for mask in itertools.product((False, True), repeat=len(self.dims)):
                out[self.cell([None if m else v for v, m in zip(key, mask, strict=True)])] += n
        return out

    def equations(self) -> list[Equation]:
        """Each line: for every dimension, each combination of the others (a value or their
        total) is the sum over this dimension's values."""
        out = []
        for i, vs in enumerate(self.values):
            others = [((*v, None)) for v in self.values[:i] + self.values[i + 1:]]
            for rest in itertools.product(*others):
                def at(v, rest=rest, i=i):
                    return self.cell([*rest[:i], v, *rest[i:]])
                out.append((at(None), tuple(at(v) for v in vs)))
        return out


@dataclass(frozen=True)
class Protected:
    """The counts of a page with the cells its reader may not see."""

    counts: Mapping[Cell, int]
    hidden: frozenset[Cell]
    primary: frozenset[Cell]

    def shown(self, cell: Cell) -> int | None:
        """The count, or ``None`` where it is hidden."""
        return None if cell in self.hidden else self.counts[cell]

    def grid(self, table: Table) -> dict:
        """A two-dimensional table as shown: rows of cells with their row total, the totals
        line and the grand total (``None`` where hidden)."""
        rows, cols = table.values
        return {"rows": [(r, [self.shown(table.cell((r, c))) for c in cols],
                          self.shown(table.cell((r, None)))) for r in rows],
                "totals": [self.shown(table.cell((None, c))) for c in cols],
                "total": self.shown(table.cell((None, None)))}


def protect(tables: Iterable[Table], threshold: int, hide_zero: bool = False) -> Protected:
    """Hide every count from 1 to ``threshold - 1`` (from 0 with ``hide_zero``) and enough
    others that none of them can be worked out from what the tables show (module docstring).

    The result depends only on the tables' counts and the threshold, so it is kept for them
    (:func:`_protect`, a per-process LRU cache): a page viewed again over unchanged data runs
    no linear program; a changed count is another key and is protected afresh."""
    return _protect(tuple((t.dims, t.values, frozenset((k, n) for k, n in t.counts.items() if n),
                           t.fixed) for t in tables), threshold, hide_zero)


@functools.lru_cache(maxsize=256)
def _protect(keys: tuple[tuple, ...], threshold: int, hide_zero: bool = False) -> Protected:
    tables = [Table(dims, values, dict(counts), fixed) for dims, values, counts, fixed in keys]
    counts: dict[Cell, int] = {}
    equations: dict[Equation, None] = {}
    for table in tables:
        for cell, n in table.cells().items():
            if counts.setdefault(cell, n) != n:
                raise ValueError(f"two tables count {sorted(cell, key=str)} differently: "
                                 f"{counts[cell]} and {n}")
        equations.update(dict.fromkeys(table.equations()))
    order = {cell: i for i, cell in enumerate(counts)}
    least = 0 if hide_zero else 1  # what the reader knows of a hidden count
    hidden = {cell for cell, n in counts.items() if least <= n < threshold}
    primary = frozenset(hidden)

    def partner(eq: Equation) -> Cell | None:
        """The line's smallest non-zero shown cell, else its total if shown and not zero."""
        total, parts = eq
        free = [c for c in parts if c not in hidden and counts[c] > 0]
        if free:
            return min(free, key=lambda c: (counts[c], order[c]))
        return total if total not in hidden and counts[total] > 0 else None

    def exposed(eq: Equation) -> bool:
        total, parts = eq
        inside = [c for c in (total, *parts) if c in hidden]
        small = (bool(inside) and total not in hidden
                 and sum(counts[c] for c in inside) < threshold)
        return len(inside) == 1 or small

    while True:
        line = next((eq for eq in equations if exposed(eq) and partner(eq) is not None), None)
        if line is None:
            fixed = pinned(counts, equations, hidden, least,
                           reach=dict.fromkeys(primary, threshold))
            before = len(hidden)
            done: set[Cell] = set()  # the blocks given a partner in this pass
            for cell in fixed:
                if cell in done:
                    continue  # its block has one more shown count hidden: look again first
                block = _hidden_cells_joined_to(cell, hidden, equations)
                # A shown count beside the cell, else on a line of its block (the hidden
                # cells it shares lines with, and theirs): that gives the cell room to move.
                # Such a count exists: were every count on the block's lines hidden (or a
                # zero shown), adding one person to the cell and to every total over it, or
                # doubling the block, would keep every equation, and no cell would be pinned.
                choices = ([c for eq in equations if cell in (eq[0], *eq[1])
                            if (c := partner(eq)) is not None]
                           or [c for eq in equations if block & {eq[0], *eq[1]}
                               if (c := partner(eq)) is not None])
                if choices:
                    hidden.add(min(choices, key=lambda c: (counts[c], order[c])))
                    done |= block
            if len(hidden) == before:
                # Nothing pinned (or, against the reasoning above, nothing left to hide on a
                # pinned cell's lines: another pass would loop for ever).
                break
        else:
            hidden.add(partner(line))  # type: ignore[arg-type]
    return Protected(MappingProxyType(counts), frozenset(hidden), primary)


def _hidden_cells_joined_to(cell: Cell, hidden: set[Cell],
                            equations: Iterable[Equation]) -> set[Cell]:
    """The block of ``cell``: the hidden cells joined to it by lines (equations) whose cells
    they are, as the suppression stands now (:func:`_unknowns_by_block` splits the unknowns
    of :func:`pinned`'s equations alike, all at once)."""
    lines = [{eq[0], *eq[1]} for eq in equations]
    out, todo = {cell}, [cell]
    while todo:
        here = todo.pop()
        for line in lines:
            if here in line:
                for other in line & hidden - out:
                    out.add(other)
                    todo.append(other)
    return out


def pinned(counts: Mapping[Cell, int], equations: Iterable[Equation],
           hidden: set[Cell], least: int = 1,
           reach: Mapping[Cell, int] | None = None) -> list[Cell]:
    """The hidden cells a reader can pin down: with every shown count, every equation and
    every hidden count at least ``least`` (1 where zeros are shown, else 0), the greatest and
    the least value the cell can take are less than 1 apart from its count; and a cell of
    ``reach`` (a count under the threshold) whose greatest value stays under its ``reach``:
    the reader would know it is small, which is what hiding it was to keep from them.

    The true counts ``v`` are always a solution, so a cell is *free* as soon as one solution
    puts it 1 or more away from its count (up to its reach, for a cell of ``reach``); every
    solution found frees every cell it moves that far. Solutions are looked for from the
    cheapest up:

    1. **twins**: hidden cells on exactly the same lines (the regions of one measure) can trade
       between them, ``v + t e_k - t e_j``, as far as ``j`` stays at ``least`` or above;
    2. per block of hidden cells that share lines (the equations fall apart into such blocks:
       one per measure on the outcomes page), two linear programs (HiGHS) that move every cell
       not yet free up, then down, as far as it needs (:func:`_push`);
    3. for a cell still not free, its greatest and then its least value (a linear program
       each, as the proof that it is pinned needs).
    """
    unknowns = [c for c in counts if c in hidden]
    index = {c: i for i, c in enumerate(unknowns)}
    rows: list[dict[int, int]] = []
    rhs: list[int] = []
    for total, parts in equations:
        row: dict[int, int] = {}
        known = 0
        for cell, sign in ((total, 1), *((p, -1) for p in parts)):
            if cell in index:
                row[index[cell]] = row.get(index[cell], 0) + sign
            else:
                known -= sign * counts[cell]
        row = {i: a for i, a in row.items() if a}
        if row:
            rows.append(row)
            rhs.append(known)
    value = np.array([counts[c] for c in unknowns], dtype=float)
    reach = reach or {}
    # a cell is free at or above ``up``, or at or below ``down`` (never, for a cell of reach)
    up = np.array([max(reach.get(c, 0), counts[c] + 1) for c in unknowns], dtype=float)
    down = np.array([-np.inf if c in reach else counts[c] - 1 for c in unknowns])
    free = np.zeros(len(unknowns), dtype=bool)
    lines: dict[int, list[tuple[int, int]]] = {i: [] for i in range(len(unknowns))}
    for r, row in enumerate(rows):
        for i, a in row.items():
            lines[i].append((r, a))
    twins: dict[tuple[tuple[int, int], ...], list[int]] = {}
    for i, on in lines.items():
        twins.setdefault(tuple(on), []).append(i)
    for group in twins.values():
        for k in group if len(group) > 1 else ():
            spare = max(value[j] for j in group if j != k) - least  # the most another can give
            free[k] = spare >= up[k] - value[k] or value[k] - least >= value[k] - down[k]
    for block in _unknowns_by_block(len(unknowns), rows):
        if free[block].all():
            continue
        used = sorted({r for i in block for r, _a in lines[i]})
        where = {i: k for k, i in enumerate(block)}
        a_eq = np.zeros((len(used), len(block)))
        for k, r in enumerate(used):
            for i, a in rows[r].items():
                a_eq[k, where[i]] = a
        b_eq = np.array([rhs[r] for r in used], dtype=float)
        cells = np.array(block)

        def moved(x: np.ndarray, cells: np.ndarray = cells) -> None:
            free[cells[(x >= up[cells] - 1e-9) | (x <= down[cells] + 1e-9)]] = True

        for sense, need in ((1, up - value), (-1, value - down)):
            todo = [where[i] for i in block if not free[i] and np.isfinite(need[i])]
            if todo:
                moved(_push(a_eq, b_eq, value[cells], todo, need[cells[todo]], sense, least))
        for i in block:
            for sense in (-1, 1):  # the greatest value first, then the least
                if free[i] or (sense == 1 and not np.isfinite(down[i])):
                    break
                goal = np.zeros(len(block))
                goal[where[i]] = sense
                res = linprog(goal, A_eq=a_eq, b_eq=b_eq, bounds=(least, None), method="highs")
                if res.status == 3:
                    free[i] = True  # unbounded
                elif res.status == 0:
                    moved(res.x)
                else:
                    raise RuntimeError(f"the counts shown do not solve their equations: "
                                       f"{res.message}")
    return [c for c, i in index.items() if not free[i]]


def _unknowns_by_block(n: int, rows: list[dict[int, int]]) -> list[list[int]]:
    """The unknowns ``0..n-1`` in groups that share no equation (union-find over the rows)."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for row in rows:
        first, *rest = row
        for i in rest:
            parent[root(i)] = root(first)
    out: dict[int, list[int]] = {}
    for i in range(n):
        out.setdefault(root(i), []).append(i)
    return list(out.values())


def _push(a_eq: np.ndarray, b_eq: np.ndarray, value: np.ndarray, todo: list[int],
          need: np.ndarray, sense: int, least: int) -> np.ndarray:
    """A solution of ``a_eq x = b_eq, x >= least`` that moves the cells ``todo`` away from
    ``value`` in the direction ``sense`` (+1 up, -1 down) as far as it can, counting no cell
    for more than it needs: maximise the sum of ``y_j <= min(need_j, sense (x_j - value_j))``.
    """
    n, k = a_eq.shape[1], len(todo)
    # variables: x (n), then y (k); y_j - sense x_j <= -sense value_j
    a_ub = np.zeros((k, n + k))
    a_ub[np.arange(k), todo] = -sense
    a_ub[np.arange(k), n + np.arange(k)] = 1
    res = linprog(np.concatenate([np.zeros(n), -np.ones(k)]),
                  A_ub=a_ub, b_ub=-sense * value[todo],
                  A_eq=np.hstack([a_eq, np.zeros((a_eq.shape[0], k))]), b_eq=b_eq,
                  bounds=[(least, None)] * n + [(None, float(m)) for m in need], method="highs")
    if res.status != 0:
        raise RuntimeError(f"the counts shown do not solve their equations: {res.message}")
    x: np.ndarray = res.x[:n]
    return x
