"""How a legal rule becomes an OpenFisca variable: a small named function with its citation.

>>> from qaitu.law.entities import Charge
>>> @rule(Charge, bool, "172")
... def example(row):
...     '''Art. 172 example.'''
...     return row.age_at_act >= 16
>>> CITES["example"], example.__name__
('172', 'example')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import YEAR, period
from openfisca_core.variables import Variable

from qaitu.law.entities import Case

URL = "https://adilet.zan.kz/rus/docs/K1400000226"
#: The rules read every date from their inputs (act, judgment), never from OpenFisca's period,
#: so all variables are yearly and every run is for this one year.
RUN_YEAR = "2026"
_PERIOD = period(RUN_YEAR)

#: Every rule variable, in declaration order (the tax-benefit system loads them all).
RULES: list[type[Variable]] = []
#: The provision each rule variable rests on, by variable name.
CITES: dict[str, str] = {}


class Row:
    """The values of one entity's variables, read by attribute: ``row.age_at_act``.

    Values are memoised per population: every variable is computed once per simulation, and
    going through OpenFisca's ``calculate`` for each read costs more than the formulas do on a
    single case.
    """

    def __init__(self, population: Any):
        self._population = population
        self._memo: dict[tuple[str, str], NDArray[Any]] = population.__dict__.setdefault(
            "_qaitu_memo", {})

    def _read(self, kind: str, name: str, compute: Callable[[], Any]) -> NDArray[Any]:
        key = (kind, name)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def __getattr__(self, name: str) -> NDArray[Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._read("own", name, lambda: self._population(name, _PERIOD))

    @property
    def case(self) -> _CaseView:
        """Case-level values projected onto each charge row."""
        return _CaseView(self)

    @property
    def law(self) -> ParameterNode:
        """The parameter tree of the system being run (a variant's, under a variant)."""
        return self._population.simulation.tax_benefit_system.parameters

    def charges(self, name: str) -> NDArray[Any]:
        """For a case row: the charge-level values of ``name`` (one per charge row)."""
        return self._read("members", name, lambda: self._population.members(name, _PERIOD))

    @property
    def over_charges(self) -> Any:
        """For a case row: reductions (``sum``, ``max``, ``any``) over its charges."""
        return self._population


class _CaseView:
    def __init__(self, row: Row):
        self._row = row

    def __getattr__(self, name: str) -> NDArray[Any]:
        population = self._row._population
        return self._row._read("case", name, lambda: population.case(name, _PERIOD))


def enum_array(indices: NDArray[Any], enum: type[Enum]) -> EnumArray:
    return EnumArray(np.asarray(indices, dtype=np.int16), enum)


def rule(entity: Any, value_type: Any, cite: str, *, possible_values: type[Enum] | None = None,
         default: Any = None) -> Callable[[Callable[[Row], Any]], type[Variable]]:
    """Declare ``fn(row) -> array`` as the rule variable ``fn.__name__`` citing ``cite``.

    ``cite`` is the provision as a lawyer writes it: ``"63(6)"``, ``"3(15)"``.
    """

    def wrap(fn: Callable[[Row], Any]) -> type[Variable]:
        def formula(population: Any, period_: Any, parameters: Any) -> Any:
            return fn(Row(population))

        attrs: dict[str, Any] = {
            "entity": entity,
            "value_type": value_type,
            "definition_period": YEAR,
            "label": (fn.__doc__ or fn.__name__).strip().splitlines()[0],
            "reference": URL,
            "documentation": fn.__doc__,
            "formula": formula,
            "__doc__": fn.__doc__,
            "__module__": fn.__module__,
        }
        if possible_values is not None:
            attrs["value_type"] = Enum
            attrs["possible_values"] = possible_values
            attrs["default_value"] = default if default is not None else list(possible_values)[0]
        elif default is not None:
            attrs["default_value"] = default
        cls = type(fn.__name__, (Variable,), attrs)
        RULES.append(cls)
        CITES[fn.__name__] = cite
        return cls

    return wrap


def case_rule(value_type: Any, cite: str, **kwargs: Any) -> Callable[
        [Callable[[Row], Any]], type[Variable]]:
    """A rule on the case (one fully determined version of a person's case)."""
    return rule(Case, value_type, cite, **kwargs)
