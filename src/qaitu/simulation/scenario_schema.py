"""The scenario schema (``qaitu.scenario/1``): every number a simulation uses, by section.

A scenario is data, not law: case counts, the mix of case facts, how courts choose among the
options the law leaves open, parole and breach rates, programme take-up and unit costs. Each
number is a :class:`~qaitu.simulation.uncertain.Quantity` (with its source or assumption);
:mod:`qaitu.simulation.scenario_files` reads the files.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from qaitu.assessment.casefile import refusal
from qaitu.located import Date, InputError, keyed_problems
from qaitu.simulation.profiles import ANCHOR, NotAColumn, cell_text, check_cell, column_kind
from qaitu.simulation.uncertain import (
    NUMBER_FIELDS,
    DistName,
    Distribution,
    FrozenModel,
    MonthsDistribution,
    NonNegative,
    Positive,
    Probability,
    Quantity,
    Sourced,
    Text,
    within,
)

SCHEMA = "qaitu.scenario/1"

#: The disposals a court chooses among, most custodial first, each with a status from
#: ``evaluate_cohort``. The order matters: the judicial-choice model keeps it, so that widening
#: a non-custodial option can only move people out of imprisonment (see
#: :mod:`qaitu.simulation.projection`). ``probation_control`` is not among them: in
#: ``qaitu.law`` it is the supervision that comes with a conditional sentence or restriction of
#: freedom (arts. 44(2), 63(2)), reported but not chosen separately.
OPTIONS = ("imprisonment", "restriction_of_freedom", "conditional_sentence",
           "release_from_liability")
Option = Literal["imprisonment", "restriction_of_freedom", "conditional_sentence",
                 "release_from_liability"]
#: States under supervision in the community that can end in a revocation.
SUPERVISED = ("conditional_sentence", "restriction_of_freedom", "parole")
Supervised = Literal["conditional_sentence", "restriction_of_freedom", "parole"]


class ImposedTerm(FrozenModel):
    """A per-person imposed prison term: lognormal around the reported median, kept within the
    reachable range ``evaluate_cohort`` gives for the case (the law's hard limit).

    ``median_months`` is the median imposed for the principal article (art. 172 in the shipped
    scenarios), calibrated to reported verdicts; ``by_article`` gives other articles their own
    median (e.g. art. 170). The case's circumstances enter through the reachable range: a plea
    agreement or mitigating circumstances lower its maximum (art. 55), and the term is cut to it.
    """

    median_months: Positive
    sd_log: NonNegative
    by_article: Annotated[dict[str, Positive], StrKeyed] = Field(
        default_factory=dict, description="article number (e.g. '170') -> median months")

    @model_validator(mode="after")
    def _article_numbers(self) -> ImposedTerm:
        for key in self.by_article:
            if not key.isdigit():
                raise refusal("article_number", "by_article", key)
        return self


# --- timeline, admissions --------------------------------------------------------------------


class SettingsError(InputError):
    """Settings given beside a scenario (``--draws``, ``--years`` …) that :class:`Simulation`
    refuses: each problem is keyed, its path the setting's name."""


class Simulation(FrozenModel):
    start_year: int = Field(ge=1990, le=2100, description="first projected calendar year")
    years: int = Field(default=10, ge=1, le=50)
    step: Literal["year", "month"] = "year"
    draws: int = Field(default=1000, ge=1, le=100_000)
    seed: int = Field(default=0, ge=0)
    pool_size: int = Field(
        default=4_000, ge=100, le=2_000_000,
        description="case profiles evaluated per evaluation period (yearly steps); monthly steps "
        "use fewer so that about the same number of evaluations is made",
    )


class Policy(Sourced):
    effective_from: Date = Field(
        description="judgments from this date follow the variant; earlier ones follow 'current'"
    )


class HistoryYear(Sourced):
    year: int
    cases: int = Field(ge=0)


class ConflictEnd(FrozenModel):
    yearly_probability: Probability
    factor_after: Annotated[Quantity, within(0, 10, "yearly_factor")]


class Forecast(FrozenModel):
    method: Literal["growth", "trend", "constant"]
    level: NonNegative | None = Field(
        default=None, description="constant: expected cases a year; growth: level in the last "
        "observed year (default: the observed count)",
    )
    growth: Annotated[Quantity, within(-1, 100, "growth_rate")] | None = None
    damping: Annotated[Quantity, within(0, 1, "damping")] | None = None
    conflict_end: ConflictEnd | None = None
    ceiling: Positive | None = Field(
        default=None, description="expected cases a year never exceed this (a population-based "
        "limit on growth)")
    noise: Literal["poisson", "none"] = "poisson"

    @model_validator(mode="after")
    def _method_fields(self) -> Forecast:
        if self.method == "constant" and self.level is None:
            raise refusal("needs_field", field="method", value="constant", needed="level")
        if self.method == "growth" and self.growth is None:
            raise refusal("needs_field", field="method", value="growth", needed="growth")
        if self.method != "growth" and self.growth is not None:
            raise refusal("unused_field", "growth", unused="growth", field="method",
                          value=self.method)
        return self


class Earlier(Sourced):
    """Cases registered before the first history year: they start the simulation as a stock
    (in prison, on parole, awaiting judgment ...) rather than from an empty system."""

    cases: NonNegative
    years: int = Field(ge=1, le=20, description="spread evenly over this many years before "
                       "the first history year")


class Admissions(FrozenModel):
    what: Text = Field(description="what a case is, e.g. 'art. 172 criminal cases registered'")
    earlier: Earlier | None = None
    history: list[HistoryYear] = Field(min_length=1)
    forecast: Forecast

    @model_validator(mode="after")
    def _history(self) -> Admissions:
        years = [h.year for h in self.history]
        if years != list(range(years[0], years[0] + len(years))):
            raise refusal("history_years", "history", years=", ".join(map(str, years)))
        if self.forecast.method == "trend" and len(years) < 3:
            raise refusal("trend_history", "history", limit=3, count=len(years))
        return self


# --- cohort --------------------------------------------------------------------------------


#: The fields a sentence names as the file writes them.
_BEFORE = {"days": "days_before", "years": "years_before"}
_START_FIELD = "simulation.start_year"


def _key_to_str(value: Any) -> Any:
    """YAML 1.2 reads ``true:`` as a boolean key; tables are keyed by the fact's text."""
    if isinstance(value, dict):
        return {(str(k).lower() if isinstance(k, bool) else str(k)): v for k, v in value.items()}
    return value


StrKeyed = BeforeValidator(_key_to_str)


class FactSpec(Distribution, Sourced):
    """How the synthetic generator draws one flattened ``qaitu.case/1`` column.

    Exactly one form:

    - ``value``: the same value for every case (text, boolean or number);
    - ``probability``: a boolean, true with this probability;
    - ``probabilities``: one of several values, with these probabilities;
    - ``items``: a list fact (``circumstances.mitigating``), each item present independently;
    - ``dist`` plus ``days_before`` or ``years_before``: a date that many days/years before
      another date column (or ``as_of``, the judgment date);
    - ``dist`` alone: a whole number (e.g. ``proceedings.pretrial_detention_days``).

    With ``given: COLUMN``, ``probability``/``probabilities`` are tables keyed by that column's
    value (``"*"`` for any other value). ``concentration`` makes the mix itself uncertain: each
    Monte Carlo draw uses Dirichlet (beta for booleans and items) probabilities with these means.
    """

    dist: DistName | None = None  # type: ignore[assignment]
    value: Any = None
    probability: float | Annotated[dict[str, float], StrKeyed] | None = None
    probabilities: Annotated[dict[str, Any], StrKeyed] | None = None
    items: dict[str, float] | None = None
    given: str | None = None
    days_before: str | None = None
    years_before: str | None = None
    concentration: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _check_fields(self) -> FactSpec:  # replaces Distribution's check
        forms = [
            name for name in ("value", "probability", "probabilities", "items", "dist")
            if getattr(self, name) is not None
        ]
        if len(forms) != 1:
            raise refusal("one_form", forms=", ".join(forms) or "—")
        form = forms[0]
        if form == "dist":
            if self.days_before and self.years_before:
                raise refusal("days_or_years", **_BEFORE)
            try:
                Distribution.model_validate(
                    {f: getattr(self, f) for f in ("dist", *NUMBER_FIELDS) if getattr(self, f)
                     is not None and not (f == "concentration" and self.dist != "beta")})
            except ValidationError as exc:  # the distribution's own refusal, passed on as it is
                first = exc.errors()[0]
                raise PydanticCustomError(first["type"], first["msg"], first.get("ctx")
                                          ) from None
        elif self.days_before or self.years_before:
            raise refusal("before_needs_dist", **_BEFORE)
        if self.given and form not in ("probability", "probabilities"):
            raise refusal("given_needs_table", "given")
        if self.concentration is not None and form in ("value", "dist") and self.dist != "beta":
            raise refusal("concentration_no_mix", "concentration")
        for table in self._tables():
            _check_mix(table, boolean=form == "probability")
        if form == "items":
            for item, p in (self.items or {}).items():
                if not 0 <= p <= 1:
                    raise refusal("probability_range", "items", item, got=p)
        return self

    @property
    def form(self) -> str:
        for name in ("value", "probability", "probabilities", "items"):
            if getattr(self, name) is not None:
                return name
        return "date" if (self.days_before or self.years_before) else "number"

    def raw_table(self) -> Any:
        """``probability`` or ``probabilities`` as written (None for other forms)."""
        return self.probability if self.probability is not None else self.probabilities

    def _tables(self) -> list[dict[str, float]]:
        """The probability tables: one, or one per value of the ``given`` column."""
        raw = self.raw_table()
        if raw is None:
            return []
        if self.given:
            if not isinstance(raw, dict) or not all(isinstance(v, dict | float | int)
                                                    for v in raw.values()):
                raise refusal("given_table")
            return [
                {"true": float(v), "false": 1 - float(v)} if not isinstance(v, dict) else v
                for v in raw.values()
            ]
        if self.probability is not None:
            if isinstance(self.probability, dict):
                raise refusal("probability_one_number", "probability")
            return [{"true": float(self.probability), "false": 1 - float(self.probability)}]
        return [raw]

    def table(self, parent: str | None = None) -> dict[str, float]:
        """Probabilities of each value (for ``given``, those for the parent value ``parent``)."""
        raw = self.raw_table()
        if self.given:
            raw = raw.get(parent, raw.get("*")) if parent is not None else None
            if raw is None:
                raise KeyError(parent)
        if not isinstance(raw, dict):
            return {"true": float(raw), "false": 1 - float(raw)}
        return {str(k): float(v) for k, v in raw.items()}

    def distribution(self) -> Distribution:
        fields = {f: getattr(self, f) for f in ("dist", *NUMBER_FIELDS)}
        if self.dist != "beta":
            fields["concentration"] = None
        return Distribution.model_validate({k: v for k, v in fields.items() if v is not None})


def _check_mix(table: dict[str, Any], boolean: bool) -> None:
    try:
        probs = {k: float(v) for k, v in table.items()}
    except (TypeError, ValueError):
        raise refusal("probabilities_numbers") from None
    for p in probs.values():
        if not 0 <= p <= 1:
            raise refusal("probability_range", got=f"{p:g}")
    if not boolean and abs(sum(probs.values()) - 1) > 1e-6:
        raise refusal("probabilities_sum", total=f"{sum(probs.values()):g}")


class Cohort(FrozenModel):
    kind: Literal["synthetic", "file"] = "synthetic"
    file: str | None = Field(
        default=None, description="kind 'file': anonymised cases, CSV or Parquet, flattened "
        "qaitu.case/1; relative paths are read from the scenario's folder",
    )
    facts: dict[str, FactSpec] = Field(
        default_factory=dict, description="synthetic generator, one entry per flattened column, "
        "in the order they are drawn; with kind 'file' used to fill unknown facts",
    )

    @model_validator(mode="after")
    def _kind(self) -> Cohort:
        if self.kind == "file" and not self.file:
            raise refusal("needs_field", field="kind", value="file", needed="file")
        if self.kind == "synthetic" and not self.facts:
            raise refusal("needs_field", field="kind", value="synthetic", needed="facts")
        seen: dict[str, FactSpec | None] = {ANCHOR: None}
        for name, spec in self.facts.items():
            for ref in (spec.given, spec.days_before, spec.years_before):
                if ref and ref not in seen:
                    raise refusal("listed_before", "facts", name, ref=repr(ref))
            problem = _against_schema(name, spec, seen)
            if problem:
                key, values = problem
                raise refusal(key, "facts", name, **values)
            seen[name] = spec
        return self


_FORM_KINDS = {
    "probability": ("bool",),
    "probabilities": ("str",),
    "items": ("list",),
    "date": ("date",),
    "number": ("int", "float"),
}


def _values_of(spec: FactSpec) -> set[str] | None:
    """Every text value a categorical spec can produce (None: not categorical)."""
    if spec.form == "value":
        return {cell_text(spec.value)}
    if spec.form in ("probability", "probabilities"):
        return {k for t in spec._tables() for k in t}
    return None


def _against_schema(name: str, spec: FactSpec, seen: dict[str, FactSpec | None]
                    ) -> tuple[str, dict[str, Any]] | None:
    """Check a fact spec against the ``qaitu.case/1`` models (column, type, every value):
    the sentence (``input.<key>``) that says what is wrong and its values, or None."""
    if name == ANCHOR:
        return "anchor_drawn", {"anchor": ANCHOR}
    try:
        kind = column_kind(name)
    except NotAColumn as exc:
        return exc.key, exc.values
    form = spec.form
    if form != "value" and kind not in _FORM_KINDS[form]:
        return "form_kind", {"kind": kind, "form": form}
    values = sorted(spec.items or {}) if form == "items" else sorted(_values_of(spec) or ())
    for value in values:
        problem = check_cell(name, value)
        if problem:
            return problem.key, dict(problem.values)
    if spec.given:
        parent = seen[spec.given]
        parent_values = _values_of(parent) if parent else None
        if parent_values is None:
            return "given_categorical", {"given": repr(spec.given)}
        keys = set(spec.raw_table() or {})
        if "*" not in keys and not parent_values <= keys:
            return "given_missing", {"given": repr(spec.given),
                                     "missing": ", ".join(sorted(parent_values - keys))}
    anchor = spec.days_before or spec.years_before
    anchor_spec = seen.get(anchor) if anchor else None
    if anchor_spec is not None and anchor_spec.form != "date":
        return "anchor_not_date", {"anchor": repr(anchor)}
    return None


# --- the file's own words ----------------------------------------------------------------------


# Prose and Text (the file's words in en, ru and kk) are qaitu.simulation.uncertain's: a
# number's source and assumption are such words too.


# --- behaviour of courts, services and people --------------------------------------------------


class ReturnResponse(FrozenModel):
    """Whether more people come back from abroad under a variant: from the variant's first day
    the yearly return hazard of those still abroad is multiplied by ``factor`` (drawn per
    draw; 1 = no effect). An explicit assumption, shown in the report."""

    variants: list[str] = Field(min_length=1)
    factor: Positive
    why: Text


class Proceedings(FrozenModel):
    abroad_share: Probability = Field(description="share of registered cases whose suspect is "
                                      "abroad when the case is registered")
    yearly_return_probability: Probability
    months_to_judgment: MonthsDistribution
    custody_share: Probability | None = Field(
        default=None, description="share of those awaiting judgment (back in Kazakhstan) who "
        "are held in pre-trial custody; costed at costs.pretrial_per_day")
    return_responses: list[ReturnResponse] = Field(default_factory=list)


class OptionWeight(FrozenModel):
    """A court's relative propensity to choose an option, by the option's status in law.

    In each draw the weight for ``available`` is at least that for ``only_exceptional``.
    """

    available: NonNegative
    only_exceptional: NonNegative

    @model_validator(mode="after")
    def _ordered(self) -> OptionWeight:
        if self.available.central() < self.only_exceptional.central():
            raise refusal("option_order")
        return self


class Terms(FrozenModel):
    imprisonment: ImposedTerm = Field(description="the term imposed; a conditional sentence "
                                      "suspends the same term (art. 63)")
    restriction_of_freedom: MonthsDistribution


def _complete(given: Mapping[Any, Any], keys: tuple[str, ...], what: str) -> None:
    """Every one of ``keys`` must be in ``given`` (the field ``what``)."""
    missing = [k for k in keys if k not in given]
    if missing:
        raise refusal("needed_each", what, field=what, keys=", ".join(keys),
                      missing=", ".join(missing))


class Response(FrozenModel):
    """How courts respond to a case's facts, or to how a variant frames an option: the court's
    weight for ``option`` is multiplied by ``factor`` (drawn per draw) for the cases whose facts
    match every entry of ``when`` and that are judged under one of ``variants`` (from the
    variant's first day; default: every variant, current law included, at every date).

    A court-response assumption, e.g. that courts use conditional sentences more for voluntary
    returnees once a variant names them as the ordinary option, is stated this way and shown in
    the report as what it is.
    """

    option: Option
    factor: NonNegative
    when: Annotated[dict[str, str | bool | list[str | bool]], StrKeyed] = Field(
        default_factory=dict, description="fact column -> value (or list of values) the case "
        "must have; only categorical and boolean facts of qaitu.case/1")
    variants: list[str] | None = None
    why: Text = Field(description="the reasoning, shown in the report")

    @model_validator(mode="after")
    def _facts(self) -> Response:
        for column, wanted in self.when.items():
            try:
                kind = column_kind(column)
            except NotAColumn as exc:
                raise refusal(exc.key, "when", column, **exc.values) from None
            if kind not in ("str", "bool"):
                raise refusal("response_kind", "when", column, kind=kind)
            for value in wanted if isinstance(wanted, list) else [wanted]:
                problem = check_cell(column, cell_text(value))
                if problem:
                    raise refusal(problem.key, "when", column, **problem.values)
        return self


class Judicial(FrozenModel):
    weights: dict[Option, OptionWeight] = Field(
        description="relative propensity of courts to choose each option when the law leaves it "
        "'available' or 'only_exceptional'; 'unavailable' options get weight 0"
    )
    responses: list[Response] = Field(default_factory=list)
    terms: Terms

    @model_validator(mode="after")
    def _all_options(self) -> Judicial:
        _complete(self.weights, OPTIONS, "weights")
        return self


class Revocation(Sourced):
    yearly_probability: Probability
    prison_term: Literal["full_term", "unserved"] = Field(
        description="on revocation: imprisonment for the whole imposed term, or for the part "
        "not yet served"
    )


class SupervisionRules(FrozenModel):
    parole_granted: Probability = Field(description="share of prisoners released on parole "
                                        "once the parole threshold is served")
    parole_delay_months: NonNegative = Field(description="mean wait after the threshold")
    revocation: dict[Supervised, Revocation]

    @model_validator(mode="after")
    def _all_states(self) -> SupervisionRules:
        _complete(self.revocation, SUPERVISED, "revocation")
        return self


class Rehabilitation(FrozenModel):
    enrolment: dict[Option, Probability] = Field(
        description="share enrolled, by the court's choice (imprisonment: on leaving prison)"
    )
    duration_months: Positive
    completion: Probability
    revocation_relative_risk: Positive = Field(description="for those who complete")
    reoffending_relative_risk: Positive = Field(description="for those who complete")

    @model_validator(mode="after")
    def _all_options(self) -> Rehabilitation:
        _complete(self.enrolment, OPTIONS, "enrolment")
        return self


class Reoffending(FrozenModel):
    yearly_probability: Probability
    imprisonment_share: Probability
    prison_months: MonthsDistribution


class Costs(FrozenModel):
    """Unit costs in ``price_year`` tenge. A prison day has two costs: the *average* (full
    budget per prisoner, what a prison place costs in the long run) and the *marginal* (what one
    prisoner more or fewer changes in the short run: food, clothing, supplies); both are
    reported. Future costs are also given discounted to ``start_year`` at ``discount_rate``."""

    currency: Literal["KZT"] = "KZT"
    price_year: int
    discount_rate: Annotated[Quantity, within(0, 1, "discount_rate")]
    prison_per_day: NonNegative = Field(description="average (full) cost of a prison day")
    prison_marginal_per_day: NonNegative = Field(description="marginal cost of a prison day")
    pretrial_per_day: NonNegative = Field(description="average cost of a day in pre-trial "
                                          "custody")
    probation_per_year: NonNegative
    rehabilitation_per_year: NonNegative

    @model_validator(mode="after")
    def _marginal_below_average(self) -> Costs:
        if self.prison_marginal_per_day.central() > self.prison_per_day.central():
            raise refusal("marginal_cost", "prison_marginal_per_day")
        return self


MEASURES = ("flow.registered", "convictions", "sentence.imposed_months", "share.non_custodial")
Measure = Literal["flow.registered", "convictions", "sentence.imposed_months",
                  "share.non_custodial"]


class Observed(FrozenModel):
    """A published figure the model is checked against (``calibration.csv``).

    ``flow.registered``: cases registered in the year; ``convictions``: people convicted in the
    year (imprisonment, restriction of freedom or a conditional sentence);
    ``sentence.imposed_months``: the median prison term imposed in the year;
    ``share.non_custodial``: the share of convictions that are not imprisonment.
    """

    measure: Measure
    year: int
    value: float
    source: Text
    note: Text | None = Field(default=None, description="why the model may not match it")


class Scenario(FrozenModel):
    schema_: Literal["qaitu.scenario/1"] = Field(alias="schema")
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Text
    description: Text | None = None
    simulation: Simulation
    variants: list[str] = Field(default_factory=lambda: ["current"], min_length=1)
    policy: Policy
    admissions: Admissions
    cohort: Cohort
    proceedings: Proceedings
    judicial: Judicial
    supervision: SupervisionRules
    rehabilitation: Rehabilitation
    reoffending: Reoffending
    costs: Costs
    observed: list[Observed] = Field(default_factory=list, description="published figures "
                                     "the model is checked against (calibration.csv)")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _timeline(self) -> Scenario:
        last = self.admissions.history[-1].year
        if last >= self.simulation.start_year:
            raise refusal("history_ends_late", "admissions", "history", last=last,
                          start=self.simulation.start_year, start_field=_START_FIELD)
        if last != self.simulation.start_year - 1:
            raise refusal("history_ends_early", "admissions", "history", last=last,
                          year=self.simulation.start_year - 1, start_field=_START_FIELD)
        return self

    @property
    def first_year(self) -> int:
        """The first simulated year (the first history year)."""
        return self.admissions.history[0].year

    @property
    def end_year(self) -> int:
        """The year after the last projected year."""
        return self.simulation.start_year + self.simulation.years

    def with_settings(self, **changes: Any) -> Scenario:
        """A copy with some ``simulation`` settings or ``variants`` replaced; raises
        :class:`SettingsError` for a setting the schema refuses (its limits are the one
        statement of a setting's range, the command line's included)."""
        variants = changes.pop("variants", None)
        sim = self.simulation.model_copy(update={k: v for k, v in changes.items() if v is not None})
        try:
            update: dict[str, Any] = {"simulation": Simulation.model_validate(sim.model_dump())}
        except ValidationError as exc:
            raise SettingsError(keyed_problems(exc, "", None, sim.model_dump(),
                                               case_file=False)) from None
        if variants:
            update["variants"] = list(dict.fromkeys(["current", *variants]))
        return self.model_copy(update=update)


def quantities(model: BaseModel, prefix: str = "") -> Iterator[tuple[str, Quantity]]:
    """Every :class:`Quantity` in a scenario with its dotted path, in document order."""
    for name, field in type(model).model_fields.items():
        key = field.alias or name
        value = getattr(model, name)
        yield from _walk(value, f"{prefix}{key}")


def _walk(value: Any, path: str) -> Iterator[tuple[str, Quantity]]:
    if isinstance(value, Quantity):
        yield path, value
    elif isinstance(value, BaseModel) and not isinstance(value, FactSpec):
        yield from quantities(value, path + ".")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}.{i}")


# --- reading -----------------------------------------------------------------------------------

