"""The stock-and-flow projection: what happens to every registered case, year after year.

Input is an *eligibility table* per variant — exactly the arrays ``evaluate_cohort`` returns
(liability, reachable range, option statuses, parole fraction) for a pool of case profiles
judged in each simulated year — plus the scenario's behavioural quantities, drawn per Monte
Carlo draw. Nothing here decides what the law allows; it only follows people through the
options the law left open.

Each registered case follows a path of consecutive *slots*, every slot a state with a start
time (the next slot's start is its end; unused slots have zero length)::

    0 abroad  1 awaiting judgment  2 community sentence  3 prison  4 parole
    5 prison (parole revoked)  6 out  7 prison (new offence)  8 out

so at any time everyone registered so far is in exactly one state. The judgment takes the
variant's eligibility for the year of the judgment (``current`` before the policy takes
effect). Among the disposals the law leaves ``available`` or ``only_exceptional``, the court's
choice is drawn with the scenario's weights, in the fixed order of
:data:`~qaitu.simulation.scenario_schema.OPTIONS` (most custodial first), with *common random
numbers*: a person's random numbers are the same under every variant. Hence a variant whose
option statuses are everywhere at least as open as another's, with the same ranges and parole
fractions, sends a subset of the same people to prison at judgment. Revocations and new
offences can still bring people into prison later; they are counted as such. Someone already
serving a prison sentence when a variant takes effect has it shortened to the variant's
reachable maximum for their case, from that day (art. 6(2); to nothing where the variant makes
the act not punishable, art. 6(1)).

Results are per step (year or month): stocks at the end of the step, person-years in the step,
flows (events) in the step, and costs (person-years times unit costs). For every state,
``stock[k] = stock[k-1] + entries[k] - exits[k]``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from qaitu.law.sentence_dates import milder_law_shortening, parole_minimum_months, parole_served
from qaitu.simulation.scenario_schema import OPTIONS, SUPERVISED, Scenario
from qaitu.simulation.uncertainty import Draws, PoolSampler

STATUSES = ("unavailable", "only_exceptional", "available")
#: Fields of an eligibility frame the projection reads (``evaluate_cohort`` returns more).
FRAME_FIELDS = ("liable", *OPTIONS, "release_from_punishment", "reachable_min_months",
                "reachable_max_months", "parole_fraction", "principal_article")

IMPRISONMENT, RESTRICTION, CONDITIONAL, RELEASE = range(len(OPTIONS))
#: Court outcomes: the disposals, then the two outcomes the court does not choose.
OUTCOMES = (*OPTIONS, "not_liable", "no_lawful_option")
NOT_LIABLE, NO_OPTION = len(OPTIONS), len(OPTIONS) + 1

STATES = ("abroad", "awaiting_judgment", "prison", "conditional_sentence",
          "restriction_of_freedom", "parole", "released", "released_from_liability",
          "not_liable", "no_lawful_option")
S = {name: code for code, name in enumerate(STATES)}
COMMUNITY = (S["conditional_sentence"], S["restriction_of_freedom"], S["parole"])
N_SLOTS = 9
#: For each outcome, its index in SUPERVISED (only the community sentences use it).
_SUPERVISED_OF = np.zeros(len(OUTCOMES), dtype=np.int64)
_SUPERVISED_OF[RESTRICTION] = SUPERVISED.index("restriction_of_freedom")
_SUPERVISED_OF[CONDITIONAL] = SUPERVISED.index("conditional_sentence")


class FrameError(ValueError):
    """An eligibility frame that the projection cannot use (names variant and field)."""


@dataclass(frozen=True)
class EligibilityTable:
    """One variant's eligibility for every pool profile in every simulated year.

    Arrays have shape ``(years, pool)``; ``status`` has a last axis over
    :data:`~qaitu.simulation.scenario_schema.OPTIONS` with codes 0 unavailable, 1 only exceptional,
    2 available (the index into :data:`STATUSES`).
    """

    liable: np.ndarray
    status: np.ndarray
    min_months: np.ndarray
    max_months: np.ndarray
    parole_fraction: np.ndarray
    article: np.ndarray  # the principal article's number (170 for "170(3)"; 0 for none)

    @classmethod
    def from_frame(cls, frame: Mapping[str, np.ndarray], years: int, pool: int,
                   variant: str = "?") -> EligibilityTable:
        """Check and reshape ``evaluate_cohort``'s output for ``years * pool`` rows."""
        missing = [f for f in FRAME_FIELDS if f not in frame]
        if missing:
            raise FrameError(f"variant {variant}: evaluate_cohort returned no {missing}")
        n = years * pool

        def get(name: str) -> np.ndarray:
            arr = np.asarray(frame[name])
            if arr.shape != (n,):
                raise FrameError(f"variant {variant}: {name} has shape {arr.shape}, "
                                 f"expected ({n},)")
            return arr

        status = np.stack([status_codes(get(o), f"variant {variant}: {o}") for o in OPTIONS],
                          axis=1)
        # Release from punishment (art. 83(2), a minor) ends the case as release from liability
        # does: no sentence to serve and no supervision, so it opens the same pathway.
        status[:, RELEASE] = np.maximum(status[:, RELEASE], status_codes(
            get("release_from_punishment"), f"variant {variant}: release_from_punishment"))
        lo = get("reachable_min_months").astype(np.float64)
        hi = get("reachable_max_months").astype(np.float64)
        liable = get("liable").astype(bool)
        if (hi < lo)[liable].any():
            raise FrameError(f"variant {variant}: reachable_max_months below the minimum")
        shape = (years, pool)
        return cls(liable.reshape(shape), status.reshape((*shape, len(OPTIONS))),
                   lo.reshape(shape), hi.reshape(shape),
                   get("parole_fraction").astype(np.float64).reshape(shape),
                   article_numbers(get("principal_article")).reshape(shape))

    def at(self, flat: np.ndarray) -> tuple[np.ndarray, ...]:
        """Fields at flat indices ``year * pool + row``."""
        return (self.liable.reshape(-1)[flat],
                self.status.reshape(-1, len(OPTIONS))[flat],
                self.min_months.reshape(-1)[flat],
                self.max_months.reshape(-1)[flat],
                self.parole_fraction.reshape(-1)[flat],
                self.article.reshape(-1)[flat])


def article_numbers(values: np.ndarray) -> np.ndarray:
    """Article texts ("172", "170(3)", "") as the article's number (0 where there is none)."""
    texts, inverse = np.unique(np.asarray(values).astype(str), return_inverse=True)
    numbers = np.array([int(t.split("(")[0]) if t.split("(")[0].isdigit() else 0
                        for t in texts.tolist()], dtype=np.int32)
    return numbers[inverse.ravel()]


def status_codes(values: np.ndarray, what: str) -> np.ndarray:
    """Status texts as codes (index into :data:`STATUSES`); unknown texts raise FrameError."""
    arr = np.asarray(values)  # compared as they come: texts, or Python strings
    codes = np.full(arr.shape, -1, dtype=np.int8)
    for code, name in enumerate(STATUSES):
        codes[arr == name] = code
    if (codes < 0).any():
        bad = sorted({str(x) for x in arr[codes < 0].tolist()})[:5]
        raise FrameError(f"{what}: unknown statuses {bad}; expected {STATUSES}")
    return codes


@dataclass(frozen=True)
class Timeline:
    """Simulated time: years since 1 January of ``first_year``; steps of a year or a month.

    The law is evaluated once per simulated year, at 1 July (:meth:`evaluation_dates`).
    """

    first_year: int
    start_year: int
    end_year: int
    step: str = "year"

    @property
    def per_year(self) -> int:
        return 12 if self.step == "month" else 1

    @property
    def years(self) -> int:
        return self.end_year - self.first_year

    @property
    def steps(self) -> int:
        return self.years * self.per_year

    @property
    def horizon(self) -> float:
        return float(self.years)

    def time(self, date: dt.date) -> float:
        """A calendar date as simulated time (the first of a month is a step boundary)."""
        days = calendar.monthrange(date.year, date.month)[1]
        return (date.year - self.first_year) + (date.month - 1 + (date.day - 1) / days) / 12

    def evaluation_dates(self) -> np.ndarray:
        """The judgment date the law is evaluated at, one per simulated year."""
        return np.array([f"{y}-07-01" for y in range(self.first_year, self.end_year)],
                        dtype="datetime64[D]")



Months = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Behaviour:
    """The scenario's behavioural quantities as per-draw arrays (first axis: draws)."""

    abroad_share: np.ndarray
    return_hazard: np.ndarray
    lag: Months
    weights: np.ndarray  # (draws, options, statuses)
    term_median: np.ndarray  # months, the principal article's
    term_by_article: dict[int, np.ndarray]  # article number -> median months
    term_sd_log: np.ndarray
    restriction_months: Months
    parole_granted: np.ndarray
    parole_delay: np.ndarray  # years
    revocation_hazard: np.ndarray  # (draws, SUPERVISED) per year
    full_term: np.ndarray  # (SUPERVISED,) bool: a revocation means the whole imposed term
    enrolment: np.ndarray  # (draws, options)
    rehab_years: np.ndarray
    completion: np.ndarray
    rr_revocation: np.ndarray
    rr_reoffending: np.ndarray
    reoffence_hazard: np.ndarray
    reoffence_prison_share: np.ndarray
    reoffence_months: Months
    unit_costs: np.ndarray  # (draws, len(COSTS)) per person-year
    custody_share: np.ndarray  # of those awaiting judgment
    discount_rate: np.ndarray

    @classmethod
    def from_draws(cls, scenario: Scenario, d: Draws) -> Behaviour:
        def months(prefix: str) -> Months:
            return (d[f"{prefix}.median"], d[f"{prefix}.sd_log"], d[f"{prefix}.low"],
                    d[f"{prefix}.high"])

        # An option the law leaves fully open is never chosen less readily than one that
        # needs exceptional circumstances (draws of the two weights are independent).
        weights = np.zeros((d.n, len(OPTIONS), len(STATUSES)))
        for j, o in enumerate(OPTIONS):
            exceptional = d[f"judicial.weights.{o}.only_exceptional"]
            weights[:, j, STATUSES.index("only_exceptional")] = exceptional
            weights[:, j, STATUSES.index("available")] = np.maximum(
                d[f"judicial.weights.{o}.available"], exceptional)
        revocation = scenario.supervision.revocation
        return cls(
            abroad_share=d["proceedings.abroad_share"],
            return_hazard=_hazard(d["proceedings.yearly_return_probability"]),
            lag=months("proceedings.months_to_judgment"),
            weights=weights,
            term_median=d["judicial.terms.imprisonment.median_months"],
            term_by_article={int(a): d[f"judicial.terms.imprisonment.by_article.{a}"]
                             for a in scenario.judicial.terms.imprisonment.by_article},
            term_sd_log=d["judicial.terms.imprisonment.sd_log"],
            restriction_months=months("judicial.terms.restriction_of_freedom"),
            parole_granted=d["supervision.parole_granted"],
            parole_delay=d["supervision.parole_delay_months"] / 12,
            revocation_hazard=np.stack(
                [_hazard(d[f"supervision.revocation.{s}.yearly_probability"])
                 for s in SUPERVISED], axis=1),
            full_term=np.array([revocation[s].prison_term == "full_term"  # type: ignore[index]
                                for s in SUPERVISED]),
            enrolment=np.stack([d[f"rehabilitation.enrolment.{o}"] for o in OPTIONS], axis=1),
            rehab_years=d["rehabilitation.duration_months"] / 12,
            completion=d["rehabilitation.completion"],
            rr_revocation=d["rehabilitation.revocation_relative_risk"],
            rr_reoffending=d["rehabilitation.reoffending_relative_risk"],
            reoffence_hazard=_hazard(d["reoffending.yearly_probability"]),
            reoffence_prison_share=d["reoffending.imprisonment_share"],
            reoffence_months=months("reoffending.prison_months"),
            unit_costs=np.stack([d[f"costs.{name}"] * (DAYS if name.endswith("_day") else 1)
                                 for name in COSTS.values()], axis=1),
            custody_share=(d["proceedings.custody_share"]
                           if scenario.proceedings.custody_share is not None else np.zeros(d.n)),
            discount_rate=d["costs.discount_rate"],
        )

    def draws(self, lo: int, hi: int) -> Behaviour:
        """The quantities of draws ``lo..hi``, renumbered from 0."""
        n = len(self.abroad_share)

        def cut(x: Any) -> Any:
            if isinstance(x, np.ndarray):
                return x[lo:hi] if x.ndim and x.shape[0] == n else x
            if isinstance(x, tuple):
                return tuple(cut(y) for y in x)
            if isinstance(x, dict):
                return {k: cut(y) for k, y in x.items()}
            return x

        return Behaviour(**{f.name: cut(getattr(self, f.name)) for f in fields(self)})


DAYS = 365.25
#: Cost metrics and the unit cost (a ``costs`` quantity) each multiplies with person-years.
COSTS = {"prison": "prison_per_day", "prison_marginal": "prison_marginal_per_day",
         "pretrial": "pretrial_per_day", "probation": "probation_per_year",
         "rehabilitation": "rehabilitation_per_year"}


def _hazard(p: np.ndarray) -> np.ndarray:
    """A yearly probability as a constant hazard rate per year."""
    with np.errstate(divide="ignore"):
        return np.asarray(-np.log1p(-np.minimum(p, 1.0)))


def _years(spec: Months, d: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Per-person durations in years from a lognormal months specification."""
    median, sd_log, low, high = (a[d] for a in spec)
    return np.asarray(np.clip(median * np.exp(sd_log * z), low, high) / 12)


def _after(start: np.ndarray, exp1: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """The time of an event with hazard ``rate`` after ``start`` (inf when the rate is 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return start + np.where(rate > 0, exp1 / rate, np.inf)


@dataclass
class People:
    """The cases of a chunk of draws, with everything about them that no variant changes.

    Their random numbers are drawn once and reused for every variant (common random numbers),
    so that differences between variants are differences of law, not of luck. The path up to
    the judgment, and every per-person quantity that does not depend on the court's choice,
    is computed here once.
    """

    draw: np.ndarray  # draw index within the chunk
    registered: np.ndarray
    returned: np.ndarray
    judged: np.ndarray
    flat: np.ndarray  # year of judgment * pool + pool row: where to read the eligibility
    use_variant: np.ndarray  # judged on or after the policy takes effect
    #: the chunk's quantities per draw (court propensities, hazards, terms …), read through
    #: ``draw`` where needed rather than copied to every person
    behaviour: Behaviour
    return_clock: np.ndarray  # standard exponential spent by the return hazard (inf: at home)
    choice: np.ndarray  # uniform for the court's choice
    term_spread: np.ndarray  # sd_log times a standard normal: the case's own deviation
    restriction_years: np.ndarray
    revoke: np.ndarray  # standard exponentials: community revocation, parole revocation,
    revoke_parole: np.ndarray  # a new offence
    reoffend: np.ndarray
    paroled_if_eligible: np.ndarray
    parole_delay: np.ndarray  # years
    enrol_u: np.ndarray
    completes_if_enrolled: np.ndarray
    dropout: np.ndarray  # share of the programme done by those who drop out
    reimprisoned_if_reoffends: np.ndarray
    reoffence_years: np.ndarray

    @classmethod
    def generate(cls, counts: np.ndarray, sampler: PoolSampler, draw_offset: int,
                 b: Behaviour, timeline: Timeline, pool: int, effective: float,
                 rng: np.random.Generator, earlier: np.ndarray | None = None,
                 earlier_years: int = 1) -> People:
        """People registered per (draw in the chunk, calendar year) as ``counts`` says, and
        ``earlier[draw]`` more spread over the ``earlier_years`` before the first year."""
        n_draws, n_years = counts.shape
        if earlier is not None:  # a first column of earlier cases, registered before time 0
            counts = np.concatenate([earlier[:, None], counts], axis=1)
        d = np.repeat(np.repeat(np.arange(n_draws), counts.shape[1]), counts.ravel())
        year = np.repeat(np.tile(np.arange(counts.shape[1]), n_draws), counts.ravel())
        n = len(d)
        registered = year + (1.0 - rng.random(n))  # in (year, year + 1]
        if earlier is not None:
            first = year == 0
            registered = np.where(first, (registered - 1.0) * earlier_years, registered - 1.0)
        row = sampler.rows(d + draw_offset, rng)
        u = {k: rng.random(n) for k in ("abroad", "choice", "parole", "enrol", "complete",
                                         "dropout", "reimprison")}
        for k in ("return", "revoke", "revoke_parole", "reoffend", "parole_delay"):
            u[k] = rng.standard_exponential(n)
        for k in ("lag", "restriction", "reoffence_term", "term"):
            u[k] = rng.standard_normal(n)
        # abroad, then awaiting judgment
        abroad = u["abroad"] < b.abroad_share[d]
        returned = np.where(abroad, _after(registered, u["return"], b.return_hazard[d]),
                            registered)
        judged = returned + _years(b.lag, d, u["lag"])
        judged_year = np.clip(judged.astype(np.int64), 0, timeline.years - 1)
        return cls(
            draw=d, registered=registered, returned=returned, judged=judged,
            flat=judged_year * pool + row, use_variant=judged >= effective, behaviour=b,
            return_clock=np.where(abroad, u["return"], np.inf), choice=u["choice"],
            term_spread=b.term_sd_log[d] * u["term"],
            restriction_years=_years(b.restriction_months, d, u["restriction"]),
            revoke=u["revoke"], revoke_parole=u["revoke_parole"], reoffend=u["reoffend"],
            paroled_if_eligible=u["parole"] < b.parole_granted[d],
            parole_delay=u["parole_delay"] * b.parole_delay[d],
            enrol_u=u["enrol"], completes_if_enrolled=u["complete"] < b.completion[d],
            dropout=u["dropout"],
            reimprisoned_if_reoffends=u["reimprison"] < b.reoffence_prison_share[d],
            reoffence_years=_years(b.reoffence_months, d, u["reoffence_term"]),
        )

    def returning(self, factor: np.ndarray, effective: float, timeline: Timeline, pool: int
                  ) -> People:
        """The same people if those still abroad on the policy's first day came back with their
        return hazard multiplied by ``factor`` (per person) from that day: the exponential
        clock left at that day runs ``factor`` times faster (the return response of a variant).
        Judgment follows the return after the same lag."""
        start = np.maximum(self.registered, effective)
        hazard = self.behaviour.return_hazard[self.draw]
        left = self.return_clock - hazard * (start - self.registered)
        later = (self.returned > effective) & np.isfinite(self.return_clock) & (factor != 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            moved = start + left / (hazard * factor)
        returned = np.where(later, moved, self.returned)
        judged = self.judged + (returned - self.returned)
        row = self.flat % pool
        flat = np.clip(judged.astype(np.int64), 0, timeline.years - 1) * pool + row
        out = People(**{f.name: getattr(self, f.name) for f in fields(self)})
        out.returned, out.judged, out.flat = returned, judged, flat
        out.use_variant = judged >= effective
        return out

    def part(self, at: slice) -> People:
        """The people ``at`` (views; draw numbers unchanged)."""
        def cut(x: Any) -> Any:
            return x if isinstance(x, Behaviour) else x[at]

        return People(**{f.name: cut(getattr(self, f.name)) for f in fields(self)})

    def subset(self, mask: np.ndarray) -> People:
        """The people where ``mask`` holds, or at the indices ``mask`` (draw numbers
        unchanged)."""
        def cut(x: Any) -> Any:
            return x if isinstance(x, Behaviour) else x[mask]

        return People(**{f.name: cut(getattr(self, f.name)) for f in fields(self)})


@dataclass
class Paths:
    """Slot start times and states of every person under one variant (module docstring)."""

    starts: np.ndarray  # (people, N_SLOTS)
    states: np.ndarray  # (people, N_SLOTS) int8
    outcome: np.ndarray  # index into OUTCOMES
    revoked_community: np.ndarray  # the community sentence was revoked (at slot 3's start)
    revoked_parole: np.ndarray  # parole was revoked (at slot 5's start)
    reoffence: np.ndarray  # time of a new offence (past the horizon if none)
    rehab: tuple[np.ndarray, np.ndarray, np.ndarray]  # start, end, completed
    imposed: np.ndarray  # prison term imposed at judgment, years (NaN unless imprisoned)
    served: np.ndarray  # years in prison up to the first release (NaN unless imprisoned)
    left: np.ndarray  # when the person was first released on that sentence

    def subset(self, mask: np.ndarray) -> Paths:
        """The paths of the people where ``mask`` holds, or at the indices ``mask``."""
        return Paths(self.starts[mask], self.states[mask], self.outcome[mask],
                     self.revoked_community[mask], self.revoked_parole[mask],
                     self.reoffence[mask], tuple(a[mask] for a in self.rehab),
                     self.imposed[mask], self.served[mask], self.left[mask])


def eligibility_of(people: People, tables: tuple[EligibilityTable, EligibilityTable],
                   effective: float) -> tuple[np.ndarray, ...]:
    """Each person's eligibility at judgment: the variant's (``tables[0]``) from the policy's
    start (``effective``, in years of the timeline), ``current``'s (``tables[1]``) before.

    Last comes the limit art. 6(2) sets on a sentence being served: for those judged before the
    policy's start whose case the variant punishes more mildly than current law (a lower
    reachable maximum for their profile in the year it takes effect), the variant's maximum in
    months (0 where it makes them not liable: art. 6(1)); none (infinite) for everyone else.
    """
    variant = tables[0].at(people.flat)
    if tables[0] is tables[1]:  # current law against itself: nothing to choose, nothing milder
        return (*variant, np.full(len(people.flat), np.inf))
    current = tables[1].at(people.flat)
    use = people.use_variant
    chosen = tuple(np.where(use.reshape(-1, *[1] * (fv.ndim - 1)), fv, fc)
                   for fv, fc in zip(variant, current, strict=True))
    years, pool = tables[0].max_months.shape
    start = min(max(int(effective), 0), years - 1) * pool + people.flat % pool
    new, old = (t.max_months.reshape(-1)[start] for t in tables)
    return (*chosen, np.where(use | (new >= old), np.inf, new))


def imposed_months(p: People, article: np.ndarray, lo: np.ndarray, hi: np.ndarray
                   ) -> np.ndarray:
    """Each case's imposed prison term in months: the median for its principal article times
    its own lognormal deviation, cut to the reachable range ``[lo, hi]``."""
    b = p.behaviour
    medians = np.column_stack([b.term_median, *b.term_by_article.values()])  # (draws, 1 + k)
    column = np.zeros(len(article), dtype=np.intp)
    for k, number in enumerate(b.term_by_article, start=1):
        column[article == number] = k
    return np.asarray(np.clip(medians[p.draw, column] * np.exp(p.term_spread), lo, hi))


def follow(people: People, eligibility: tuple[np.ndarray, ...], timeline: Timeline,
           effective: float, response: np.ndarray | None = None) -> Paths:
    """Everyone's path after judgment, given their eligibility (:func:`eligibility_of`) and the
    time the policy takes effect. ``response`` ``(people, options)`` multiplies the court's
    weights (the scenario's court responses to the facts and to the variant's framing)."""
    far = timeline.horizon + 1.0
    p = people
    liable, status, lo, hi, fraction, article, limit = eligibility
    n = len(p.draw)
    b, d = p.behaviour, p.draw
    judged = p.judged
    # the court's choice among the disposals the law leaves open: the draw's weight of each
    # option at its status
    _, n_options, n_statuses = b.weights.shape
    at = (d[:, None] * n_options + np.arange(n_options)) * n_statuses + status
    w = b.weights.reshape(-1)[at]
    if response is not None:
        w = w * response
    total = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cum = np.cumsum(w, axis=1) / total[:, None]
    choice = np.minimum((p.choice[:, None] >= cum).sum(axis=1), len(OPTIONS) - 1)
    outcome = np.where(~liable, NOT_LIABLE, np.where(total <= 0, NO_OPTION, choice))
    # the imposed term in years: around the reported median for the article, within the
    # reachable range (the law's limit); a conditional sentence suspends the same term
    term_prison = imposed_months(p, article, lo, hi) / 12
    term_conditional = term_prison
    community = np.select([outcome == RESTRICTION, outcome == CONDITIONAL],
                          [p.restriction_years, term_conditional], 0.0)
    in_community = (outcome == RESTRICTION) | (outcome == CONDITIONAL)
    # rehabilitation: enrolment by disposal; those who complete have lower hazards
    disposed = outcome < len(OPTIONS)  # sentenced or released from liability
    enrol = disposed & (p.enrol_u < b.enrolment[d, np.minimum(outcome, len(OPTIONS) - 1)])
    completes = enrol & p.completes_if_enrolled
    rr_rev = np.where(completes, b.rr_revocation[d], 1.0)
    # a community sentence, and its revocation
    sup = _SUPERVISED_OF[outcome]
    revoked_at = _after(judged, p.revoke, b.revocation_hazard[d, sup] * rr_rev)
    community_end = judged + community
    revoked_c = in_community & (revoked_at < community_end)
    imposed = np.where(outcome == CONDITIONAL, term_conditional, community)
    unserved = np.where(revoked_c, community_end - revoked_at, 0.0)
    prison_term = np.where(outcome == IMPRISONMENT, term_prison,
                           np.where(b.full_term[sup], imposed, unserved))
    has_prison = (outcome == IMPRISONMENT) | revoked_c
    s3 = np.where(revoked_c, revoked_at, np.where(in_community, community_end, judged))
    # prison; parole once the share of art. 72(3) (0: excluded) and the six months of 72(5)
    # are served, by the law core's rule
    min_served = parole_minimum_months(timeline.evaluation_dates())[
        np.clip(judged.astype(np.int64), 0, timeline.years - 1)] / 12

    def parole_at(term: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        wait = parole_served(term, fraction, min_served)
        return np.isfinite(wait), np.minimum(s3 + np.where(np.isfinite(wait), wait, 0.0)
                                             + p.parole_delay, s3 + term)

    eligible, paroled_at = parole_at(prison_term)
    base_end = s3 + prison_term
    # Art. 6(2), by the law core's rule: a milder law cuts a prison sentence being served to
    # its limit from the day it takes effect; what happened before that day stays as it was
    # (nobody leaves before it, parole already begun stays, and so does its revocation).
    new_term, served_to, shortened = milder_law_shortening(
        s3, prison_term, np.where(outcome == IMPRISONMENT, limit / 12, np.inf), effective)
    later = shortened & (paroled_at > effective)  # not yet paroled that day
    eligible_new, paroled_new = parole_at(new_term)
    eligible = np.where(later, eligible_new, eligible)
    paroled_at = np.where(later, np.clip(paroled_new, effective, served_to), paroled_at)
    granted = has_prison & eligible & p.paroled_if_eligible
    s4 = np.where(granted, paroled_at, np.where(has_prison, served_to, s3))
    parole = SUPERVISED.index("parole")
    revoked_p_at = _after(s4, p.revoke_parole, b.revocation_hazard[d, parole] * rr_rev)
    revoked_p = granted & (revoked_p_at < served_to)
    s5 = np.where(revoked_p, revoked_p_at, np.where(has_prison, served_to, s4))
    full = b.full_term[parole]
    s6 = s5 + np.where(revoked_p, np.where(full, prison_term, base_end - s5), 0.0)
    cut_back = shortened & revoked_p & (s6 > effective)  # back inside on that day: cut too
    s6 = np.where(cut_back, np.minimum(s6, np.maximum(
        s5 + np.where(full, new_term, served_to - s5), effective)), s6)
    # rehabilitation runs from the judgment (community, release) or from leaving prison,
    # and stops early on a return to prison
    rehab_start = np.where(outcome == IMPRISONMENT, s4, judged)
    back_inside = np.where(revoked_c, s3, np.where(revoked_p, s5, np.inf))
    planned_end = rehab_start + np.where(completes, 1.0, p.dropout) * b.rehab_years[d]
    rehab_end = np.where(enrol, np.minimum(planned_end, back_inside), rehab_start)
    rehab_done = completes & (planned_end <= back_inside)
    # a new offence after leaving the system, possibly with a new prison term
    reoffend_at = _after(s6, p.reoffend, b.reoffence_hazard[d]
                         * np.where(completes, b.rr_reoffending[d], 1.0))
    reoffends = disposed & (reoffend_at < far)
    reimprisoned = reoffends & p.reimprisoned_if_reoffends
    starts = np.empty((n, N_SLOTS))
    for k, t in enumerate((p.registered, p.returned, judged, s3, s4, s5, s6)):
        np.minimum(t, far, out=starts[:, k])
    starts[:, 7] = np.where(reimprisoned, np.minimum(reoffend_at, far), far)
    starts[:, 8] = np.where(reimprisoned, np.minimum(reoffend_at + p.reoffence_years, far), far)
    states = np.empty((n, N_SLOTS), dtype=np.int8)
    states[:] = [S["abroad"], S["awaiting_judgment"], S["conditional_sentence"], S["prison"],
                 S["parole"], S["prison"], S["released"], S["prison"], S["released"]]
    states[outcome == RESTRICTION, 2] = S["restriction_of_freedom"]
    states[:, 6] = np.select(
        [outcome == RELEASE, outcome == NOT_LIABLE, outcome == NO_OPTION],
        [S["released_from_liability"], S["not_liable"], S["no_lawful_option"]], S["released"])
    imprisoned = outcome == IMPRISONMENT
    return Paths(starts, states, outcome, revoked_c, revoked_p,
                 np.where(reoffends, reoffend_at, far),
                 (np.minimum(rehab_start, far), np.minimum(rehab_end, far), rehab_done),
                 np.where(imprisoned, term_prison, np.nan),
                 # time served up to the first release on the sentence (parole or its end),
                 # counted in that release's year: a later recall would reach back into a year
                 # already reported, and under a milder law change a year before it applied
                 np.where(imprisoned, s4 - s3, np.nan), s4)


# --- aggregation -------------------------------------------------------------------------------

METRICS = (
    # stocks at the end of each step
    *(f"stock.{s}" for s in STATES),
    "stock.probation_caseload", "stock.rehabilitation", "stock.pretrial_custody",
    # person-years within the step
    "years.prison", "years.probation", "years.rehabilitation", "years.pretrial_custody",
    # flows within the step
    "flow.registered", "flow.returned_from_abroad",
    *(f"flow.judged.{o}" for o in OUTCOMES),
    "flow.prison_admissions", "flow.paroles", "flow.revocations", "flow.releases",
    "flow.reoffences", "flow.rehabilitation_enrolments", "flow.rehabilitation_completions",
    # people judged under the variant whose options, range, parole or court response differ
    # from current law's (0 under current law)
    "flow.affected",
    # costs within the step (tenge of the price year): prison days at their average and at
    # their marginal cost; totals with each, and the average total discounted
    *(f"cost.{name}" for name in COSTS), "cost.total", "cost.total_marginal",
    "cost.total_discounted",
    # per draw the median (months) of the prison terms imposed in the year, and of the time
    # served in prison by those first leaving it in the year, on parole or at the term's end
    # (on a sentence of imprisonment; time after a revoked parole is not included)
    "sentence.imposed_months", "sentence.served_months",
)
#: Metrics that are not sums over people (a year's value is not the sum of its months).
MEDIANS = ("sentence.imposed_months", "sentence.served_months")
INDEX = {m: i for i, m in enumerate(METRICS)}


class _Binner:
    """Counts events, stocks and person-time per (group, draw in the chunk, step).

    Step ``k`` holds the times ``b[k-1] <= t < b[k]`` (``b[k]`` the end of step ``k``): an
    event on the first day of a year (a release the day a law takes effect) belongs to that
    year, and a stock at the end of a step counts whoever is still there on its last day. Times
    before the first step or after the last fall in two spare bins per row that are cut off
    (cheaper than selecting the times inside). ``group`` (optional) splits the counts, e.g. by
    state, in the same pass.
    """

    def __init__(self, draws: int, timeline: Timeline):
        self.draws, self.steps, self.per_year = draws, timeline.steps, timeline.per_year

    def _bins(self, d: np.ndarray, t: np.ndarray, group: np.ndarray | None, rest: bool = False
              ) -> tuple[np.ndarray, np.ndarray | None]:
        """Flat bin of each time, and (with ``rest``) the time left to the end of its step."""
        # in place where a temporary would be made (these arrays hold 9 slots per person)
        k = np.floor(t * self.per_year if self.per_year != 1 else t)
        k += 1
        np.clip(k, 0, self.steps + 1, out=k)
        left = None
        if rest:
            left = k / self.per_year if self.per_year != 1 else k.copy()
            left -= t
        if group is None:
            row = d * (self.steps + 2)
        else:
            row = group.astype(np.int64)
            row *= self.draws
            row += d
            row *= self.steps + 2
        row += k.astype(np.int64)
        return row, left

    def _count(self, bins: np.ndarray, groups: int, weights: np.ndarray | None = None,
               spare: bool = False) -> np.ndarray:
        """Counts per bin; with ``spare`` the bin before the first step (and after the last)
        are kept."""
        width = self.steps + 2
        counts = np.bincount(bins, weights, minlength=groups * self.draws * width)
        counts = counts.reshape(groups, self.draws, width)
        return counts if spare else counts[..., 1:-1]

    def events(self, d: np.ndarray, t: np.ndarray, group: np.ndarray | None = None,
               groups: int = 1) -> np.ndarray:
        """Events at times ``t`` per step: ``(draws, steps)``, or ``(groups, draws, steps)``."""
        counts = self._count(self._bins(d, t, group)[0], groups)
        return counts if group is not None else counts[0]

    def occupancy(self, d: np.ndarray, s: np.ndarray, e: np.ndarray,
                  group: np.ndarray | None = None, groups: int = 1
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For intervals ``[s, e)``: entries per step, the number open at the end of each step
        and the person-years within each step (each ``(groups, draws, steps)``).

        Person-time in a step is the stock at its start times the step's length, plus the
        time left in the step after each entry, minus the time left after each exit.
        """
        into, into_rest = self._bins(d, s, group, rest=True)
        out, out_rest = self._bins(d, e, group, rest=True)
        # entries before the first step (earlier cases) count in the stock from the start
        all_entries = self._count(into, groups, spare=True)
        every = np.cumsum(all_entries - self._count(out, groups, spare=True), axis=-1)
        entries, stock, before = all_entries[..., 1:-1], every[..., 1:-1], every[..., :-2]
        time = (before / self.per_year + self._count(into, groups, into_rest)
                - self._count(out, groups, out_rest))
        return entries, stock, time


def aggregate(paths: Paths, people: People, b: Behaviour, timeline: Timeline, first: int = 0
              ) -> np.ndarray:
    """Metrics per draw of ``b`` and step, shape ``(draws, steps, len(METRICS))``; ``people``
    number their draws from ``first`` (their block's first draw in the chunk)."""
    draws = len(b.abroad_share)
    binner = _Binner(draws, timeline)
    out = np.zeros((draws, timeline.steps, len(METRICS)))

    def put(name: str, value: np.ndarray) -> None:
        out[..., INDEX[name]] = value

    d = people.draw - first if first else people.draw
    far = timeline.horizon + 1.0
    ends = np.concatenate([paths.starts[:, 1:], np.full((len(d), 1), far)], axis=1)
    nonempty = np.flatnonzero(ends > paths.starts)
    entries, stocks, time = binner.occupancy(
        d[nonempty // N_SLOTS], paths.starts.ravel()[nonempty], ends.ravel()[nonempty],
        paths.states.ravel()[nonempty], len(STATES))
    for code, name in enumerate(STATES):
        put(f"stock.{name}", stocks[code])
    community = list(COMMUNITY)
    put("stock.probation_caseload", stocks[community].sum(axis=0))
    put("flow.prison_admissions", entries[S["prison"]])
    put("flow.paroles", entries[S["parole"]])
    put("years.prison", time[S["prison"]])
    put("years.probation", time[community].sum(axis=0))
    custody = b.custody_share[:, None]
    put("stock.pretrial_custody", stocks[S["awaiting_judgment"]] * custody)
    put("years.pretrial_custody", time[S["awaiting_judgment"]] * custody)
    rs, re, done = paths.rehab
    enrolled = re > rs
    rehab_in, rehab_stock, rehab_time = binner.occupancy(d[enrolled], rs[enrolled],
                                                         re[enrolled])
    put("stock.rehabilitation", rehab_stock[0])
    put("years.rehabilitation", rehab_time[0])
    put("flow.rehabilitation_enrolments", rehab_in[0])
    put("flow.rehabilitation_completions", binner.events(d[done], re[done]))
    put("flow.registered", binner.events(d, people.registered))
    came_back = paths.starts[:, 1] > paths.starts[:, 0]
    put("flow.returned_from_abroad", binner.events(d[came_back], paths.starts[came_back, 1]))
    judged = binner.events(d, np.minimum(people.judged, far), paths.outcome, len(OUTCOMES))
    for j, o in enumerate(OUTCOMES):
        put(f"flow.judged.{o}", judged[j])
    rc, rp = paths.revoked_community, paths.revoked_parole
    revocations: np.ndarray = (binner.events(d[rc], paths.starts[rc, 3])
                               + binner.events(d[rp], paths.starts[rp, 5]))
    put("flow.revocations", revocations)
    served = paths.outcome <= RELEASE
    put("flow.releases", binner.events(d[served], paths.starts[served, 6]))
    put("flow.reoffences", binner.events(d, paths.reoffence))
    for col, name in enumerate(COSTS):
        years = {"prison_marginal": "prison", "pretrial": "pretrial_custody"}.get(name, name)
        put(f"cost.{name}", out[..., INDEX[f"years.{years}"]] * b.unit_costs[:, col, None])
    cost = {name: out[..., INDEX[f"cost.{name}"]] for name in COSTS}
    others = cost["probation"] + cost["rehabilitation"]
    put("cost.total", cost["prison"] + cost["pretrial"] + others)
    # the marginal day in pre-trial custody: the same per-head items as in prison
    marginal = np.where(b.unit_costs[:, 0] > 0, b.unit_costs[:, 1] / b.unit_costs[:, 0], 0.0)
    put("cost.total_marginal", cost["prison_marginal"] + cost["pretrial"] * marginal[:, None]
        + others)
    years_ahead = np.maximum(np.arange(timeline.steps) // timeline.per_year
                             - (timeline.start_year - timeline.first_year), 0)
    put("cost.total_discounted", out[..., INDEX["cost.total"]]
        / (1 + b.discount_rate[:, None]) ** years_ahead[None, :])
    return out


@dataclass(frozen=True)
class Projection:
    """Metrics for every draw, variant and step: ``values[draw, variant, step, metric]``."""

    values: np.ndarray
    variants: tuple[str, ...]
    timeline: Timeline

    def metric(self, name: str) -> np.ndarray:
        """``(draws, variants, steps)`` for one metric."""
        try:
            return np.asarray(self.values[..., INDEX[name]])
        except KeyError:
            raise KeyError(f"no metric {name!r}; metrics: {', '.join(METRICS)}") from None


@dataclass(frozen=True)
class CourtResponse:
    """A scenario court response as arrays: the option, its factor per draw, the pool rows whose
    facts match, and the variants it applies to (None: every variant, current law too)."""

    option: int
    factor: np.ndarray  # (draws,)
    rows: np.ndarray  # (pool,) bool
    variants: frozenset[str] | None


def response_factors(people: People, responses: tuple[CourtResponse, ...], variant: str,
                     draw_offset: int, pool: int, current: np.ndarray | None = None
                     ) -> np.ndarray | None:
    """The multipliers of the court's weights ``(people, options)`` under ``variant``; before
    the variant's first day those of current law (``current``: already computed for the same
    people). None when no response applies."""
    if not responses:
        return None
    row = people.flat % pool

    def under(name: str, at: np.ndarray | slice) -> np.ndarray:
        """The factors of the responses ``name`` is subject to, for the people ``at``."""
        rows, draw = row[at], people.draw[at]
        f = np.ones((len(rows), len(OPTIONS)))
        for r in responses:
            if r.variants is None or name in r.variants:
                hit = r.rows[rows]
                column = f[:, r.option]  # a view: one-dimensional selections are cheaper
                column[hit] *= r.factor[draw[hit] + draw_offset]
        return f

    base = under("current", slice(None)) if current is None else current
    if variant == "current":
        return base
    out = base.copy()
    judged_under = np.flatnonzero(people.use_variant)  # the variant's factors from its first day
    out[judged_under] = under(variant, judged_under)
    return out


def medians_by_year(draw: np.ndarray, time: np.ndarray, x: np.ndarray, draws: int,
                    years: int) -> np.ndarray:
    """Per draw and year of ``time`` the median of ``x`` (NaN entries ignored; NaN where none)."""
    year = np.floor(time).astype(np.int64)
    ok = ~np.isnan(x) & (year >= 0) & (year < years)
    key, v = draw[ok] * years + year[ok], x[ok]
    out = np.full(draws * years, np.nan)
    if len(v):
        # one float sort key: the group, then the value scaled into [0, 0.5)
        span = float(v.max() - v.min()) or 1.0
        order = np.argsort(key + (v - v.min()) / (2 * span))
        key, v = key[order], v[order]
        counts = np.bincount(key, minlength=draws * years)
        first = np.cumsum(counts) - counts
        has = counts > 0
        out[has] = (v[first[has] + (counts[has] - 1) // 2] + v[first[has] + counts[has] // 2]) / 2
    return out.reshape(draws, years)


@dataclass(frozen=True)
class _Job:
    """Everything a chunk of draws needs (handed to worker processes by fork, not pickled)."""

    tables: Mapping[str, EligibilityTable]
    variants: tuple[str, ...]
    behaviour: Behaviour
    effective: float
    admissions: np.ndarray
    sampler: PoolSampler
    timeline: Timeline
    seeds: list[np.random.SeedSequence]
    responses: tuple[CourtResponse, ...] = ()
    earlier: np.ndarray | None = None  # (draws,) cases registered before the first year
    earlier_years: int = 1
    #: per variant the factor (per draw) on the return hazard of those abroad from its first day
    returns: Mapping[str, np.ndarray] = field(default_factory=dict)

    def _sentences(self, values: np.ndarray, people: People, paths: Paths,
                   rows: slice = slice(None)) -> None:
        """Fill the median imposed terms (months, by year of judgment) and the median time served
        in prison on them (by year of leaving prison) of one variant's ``values`` (the chunk's
        draws ``rows``, where ``people`` are)."""
        tl = self.timeline
        for name, x, t in (("sentence.imposed_months", paths.imposed, people.judged),
                           ("sentence.served_months", paths.served, paths.left)):
            med = medians_by_year(people.draw - rows.start, t, x * 12, rows.stop - rows.start,
                                  tl.years)
            values[rows, ..., INDEX[name]] = np.repeat(med, tl.per_year, axis=1)

    def run(self, i: int, lo: int, hi: int, keep: list[tuple[People, dict[str, Paths]]] | None
            = None) -> np.ndarray:
        """Metrics ``(hi - lo, variants, steps, metrics)`` of draws ``lo..hi``.

        A variant's result is current law's plus, for the people whose eligibility (or court
        response) the variant changes, the difference of their paths (every metric but the
        medians is a sum over people); with ``keep`` every variant is followed in full instead,
        and its paths kept.

        The chunk's people are drawn, and each variant's eligibility read, for the whole chunk
        (its random numbers and choices stay those of the chunk); their paths are then followed
        and counted a block of draws at a time (:data:`BLOCK_PEOPLE`), so that the many
        temporaries of :func:`follow` and :func:`aggregate` stay in the processor's cache.
        Every metric is per draw and blocks end between draws, so the numbers are the same.
        """
        rng = np.random.default_rng(self.seeds[i])
        local = self.behaviour.draws(lo, hi)
        pool = self.tables["current"].liable.shape[1]
        people = People.generate(self.admissions[lo:hi], self.sampler, lo, local, self.timeline,
                                 pool, self.effective, rng,
                                 None if self.earlier is None else self.earlier[lo:hi],
                                 self.earlier_years)
        values = np.zeros((hi - lo, len(self.variants), self.timeline.steps, len(METRICS)))
        current = self.tables["current"]
        base = _Judged(people, eligibility_of(people, (current, current), self.effective),
                       response_factors(people, self.responses, "current", lo, pool),
                       np.zeros(len(people.draw), dtype=bool))
        judged = [base]
        affected = []
        for v in self.variants[1:]:
            mine = people
            if v in self.returns:  # more people come back under this variant
                mine = people.returning(self.returns[v][lo:hi][people.draw], self.effective,
                                        self.timeline, pool)
            elig = eligibility_of(mine, (self.tables[v], current), self.effective)
            response = response_factors(mine, self.responses, v, lo, pool,
                                        base.response if mine is people else None)
            changed = mine.judged != people.judged
            for a, b in zip(elig, base.eligibility, strict=True):
                changed |= (a != b) if a.ndim == 1 else (a != b).any(axis=1)
            if response is not None:
                changed |= (response != base.response).any(axis=1)
            hit = changed & mine.use_variant
            affected.append(_Binner(hi - lo, self.timeline).events(mine.draw[hit],
                                                                   mine.judged[hit]))
            # the shortcut aggregates the changed people twice; past 2/3 of everyone it is
            # cheaper to follow everyone
            judged.append(_Judged(mine, elig, response, changed,
                                  keep is not None or bool(changed.mean() > 0.65)))
        kept: dict[str, Paths] = {}
        for rows, at in _blocks(people.draw, hi - lo, None if keep is None else len(people.draw)):
            kept = self._block(values, [j.part(at) for j in judged], local, rows)
        for j, counts in enumerate(affected, start=1):
            values[:, j, :, INDEX["flow.affected"]] = counts
        if keep is not None:
            keep.append((people, dict(zip(self.variants, kept.values(), strict=True))))
        return values.astype(np.float32)

    def _block(self, values: np.ndarray, judged: list[_Judged], local: Behaviour, rows: slice
               ) -> dict[str, Paths]:
        """Follow and count the people of one block (the chunk's draws ``rows``) under every
        variant into ``values``; their paths, by variant."""
        tl, eff = self.timeline, self.effective
        local, first = local.draws(rows.start, rows.stop), rows.start
        base = judged[0]
        base_paths = follow(base.people, base.eligibility, tl, eff, base.response)
        values[rows, 0] = aggregate(base_paths, base.people, local, tl, first)
        self._sentences(values[:, 0], base.people, base_paths, rows)
        kept = {"current": base_paths}
        for j, (v, mine) in enumerate(zip(self.variants[1:], judged[1:], strict=True), start=1):
            if mine.full:
                paths = follow(mine.people, mine.eligibility, tl, eff, mine.response)
                values[rows, j] = aggregate(paths, mine.people, local, tl, first)
                self._sentences(values[:, j], mine.people, paths, rows)
                kept[v] = paths
                continue
            changed = mine.changed
            if not changed.any():
                values[rows, j] = values[rows, 0]
                continue
            changed = np.flatnonzero(changed)  # one selection, many arrays
            few = mine.people.subset(changed)
            few_paths = follow(few, tuple(a[changed] for a in mine.eligibility), tl, eff,
                               None if mine.response is None else mine.response[changed])
            values[rows, j] = (values[rows, 0]
                               + aggregate(few_paths, few, local, tl, first)
                               - aggregate(base_paths.subset(changed),
                                           base.people.subset(changed), local, tl, first))
            merged = Paths(*(getattr(base_paths, f.name) for f in fields(Paths)))
            for name in ("imposed", "served", "left"):
                whole = getattr(base_paths, name).copy()
                whole[changed] = getattr(few_paths, name)
                setattr(merged, name, whole)
            self._sentences(values[:, j], mine.people, merged, rows)
        return kept


#: People followed at a time within a chunk (see :meth:`_Job.run`): their temporaries fit in
#: the processor's cache.
BLOCK_PEOPLE = 32_768


def _blocks(draw: np.ndarray, n_draws: int, size: int | None = None
            ) -> list[tuple[slice, slice]]:
    """Consecutive blocks of about ``size`` people (default :data:`BLOCK_PEOPLE`) that end
    between draws (``draw``, sorted, numbers each person's of ``n_draws``): per block its draws
    and its people, as slices. Every draw is in a block, with people or not."""
    size = max(size or BLOCK_PEOPLE, 1)
    starts = np.searchsorted(draw, np.arange(n_draws + 1))  # each draw's first person
    out, d0 = [], 0
    while d0 < n_draws:
        # the last draw starting within ``size`` people (at least one draw)
        d1 = max(d0 + 1, int(np.searchsorted(starts, starts[d0] + size, side="right")) - 1)
        d1 = min(d1, n_draws)
        out.append((slice(d0, d1), slice(int(starts[d0]), int(starts[d1]))))
        d0 = d1
    return out


@dataclass(frozen=True)
class _Judged:
    """The people of a chunk as judged under one variant: what :func:`follow` needs, which of
    them the variant changes against current law, and whether to follow them all."""

    people: People
    eligibility: tuple[np.ndarray, ...]
    response: np.ndarray | None
    changed: np.ndarray  # the people the variant changes (none under current law)
    full: bool = True

    def part(self, at: slice) -> _Judged:
        """The same for the people ``at`` (views, not copies)."""
        return _Judged(self.people.part(at), tuple(a[at] for a in self.eligibility),
                       None if self.response is None else self.response[at],
                       self.changed[at], self.full)


_JOB: _Job | None = None  # the job a forked worker inherits


def _run_chunk(i: int, lo: int, hi: int) -> np.ndarray:
    assert _JOB is not None
    return _JOB.run(i, lo, hi)


def project(
    tables: Mapping[str, EligibilityTable],
    scenario: Scenario,
    draws: Draws,
    admissions: np.ndarray,
    sampler: PoolSampler,
    timeline: Timeline,
    seed: int,
    chunk_people: int = 250_000,
    progress: Callable[[int], None] | None = None,
    keep: list[tuple[People, dict[str, Paths]]] | None = None,
    workers: int | None = None,
    responses: tuple[CourtResponse, ...] = (),
    earlier: np.ndarray | None = None,
    returns: Mapping[str, np.ndarray] | None = None,
    part: tuple[int, int] | None = None,
) -> Projection:
    """Project every variant in ``tables`` (``current`` first) over all draws.

    ``admissions`` holds registered cases per draw and calendar year from ``first_year``.
    Draws are processed in chunks of about ``chunk_people`` people, spread over ``workers``
    processes (default: one per CPU); each chunk has its own seed, so the result does not
    depend on ``workers``. ``progress`` is called with the number of draws finished after each
    chunk. ``keep``, if given, receives each chunk's people and paths (for tests and
    inspection of small runs; it runs in this process). ``responses`` are the scenario's court
    responses (:func:`court_responses`); ``earlier`` the cases per draw registered before the
    first year (``admissions.earlier``); ``returns`` per variant the factor per draw on the
    return hazard of those abroad from the variant's first day.

    ``part=(k, n)`` computes only the chunks ``i`` with ``i % n == k`` and leaves the other
    draws at zero, so that ``n`` jobs (on several machines) compute a run between them: the
    sum of their values is the whole run's, since each chunk has its own seed. ``k = -1``
    computes no chunk (the frame a merge fills).
    """
    global _JOB
    if "current" not in tables:
        raise FrameError("the eligibility tables must include 'current' (the baseline)")
    variants = ("current", *[v for v in tables if v != "current"])
    if admissions.shape != (draws.n, timeline.years):
        raise ValueError(f"admissions must have shape {(draws.n, timeline.years)}, "
                         f"got {admissions.shape}")
    people = admissions.sum(axis=1) + (0 if earlier is None else earlier)
    size = max(1, int(chunk_people // max(1.0, float(people.mean()))))
    chunks = [(i, lo, min(draws.n, lo + size)) for i, lo in enumerate(range(0, draws.n, size))]
    seeds = np.random.SeedSequence([seed, 7]).spawn(len(chunks))
    if part is not None:
        chunks = [c for c in chunks if c[0] % part[1] == part[0]]
    job = _Job(tables, variants, Behaviour.from_draws(scenario, draws),
               timeline.time(scenario.policy.effective_from), admissions, sampler, timeline,
               seeds, responses, earlier,
               scenario.admissions.earlier.years if scenario.admissions.earlier else 1,
               returns or {})
    values = np.zeros((draws.n, len(variants), timeline.steps, len(METRICS)), dtype=np.float32)
    workers = min(workers or os.cpu_count() or 1, max(len(chunks), 1))
    if keep is not None or workers <= 1:
        for i, lo, hi in chunks:
            values[lo:hi] = job.run(i, lo, hi, keep)
            if progress:
                progress(hi - lo)
        return Projection(values, variants, timeline)
    _JOB = job
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_run_chunk, i, lo, hi): (lo, hi) for i, lo, hi in chunks}
            for future in as_completed(futures):
                lo, hi = futures[future]
                values[lo:hi] = future.result()
                if progress:
                    progress(hi - lo)
    finally:
        _JOB = None
    return Projection(values, variants, timeline)
