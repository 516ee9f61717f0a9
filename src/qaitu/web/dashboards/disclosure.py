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
   of cells of 1 that could only move by going below 1); linear programs over every equation
   of the page find such a cell (:func:`pinned`), and one more cell of its lines is hidden,
   until none is left.

A hidden cell is shown as one symbol whichever step hid it, so the reader learns only that it
is not zero (with ``hide_zero``, not even that). ``tests/web/test_disclosure.py`` tries to
recover every hidden cell: the least and the greatest value it can take, given every shown
count, every equation and that hidden counts are at least 1 (at least 0 with ``hide_zero``),
must differ.
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
            fixed = pinned(counts, equations, hidden, least)
            before = len(hidden)
            for cell in fixed:
                near = [eq for eq in equations if cell in (eq[0], *eq[1])]
                # Some shown count is not zero: were all hidden, scaling every count up would
                # keep every equation, so no cell would be pinned.
                choices = ([c for eq in near if (c := partner(eq)) is not None]
                           or [c for eq in equations if (c := partner(eq)) is not None])
                if choices:
                    hidden.add(min(choices, key=lambda c: (counts[c], order[c])))
            if len(hidden) == before:
                # Nothing pinned, or no shown count left to hide beside it: what stays pinned
                # is a count the reader knows anyway, a zero of a line whose every count is
                # zero (with ``hide_zero``), and another pass would loop for ever.
                break
        else:
            hidden.add(partner(line))  # type: ignore[arg-type]
    return Protected(MappingProxyType(counts), frozenset(hidden), primary)


def pinned(counts: Mapping[Cell, int], equations: Iterable[Equation],
           hidden: set[Cell], least: int = 1) -> list[Cell]:
    """The hidden cells a reader can pin to one value: with every shown count, every equation
    and every hidden count at least ``least`` (1 where zeros are shown, else 0), the greatest
    and the least value the
    cell can take (linear programs, HiGHS) are less than 1 apart. The true counts are always a
    solution, so a cell is free as soon as one bound is 1 or more away from its count."""
    unknowns = [c for c in counts if c in hidden]
    index = {c: i for i, c in enumerate(unknowns)}
    rows, rhs = [], []
    for total, parts in equations:
        row, known = np.zeros(len(unknowns)), 0
        for cell, sign in ((total, 1), *((p, -1) for p in parts)):
            if cell in index:
                row[index[cell]] += sign
            else:
                known -= sign * counts[cell]
        if row.any():
            rows.append(row)
            rhs.append(known)
    out = []
    for cell, i in index.items():
        for sense in (-1, 1):  # the greatest value first, then the least
            goal = np.zeros(len(unknowns))
            goal[i] = sense
            res = linprog(goal, A_eq=np.array(rows), b_eq=np.array(rhs),
                          bounds=[(least, None)] * len(unknowns), method="highs")
            if res.status == 3 or abs(sense * res.fun - counts[cell]) >= 1 - 1e-9:
                break  # unbounded, or a bound at least 1 away: the cell is not pinned
        else:
            out.append(cell)
    return out
