"""The dates the law sets once a sentence is passed: its end, parole, replacement by a milder
punishment, early cancellation of a conditional sentence, the record, a deferral, and the
shortening of a sentence being served under a milder law (art. 6(2)).

Two layers, both vectorised over numpy arrays:

- *Legal quantities* in any unit of time (months for a case, years in the simulation):
  :func:`parole_served`, :func:`replacement_served`, :func:`milder_law_shortening`. The
  simulation (:mod:`qaitu.simulation.projection`) calls these on its arrays.
- *Calendar dates* for a case: :func:`term_last_day`, :func:`after_share`, :func:`years_after`,
  and the per-case entry point :func:`sentence_dates`, which takes the sentence's facts and
  what the rules found for the case under one variant (:class:`SentenceLaw`, one entry per
  scenario of unknown facts) and returns every date with the rule that produced it
  (:class:`SentenceDates`, after the UK Ministry of Justice's release-date calculator: each
  date names its rule).

Day counting (M: Qaitu's reading, not settled by the Code). Terms are counted «в месяцах и
годах» (62(1)): a term of N months from day S runs to the end of the day before the same
calendar day N months later (a term from 2025-09-01 of 36 months ends on 2028-08-31); a day
that does not exist in the later month is its last day. A share of a term that is not a whole
number of months counts its fraction of a month as days of a 30-day month, as shares of a term
are usually reckoned, rounded up (no date before the share is served). Custody credited under
62(3) shortens the term by whole days, a half day counting as a day (L: in the convict's
favour). The day of release itself (the first half of the last day) is set by the Penal
Enforcement Code, which Qaitu does not encode.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qaitu.law.dated import start_on, value_on
from qaitu.law.system import current_law

DAY = np.timedelta64(1, "D")
#: Days a fraction of a month counts as (see the module docstring).
MONTH_DAYS = 30
NOT_A_DATE = np.datetime64("NaT", "D")
#: ``depends_on`` of a fine: the day it is paid (art. 79(3)(2)), which no case file holds; the
#: assessment says it in the reader's words.
FINE_PAID = "fine_paid_on"
#: What a deferred sentence's later dates depend on: the court's decision at the end of the
#: deferral (74(3)), not a fact of the case file.
DEFERRAL_DECIDED = "deferral_decided"

IMPRISONMENT = "imprisonment"
RESTRICTION = "restriction_of_freedom"
CONDITIONAL = "conditional"
FINE = "fine"
LIFE = "life_imprisonment"


# --- legal quantities, in any unit of time ----------------------------------------------------

def parole_served(term: ArrayLike, share: ArrayLike, min_served: ArrayLike = 0.0
                  ) -> NDArray[np.float64]:
    """Art. 72(3)-(5): how much of ``term`` must actually be served before parole may be
    granted: its share (72(3), 72(4), 86(1) for a crime committed under 18) and, for
    imprisonment, at least ``min_served`` (72(5): «Фактически отбытый осужденным срок лишения
    свободы не может быть менее шести месяцев»). ``inf`` where parole is closed (a share of 0:
    72(8)) or where the minimum is not reached before the term ends.

    Any unit of time, the same for ``term`` and ``min_served``.

    >>> parole_served([60, 9, 60], [0.5, 1/3, 0.0], 6).tolist()
    [30.0, 6.0, inf]
    >>> parole_served([6], [0.5], 6).tolist()  # six months served is the whole term
    [inf]
    """
    term, share = np.asarray(term, dtype=np.float64), np.asarray(share, dtype=np.float64)
    served = np.maximum(share * term, np.asarray(min_served, dtype=np.float64))
    open_ = (share > 0) & (share < 1) & (served < term)
    return np.where(open_, served, np.inf)


def early_cancellation_months(period: ArrayLike, share: ArrayLike) -> NDArray[np.float64]:
    """Art. 64(1): how much of the probation ``period`` must pass before the court may cancel a
    conditional sentence early: «по истечении не менее половины установленного срока», the
    ``share`` being ``general_part.art_064_early_cancellation.share``. Any unit of time.

    >>> early_cancellation_months([36, 12], 0.5).tolist()
    [18.0, 6.0]
    """
    return np.asarray(period, dtype=np.float64) * np.asarray(share, dtype=np.float64)


def early_cancellation_share(on: ArrayLike) -> NDArray[np.float64]:
    """Art. 64(1): the share of the probation period in force on each date (current law's
    ``art_064_early_cancellation.share``)."""
    param = current_law().parameters.general_part.art_064_early_cancellation.share
    return np.asarray(value_on(param, _dates(on)), dtype=np.float64)


def parole_minimum_months(on: ArrayLike) -> NDArray[np.float64]:
    """Art. 72(5): the least imprisonment actually served before parole, in months, in force on
    each date (current law's ``art_072_parole.min_served_months``)."""
    param = current_law().parameters.general_part.art_072_parole.min_served_months
    return np.asarray(value_on(param, _dates(on)), dtype=np.float64)


def replacement_served(term: ArrayLike, share: ArrayLike) -> NDArray[np.float64]:
    """Art. 73(2): how much of a term of imprisonment must actually be served before the
    unserved part may be replaced by a milder punishment: «не менее одной четвертой срока
    наказания за совершение преступления небольшой и средней тяжести, одной трети срока
    наказания за тяжкие преступления» (from 16.09.2025 also «половины срока наказания,
    назначенного за тяжкое преступление, связанное с посягательством на жизнь или здоровье
    человека»; the share is the rule ``replacement_fraction``'s). ``inf`` where art. 73 is closed
    (a share of 0). Art. 73 sets no minimum like 72(5). Any unit of time."""
    term, share = np.asarray(term, dtype=np.float64), np.asarray(share, dtype=np.float64)
    return np.where((share > 0) & (share < 1), share * term, np.inf)


def milder_law_shortening(start: ArrayLike, term: ArrayLike, limit: ArrayLike,
                          takes_effect: ArrayLike, credit: ArrayLike = 0.0
                          ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]:
    """Art. 6(2): «Если новый уголовный закон смягчает наказание за деяние, которое отбывается
    лицом, то это наказание подлежит сокращению в пределах, предусмотренных новым уголовным
    законом». A term still being served when the milder law ``takes_effect`` and longer than
    the new law's ``limit`` is cut to the limit (0 where the new law makes the act not
    punishable, art. 6(1)), from that day: nobody is released before the law takes effect, and
    a sentence already served is not reopened.

    Any unit of time and any origin, the same for every argument (``credit`` is time credited
    under art. 62, which moves the end of the term earlier). Returns the term, its end, and
    where it was shortened. Pass ``limit = inf`` where the new law is not milder for the case
    or the judgment already applied it.

    >>> term, end, cut = milder_law_shortening([0, 0, 0], [60, 60, 30], [36, 36, 36], [48, 24, 12])
    >>> term.tolist(), end.tolist(), cut.tolist()
    ([36.0, 36.0, 30.0], [48.0, 36.0, 30.0], [True, True, False])
    """
    start, term = np.asarray(start, dtype=np.float64), np.asarray(term, dtype=np.float64)
    limit = np.asarray(limit, dtype=np.float64)
    takes_effect = np.asarray(takes_effect, dtype=np.float64)
    begun = start - np.asarray(credit, dtype=np.float64)
    end = begun + term
    shortened = (limit < term) & (end > takes_effect)
    # a term whose new end has passed ends the day the law takes effect
    new_end = np.where(shortened, np.maximum(begun + limit, takes_effect), end)
    shortened &= new_end < end
    return np.where(shortened, limit, term), np.where(shortened, new_end, end), shortened


# --- calendar dates ---------------------------------------------------------------------------

def _dates(values: ArrayLike) -> NDArray[np.datetime64]:
    return np.asarray(values, dtype="datetime64[D]")


def add_months(start: ArrayLike, months: ArrayLike) -> NDArray[np.datetime64]:
    """The same calendar day ``months`` (whole) later; the month's last day where that day
    does not exist (2024-01-31 + 1 month = 2024-02-29).

    >>> add_months(["2024-01-31", "2025-09-01"], [1, 36]).astype(str).tolist()
    ['2024-02-29', '2028-09-01']
    """
    start = _dates(start)
    months = np.asarray(months, dtype=np.int64)
    first = start.astype("datetime64[M]")
    day = (start - first.astype("datetime64[D]")).astype(np.int64)
    target = first + months
    last = ((target + 1).astype("datetime64[D]") - DAY - target.astype("datetime64[D]")
            ).astype(np.int64)
    return _dates(target.astype("datetime64[D]") + np.minimum(day, last).astype("timedelta64[D]"))


def after_months(start: ArrayLike, months: ArrayLike) -> NDArray[np.datetime64]:
    """The day by which ``months`` (possibly fractional) have run from the start of ``start``:
    whole months by the calendar, the fraction as days of a 30-day month rounded up (see the
    module docstring). NaT where ``months`` is infinite or unknown (NaN).

    >>> after_months(["2025-01-01", "2025-01-01"], [30, 40 * 2 / 3]).astype(str).tolist()
    ['2027-07-01', '2027-03-21']
    """
    months = np.asarray(months, dtype=np.float64)
    finite = np.isfinite(months)
    # shares come from single-precision rule outputs: 60 * float32(1/3) is 20 months, not a day more
    m = np.round(np.where(finite, months, 0.0), 6)
    whole = np.floor(m)
    days = np.ceil(np.round((m - whole) * MONTH_DAYS, 3)).astype(np.int64)
    out = add_months(start, whole.astype(np.int64)) + days.astype("timedelta64[D]")
    return np.where(finite, out, NOT_A_DATE)


def credited_days(custody_days: ArrayLike, rate: ArrayLike) -> NDArray[np.int64]:
    """Art. 62(3), (3-1): days of the punishment credited for ``custody_days`` before the
    judgment at ``rate`` days per day (1, 1.5 or 2 by the institution, 46(5); 2 for
    restriction of freedom), a half day counting as a whole one (L: in the convict's favour)."""
    return np.ceil(np.asarray(custody_days, dtype=np.float64)
                   * np.asarray(rate, dtype=np.float64) - 1e-9).astype(np.int64)


def term_last_day(start: ArrayLike, months: ArrayLike, credit_days: ArrayLike = 0
                  ) -> NDArray[np.datetime64]:
    """Art. 62(1), (3): the last day of a term of ``months`` from ``start``, shortened by the
    days credited for custody (62(3)); see the module docstring for the day counting.

    >>> term_last_day(["2025-09-01", "2025-08-13"], [36, 60], [0, 143]).astype(str).tolist()
    ['2028-08-31', '2030-03-22']
    """
    return _dates(add_months(start, months) - DAY
                  - np.asarray(credit_days, dtype=np.int64).astype("timedelta64[D]"))


def after_share(start: ArrayLike, served_months: ArrayLike, credit_days: ArrayLike = 0
                ) -> NDArray[np.datetime64]:
    """The first day on which ``served_months`` of a term begun at ``start`` have actually
    been served, counting custody credited under art. 62(3) as served. NaT where
    ``served_months`` is infinite (the rule is closed)."""
    begun = _dates(start) - np.asarray(credit_days, dtype=np.int64).astype("timedelta64[D]")
    return after_months(begun, served_months)


def years_after(last_day: ArrayLike, years: ArrayLike) -> NDArray[np.datetime64]:
    """Art. 79(3)(3)-(5), 89: the day a record is spent «по истечении … лет после отбытия
    наказания»: ``years`` after the day following the last day served. NaT where ``years`` is
    0 (no record: 79(2)) or the last day is unknown."""
    years = np.asarray(years, dtype=np.int64)
    day = add_months(_dates(last_day) + DAY, years * 12)
    return np.where(years > 0, day, NOT_A_DATE)


def record_years(ends_on: dt.date, record_cleared_on: dt.date) -> int | None:
    """The years after serving that a record runs (79(3)(3)-(5), 89: by the gravity of the
    crime), read back from a sentence's last day and the day :func:`years_after` cleared its
    record on; None where no whole number of years (up to 79(3)(5)'s eight) gives that day.

    >>> record_years(dt.date(2032, 12, 31), dt.date(2036, 1, 1))
    3
    """
    for years in range(1, 9):
        if years_after(np.datetime64(ends_on, "D"), years) == np.datetime64(record_cleared_on, "D"):
            return years
    return None


def record_after_release(released_on: dt.date, years: int) -> dt.date:
    """Art. 79(4): after an early release («досрочно освобожден от отбывания наказания»: parole,
    72) the record's years count «с момента освобождения», from the day of release: the day
    before it is the last day served (:func:`years_after`).

    >>> record_after_release(dt.date(2029, 3, 15), 3)
    datetime.date(2032, 3, 15)
    """
    return dt.date.fromisoformat(str(years_after(np.datetime64(released_on, "D") - DAY, years)))


# --- one case ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class SentenceFacts:
    """``proceedings.sentence`` of a ``qaitu.case/1`` file, and the custody before it.

    ``deferral_months``: a deferral of serving granted under art. 74, counted from ``start``
    (extension ``proceedings.sentence.deferral_months``). ``probation_months``: the probation
    period a court set for a minor's conditional sentence (63(3), within
    :attr:`SentenceLaw.minor_probation_months`; extension
    ``proceedings.sentence.probation_months``); an adult's is the whole term.
    ``replaced_imprisonment``: the restriction of freedom being served replaced imprisonment
    under art. 73 (extension ``proceedings.sentence.replaced_imprisonment``; None: unknown).
    ``earlier_life_parole``: the convict was earlier released on parole from life imprisonment
    (72(8)(7); extension ``proceedings.sentence.earlier_life_parole``; None: unknown).
    ``new_crime_serving_life``: while serving this life sentence the convict committed a new
    grave or especially grave crime (72(8)(8); extension
    ``proceedings.sentence.new_crime_serving_life``; None: unknown).
    """

    type: str | None
    months: int | None
    start: dt.date | None
    pretrial_detention_days: int | None = None
    deferral_months: int | None = None
    probation_months: int | None = None
    replaced_imprisonment: bool | None = None
    earlier_life_parole: bool | None = None
    new_crime_serving_life: bool | None = None

    @property
    def custody_unrecorded(self) -> bool:
        """No days in custody are given: none are credited, as the rules read a count not
        given, and the sentence says so rather than "0 days count as 0 days"."""
        return self.pretrial_detention_days is None


@dataclass(frozen=True)
class SentenceLaw:
    """What the rules found for the case under one variant, one entry per scenario of the
    unknown facts (arrays of equal length). Read from a rules run by
    :func:`qaitu.assessment.sentence.sentence_law`.

    ``parole_share`` is the rules' ``parole_fraction`` (72(3), 72(4), 86(1); 0: closed; given
    on the condition of active help where 72(1) ¶3 sets it, which the date does not weigh);
    ``replacement_share`` their ``replacement_fraction`` (73(2), 87(1); 0: closed; given on the
    condition of active help where 73(2) sets it, which the date does not weigh either);
    ``record_years`` their ``record_years_after_imprisonment`` (79(3), 89; 0: no record);
    ``imprisonment_credit`` and ``restriction_credit`` the days per day of custody (62(3),
    62(3-1)); ``min_served_months`` 72(5); ``limit_months`` the variant's reachable maximum for
    the case where art. 6(2) may shorten a sentence being served (inf otherwise) and
    ``takes_effect`` the day the variant does; ``minor_probation_months`` the shortest and the
    longest probation control a court sets a person under 18 at the act (63(3)), one row of
    two per scenario; ``early_cancellation_share`` the share of the probation period that must
    pass before early cancellation (64(1), ``art_064_early_cancellation.share``);
    ``versions`` the first day of the parameter version each rule used, by rule code, per
    scenario (None where the rule used none: parole closed), since scenarios of unknown facts
    may use different versions; ``replaced_restriction_barred`` where the
    version of art. 72 applied bars parole after imprisonment was replaced by restriction of
    freedom (72(8)(6)).

    For a life sentence (None for another, but ``earlier_life_parole_barred``, which
    imprisonment reads too): ``life_possible`` where some applicable charge can carry it (its
    sanction, 46(4), 56(4): the rules' ``life_imprisonment_allowed``); ``life_parole_years``
    the years of 72(6) to serve before parole (25, or 15 after a fulfilled procedural
    agreement); ``life_credit`` the days per day of custody in the institution a life sentence
    is served in (46(5)(4): extreme security; 62(3)(1)); ``earlier_life_parole_barred`` and
    ``new_crime_life_barred`` where the version of art. 72 applied has 72(8)(7) and 72(8)(8);
    ``life_parole_probation`` the dated parameter of the years of probation control 72(2) sets
    after a release on parole from life imprisonment (0: no term of its own), read on the day
    parole may first be granted (:func:`_life`).
    """

    parole_share: NDArray[np.float64]
    replacement_share: NDArray[np.float64]
    record_years: NDArray[np.int64]
    imprisonment_credit: NDArray[np.float64]
    restriction_credit: NDArray[np.float64]
    min_served_months: NDArray[np.float64]
    minor_at_act: NDArray[np.bool_]
    minor_probation_months: NDArray[np.float64]
    early_cancellation_share: NDArray[np.float64]
    limit_months: NDArray[np.float64] | None = None
    takes_effect: dt.date | None = None
    versions: Mapping[str, NDArray[Any]] = field(default_factory=dict)
    replaced_restriction_barred: NDArray[np.bool_] | None = None
    life_possible: NDArray[np.bool_] | None = None
    life_parole_years: NDArray[np.float64] | None = None
    life_credit: NDArray[np.float64] | None = None
    earlier_life_parole_barred: NDArray[np.bool_] | None = None
    new_crime_life_barred: NDArray[np.bool_] | None = None
    life_parole_probation: Any = None


@dataclass(frozen=True)
class Finding:
    """One date (or number) the law sets, with the rule that produced it.

    ``values`` holds it per scenario (a NaT or NaN where the rule sets nothing there);
    ``rule`` is the code of the rule (words come from ``sentence.<rule>`` in the reasons);
    ``cite`` the provision; ``confidence`` H, M or L; ``version`` the first day of the
    parameter version the rule used, per scenario like ``values`` (None where none is named).
    """

    name: str
    values: NDArray[Any]
    rule: str
    cite: str
    confidence: str = "H"
    version: NDArray[Any] | None = None
    words: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SentenceDates:
    """The dated findings for a sentence under one variant (see :func:`sentence_dates`).

    ``findings`` in the order they are explained; ``depends_on`` the ``qaitu.case/1`` paths of
    facts without which a date cannot be given (the date is then absent, never guessed).
    """

    facts: SentenceFacts
    findings: tuple[Finding, ...]
    depends_on: tuple[str, ...]

    def get(self, name: str) -> Finding | None:
        return next((f for f in self.findings if f.name == name), None)


#: The fields of the ``sentence`` block of ``qaitu.assessment/1``, in order.
DATE_FIELDS = ("ends_on", "parole_eligible_on", "milder_punishment_from",
               "probation_ends_on", "early_cancellation_from", "deferral_ends_on",
               "shortened_ends_on", "record_cleared_on")


def sentence_dates(facts: SentenceFacts, law: SentenceLaw) -> SentenceDates:
    """Every date the law sets for the sentence in ``facts`` under the law in ``law``.

    - imprisonment: its end (62), parole (72, 86), replacement by a milder punishment (73),
      the record (79(3)(3)-(5), 89), and under a milder variant the shortened end (6(2));
    - restriction of freedom: its end (62, 44), parole (72(1)), the record (79(3)(2)), and the
      replacement of the unserved term by imprisonment day for day on malicious evasion
      (44(3), a finding with no date);
    - conditional sentence: the probation period (63(3)), early cancellation from half of it
      (64(1)), the record (79(3)(1));
    - a deferral under art. 74: its end, after which the court decides (74(3));
    - life imprisonment: no end (46(3)-(4)), parole after the years of 72(6) unless 72(8)
      closes it, no replacement by a milder punishment (73(1)), no day the record is spent
      before a release (79(4)); where no applicable charge can carry a life sentence (its
      sanction, 46(4), 56(4)), no date at all and the reason says so (:func:`_life`).

    An unknown type, start or term gives ``depends_on`` and no date.
    """
    v = law.versions
    n = len(law.parole_share)
    kind, months, start = facts.type, facts.months, facts.start
    missing = [path for path, value in (("proceedings.sentence.type", kind),
                                        ("proceedings.sentence.start", start),
                                        ("proceedings.sentence.months",
                                         months if kind not in (FINE, LIFE) else 0))
               if value is None]
    if missing:
        return SentenceDates(facts, (), tuple(missing))
    assert kind is not None and start is not None
    found: list[Finding] = []
    depends: list[str] = []

    def put(name: str, values: Any, rule: str, cite: str, confidence: str = "H",
            version: Any = None, **words: Any) -> None:
        arr = np.asarray(values)
        versions = np.empty(n, dtype=object)
        versions[:] = version  # one per scenario, or the same for all
        found.append(Finding(name, np.broadcast_to(arr, (n,) + arr.shape[1:]), rule, cite,
                             confidence, versions, words))

    starts = np.full(n, np.datetime64(start, "D"))
    custody = facts.pretrial_detention_days or 0
    if facts.deferral_months:
        # 74(1)/(3): serving waits; at the end the court releases, replaces or sends to serve
        put("deferral_ends_on", term_last_day(starts, facts.deferral_months),
            "deferral_end", "74(1), 74(3)", "M", months=facts.deferral_months)
        return SentenceDates(facts, tuple(found), (DEFERRAL_DECIDED,))
    if kind == IMPRISONMENT:
        assert months is not None
        credit = credited_days(custody, law.imprisonment_credit)
        put("credited_days", credit, _credit_rule(facts, "custody_credit"), "62(3), 46(5)",
            "M" if custody else "H", v.get("custody_credit"), days=custody)
        end = term_last_day(starts, months, credit)
        put("ends_on", end, "term_end", "62(1)", "M", months=months)
        term = np.full(n, float(months))
        last, since = end, np.full(n, NOT_A_DATE)
        if law.limit_months is not None and law.takes_effect is not None:
            # 6(2): the shares below then count from the shortened term, and no date under the
            # milder law falls before the day it takes effect
            term, last, cut = _shortened(put, starts, months, credit, law)
            since = np.where(cut, np.datetime64(law.takes_effect, "D"), NOT_A_DATE)
        share, rule, cite = law.parole_share, "parole_share", "72(3), 72(4), 72(5), 86(1)"
        if facts.earlier_life_parole:  # 72(8)(7), in the version of art. 72 applied
            barred = _barred(law.earlier_life_parole_barred, n)
            share = np.where(barred, 0.0, share)
            rule, cite = "parole_share_earlier_life_parole", "72(3), 72(4), 72(5), 72(8)"
        parole = parole_served(term, share, law.min_served_months)
        put("parole_eligible_on", _not_before(after_share(starts, parole, credit), since),
            rule, cite, "M", v.get("parole_share"), min_served=law.min_served_months)
        put("milder_punishment_from", _not_before(
            after_share(starts, replacement_served(term, law.replacement_share), credit), since),
            *(("replacement_share_minor", "87(1)") if law.minor_at_act.all()
              else ("replacement_share", "73(2)")), "M", v.get("replacement_share"),
            share=law.replacement_share)
        put("record_cleared_on", years_after(last, law.record_years), "record_after_years",
            "89" if law.minor_at_act.all() else "79(3)", "M", v.get("record_after_years"))
    elif kind == RESTRICTION:
        assert months is not None
        credit = credited_days(custody, law.restriction_credit)
        put("credited_days", credit, _credit_rule(facts, "custody_credit_restriction"),
            "62(3-1)", "H",
            v.get("custody_credit_restriction"), days=custody)
        end = term_last_day(starts, months, credit)
        put("ends_on", end, "term_end", "62(1), 44(1)", "M", months=months)
        # 72(1) reaches restriction of freedom; the six months of 72(5) speak of imprisonment;
        # 72(8)(6) closes parole where it replaced imprisonment under art. 73 (its version)
        share, rule, cite = law.parole_share, "parole_share_restriction", "72(1), 72(3)"
        if facts.replaced_imprisonment is not None:
            rule = "parole_share_restriction_given"
        if facts.replaced_imprisonment:
            barred = (law.replaced_restriction_barred if law.replaced_restriction_barred
                      is not None else np.ones(n, dtype=bool))
            share = np.where(barred, 0.0, share)
            rule, cite = "parole_share_replaced_restriction", "72(1), 72(3), 72(8)"
        put("parole_eligible_on", after_share(starts, parole_served(months, share), credit),
            rule, cite, "M", v.get("parole_share"))
        put("evasion_replacement", np.ones(n), "evasion_replacement", "44(3)")
        put("record_cleared_on", end + DAY, "record_after_milder", "79(3)(2)", "M")
    elif kind == CONDITIONAL:
        assert months is not None
        probation = months
        if law.minor_at_act.any():
            if facts.probation_months is None:
                depends.append("proceedings.sentence.probation_months")
                return SentenceDates(facts, tuple(found), tuple(depends))
            probation = facts.probation_months
        put("credited_days", np.zeros(n, dtype=np.int64), "no_credit_conditional", "63(3)",
            "M")
        end = term_last_day(starts, probation)
        put("probation_ends_on", end, "probation_period", "63(3)", "M", months=probation,
            minor_range=law.minor_probation_months)
        put("early_cancellation_from",
            after_months(starts, early_cancellation_months(probation,
                                                           law.early_cancellation_share)),
            "early_cancellation", "64(1)", "M", share=law.early_cancellation_share)
        put("record_cleared_on", end + DAY, "record_after_probation", "79(3)(1)", "M")
    elif kind == LIFE:
        _life(put, facts, law, starts, custody, n)
    elif kind == FINE:
        depends.append(FINE_PAID)
        put("record_cleared_on", np.full(n, NOT_A_DATE), "record_after_fine", "79(3)(2)")
    return SentenceDates(facts, tuple(found), tuple(depends))


def _credit_rule(facts: SentenceFacts, rule: str) -> str:
    """The rule that says the custody credit: ``rule`` (its days and the days they count as),
    or, no days being given, that none are recorded and so none are credited."""
    return "custody_none_recorded" if facts.custody_unrecorded else rule


def _barred(bar: NDArray[np.bool_] | None, n: int) -> NDArray[np.bool_]:
    """Where a bar of art. 72(8) stands in the version of art. 72 applied (all scenarios where
    the law gives no version: the bar is then read as holding)."""
    return np.ones(n, dtype=bool) if bar is None else np.asarray(bar, dtype=bool)


def _life(put: Any, facts: SentenceFacts, law: SentenceLaw, starts: NDArray[np.datetime64],
          custody: int, n: int) -> None:
    """The findings for life imprisonment (46(3)-(4)).

    - Custody before the judgment is credited one day for one day: a life sentence is served
      in an institution of extreme security (46(5)(4)), and 62(3)(1) counts «один день
      отбывания наказания в виде лишения свободы в учреждении максимальной, чрезвычайной и
      полной безопасности» for a day in custody (M: Qaitu counts the credit towards the years
      of 72(6), which speak of «фактически отбыло»).
    - No end: «пожизненно» (46(3)); a pardon may replace it by a term (46(4)), which no case
      file records.
    - Parole: 72(6) «Лицо, отбывающее назначенное судом пожизненное лишение свободы, может быть
      освобождено условно-досрочно, если … фактически отбыло не менее двадцати пяти лет
      лишения свободы», or fifteen after a fulfilled procedural agreement, on the condition of
      active help where 72(1) ¶3 sets it (read as reaching a life sentence too, L: it speaks of
      «лишение свободы, назначенное за террористическое или экстремистское преступление»,
      which a life sentence is; the date does not weigh the condition); closed where the rules
      close parole for the case (72(8)(2), (5)) and, in the version of art. 72
      applied, for a convict earlier paroled from life imprisonment (72(8)(7)) or who committed
      a new grave or especially grave crime while serving it (72(8)(8)).
    - No replacement by a milder punishment: 73(1) reaches imprisonment for minor, medium and
      grave crimes, and life imprisonment is only for especially grave ones (46(4)).
    - The record: spent years after release (79(3)(5), 79(4)), which no date gives.

    Where no scenario's charges can carry a life sentence, the sentence is not dated: the only
    finding is a term end with the rule ``life_not_possible``, whose reason says why.
    """
    possible = _barred(law.life_possible, n)
    if not possible.any():
        put("ends_on", np.full(n, NOT_A_DATE), "life_not_possible", "46(4), 56(4)")
        return
    v = law.versions
    rate = law.life_credit if law.life_credit is not None else np.ones(n)
    credit = credited_days(custody, rate)
    put("credited_days", credit, _credit_rule(facts, "custody_credit_life"), "62(3), 46(5)",
        "M" if custody else "H", v.get("custody_credit_life"), days=custody)
    put("ends_on", np.full(n, NOT_A_DATE), "term_end_life", "46(3), 46(4)")
    years = (law.life_parole_years if law.life_parole_years is not None
             else np.full(n, np.inf))
    open_ = possible & (law.parole_share > 0)
    given = facts.earlier_life_parole is not None and facts.new_crime_serving_life is not None
    rule = "parole_life_given" if given else "parole_life"
    if facts.earlier_life_parole:
        open_ &= ~_barred(law.earlier_life_parole_barred, n)
    if facts.new_crime_serving_life:
        open_ &= ~_barred(law.new_crime_life_barred, n)
    if facts.earlier_life_parole or facts.new_crime_serving_life:
        rule = "parole_life_barred"
    served = np.where(open_, years * 12, np.inf)
    version = v.get("parole_life")
    parole = after_share(starts, served, credit)
    put("parole_eligible_on", parole, rule, "72(6), 72(8)", "M",
        None if version is None else np.where(open_, np.asarray(version, dtype=object),
                                              np.array(None, dtype=object)), years=years)
    if law.life_parole_probation is not None:
        _life_parole_probation(put, law.life_parole_probation, parole)
    put("milder_punishment_from", np.full(n, NOT_A_DATE), "replacement_life", "73(1), 46(4)")
    put("record_cleared_on", np.full(n, NOT_A_DATE), "record_after_life", "79(3), 79(4)", "M")


def _life_parole_probation(put: Any, param: Any, parole: NDArray[np.datetime64]) -> None:
    """72(2) as consolidated to 16.09.2025: «В случае условно-досрочного освобождения от
    отбывания наказания лица, осужденного к пожизненному лишению свободы, пробационный контроль
    устанавливается сроком на десять лет». The term in months, where parole is open; none where
    it is closed or the version of art. 72 in force on the day parole may first be granted sets
    no term (before, 72(2) set control «в течение оставшейся неотбытой части наказания», which
    a life sentence does not end). That day's version, not the act's: a fixed term is milder
    than control for the rest of a life sentence (art. 6(2); L)."""
    term = life_parole_probation_months(param, parole)
    set_ = ~np.isnan(term)
    since = np.asarray(start_on(param, parole), dtype="datetime64[D]")
    version = np.array([str(d) if ok and not np.isnat(d) else None
                        for d, ok in zip(since, set_, strict=True)], dtype=object)
    put("parole_probation_months", term, "parole_probation_life", "72(2)", "M", version,
        years=term / 12)


def life_parole_probation_months(param: Any, released: NDArray[np.datetime64]
                                 ) -> NDArray[np.float64]:
    """The months of probation control 72(2) sets after parole from life imprisonment, by the
    parameter ``art_072_parole.life_parole_probation_years`` in force on each day ``released``;
    NaN where no day is given or that version sets no term of its own."""
    open_ = ~np.isnat(released)
    years = np.asarray(value_on(param, released), dtype=np.float64)
    return np.where(open_ & (years > 0), years * 12, np.nan)


def _not_before(dates: NDArray[np.datetime64], since: NDArray[np.datetime64]
                ) -> NDArray[np.datetime64]:
    """``dates``, moved to ``since`` where they fall before it (NaT ``since``: unchanged)."""
    later = ~np.isnat(since) & ~np.isnat(dates) & (dates < since)
    return np.where(later, since, dates)


def _shortened(put: Any, starts: NDArray[np.datetime64], months: int,
               credit: NDArray[np.int64], law: SentenceLaw
               ) -> tuple[NDArray[np.float64], NDArray[np.datetime64], NDArray[np.bool_]]:
    """Art. 6(2) for one case, counted in days (:func:`milder_law_shortening`): the term in
    months, its last day and where it was shortened under the milder variant."""
    assert law.limit_months is not None and law.takes_effect is not None
    origin = starts.astype(np.int64)
    finite = np.isfinite(law.limit_months)
    limit_days = np.where(finite, add_months(starts, np.where(finite, law.limit_months, 0)
                                             .astype(np.int64)).astype(np.int64) - origin,
                          np.inf)
    effect = np.datetime64(law.takes_effect, "D").astype(np.int64)
    full = add_months(starts, months).astype(np.int64) - origin
    _, end, cut = milder_law_shortening(origin, full, limit_days, effect, credit)
    # ``end`` is the first day out; released on the day the law takes effect at the earliest
    last = np.maximum(end.astype(np.int64) - 1, effect).astype("datetime64[D]")
    put("shortened_ends_on", np.where(cut, last, NOT_A_DATE), "milder_law_shortening", "6(2)",
        "M", law.takes_effect.isoformat(), takes_effect=law.takes_effect.isoformat())
    put("serving_limit_months", np.where(cut, law.limit_months, np.nan),
        "milder_law_limit", "6(2)", "M")
    term = np.where(cut, law.limit_months, float(months))
    return term, np.where(cut, last, term_last_day(starts, months, credit)), cut
