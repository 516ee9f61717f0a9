"""A pool of case profiles, and what the ``qaitu.case/1`` schema says about each flattened column.

A *profile* is a case with its dates expressed relative to the judgment date (``as_of``): the
simulation judges the same profiles at many dates, so a profile stores ``episodes.0.start`` as
"412 days before the judgment", not as a calendar day. :meth:`Profiles.columns_at` turns the pool
back into the flattened columns ``evaluate_cohort`` takes, for any judgment dates.

Column types and allowed values are read from the pydantic models in
:mod:`qaitu.assessment.facts`, never restated here:

>>> column_kind("episodes.0.start"), column_kind("person.citizenship.0")
('date', 'str')
>>> check_cell("episodes.0.role", "fighter").message[:26]
'expected one of combatant,'
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import numpy as np
from pydantic import BaseModel

from qaitu.assessment.casefile import CaseError, parse_mapping, unflatten
from qaitu.assessment.explain import say
from qaitu.assessment.facts import CaseFacts
from qaitu.law.columns import Coded
from qaitu.located import Problem

ANCHOR = "as_of"
#: List facts that ``evaluate_cohort`` takes as one "|"-joined text column.
JOINED = "|"
DAY = np.timedelta64(1, "D")


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _field_type(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return _unwrap(info.annotation)
    raise KeyError(key)


class NotAColumn(KeyError):
    """A name that is not one flattened ``qaitu.case/1`` fact: ``key`` names the sentence of
    ``reasons.yaml`` (``input``) that says why, ``values`` fill it; the English text is the
    error's argument."""

    def __init__(self, column: str, key: str, **values: Any):
        super().__init__(f"{column}: {say(f'input.{key}', 'en', **values)}")
        self.key, self.values = key, values


@lru_cache(maxsize=4096)
def column_kind(name: str) -> str:
    """``date``, ``bool``, ``int``, ``float``, ``str`` or ``list`` (a list of texts, joined).

    Raises :class:`NotAColumn` for a name that is not a flattened ``qaitu.case/1`` scalar.
    """
    tp: Any = CaseFacts
    parts = name.split(".")
    for i, part in enumerate(parts):
        if get_origin(tp) is list:
            if not part.isdigit():
                raise NotAColumn(name, "list_index", at=repr(".".join(parts[:i + 1])))
            tp = _unwrap(get_args(tp)[0])
            continue
        if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
            raise NotAColumn(name, "no_such_part", at=repr(".".join(parts[:i])),
                             part=repr(part))
        try:
            tp = _field_type(tp, part)
        except KeyError:
            raise NotAColumn(name, "not_a_case_field", part=repr(part)) from None
    if get_origin(tp) is list:
        item = _unwrap(get_args(tp)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            raise NotAColumn(name, "list_of_records", name=name)
        return "list"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        raise NotAColumn(name, "group_of_facts")
    if tp is dt.date:
        return "date"
    if tp is bool:
        return "bool"
    if tp is int:
        return "int"
    if tp is float:
        return "float"
    if tp is str or get_origin(tp) is Literal:
        return "str"
    raise KeyError(f"{name}: unsupported type {tp!r}")


@lru_cache(maxsize=65536)
def parse_cell(name: str, value: str) -> tuple[Any, tuple[Problem, ...]]:
    """The python value of one text cell of column ``name``, or why it is not acceptable (the
    case file's problems, each said by its sentence).

    The cell is validated by the ``qaitu.case/1`` models themselves, so every constraint there
    (enumerations, country codes, dates, non-negative numbers) applies and the value is the one
    the models read (``unknown`` gives None). For a list column the cell is one item.
    """
    column = f"{name}.0" if column_kind(name) == "list" else name
    column = ".".join("0" if part.isdigit() else part for part in column.split("."))
    try:
        case = parse_mapping({"schema": "qaitu.case/1", **unflatten({column: value})})
    except CaseError as exc:
        return None, tuple(exc.problems)
    node: Any = case.model_dump(by_alias=True)
    for part in column.split("."):
        if node is None:
            break
        node = node[int(part)] if isinstance(node, list) else node.get(part)
    return node, ()


def check_cell(name: str, value: str) -> Problem | None:
    """Why ``value`` is not acceptable for column ``name`` (None if it is): the first of the
    case file's problems with it (a cell holds one value, so it has one)."""
    return next(iter(parse_cell(name, value)[1]), None)


def cell_text(value: Any) -> str:
    """A YAML value as the text of a cell (booleans as ``true``/``false``)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def to_array(kind: str, values: list[Any]) -> np.ndarray:
    """Definite python values of one column as a numpy array: booleans, numbers, or texts as
    an object array (shared ``str`` objects: 8 bytes a row whatever the text's length)."""
    if kind == "bool":
        return np.asarray(values, dtype=bool)
    if kind == "int":
        return np.asarray(values, dtype=np.int64)
    if kind == "float":
        return np.asarray(values, dtype=np.float64)
    out = np.empty(len(values), dtype=object)
    out[:] = [str(v) for v in values]
    return out


@dataclass(frozen=True)
class Mix:
    """How one uncertain mix of the generator was drawn, for re-weighting the pool per draw.

    ``codes[i]`` is the category of pool row ``i`` (for a ``given`` table: the pair of parent
    value and value); ``groups`` lists, per Dirichlet component, the category indices it spans;
    ``base`` the probability each category was drawn with; ``concentration`` the Dirichlet's
    total concentration.
    """

    name: str
    codes: np.ndarray
    base: np.ndarray
    groups: tuple[np.ndarray, ...]
    concentration: float


@dataclass(frozen=True)
class Note:
    """What the making of a pool says about it, as data: the sentence's key
    (``simulation.report.note_<key>`` of reasons.yaml) and its values; the report says it in
    the reader's language."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Profiles:
    """A pool of case profiles (see module docstring).

    ``facts`` hold columns that do not depend on the judgment date; ``offsets`` hold date
    columns as days relative to the judgment date. Imported cases may have unknown facts:
    None in an object column, NaN in an offset column.
    """

    facts: dict[str, np.ndarray]
    offsets: dict[str, np.ndarray]
    origin: str
    mixes: tuple[Mix, ...] = ()
    case_id: np.ndarray | None = None
    notes: tuple[Note, ...] = field(default=())
    #: Text facts coded once (distinct cells and each row's position), for ``columns_at``.
    _coded: dict[str, Coded | None] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        for col in (*self.facts.values(), *self.offsets.values()):
            return len(col)
        return 0 if self.case_id is None else len(self.case_id)

    def columns_at(self, dates: np.ndarray, coded: bool = False) -> dict[str, Any]:
        """Flattened columns for every profile judged at every date in ``dates``.

        Row ``k * len(self) + i`` is profile ``i`` judged on ``dates[k]``. With ``coded``, text
        facts come as :class:`~qaitu.law.columns.Coded` columns (coded once per pool), which the
        law reads without looking at every cell.
        """
        dates = np.asarray(dates, dtype="datetime64[D]")
        n, k = len(self), len(dates)
        as_of = np.repeat(dates, n)
        cols: dict[str, np.ndarray | Coded] = {ANCHOR: as_of}
        for name, values in self.facts.items():
            if coded and name not in self._coded:
                self._coded[name] = Coded.of(values)
            found = self._coded.get(name) if coded else None
            cols[name] = (Coded(found.values, np.tile(found.codes, k)) if found is not None
                          else np.tile(values, k))
        for name, days in self.offsets.items():
            tiled = np.tile(days, k)
            unknown = np.isnan(tiled) if tiled.dtype.kind == "f" else None
            dates = as_of + np.nan_to_num(tiled).astype(np.int64) * DAY
            if unknown is not None and unknown.any():
                col = dates.astype(object)
                col[unknown] = None  # evaluate_cohort fills unknown facts with their defaults
                cols[name] = col
            else:
                cols[name] = dates
        return cols

    def take(self, rows: np.ndarray) -> Profiles:
        """The profiles at ``rows`` (re-weighting information is dropped)."""
        return Profiles(
            facts={k: v[rows] for k, v in self.facts.items()},
            offsets={k: v[rows] for k, v in self.offsets.items()},
            origin=self.origin,
            case_id=None if self.case_id is None else self.case_id[rows],
            notes=self.notes,
            _coded={k: Coded(c.values, c.codes[rows]) for k, c in self._coded.items()
                    if c is not None},
        )
