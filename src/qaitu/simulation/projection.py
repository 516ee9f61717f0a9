"""The stock-and-flow projection: what happens to every registered case, year after year.

Input is an *eligibility table* per variant — exactly the arrays ``evaluate_cohort`` returns
(liability, reachable range, option statuses, parole fraction) for a pool of case profiles
judged at each step — plus the scenario's behavioural quantities, drawn per Monte Carlo draw.
Nothing here decides what the law allows; it only follows people through the options the law
left open.

Each registered case follows a path of consecutive *slots*, every slot a state with a start
time (the next slot's start is its end; empty slots have zero length)::

    0 abroad  1 awaiting judgment  2 community sentence  3 prison  4 parole
    5 prison (parole revoked)  6 out  7 prison (new offence)  8 out

so that at any time everyone registered so far is in exactly one state. The judgment takes the
variant's eligibility for the step of the judgment date (``current`` before the policy takes
effect). Among the options the law leaves ``available`` or ``only_exceptional``, the court's
choice is drawn with the scenario's weights, in the fixed order of
:data:`~qaitu.simulation.scenarios.OPTIONS` (most custodial first) with *common random
numbers*: a person's random numbers are the same under every variant. Hence a variant whose
option statuses are everywhere at least as open as another's, with the same ranges and parole
fractions, sends a subset of the same people to prison at judgment. Revocations and new
offences can still bring people into prison later, and they are counted as such.

Results are per step (year or month): stocks at the end of the step, person-years in the step,
flows (events) in the step, and costs (person-years times unit costs). Stocks and flows obey
``stock[k] = stock[k-1] + entries[k] - exits[k]`` for every state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from qaitu.simulation.scenarios import OPTIONS, SUPERVISED, Scenario
from qaitu.simulation.uncertainty import Draws, PoolSampler

STATUSES = ("unavailable", "only_exceptional", "available")
#: Fields of an eligibility frame the projection needs (``evaluate_cohort`` returns more).
FRAME_FIELDS = ("liable", *OPTIONS, "reachable_min_months", "reachable_max_months",
                "parole_fraction")

# states
ABROAD, AWAITING, PRISON, CONDITIONAL, RESTRICTION, PROBATION, PAROLE = range(7)
RELEASED, RELEASED_FROM_LIABILITY, NOT_LIABLE, NO_OPTION = range(7, 11)
STATES = ("abroad", "awaiting_judgment", "prison", "conditional_sentence",
          "restriction_of_freedom", "probation_control", "parole", "released",
          "released_from_liability", "not_liable", "no_lawful_option")
COMMUNITY = (CONDITIONAL, RESTRICTION, PROBATION, PAROLE)
OUT = (RELEASED, RELEASED_FROM_LIABILITY, NOT_LIABLE, NO_OPTION)
N_SLOTS = 9
#: Court outcomes: the options, then the two outcomes the court does not choose.
OUTCOMES = (*OPTIONS, "not_liable", "no_lawful_option")
#: For each outcome, its index in SUPERVISED (only the community sentences use it).
_SUPERVISED_OF = np.array([0, SUPERVISED.index("restriction_of_freedom"),
                           SUPERVISED.index("probation_control"),
                           SUPERVISED.index("conditional_sentence"), 0, 0, 0])


class FrameError(ValueError):
    """An eligibility frame that the projection cannot use (names variant and field)."""


@dataclass(frozen=True)
class EligibilityTable:
    """One variant's eligibility for every pool profile at every evaluation step.

    Arrays have shape ``(steps, pool)``; ``status`` has a last axis over
    :data:`~qaitu.simulation.scenarios.OPTIONS` with codes 0 unavailable, 1 only exceptional,
    2 available.
    """

    liable: np.ndarray
    status: np.ndarray
    min_months: np.ndarray
    max_months: np.ndarray
    parole_fraction: np.ndarray

    @classmethod
    def from_frame(cls, frame: Mapping[str, np.ndarray], steps: int, pool: int,
                   variant: str = "?") -> EligibilityTable:
        """Check and reshape ``evaluate_cohort``'s output for ``steps * pool`` rows."""
        missing = [f for f in FRAME_FIELDS if f not in frame]
        if missing:
            raise FrameError(f"variant {variant}: evaluate_cohort returned no {missing}")
        n = steps * pool

        def get(name: str) -> np.ndarray:
            arr = np.asarray(frame[name])
            if arr.shape != (n,):
                raise FrameError(f"variant {variant}: {name} has shape {arr.shape}, expected ({n},)")
            return arr

        status = np.empty((n, len(OPTIONS)), dtype=np.int8)
        for j, option in enumerate(OPTIONS):
            arr = get(option).astype(str)
            codes = np.full(n, -1, dtype=np.int8)
            for code, name in enumerate(STATUSES):
                codes[arr == name] = code
            if (codes < 0).any():
                bad = sorted(set(arr[codes < 0].tolist()))[:5]
                raise FrameError(f"variant {variant}: {option} has unknown statuses {bad}; "
                                 f"expected {STATUSES}")
            status[:, j] = codes
        lo = get("reachable_min_months").astype(np.float64)
        hi = get("reachable_max_months").astype(np.float64)
        fraction = get("parole_fraction").astype(np.float64)
        liable = get("liable").astype(bool)
        if (hi < lo)[liable].any():
            raise FrameError(f"variant {variant}: reachable_max_months below the minimum")
        shape = (steps, pool)
        return cls(liable.reshape(shape), status.reshape((*shape, len(OPTIONS))),
                   lo.reshape(shape), hi.reshape(shape), fraction.reshape(shape))

    def at(self, flat: np.ndarray) -> tuple[np.ndarray, ...]:
        """Fields at flat indices ``step * pool + row``."""
        steps, pool = self.liable.shape
        return (self.liable.reshape(-1)[flat],
                self.status.reshape(steps * pool, -1)[flat],
                self.min_months.reshape(-1)[flat],
                self.max_months.reshape(-1)[flat],
                self.parole_fraction.reshape(-1)[flat])


@dataclass(frozen=True)
class Timeline:
    """Simulated time: years since 1 January of ``first_year``; steps of a year or a month."""

    first_year: int
    start_year: int
    end_year: int
    step: str = "year"

    @property
    def per_year(self) -> int:
        return 12 if self.step == "month" else 1

    @property
    def steps(self) -> int:
        return (self.end_year - self.first_year) * self.per_year

    @property
    def horizon(self) -> float:
        return float(self.end_year - self.first_year)

    @property
    def first_projected_step(self) -> int:
        return (self.start_year - self.first_year) * self.per_year

    def time(self, date: dt.date) -> float:
        """A calendar date as simulated time (the first of a month falls on a step boundary)."""
        import calendar

        days = calendar.monthrange(date.year, date.month)[1]
        return (date.year - self.first_year) + (date.month - 1 + (date.day - 1) / days) / 12

    def evaluation_dates(self) -> np.ndarray:
        """The judgment date the law is evaluated at for each step: the step's middle."""
        if self.step == "month":
            months = np.arange(self.steps)
            return np.array([np.datetime64(f"{self.first_year + m // 12}-{m % 12 + 1:02d}-15")
                             for m in months], dtype="datetime64[D]")
        return np.array([np.datetime64(f"{y}-07-01") for y in range(self.first_year,
                                                                      self.end_year)],
                        dtype="datetime64[D]")

    def labels(self) -> list[str]:
        if self.step == "month":
            return [f"{self.first_year + m // 12}-{m % 12 + 1:02d}" for m in range(self.steps)]
        return [str(y) for y in range(self.first_year, self.end_year)]


@dataclass(frozen=True)
class Behaviour:
    """The scenario's behavioural quantities as per-draw arrays (one row per draw)."""

    abroad_share: np.ndarray
    return_hazard: np.ndarray
    lag: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    weights: np.ndarray  # (draws, options, statuses)
    position: dict[str, tuple[np.ndarray, np.ndarray]]  # option -> (mean, concentration)
    community_months: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]
    parole_granted: np.ndarray
    parole_delay: np.ndarray  # years
    revocation_hazard: np.ndarray  # (draws, 4) in SUPERVISED order, per year
    full_term: np.ndarray  # (4,) bool: revocation means the whole imposed term
    enrolment: np.ndarray  # (draws, options)
    rehab_years: np.ndarray
    completion: np.ndarray
    rr_revocation: np.ndarray
    rr_reoffending: np.ndarray
    reoffence_hazard: np.ndarray
    reoffence_prison_share: np.ndarray
    reoffence_months: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    unit_costs: np.ndarray  # (draws, 3): prison, probation, rehabilitation per person-year

    @classmethod
    def from_draws(cls, scenario: Scenario, d: Draws) -> Behaviour:
        def hazard(p: np.ndarray) -> np.ndarray:
            with np.errstate(divide="ignore"):
                return -np.log1p(-np.minimum(p, 1.0))

        def months(prefix: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
            return (d[f"{prefix}.median"], d[f"{prefix}.sd_log"], d[f"{prefix}.low"],
                    d[f"{prefix}.high"])

        weights = np.zeros((d.n, len(OPTIONS), len(STATUSES)))
        for j, o in enumerate(OPTIONS):
            weights[:, j, 1] = d[f"judicial.weights.{o}.only_exceptional"]
            weights[:, j, 2] = d[f"judicial.weights.{o}.available"]
        sup = scenario.supervision.revocation
        return cls(
            abroad_share=d["proceedings.abroad_share"],
            return_hazard=hazard(d["proceedings.yearly_return_probability"]),
            lag=months("proceedings.months_to_judgment"),
            weights=weights,
            position={o: (d[f"judicial.terms.{o}.mean"], d[f"judicial.terms.{o}.concentration"])
                      for o in ("imprisonment", "conditional_sentence")},
            community_months={o: months(f"judicial.terms.{o}")
                              for o in ("restriction_of_freedom", "probation_control")},
            parole_granted=d["supervision.parole_granted"],
            parole_delay=d["supervision.parole_delay_months"] / 12,
            revocation_hazard=np.stack(
                [hazard(d[f"supervision.revocation.{s}.yearly_probability"]) for s in SUPERVISED],
                axis=1),
            full_term=np.array([sup[s].prison_term == "full_term" for s in SUPERVISED]),  # type: ignore[index]
            enrolment=np.stack([d[f"rehabilitation.enrolment.{o}"] for o in OPTIONS], axis=1),
            rehab_years=d["rehabilitation.duration_months"] / 12,
            completion=d["rehabilitation.completion"],
            rr_revocation=d["rehabilitation.revocation_relative_risk"],
            rr_reoffending=d["rehabilitation.reoffending_relative_risk"],
            reoffence_hazard=hazard(d["reoffending.yearly_probability"]),
            reoffence_prison_share=d["reoffending.imprisonment_share"],
            reoffence_months=months("reoffending.prison_months"),
            unit_costs=np.stack([d["costs.prison_per_year"], d["costs.probation_per_year"],
                                 d["costs.rehabilitation_per_year"]], axis=1),
        )


def _months(spec: tuple[np.ndarray, ...], d: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Per-person durations in years from a lognormal months specification."""
    median, sd_log, low, high = (a[d] for a in spec)
    return np.clip(median * np.exp(sd_log * z), low, high) / 12


@dataclass
class People:
    """The cases of a chunk of draws and every random number they need, fixed across variants.

    Drawing them once and reusing them for every variant (common random numbers) makes the
    differences between variants differences of law, not of luck.
    """

    draw: np.ndarray  # draw index within the chunk
    registered: np.ndarray
    row: np.ndarray
    u: dict[str, np.ndarray]
    position: dict[str, np.ndarray]

    @classmethod
    def generate(cls, counts: np.ndarray, sampler: PoolSampler, draw_offset: int,
                 b: Behaviour, rng: np.random.Generator) -> People:
        """People registered per (draw in the chunk, calendar year) as ``counts`` says."""
        n_draws, n_years = counts.shape
        draw = np.repeat(np.repeat(np.arange(n_draws), n_years), counts.ravel())
        year = np.repeat(np.tile(np.arange(n_years), n_draws), counts.ravel())
        n = len(draw)
        registered = year + (1.0 - rng.random(n))  # in (year, year + 1]
        row = sampler.rows(draw + draw_offset, rng)
        u = {k: rng.random(n) for k in ("abroad", "choice", "parole", "enrol", "complete",
                                         "dropout", "reimprison")}
        for k in ("return", "revoke", "revoke_parole", "reoffend", "parole_delay"):
            u[k] = rng.standard_exponential(n)
        for k in ("lag", "community", "reoffence_term"):
            u[k] = rng.standard_normal(n)
        position = {}
        for option, (mean, conc) in b.position.items():
            position[option] = rng.beta(mean[draw] * conc[draw], (1 - mean[draw]) * conc[draw])
        return cls(draw, registered, row, u, position)


@dataclass
class Paths:
    """Slot start times and states of every person under one variant (see module docstring)."""

    starts: np.ndarray  # (people, N_SLOTS)
    states: np.ndarray  # (people, N_SLOTS) int8
    outcome: np.ndarray  # index into OUTCOMES
    judged: np.ndarray  # judgment time
    revoked_community: np.ndarray  # bool: the community sentence was revoked (at slot 3)
    revoked_parole: np.ndarray  # bool: parole was revoked (at slot 5)
    reoffence: np.ndarray  # time of a new offence (FAR if none in the horizon)
    rehab: tuple[np.ndarray, np.ndarray, np.ndarray]  # start, end, completed


def follow(people: People, tables: tuple[EligibilityTable, EligibilityTable], effective: float,
           b: Behaviour, timeline: Timeline) -> Paths:
    """Everyone's path under one variant (``tables``: the variant's and ``current``'s)."""
    far = timeline.horizon + 1.0
    d, u = people.draw, people.u
    n = len(d)
    # before judgment: abroad, then awaiting judgment (independent of the law)
    abroad = u["abroad"] < b.abroad_share[d]
    with np.errstate(divide="ignore", invalid="ignore"):
        back = np.where(abroad, u["return"] / b.return_hazard[d], 0.0)
    returned = people.registered + back
    judged = returned + _months(b.lag, d, u["lag"])
    # the law at the judgment date
    step = np.clip((judged * timeline.per_year).astype(np.int64), 0, timeline.steps - 1)
    pool = tables[0].liable.shape[1]
    flat = step * pool + people.row
    use_variant = judged >= effective
    liable, status, lo, hi, fraction = (
        np.where(use_variant.reshape(-1, *[1] * (fv.ndim - 1)), fv, fc)
        for fv, fc in zip(tables[0].at(flat), tables[1].at(flat), strict=True))
    # the court's choice among the options the law leaves open
    w = b.weights[d[:, None], np.arange(len(OPTIONS))[None, :], status]
    total = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cum = np.cumsum(w, axis=1) / total[:, None]
    choice = np.minimum((u["choice"][:, None] >= cum).sum(axis=1), len(OPTIONS) - 1)
    outcome = np.where(~liable, OUTCOMES.index("not_liable"),
                       np.where(total <= 0, OUTCOMES.index("no_lawful_option"), choice))
    # terms (years)
    span = hi - lo
    term_prison = (lo + people.position["imprisonment"] * span) / 12
    term_conditional = (lo + people.position["conditional_sentence"] * span) / 12
    community = np.zeros(n)
    community = np.where(outcome == 1, _months(b.community_months["restriction_of_freedom"], d,
                                               u["community"]), community)
    community = np.where(outcome == 2, _months(b.community_months["probation_control"], d,
                                               u["community"]), community)
    community = np.where(outcome == 3, term_conditional, community)
    in_community = (outcome >= 1) & (outcome <= 3)
    # rehabilitation: enrolment by outcome; completers have lower hazards
    chosen = np.minimum(outcome, len(OPTIONS) - 1)
    enrol = (outcome < len(OPTIONS)) & (u["enrol"] < b.enrolment[d, chosen])
    completes = enrol & (u["complete"] < b.completion[d])
    rr_rev = np.where(completes, b.rr_revocation[d], 1.0)
    rr_re = np.where(completes, b.rr_reoffending[d], 1.0)
    # community sentence and its revocation
    sup_index = _SUPERVISED_OF[outcome]
    with np.errstate(divide="ignore", invalid="ignore"):
        rev_at = judged + u["revoke"] / (b.revocation_hazard[d, sup_index] * rr_rev)
    community_end = judged + community
    revoked_c = in_community & (rev_at < community_end)
    full = b.full_term[sup_index]
    prison_term = np.where(outcome == 0, term_prison,
                           np.where(full, np.where(outcome == 3, term_conditional, community),
                                    community_end - rev_at))
    has_prison = (outcome == 0) | revoked_c
    s3 = np.where(revoked_c, rev_at, np.where(in_community, community_end, judged))
    # prison, parole (art. 72 fraction from the law) and parole revocation
    eligible = np.isfinite(fraction) & (fraction < 1) & has_prison
    granted = eligible & (u["parole"] < b.parole_granted[d])
    served_to = s3 + prison_term
    parole_at = np.where(granted, np.minimum(s3 + np.nan_to_num(fraction) * prison_term
                                             + u["parole_delay"] * b.parole_delay[d], served_to),
                         served_to)
    s4 = np.where(has_prison, parole_at, s3)
    with np.errstate(divide="ignore", invalid="ignore"):
        rev2 = s4 + u["revoke_parole"] / (b.revocation_hazard[d, 3] * rr_rev)
    revoked_p = has_prison & granted & (rev2 < served_to)
    s5 = np.where(revoked_p, rev2, np.where(has_prison, served_to, s4))
    end5 = np.where(revoked_p, np.where(b.full_term[3], rev2 + prison_term, served_to), s5)
    s6 = end5
    # rehabilitation interval: from judgment (community, release) or on leaving prison
    rehab_start = np.where(outcome == 0, s4, judged)
    next_prison = np.where(outcome == 0, np.where(revoked_p, s5, far),
                           np.where(revoked_c, s3, far))
    planned_end = rehab_start + np.where(completes, 1.0, u["dropout"]) * b.rehab_years[d]
    rehab_end = np.where(enrol, np.minimum(planned_end, next_prison), rehab_start)
    rehab_done = completes & (planned_end <= next_prison)
    # a new offence after leaving the system, possibly with a new prison term
    dealt_with = outcome < len(OPTIONS)  # sentenced or released from liability
    with np.errstate(divide="ignore", invalid="ignore"):
        reoffend_at = s6 + u["reoffend"] / (b.reoffence_hazard[d] * rr_re)
    reoffends = dealt_with & (reoffend_at < far)
    reimprisoned = reoffends & (u["reimprison"] < b.reoffence_prison_share[d])
    s7 = np.where(reimprisoned, reoffend_at, far)
    s8 = np.where(reimprisoned, reoffend_at + _months(b.reoffence_months, d,
                                                      u["reoffence_term"]), far)
    starts = np.stack([people.registered, returned, judged, s3, s4, s5, s6, s7, s8], axis=1)
    np.minimum(starts, far, out=starts)
    np.maximum.accumulate(starts, axis=1, out=starts)  # guards against rounding only
    states = np.empty((n, N_SLOTS), dtype=np.int8)
    states[:, :] = (ABROAD, AWAITING, CONDITIONAL, PRISON, PAROLE, PRISON, RELEASED, PRISON,
                    RELEASED)
    states[:, 2] = np.select([outcome == 1, outcome == 2], [RESTRICTION, PROBATION], CONDITIONAL)
    states[:, 6] = np.select(
        [outcome == OUTCOMES.index("release_from_liability"),
         outcome == OUTCOMES.index("not_liable"), outcome == OUTCOMES.index("no_lawful_option")],
        [RELEASED_FROM_LIABILITY, NOT_LIABLE, NO_OPTION], RELEASED)
    return Paths(starts, states, outcome, np.minimum(judged, far), revoked_c, revoked_p,
                 np.where(reoffends, reoffend_at, far),
                 (np.minimum(rehab_start, far), np.minimum(rehab_end, far), rehab_done))


# --- aggregation -------------------------------------------------------------------------------

STOCKS = (*STATES, "rehabilitation")
METRICS = (
    # stocks at the end of each step
    *(f"stock.{s}" for s in STOCKS),
    "stock.probation_caseload",
    # person-years within the step
    "years.prison", "years.probation", "years.rehabilitation",
    # flows within the step
    "flow.registered", "flow.returned_from_abroad",
    *(f"flow.judged.{o}" for o in OUTCOMES),
    "flow.prison_admissions", "flow.paroles", "flow.revocations", "flow.releases",
    "flow.reoffences", "flow.rehabilitation_enrolments", "flow.rehabilitation_completions",
    # costs within the step (tenge)
    "cost.prison", "cost.probation", "cost.rehabilitation", "cost.total",
)
INDEX = {m: i for i, m in enumerate(METRICS)}


class _Binner:
    """Counts events and person-time per (local draw, step) with ``bincount``."""

    def __init__(self, draws: int, timeline: Timeline):
        self.draws, self.steps, self.per_year = draws, timeline.steps, timeline.per_year
        self.horizon = timeline.horizon

    def events(self, d: np.ndarray, t: np.ndarray, weight: np.ndarray | None = None) -> np.ndarray:
        """Events at times ``t`` in each step (a step ``k`` holds ``b_{k-1} < t <= b_k``)."""
        k = np.ceil(t * self.per_year).astype(np.int64) - 1
        ok = (k >= 0) & (k < self.steps)
        w = None if weight is None else weight[ok]
        idx = d[ok] * self.steps + k[ok]
        return np.bincount(idx, weights=w, minlength=self.draws * self.steps).reshape(
            self.draws, self.steps)

    def person_time(self, d: np.ndarray, s: np.ndarray, e: np.ndarray) -> np.ndarray:
        """Person-years of intervals ``[s, e)`` within each step."""
        s = np.clip(s, 0.0, self.horizon)
        e = np.clip(e, 0.0, self.horizon)
        keep = e > s
        d, s, e = d[keep], s[keep], e[keep]
        width = 1.0 / self.per_year
        ks = np.minimum((s * self.per_year).astype(np.int64), self.steps - 1)
        ke = (e * self.per_year).astype(np.int64)
        same = ke <= ks
        size = self.draws * self.steps
        first = np.where(same, e - s, (ks + 1) * width - s)
        out = np.bincount(d * self.steps + ks, weights=first, minlength=size)
        last = ~same & (ke < self.steps)
        out += np.bincount(d[last] * self.steps + ke[last],
                           weights=e[last] - ke[last] * width, minlength=size)
        # whole steps strictly between ks and ke
        span = ~same & (ke > ks + 1)
        diff = np.zeros((self.draws, self.steps + 1))
        np.add.at(diff, (d[span], ks[span] + 1), 1.0)
        np.add.at(diff, (d[span], ke[span]), -1.0)
        return out.reshape(self.draws, self.steps) + np.cumsum(diff, axis=1)[:, :-1] * width


def aggregate(paths: Paths, people: People, b: Behaviour, draws: int,
              timeline: Timeline) -> np.ndarray:
    """Metrics per local draw and step, shape ``(draws, steps, len(METRICS))``."""
    binner = _Binner(draws, timeline)
    out = np.zeros((draws, timeline.steps, len(METRICS)))
    n = len(people.draw)
    ends = np.concatenate([paths.starts[:, 1:], np.full((n, 1), timeline.horizon + 1.0)], axis=1)
    d_all = np.repeat(people.draw, N_SLOTS)
    s_all, e_all, st_all = paths.starts.ravel(), ends.ravel(), paths.states.ravel()
    nonempty = e_all > s_all
    entries_by_state = {}
    for code, name in enumerate(STATES):
        sel = nonempty & (st_all == code)
        dd, ss, ee = d_all[sel], s_all[sel], e_all[sel]
        entries = binner.events(dd, ss)
        exits = binner.events(dd, ee)
        out[..., INDEX[f"stock.{name}"]] = np.cumsum(entries - exits, axis=1)
        entries_by_state[code] = entries
        if code == PRISON:
            out[..., INDEX["years.prison"]] = binner.person_time(dd, ss, ee)
        elif code in COMMUNITY:
            out[..., INDEX["years.probation"]] += binner.person_time(dd, ss, ee)
    rs, re, done = paths.rehab
    enrolled = re > rs
    d = people.draw
    out[..., INDEX["stock.rehabilitation"]] = np.cumsum(
        binner.events(d[enrolled], rs[enrolled]) - binner.events(d[enrolled], re[enrolled]),
        axis=1)
    out[..., INDEX["years.rehabilitation"]] = binner.person_time(d, rs, re)
    out[..., INDEX["stock.probation_caseload"]] = sum(
        out[..., INDEX[f"stock.{STATES[c]}"]] for c in COMMUNITY)
    out[..., INDEX["flow.registered"]] = binner.events(d, people.registered)
    came_back = paths.starts[:, 1] > paths.starts[:, 0]
    out[..., INDEX["flow.returned_from_abroad"]] = binner.events(d[came_back],
                                                                 paths.starts[came_back, 1])
    for j, o in enumerate(OUTCOMES):
        sel = paths.outcome == j
        out[..., INDEX[f"flow.judged.{o}"]] = binner.events(d[sel], paths.judged[sel])
    out[..., INDEX["flow.prison_admissions"]] = entries_by_state[PRISON]
    out[..., INDEX["flow.paroles"]] = entries_by_state[PAROLE]
    rc, rp = paths.revoked_community, paths.revoked_parole
    out[..., INDEX["flow.revocations"]] = (binner.events(d[rc], paths.starts[rc, 3])
                                           + binner.events(d[rp], paths.starts[rp, 5]))
    served = (paths.states[:, 6] == RELEASED) & (paths.outcome < len(OPTIONS))
    out[..., INDEX["flow.releases"]] = binner.events(d[served], paths.starts[served, 6])
    out[..., INDEX["flow.reoffences"]] = binner.events(d, paths.reoffence)
    out[..., INDEX["flow.rehabilitation_enrolments"]] = binner.events(d[enrolled], rs[enrolled])
    out[..., INDEX["flow.rehabilitation_completions"]] = binner.events(d[done], re[done])
    costs = b.unit_costs
    for name, col in (("prison", 0), ("probation", 1), ("rehabilitation", 2)):
        out[..., INDEX[f"cost.{name}"]] = out[..., INDEX[f"years.{name}"]] * costs[:, col, None]
    out[..., INDEX["cost.total"]] = sum(out[..., INDEX[f"cost.{k}"]]
                                        for k in ("prison", "probation", "rehabilitation"))
    return out


@dataclass(frozen=True)
class Projection:
    """Metrics for every draw, variant and step: ``values[draw, variant, step, metric]``."""

    values: np.ndarray
    variants: tuple[str, ...]
    timeline: Timeline
    metrics: tuple[str, ...] = METRICS

    def metric(self, name: str) -> np.ndarray:
        """``(draws, variants, steps)`` for one metric."""
        return self.values[..., INDEX[name]]


def project(
    tables: Mapping[str, EligibilityTable],
    scenario: Scenario,
    draws: Draws,
    admissions: np.ndarray,
    sampler: PoolSampler,
    timeline: Timeline,
    seed: int,
    chunk_people: int = 400_000,
    progress: Callable[[int], None] | None = None,
    keep: list[tuple[People, dict[str, Paths]]] | None = None,
) -> Projection:
    """Project every variant in ``tables`` (``current`` first) over all draws.

    ``admissions`` holds registered cases per draw and calendar year from ``first_year``.
    ``progress`` is called with the number of draws finished after each chunk. ``keep``, if
    given, receives each chunk's people and paths (for tests and inspection of small runs).
    """
    if "current" not in tables:
        raise FrameError("the eligibility tables must include 'current' (the baseline)")
    variants = ("current", *[v for v in tables if v != "current"])
    behaviour = Behaviour.from_draws(scenario, draws)
    effective = timeline.time(scenario.policy.effective_from)
    n_draws = draws.n
    years = timeline.end_year - timeline.first_year
    if admissions.shape != (n_draws, years):
        raise ValueError(f"admissions must have shape {(n_draws, years)}, got {admissions.shape}")
    values = np.zeros((n_draws, len(variants), timeline.steps, len(METRICS)), dtype=np.float32)
    per_draw = max(1.0, float(admissions.sum(axis=1).mean()))
    size = max(1, int(chunk_people // per_draw))
    seeds = np.random.SeedSequence([seed, 7]).spawn((n_draws + size - 1) // size)
    for i, lo in enumerate(range(0, n_draws, size)):
        hi = min(n_draws, lo + size)
        rng = np.random.default_rng(seeds[i])
        local = _localise(behaviour, lo, hi)
        people = People.generate(admissions[lo:hi], sampler, lo, local, rng)
        kept: dict[str, Paths] = {}
        for j, v in enumerate(variants):
            paths = follow(people, (tables[v], tables["current"]), effective, local, timeline)
            values[lo:hi, j] = aggregate(paths, people, local, hi - lo, timeline)
            if keep is not None:
                kept[v] = paths
        if keep is not None:
            keep.append((people, kept))
        if progress:
            progress(hi - lo)
    return Projection(values, variants, timeline)


def _localise(b: Behaviour, lo: int, hi: int) -> Behaviour:
    """The behaviour of draws ``lo..hi`` indexed from 0 (people carry local draw numbers)."""
    def cut(x: object) -> object:
        if isinstance(x, np.ndarray) and x.ndim >= 1 and x.shape[0] == len(b.abroad_share):
            return x[lo:hi]
        if isinstance(x, tuple):
            return tuple(cut(y) for y in x)
        if isinstance(x, dict):
            return {k: cut(y) for k, y in x.items()}
        return x

    return Behaviour(**{f: cut(getattr(b, f)) for f in Behaviour.__dataclass_fields__})
