"""The dates the law sets once a sentence is passed (qaitu.law.sentence_dates), one legal
proposition per test; the numbers come from the dated parameters through ``SentenceLaw``."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from qaitu.law.sentence_dates import (
    DEFERRAL_DECIDED,
    SentenceFacts,
    SentenceLaw,
    after_months,
    milder_law_shortening,
    parole_minimum_months,
    parole_served,
    replacement_served,
    sentence_dates,
    term_last_day,
)


def law(parole: float = 0.5, replacement: float = 1 / 3, record: int = 6,
        credit: float = 1.5, minor: bool = False, limit: float | None = None,
        takes_effect: dt.date | None = None, early: float = 0.5) -> SentenceLaw:
    """One scenario of a grave adult crime served in medium security (art. 172 by default)."""
    return SentenceLaw(parole_share=np.array([parole]), replacement_share=np.array([replacement]),
                   record_years=np.array([record]), imprisonment_credit=np.array([credit]),
                   restriction_credit=np.array([2.0]), min_served_months=np.array([6.0]),
                   minor_at_act=np.array([minor]), minor_probation_months=np.array([[6.0, 12.0]]),
                   early_cancellation_share=np.array([early]),
                   limit_months=None if limit is None else np.array([limit]),
                   takes_effect=takes_effect)


def dates(facts: SentenceFacts, sentence_law: SentenceLaw) -> dict[str, object]:
    found = sentence_dates(facts, sentence_law)
    return {f.name: (str(f.values[0]) if f.values.dtype.kind == "M" else f.values[0].item())
            for f in found.findings}


def test_term_ends_the_day_before_the_same_date_art_62_1() -> None:
    got = dates(SentenceFacts("conditional", 36, dt.date(2025, 9, 1)), law())
    assert got["probation_ends_on"] == "2028-08-31"  # the contract's own example


def test_a_month_that_lacks_the_day_ends_on_its_last_day() -> None:
    assert str(term_last_day(["2024-01-31"], [1])[0]) == "2024-02-28"


def test_custody_credit_shortens_the_term_at_the_institution_s_rate_art_62_3() -> None:
    got = dates(SentenceFacts("imprisonment", 60, dt.date(2025, 8, 13), 95), law(credit=1.5))
    assert got["credited_days"] == 143  # 95 x 1.5 = 142.5, the half day to the convict (L)
    assert got["ends_on"] == "2030-03-22"  # 2030-08-12 less 143 days


def test_parole_after_half_for_a_grave_crime_counting_custody_as_served_art_72_3() -> None:
    got = dates(SentenceFacts("imprisonment", 60, dt.date(2025, 1, 1), 0), law(parole=0.5))
    assert got["parole_eligible_on"] == "2027-07-01"
    credited = dates(SentenceFacts("imprisonment", 60, dt.date(2025, 1, 1), 20),
                     law(parole=0.5, credit=1.0))
    assert credited["parole_eligible_on"] == "2027-06-12"  # 30 months from 2024-12-12


def test_parole_not_before_six_months_served_art_72_5() -> None:
    assert parole_minimum_months(["2020-01-01"]).tolist() == [6.0]
    # a third of 12 months is 4; 72(5) holds it to 6
    got = dates(SentenceFacts("imprisonment", 12, dt.date(2025, 1, 1), 0), law(parole=1 / 3))
    assert got["parole_eligible_on"] == "2025-07-01"
    # six months cannot be served before a six-month term ends: no parole date
    short = dates(SentenceFacts("imprisonment", 6, dt.date(2025, 1, 1), 0), law(parole=1 / 3))
    assert short["parole_eligible_on"] == "NaT"
    assert parole_served([9, 6], [1 / 3, 1 / 3], 6).tolist() == [6.0, np.inf]


def test_parole_closed_by_art_72_8_gives_no_date() -> None:
    got = dates(SentenceFacts("imprisonment", 120, dt.date(2025, 1, 1), 0), law(parole=0.0))
    assert got["parole_eligible_on"] == "NaT"


def test_replacement_by_a_milder_punishment_after_a_third_for_a_grave_crime_art_73_2() -> None:
    got = dates(SentenceFacts("imprisonment", 72, dt.date(2025, 1, 1), 0),
                law(replacement=1 / 3))
    assert got["milder_punishment_from"] == "2027-01-01"
    medium = dates(SentenceFacts("imprisonment", 48, dt.date(2025, 1, 1), 0),
                   law(replacement=0.25))
    assert medium["milder_punishment_from"] == "2026-01-01"
    # art. 73 sets no six-month minimum: a quarter of 12 months is 3
    assert replacement_served([12], [0.25]).tolist() == [3.0]


def test_no_replacement_where_art_73_is_closed() -> None:
    got = dates(SentenceFacts("imprisonment", 120, dt.date(2025, 1, 1), 0), law(replacement=0))
    assert got["milder_punishment_from"] == "NaT"


def test_record_spent_six_years_after_serving_a_grave_crime_art_79_3_4() -> None:
    got = dates(SentenceFacts("imprisonment", 60, dt.date(2025, 1, 1), 0), law(record=6))
    assert got["ends_on"] == "2029-12-31"
    assert got["record_cleared_on"] == "2036-01-01"


def test_a_misdemeanour_leaves_no_record_art_79_2() -> None:
    got = dates(SentenceFacts("imprisonment", 6, dt.date(2025, 1, 1), 0), law(record=0))
    assert got["record_cleared_on"] == "NaT"


def test_early_cancellation_not_before_half_the_probation_period_art_64_1() -> None:
    got = dates(SentenceFacts("conditional", 36, dt.date(2025, 9, 1), 95), law())
    assert got["early_cancellation_from"] == "2027-03-01"
    assert got["credited_days"] == 0  # a conditional sentence is not served (M)
    assert got["record_cleared_on"] == "2028-09-01"  # 79(3)(1): when probation ends


def test_early_cancellation_counts_the_share_the_parameter_holds_art_64_1() -> None:
    """«по истечении не менее половины установленного срока» (64(1)): the half is the
    parameter's, read once, so a variant that changes the share moves the date."""
    from qaitu.law.sentence_dates import early_cancellation_share

    assert early_cancellation_share(["2025-09-01"]).tolist() == [0.5]
    third = dates(SentenceFacts("conditional", 36, dt.date(2025, 9, 1)), law(early=1 / 3))
    assert third["early_cancellation_from"] == "2026-09-01"  # 12 months of 36


def test_a_minor_s_conditional_sentence_needs_the_probation_period_the_court_set_art_63_3(
        ) -> None:
    found = sentence_dates(SentenceFacts("conditional", 36, dt.date(2025, 9, 1)),
                           law(minor=True))
    assert found.depends_on == ("proceedings.sentence.probation_months",)
    assert not found.findings
    set_by_court = dates(SentenceFacts("conditional", 36, dt.date(2025, 9, 1),
                                       probation_months=12), law(minor=True))
    assert set_by_court["probation_ends_on"] == "2026-08-31"
    assert set_by_court["early_cancellation_from"] == "2026-03-01"


def test_the_minor_s_probation_range_is_said_from_the_parameter_art_63_3(monkeypatch) -> None:
    """The sentence gives the range 63(3) sets as the parameter holds it: a changed range is
    said as changed, never as words typed in the sentence."""
    from types import SimpleNamespace

    from qaitu.assessment.render import words
    from qaitu.assessment.sentence import sentence_block

    facts = SentenceFacts("conditional", 36, dt.date(2025, 9, 1), probation_months=9)
    said = {}
    for span in ([6.0, 12.0], [3.0, 18.0]):
        sentence_law = law(minor=True)
        sentence_law = type(sentence_law)(**{**sentence_law.__dict__,
                                             "minor_probation_months": np.array([span])})
        block = sentence_block(sentence_dates(facts, sentence_law), SimpleNamespace(slots=[]),
                               np.ones(1, bool), {})
        said[span[0]] = {lang: words(block["because"], lang)[1] for lang in ("ru", "kk", "en")}
    assert "от 6 месяцев до 1 года" in said[6.0]["ru"]
    assert "6 айдан 1 жылға дейінгі мерзімге" in said[6.0]["kk"]
    assert "6 months to 1 year" in said[6.0]["en"]
    assert "от 3 месяцев до 1 года 6 месяцев" in said[3.0]["ru"]
    assert "от 6 месяцев до 1 года" not in said[3.0]["ru"]
    assert "3 months to 1 year 6 months" in said[3.0]["en"]


def test_restriction_of_freedom_credit_two_days_and_parole_without_six_months_art_62_72_1(
        ) -> None:
    got = dates(SentenceFacts("restriction_of_freedom", 9, dt.date(2025, 1, 1), 10),
                law(parole=1 / 3))
    assert got["credited_days"] == 20  # 62(3-1)(2)
    assert got["ends_on"] == "2025-09-10"
    assert got["parole_eligible_on"] == "2025-03-12"  # 3 months from 2024-12-12; 72(5): prison
    assert got["evasion_replacement"] == 1.0  # 44(3): one day of prison per day unserved
    assert got["record_cleared_on"] == "2025-09-11"  # 79(3)(2)


def test_deferral_ends_and_the_court_decides_art_74() -> None:
    found = sentence_dates(SentenceFacts("imprisonment", 36, dt.date(2025, 1, 1),
                                         deferral_months=12), law())
    assert [f.name for f in found.findings] == ["deferral_ends_on"]
    assert str(found.findings[0].values[0]) == "2025-12-31"
    assert found.depends_on == (DEFERRAL_DECIDED,)  # 74(3): the court decides at its end


@pytest.mark.parametrize("missing", ["type", "months", "start"])
def test_an_unknown_start_or_term_gives_depends_on_not_a_date(missing: str) -> None:
    given = {"type": "imprisonment", "months": 60, "start": dt.date(2025, 1, 1)}
    given[missing] = None
    found = sentence_dates(SentenceFacts(**given), law())
    assert found.findings == ()
    assert found.depends_on == (f"proceedings.sentence.{missing}",)


def test_a_milder_law_cuts_a_sentence_being_served_from_its_first_day_art_6_2() -> None:
    start = dt.date(2025, 1, 1)
    cut = dates(SentenceFacts("imprisonment", 72, start, 0),
                law(limit=60, takes_effect=dt.date(2027, 1, 1), parole=1 / 3))
    assert cut["ends_on"] == "2030-12-31"
    assert cut["shortened_ends_on"] == "2029-12-31"
    assert cut["serving_limit_months"] == 60
    assert cut["parole_eligible_on"] == "2027-01-01"  # a third of 60 months, not before the law
    assert cut["record_cleared_on"] == "2036-01-01"  # from the shortened end
    # the new limit has already passed: released the day the law takes effect, not before
    late = dates(SentenceFacts("imprisonment", 72, start, 0),
                 law(limit=12, takes_effect=dt.date(2027, 1, 1)))
    assert late["shortened_ends_on"] == "2027-01-01"
    # the act no longer punishable (6(1)): the same day
    gone = dates(SentenceFacts("imprisonment", 72, start, 0),
                 law(limit=0, takes_effect=dt.date(2027, 1, 1)))
    assert gone["shortened_ends_on"] == "2027-01-01"


def test_a_milder_law_does_not_reopen_a_served_sentence_or_lengthen_one_art_6_2() -> None:
    served = dates(SentenceFacts("imprisonment", 24, dt.date(2020, 1, 1), 0),
                   law(limit=12, takes_effect=dt.date(2027, 1, 1)))
    assert served["shortened_ends_on"] == "NaT"
    within = dates(SentenceFacts("imprisonment", 48, dt.date(2025, 1, 1), 0),
                   law(limit=60, takes_effect=dt.date(2027, 1, 1)))
    assert within["shortened_ends_on"] == "NaT"
    assert within["ends_on"] == "2028-12-31"


def test_the_shortening_rule_is_the_same_on_simulation_arrays_in_years() -> None:
    term, end, cut = milder_law_shortening(start=[3.0, 3.0, 1.0], term=[6.0, 6.0, 2.0],
                                           limit=[5.0, 0.5, 1.0], takes_effect=4.0)
    assert cut.tolist() == [True, True, False]
    assert end.tolist() == [8.0, 4.0, 3.0]
    assert term.tolist() == [5.0, 0.5, 2.0]


def test_a_fraction_of_a_month_counts_as_days_of_a_thirty_day_month() -> None:
    # two thirds of 40 months: 26 months and 20 days
    assert str(after_months(["2025-01-01"], [40 * 2 / 3])[0]) == "2027-03-21"
    # a single-precision share adds no day
    assert str(after_months(["2025-01-01"], [60 * float(np.float32(1 / 3))])[0]) == "2026-09-01"
