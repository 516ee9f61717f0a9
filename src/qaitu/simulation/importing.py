"""Anonymised cases from CSV or Parquet (flattened ``qaitu.case/1``), with a row-level report.

One row is one case; columns are flattened names (``episodes.0.formation.kind``). List facts
are numbered columns (``person.citizenship.0``); ``circumstances.*`` lists may also be one
column of "|"-joined items. Empty cells and ``unknown`` mean the fact is not known. Every cell
is checked against the ``qaitu.case/1`` models; a bad cell does not stop the import: its row is
left out and reported as (row, column, problem). Problems with the file as a whole (it cannot
be read, a column is not a ``qaitu.case/1`` fact) raise :class:`CohortFileError`.

>>> import io, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "cases.csv"
>>> _ = path.write_text("as_of,episodes.0.role\\n2026-01-01,combatant\\n2026-01-01,fighter\\n")
>>> result = read_cases(path)
>>> len(result.profiles)
1
>>> print(str(result.problems[0])[len(str(path)):])  # doctest: +ELLIPSIS
: row 2 (line 3), column episodes.0.role: expected one of combatant, ... got 'fighter'
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from qaitu.assessment.casefile import problem, problem_message
from qaitu.located import InputError, Problem, os_error
from qaitu.simulation.profiles import (
    ANCHOR,
    JOINED,
    NotAColumn,
    Note,
    Profiles,
    column_kind,
    parse_cell,
    to_array,
)
from qaitu.simulation.scenario_schema import Cohort
from qaitu.simulation.synthetic import generate

PASS_THROUGH = ("case_id", "schema")
LIST_PREFIX = "circumstances."


class CohortFileError(InputError):
    """A cohort file that cannot be imported at all; ``problems`` says why and where."""


@dataclass(frozen=True)
class ImportResult:
    """The cases that passed, and every problem found in the rows that did not."""

    profiles: Profiles
    problems: list[Problem]  # each names its row; its path is the column's name
    rows_read: int
    unknown_cells: dict[str, int]

    @property
    def rows_rejected(self) -> int:
        return len({p.row for p in self.problems})

    def report(self, lang: str = "en") -> dict[str, list[Any]]:
        """The row-level report as columns (source, row, line, column, key, problem): ``key``
        names the sentence (``input.<key>`` in ``reasons.yaml``) for a program to read,
        ``problem`` says it in ``lang`` for a person."""
        return {
            "source": [p.source for p in self.problems],
            "row": [p.row for p in self.problems],
            "line": [p.line for p in self.problems],
            "column": [p.path or "(row)" for p in self.problems],
            "key": [p.key for p in self.problems],
            "problem": [problem_message(p, lang) for p in self.problems],
        }


def _csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, int | None, list[str | None]]],
                                   list[Problem]]:
    """Header, then (row, line, cells) per data row; ragged rows become problems."""
    problems: list[Problem] = []
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
        reader = csv.reader(handle)
        header = next(reader, None)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        why = os_error(exc) if isinstance(exc, OSError) else {"reason": str(exc)}
        raise CohortFileError([problem(str(path), "", None, "unreadable", **why)]) from None
    if not header:
        handle.close()
        raise CohortFileError([problem(str(path), "", 1, "empty_file")])

    def rows() -> Iterator[tuple[int, int | None, list[str | None]]]:
        row = 0
        with handle:
            try:
                for cells in reader:
                    if not cells or all(not c.strip() for c in cells):
                        continue
                    row += 1
                    if len(cells) != len(header):
                        problems.append(replace(problem(
                            str(path), "", reader.line_num, "ragged_row", cells=len(cells),
                            header=len(header)), row=row))
                        continue
                    yield row, reader.line_num, [c.strip() or None for c in cells]
            except (UnicodeDecodeError, csv.Error) as exc:
                problems.append(replace(problem(str(path), "", reader.line_num,
                                                "row_unreadable", reason=str(exc)), row=row + 1))

    return [h.strip() for h in header], rows(), problems


def _parquet_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, int | None,
                                                               list[str | None]]]]:
    import polars as pl

    try:
        frame = pl.read_parquet(path)
    except Exception as exc:  # polars raises many kinds for a bad file
        raise CohortFileError([problem(str(path), "", None, "not_parquet", reason=str(exc))]
                              ) from None
    texts = []
    for name in frame.columns:
        col = frame[name]
        known = col.drop_nulls()
        if col.dtype.is_float() and (known == known.round()).all():
            col = col.cast(pl.Int64)
        texts.append(col.cast(pl.Utf8).to_list())

    def rows() -> Iterator[tuple[int, int | None, list[str | None]]]:
        for i, cells in enumerate(zip(*texts, strict=True), start=1):
            yield i, None, [c.strip() or None if c is not None else None for c in cells]

    return list(frame.columns), rows()


def _check_header(source: str, header: list[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for i, name in enumerate(header, start=1):
        if name in seen:
            problems.append(replace(problem(source, name, 1, "column_repeats", index=i,
                                            name=repr(name)), column=i))
        seen.add(name)
        if name in PASS_THROUGH:
            continue
        try:
            kind = column_kind(name)
        except NotAColumn as exc:
            problems.append(replace(problem(source, name, 1, exc.key, **exc.values), column=i))
            continue
        if kind == "list" and not name.startswith(LIST_PREFIX):
            problems.append(replace(problem(source, name, 1, "numbered_columns", name=name),
                                    column=i))
    return problems


def _list_column(name: str) -> str | None:
    """The joined column a numbered ``circumstances.*`` list column belongs to."""
    parts = name.rsplit(".", 1)
    if name.startswith(LIST_PREFIX) and len(parts) == 2 and parts[1].isdigit():
        return parts[0]
    return None


def read_cases(path: str | Path, today: dt.date | None = None) -> ImportResult:
    """Read a CSV or Parquet cohort; see the module docstring for what is reported how."""
    p = Path(path)
    source = str(p)
    if p.suffix.lower() == ".parquet":
        header, rows = _parquet_rows(p)
        ragged: list[Problem] = []
    elif p.suffix.lower() in (".csv", ".txt"):
        header, rows, ragged = _csv_rows(p)
    else:
        raise CohortFileError([problem(source, "", None, "not_a_table")])
    header_problems = _check_header(source, header)
    if header_problems:
        raise CohortFileError(header_problems)
    kinds = {h: ("text" if h in PASS_THROUGH else column_kind(h)) for h in header}
    targets = {h: _list_column(h) or h for h in header}
    values: dict[str, list[Any]] = {t: [] for t in dict.fromkeys(targets.values())
                                    if t != "schema"}
    problems: list[Problem] = []
    unknown = dict.fromkeys(values, 0)
    read = 0
    for row, line, cells in rows:
        read += 1
        parsed: dict[str, Any] = {}
        bad = False
        for name, cell in zip(header, cells, strict=True):
            target = targets[name]
            if name == "schema":
                if cell not in (None, "qaitu.case/1"):
                    problems.append(replace(problem(source, name, line, "schema",
                                                    got=repr(cell)), row=row))
                    bad = True
                continue
            if cell is None or cell == "unknown":
                parsed.setdefault(target, None)
                continue
            if kinds[name] == "text":
                parsed[target] = cell
                continue
            items = cell.split(JOINED) if kinds[name] == "list" or target != name else [cell]
            for item in items:
                value, found = parse_cell(target if kinds[name] == "list" else name,
                                          item.strip())
                if found:
                    problems.extend(replace(q, source=source, path=name, line=line, row=row)
                                    for q in found)
                    bad = True
                elif target != name or kinds[name] == "list":
                    joined = parsed.get(target)
                    parsed[target] = value if not joined else f"{joined}{JOINED}{value}"
                else:
                    parsed[target] = value
        if bad:
            continue
        for target in values:
            v = parsed.get(target)
            values[target].append(v)
            unknown[target] += v is None
    read += len({q.row for q in ragged})
    problems = sorted(ragged + problems, key=lambda q: (q.row or 0, q.path or "(row)"))
    return ImportResult(_profiles(values, source, today or dt.date.today()), problems, read,
                        {k: v for k, v in unknown.items()
                         if v and k not in PASS_THROUGH and column_kind(k) != "list"})


def _profiles(values: dict[str, list[Any]], source: str, today: dt.date) -> Profiles:
    """Typed columns; dates as day offsets from the judgment date (NaN where unknown)."""
    n = len(next(iter(values.values()), []))
    as_of_list = values.pop(ANCHOR, [None] * n)
    as_of = np.array([d or today for d in as_of_list], dtype="datetime64[D]")
    case_id = values.pop("case_id", None)
    facts: dict[str, np.ndarray] = {}
    offsets: dict[str, np.ndarray] = {}
    for name, col in values.items():
        kind = column_kind(name)
        known = np.array([v is not None for v in col], dtype=bool)
        if kind == "date":
            days = np.full(n, np.nan)
            if known.any():
                dates = np.array([v for v in col if v is not None], dtype="datetime64[D]")
                days[known] = (dates - as_of[known]).astype(np.float64)
            offsets[name] = days
        elif kind == "list":
            facts[name] = to_array("str", [v or "" for v in col])
        elif known.all():
            facts[name] = to_array(kind, col)
        else:
            facts[name] = np.array(col, dtype=object)
    notes = () if all(as_of_list) else (Note("as_of_missing", {
        "missing": sum(d is None for d in as_of_list), "n": n, "today": today.isoformat(),
        "column": ANCHOR}),)
    return Profiles(facts, offsets, source, case_id=None if case_id is None else np.array(
        [c or "" for c in case_id], dtype=np.str_), notes=notes)


def pool_from_cases(cases: Profiles, size: int, cohort: Cohort | None,
                    rng: np.random.Generator) -> Profiles:
    """A simulation pool from imported cases: each case repeated to about ``size`` profiles.

    Where the scenario's ``cohort.facts`` describe a fact, unknown values are filled per copy
    from a synthetic case (so the spread of plausible values enters the pool); otherwise they
    stay unknown and ``evaluate_cohort`` uses the law's default (counted in
    ``unknown_filled``).
    """
    n = len(cases)
    if n == 0:
        raise CohortFileError([problem(cases.origin, "", None, "no_usable_cases")])
    copies = max(1, -(-size // n))
    pool = cases.take(np.tile(np.arange(n), copies))
    if cohort is None or not cohort.facts:
        return pool
    donor = generate(cohort, len(pool), rng, origin="imputation")
    facts = dict(pool.facts)
    offsets = dict(pool.offsets)
    for name, col in facts.items():
        if col.dtype == object and name in donor.facts:
            missing = np.array([v is None for v in col])
            facts[name] = np.where(missing, donor.facts[name].astype(object), col)
    for name, days in offsets.items():
        if name in donor.offsets:
            offsets[name] = np.where(np.isnan(days), donor.offsets[name], days)
    return Profiles(facts, offsets, pool.origin, case_id=pool.case_id,
                    notes=(*pool.notes, Note("filled_from_cohort", {"copies": copies})))
