"""The dates a case's sentence gives, as the ``sentence`` block of a ``qaitu.assessment/1``
variant entry.

:func:`sentence_law` reads from the rules' outputs what
:func:`qaitu.law.sentence_dates.sentence_dates` needs per scenario (the law as it applies to this
case's sentence); :func:`sentence_block` reads its findings back: a date every scenario kept
agrees on, or none and the unknown facts that decide it (``depends_on``), each with the rule, its
citation and the version of the law it used. :func:`sentence_facts` takes the sentence from the
case file. The words are findings (:mod:`.findings`), said for a reader by :mod:`.render`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.assessment.completions import Completions, deciding_slots
from qaitu.assessment.explain import CONDITION_OF
from qaitu.assessment.findings import Word, fact, joined, months, reason, term_span
from qaitu.assessment.outputs import GRAVITY, Outputs, whole_years
from qaitu.law.dated import fraction_text, keyed_on, keyed_start, start_on, value_on
from qaitu.law.sentence_dates import (
    DATE_FIELDS,
    DEFERRAL_DECIDED,
    FINE_PAID,
    IMPRISONMENT,
    LIFE,
    SentenceDates,
    SentenceFacts,
    SentenceLaw,
)
from qaitu.law.variables.general_part.art_062_pretrial_credit import SECURITY_KEYS


def sentence_law(o: Outputs, system: TaxBenefitSystem, principal: NDArray[np.intp],
                 judged: NDArray[np.datetime64], kind: str | None,
                 takes_effect: Any = None) -> SentenceLaw:
    """What the rules found that the sentence dates need, per scenario (see
    :class:`qaitu.law.sentence_dates.SentenceLaw`), for a sentence of type ``kind``.
    ``takes_effect``: the day a variant takes effect, for art. 6(2); None under current law."""
    rows = np.arange(len(principal))

    def charge(name: str) -> NDArray[Any]:
        return o.charge[name].reshape(len(rows), -1)[rows, principal]

    general = system.parameters.general_part
    security = o.case["institution_security"].astype(np.intp)
    liable = o.case["applicable_charges"] > 0
    limit = None
    parole_on = charge("parole_law_date").astype("datetime64[D]")
    if takes_effect is not None:  # the variant's maximum; none at all where it ends liability
        life = (o.charge["applies"] & o.charge["life_imprisonment_possible"]).reshape(
            len(rows), -1).any(axis=1)
        reach = np.maximum(charge("reachable_max_months"),
                           np.where(o.case["cumulative_rule"] > 0,
                                    o.case["cumulative_max_months"], 0))
        limit = np.where(~liable, 0.0, np.where(life, np.inf, reach.astype(np.float64)))
    versions = {
        "custody_credit": _days(keyed_start(general.art_062_pretrial_credit
                                            .imprisonment_days_per_custody_day, SECURITY_KEYS,
                                            security, None, judged)),
        "parole_share": _days(charge("parole_fraction_since")),
        **_share_and_term_versions(charge, system),
    } if len(rows) else {}
    life_law: dict[str, Any] = {}
    if kind in (IMPRISONMENT, LIFE):  # 72(8)(7): an earlier life parole bars either's parole
        life_law["earlier_life_parole_barred"] = value_on(
            general.art_072_parole.bars_earlier_life_parole, parole_on).astype(bool)
    if kind == LIFE:
        life_law.update(_life_law(o, charge, general, judged, parole_on, versions))
    return SentenceLaw(
        parole_share=charge("parole_fraction").astype(np.float64),
        replacement_share=charge("replacement_fraction").astype(np.float64),
        record_years=charge("record_years_after_imprisonment").astype(np.int64),
        imprisonment_credit=keyed_on(general.art_062_pretrial_credit
                                     .imprisonment_days_per_custody_day, SECURITY_KEYS,
                                     security, None, judged).astype(np.float64),
        restriction_credit=value_on(general.art_062_pretrial_credit
                                    .restriction_of_freedom_days_per_custody_day, judged
                                    ).astype(np.float64),
        min_served_months=value_on(general.art_072_parole.min_served_months, judged
                                   ).astype(np.float64),
        minor_at_act=charge("minor_at_act").astype(bool),
        minor_probation_months=np.stack(
            [value_on(general.art_063_conditional_sentence.minor_probation_min_months, judged),
             value_on(general.art_063_conditional_sentence.minor_probation_max_months, judged)],
            axis=-1).astype(np.float64),
        early_cancellation_share=value_on(general.art_064_early_cancellation.share, judged
                                          ).astype(np.float64),
        limit_months=limit, takes_effect=takes_effect, versions=versions,
        replaced_restriction_barred=value_on(
            general.art_072_parole.bars_replaced_restriction, parole_on).astype(bool),
        **life_law)


def _life_law(o: Outputs, charge: Any, general: Any, judged: NDArray[np.datetime64],
              parole_on: NDArray[np.datetime64], versions: dict[str, NDArray[Any]]
              ) -> dict[str, Any]:
    """The :class:`SentenceLaw` fields only a life sentence reads (46(3)-(4), 72(6), 72(8)(8),
    72(2)); adds to ``versions`` (when there is a scenario) those of its parole and credit."""
    p72 = general.art_072_parole
    agreement = charge("procedural_agreement_fulfilled").astype(bool)
    # 46(5)(4): a life sentence is served in extreme security, credited by 62(3)(1)
    extreme = np.full(len(parole_on), SECURITY_KEYS.index("extreme_security"), dtype=np.intp)
    credit = general.art_062_pretrial_credit.imprisonment_days_per_custody_day
    if len(parole_on):
        versions["parole_life"] = _days(np.where(
            agreement, start_on(p72.life_min_served_years_after_agreement, parole_on),
            start_on(p72.life_min_served_years, parole_on)))
        versions["custody_credit_life"] = _days(keyed_start(credit, SECURITY_KEYS, extreme,
                                                            None, judged))
    return dict(
        # a life sentence passed is dated where the Code allows one for the case (46(4), 56(4))
        life_possible=(o.charge["applies"] & o.charge["life_imprisonment_allowed"]).reshape(
            len(parole_on), -1).any(axis=1),
        life_parole_years=np.where(
            agreement, value_on(p72.life_min_served_years_after_agreement, parole_on),
            value_on(p72.life_min_served_years, parole_on)).astype(np.float64),
        life_credit=keyed_on(credit, SECURITY_KEYS, extreme, None, judged).astype(np.float64),
        new_crime_life_barred=value_on(p72.bars_new_crime_serving_life, parole_on).astype(bool),
        life_parole_probation=p72.life_parole_probation_years)


def _days(dates: Any) -> NDArray[Any]:
    """Dates as ISO strings per scenario, None where there is none (NaT)."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    return np.array([None if np.isnat(d) else str(d) for d in dates], dtype=object)


def _share_and_term_versions(charge: Any, system: TaxBenefitSystem) -> dict[str, NDArray[Any]]:
    """Per scenario, the first day of the version of art. 73's (87's) share and art. 79(3)'s
    (89's) term the rules read for the principal charge (``charge(name)`` gives it per
    scenario): on the date of the version they applied under art. 6(1)/(3)
    (``replacement_law_date``, ``record_law_date``), and for a crime connected with an attack
    on life or health the share or term set for it (``on_life_or_health_share``), so that a
    2025 term shows its 2025 version. Found once for each distinct principal charge."""
    general = system.parameters.general_part
    keys = np.stack([charge("gravity").astype(np.int64),
                     charge("attack_on_life").astype(np.int64),
                     charge("minor_at_act").astype(np.int64),
                     *(charge(name).astype("datetime64[D]").view(np.int64) for name in
                       ("law_date", "replacement_law_date", "record_law_date"))], axis=1)
    distinct, inverse = np.unique(keys, axis=0, return_inverse=True)

    def started(param: Any, on: int) -> str:
        return str(start_on(param, np.array([on]).view("datetime64[D]"))[0])

    found = []
    for g, life, minor, law_date, share_date, term_date in distinct.tolist():
        gravity = GRAVITY[g]
        on_life = bool(life) and gravity in ("grave", "especially_grave")
        if minor:  # arts. 87 and 89 at the act's date
            p87 = general.art_087_minors_replacement
            share = (p87.fraction_attack_on_life if on_life and gravity == "especially_grave"
                     else p87.fraction.children[gravity])
            term = general.art_089_minors_record.years_after_imprisonment.children[gravity]
            share_on = term_on = law_date
        else:
            p73, p79 = general.art_073_replacement, general.art_079_criminal_record
            share = (p73.fraction_attack_on_life if on_life else p73.fraction).children[gravity]
            term = (p79.years_after_imprisonment_attack_on_life if on_life
                    else p79.years_after_imprisonment).children[gravity]
            share_on, term_on = share_date, term_date
        found.append((started(share, share_on), started(term, term_on)))
    at = np.asarray(inverse).reshape(-1)
    return {"replacement_share": np.array([f[0] for f in found], dtype=object)[at],
            "record_after_years": np.array([f[1] for f in found], dtype=object)[at]}


def _when(value: Any) -> Any:
    """A finding's value as JSON: an ISO date, a number, or None where the rule sets none."""
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else str(value.astype("datetime64[D]"))
    if isinstance(value, (float, np.floating)):
        return None if not np.isfinite(value) else whole_years(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    return int(value)


def _depends_on(what: str) -> Word:
    """What a date of the sentence waits for: a fact of the case file by its name in the
    reader's words, the payment of a fine (79(3)(2)) or the court's decision at the end of a
    deferral (74(3))."""
    if what == FINE_PAID:
        return reason("sentence.depends_on_fine_paid", cite="79(3)(2)")
    if what == DEFERRAL_DECIDED:
        return reason("sentence.depends_on_deferral_decided", cite="74(3)")
    return reason("sentence.depends_on", fact=fact(what))


def sentence_block(dates: SentenceDates, sc: Completions, keep: NDArray[np.bool_],
                   closed: dict[str, list[Word]],
                   conditions: Mapping[str, NDArray[np.object_]] | None = None,
                   met: str = "") -> dict[str, Any]:
    """The ``sentence`` block: each date where every scenario in ``keep`` agrees on it; where
    they differ, no date and the facts that decide it under ``depends_on``. ``closed``: why a
    rule gives no date, where the case says (see :func:`closed_reasons`). ``conditions``: per
    date of :data:`CONDITION_OF`, per scenario, the exception that opens it only on a
    condition or None (:func:`qaitu.assessment.reasons.conditions`): a date given holds on it
    where a scenario kept sets it (an unknown fact that decides whether is said under
    ``depends_on``), its code is kept beside the date (``parole_condition``,
    ``replacement_condition``) and the condition is said after the date's reason, with ``met``
    (``_recorded``) where the case records the help it asks."""
    f = dates.facts
    conditions = conditions or {}
    out: dict[str, Any] = {
        "type": f.type, "months": f.months, "start": f.start.isoformat() if f.start else None,
        "pretrial_detention_days": f.pretrial_detention_days, "credited_days": None,
        **{name: None for name in DATE_FIELDS}, **dict.fromkeys(CONDITION_OF.values()),
        "serving_limit_months": None,
        "evasion_replacement": None, "rules": {}, "because": [],
        "depends_on": [_depends_on(d) for d in dates.depends_on]}
    rows = np.flatnonzero(keep) if keep.any() else np.arange(len(keep))
    among = keep if keep.any() else None

    def depends(values: NDArray[Any]) -> None:
        """The facts that decide ``values`` (per scenario) among the scenarios kept."""
        for j in deciding_slots([len(s.domain) for s in sc.slots], values.astype(str), among):
            out["depends_on"].append(_depends_on(sc.slots[j].source))

    for finding in dates.findings:
        values = finding.values[rows]
        distinct = {_when(x) for x in values}
        value = _when(values[0]) if len(distinct) == 1 else None
        if len(distinct) > 1:
            depends(finding.values)
        # the version the rule used, where the scenarios kept agree on it; where they differ
        # (an unknown fact decides which version applies), none, and that fact is said
        versions = finding.version if finding.version is not None else np.full(len(keep), None)
        used = set(versions[rows].tolist())
        if len(used) > 1:
            depends(versions)
        out[finding.name] = value
        out["rules"][finding.name] = {"rule": finding.rule, "cite": finding.cite,
                                      "article": finding.cite.split("(")[0].split(",")[0],
                                      "version": used.pop() if len(used) == 1 else None,
                                      "confidence": finding.confidence}
        if value is None and len(distinct) == 1 and finding.name not in (
                "shortened_ends_on", "serving_limit_months"):
            out["because"].extend(closed.get(finding.rule)
                                  or [reason(f"sentence.none.{finding.rule}", cite=finding.cite)])
        elif value is not None:
            words = {k: _term_words(w) if k in ("months", "limit", "min_served")
                     # whole years (72(6)'s) among the scenarios kept
                     else _term_words(np.asarray(w)[rows] * 12) if k == "years"
                     else _range_words(w) if k == "minor_range"
                     else _share_words(np.asarray(w)[rows]) if k == "share" else w
                     for k, w in finding.words.items()}
            # a term in months reads as years and months, as the sentence table shows it
            said = months(value) if finding.name == "serving_limit_months" else value
            out["because"].append(reason(f"sentence.{finding.rule}", cite=finding.cite,
                                         value=said, **words))
            if finding.name in conditions:
                held = conditions[finding.name]
                if len({str(c) for c in held[rows]}) > 1:
                    depends(held)
                on = next((c for c in held[rows] if c is not None), None)
                if on is not None:
                    out[CONDITION_OF[finding.name]] = on.code
                    out["because"].append(reason(
                        f"sentence.condition.{finding.name}.{on.code}{met}", cite=on.cite))
    out["depends_on"] = [d for n, d in enumerate(out["depends_on"])
                         if d not in out["depends_on"][:n]]
    return out


def _range_words(value: Any) -> Any:
    """A range of terms in months, one ``(min, max)`` row per scenario (the distinct ones), as
    the reader says a range."""
    spans = np.unique(np.asarray(value, dtype=np.float64).reshape(-1, 2), axis=0)
    return joined(" / ", (term_span(lo, hi) for lo, hi in spans))


def _term_words(value: Any) -> Any:
    """A term in months (one, or one per row: the distinct ones) as years and months."""
    terms = np.unique(np.asarray(value, dtype=np.float64))
    if not np.isfinite(terms).all():
        return value
    return months(terms[0]) if len(terms) == 1 else joined(" / ", map(months, terms))


def _share_words(shares: NDArray[np.float64]) -> str | Word:
    """The share of the term a rule used for the scenarios kept (the distinct ones), as the law
    writes it: 1/3, not 0.333."""
    texts = [fraction_text(float(x)) for x in np.unique(shares)]
    return texts[0] if len(texts) == 1 else joined(" / ", texts)


def sentence_facts(case: Any) -> SentenceFacts | None:
    """``proceedings.sentence`` of a case file as the core's :class:`SentenceFacts`; None where
    the case has no sentence."""
    given = case.proceedings.sentence
    if given is None:
        return None
    return SentenceFacts(type=given.type,
                         months=given.months, start=given.start,
                         pretrial_detention_days=case.proceedings.pretrial_detention_days,
                         deferral_months=given.deferral_months,
                         probation_months=given.probation_months,
                         replaced_imprisonment=given.replaced_imprisonment,
                         earlier_life_parole=given.earlier_life_parole,
                         new_crime_serving_life=given.new_crime_serving_life)
