"""The grounds a recorded violation supports under arts. 44(3), 64 and 72(7), checked against
the Code's words (quyse/kz-laws rus/81097.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from qaitu.law import supervision as law
from qaitu.law.sentence_dates import record_years
from qaitu.law.supervision import (
    BY_CODE,
    Consequence,
    Mover,
    OrderKind,
    Violation,
    early_cancellation_open,
    grounds_for,
    registration_due,
)
from qaitu.law.working_days import (
    add_working_days,
    days_off,
    days_off_unknown,
    is_working_day,
    kurban_ait_known,
)

C, R, P = OrderKind.CONDITIONAL, OrderKind.RESTRICTION, OrderKind.PAROLE
V = Violation


def codes(*args, **kw):
    return [g.code for g in grounds_for(*args, **kw)]


@pytest.mark.parametrize("violation", [V.ADMIN_OFFENCE, V.EM_DAMAGE, V.MISSED_REGISTRATION,
                                       V.UNANNOUNCED_MOVE, V.MISDEMEANOUR])
def test_a_first_64_2_violation_supports_extension_by_up_to_one_year(violation):
    assert codes(C, violation) == ["64(2)"]
    g = BY_CODE["64(2)"]
    assert g.max_extension_months == 12 and "не более чем на один год" in g.statute
    assert g.consequence is Consequence.EXTENSION and g.discretionary


def test_a_repeated_64_2_violation_supports_revocation_for_an_adult():
    assert codes(C, V.EM_DAMAGE, earlier=[V.MISDEMEANOUR]) == ["64(3)"]
    assert "повторного совершения" in BY_CODE["64(3)"].statute


def test_a_minor_may_instead_have_probation_control_extended_again_64_3():
    assert codes(C, V.EM_DAMAGE, earlier=[V.MISDEMEANOUR], minor=True) == ["64(3)", "64(2)"]


def test_failing_a_court_imposed_duty_supports_revocation_64_3():
    assert codes(C, V.DUTY_FAILURE) == ["64(3)"]
    assert "неисполнения условно осужденным возложенных на него судом обязанностей" in \
        BY_CODE["64(3)"].statute
    assert not BY_CODE["64(3)"].discretionary  # «постановляет», not «может»


def test_a_new_crime_is_decided_by_the_court_sentencing_it_64_4_and_64_5():
    assert codes(C, V.NEW_CRIME_LESSER) == ["64(4)"]
    assert codes(C, V.NEW_CRIME_SERIOUS) == ["64(5)"]
    assert BY_CODE["64(4)"].mover is Mover.COURT_AT_NEW_SENTENCE
    assert "по совокупности приговоров" in BY_CODE["64(5)"].statute


def test_restriction_of_freedom_only_malicious_evasion_supports_replacement_44_3():
    assert codes(R, V.EVASION) == ["44(3)"]
    assert codes(R, V.DUTY_FAILURE) == []
    assert "один день лишения свободы за один день ограничения свободы" in \
        BY_CODE["44(3)"].statute


@pytest.mark.parametrize("violation", [V.DUTY_FAILURE, V.MISSED_REGISTRATION,
                                       V.UNANNOUNCED_MOVE, V.EM_DAMAGE, V.ADMIN_OFFENCE])
def test_a_pec_67_1_violation_repeated_within_a_year_is_malicious_pec_67_2_1(violation):
    """PEC 67(2)(1) «повторное совершение в течение года нарушений, указанных в части первой»
    is a malicious violation; PEC 68(2) sends it to the court for replacement (44(3))."""
    first = (V.UNANNOUNCED_MOVE, dt.date(2026, 3, 2))
    assert codes(R, violation, earlier=[first], on=dt.date(2026, 9, 1)) == ["44(3)"]
    assert codes(R, violation, earlier=[first], on=dt.date(2027, 3, 2)) == ["44(3)"]  # the year
    assert codes(R, violation, earlier=[first], on=dt.date(2027, 3, 3)) == []  # past the year
    assert codes(R, violation, on=dt.date(2026, 9, 1)) == []  # a first one: a warning, 68(1)


def test_a_repeat_needs_the_dates_to_count_the_year_pec_67_2_1():
    """Undated records cannot show «в течение года»: no ground is offered on them."""
    assert codes(R, V.DUTY_FAILURE, earlier=[V.DUTY_FAILURE], on=dt.date(2026, 9, 1)) == []
    assert codes(R, V.DUTY_FAILURE, earlier=[(V.DUTY_FAILURE, dt.date(2026, 3, 2))]) == []
    # a new crime is not a 67(1) violation: the court sentencing it decides (art. 60)
    assert codes(R, V.NEW_CRIME_SERIOUS, earlier=[(V.DUTY_FAILURE, dt.date(2026, 3, 2))],
                 on=dt.date(2026, 9, 1)) == []


def test_parole_two_administrative_offences_support_revocation_72_7_1():
    assert codes(P, V.ADMIN_OFFENCE) == []
    assert codes(P, V.ADMIN_OFFENCE, earlier=[V.ADMIN_OFFENCE]) == ["72(7)(1)"]
    assert "два и более административных правонарушений" in BY_CODE["72(7)(1)"].statute


def test_parole_more_than_two_evasions_of_duties_support_revocation_72_7_1():
    assert codes(P, V.DUTY_FAILURE, earlier=[V.DUTY_FAILURE]) == []
    assert codes(P, V.DUTY_FAILURE, earlier=[V.DUTY_FAILURE] * 2) == ["72(7)(1)"]
    assert "более двух раз" in BY_CODE["72(7)(1)"].statute


def test_parole_new_crimes_72_7_2_and_72_7_3():
    assert codes(P, V.NEW_CRIME_LESSER) == ["72(7)(2)"]
    assert codes(P, V.NEW_CRIME_SERIOUS) == ["72(7)(3)"]


def test_early_cancellation_is_offered_from_half_the_term_for_conditional_sentences_only():
    half = dt.date(2027, 1, 1)
    assert "не менее половины установленного срока" in BY_CODE["64(1)"].statute
    assert not early_cancellation_open(C, half, dt.date(2026, 12, 31))
    assert early_cancellation_open(C, half, half)
    assert not early_cancellation_open(P, half, half)
    assert not early_cancellation_open(C, None, half)


def test_parole_registration_is_due_within_five_working_days_of_release_pec_21_1_1():
    """PEC 21(1)(1): «а лица, освобожденные из учреждений, – в течение пяти рабочих дней со дня
    освобождения … для постановки на учет»: the deadline is the Penal Enforcement Code's, as for
    the other orders (72(7)(1) makes missing it a ground of revocation), cited from the
    parameter that holds the five days."""
    friday = dt.date(2026, 11, 27)
    due, rule = registration_due(P, friday)
    assert due == dt.date(2026, 12, 4) and rule.confidence == "H"  # Mon..Fri next week
    assert (rule.days, rule.working_days, rule.cite) == (5, True, "PEC 21(1)(1)")
    assert "в течение пяти рабочих дней со дня освобождения" in rule.note


def test_the_registration_days_and_their_provision_are_read_from_the_parameter_pec_21(
        monkeypatch):
    """Changed in the parameter, the days and the citation change with it: nothing typed."""
    from types import SimpleNamespace

    from qaitu.law import current_law

    node = current_law().parameters.penal_enforcement.pec_021_registration
    version = node.after_release_working_days.values_list[0]
    reference = version.metadata["reference"]
    assert (reference["article"], reference["part"], reference["point"]) == ("PEC 21", "1", "1")
    moved = SimpleNamespace(value=7, metadata={"reference": {**reference, "part": "2"},
                                               "confidence": "M: moved"})
    monkeypatch.setattr(law, "cited_on", lambda param, day: (
        moved.value, "PEC 21(2)(1)", moved.metadata["confidence"]))
    _, rule = registration_due(P, dt.date(2026, 11, 27))
    assert (rule.days, rule.cite, rule.confidence) == (7, "PEC 21(2)(1)", "M")


def test_a_parolee_released_before_law_95_vii_registered_with_the_police_in_five_working_days_pec_169_8_1():  # noqa: E501
    """Before art. 21 was restated by Law 95-VII of 30.12.2021, a parolee's deadline stood in
    PEC 169(8)(1) (2020 consolidation): «Условно-досрочно освобожденное лицо обязано: 1) пройти
    регистрацию в органах внутренних дел по месту жительства в течение пяти рабочих дней со
    дня освобождения из учреждения», and the Criminal Code of the time counted the same days,
    72(7)(1): «не явилось для регистрации по избранному месту жительства в течение пяти
    рабочих дней после освобождения из мест лишения свободы». The same count, another
    provision and another body (the police): cited as the law then stood, not as today."""
    friday = dt.date(2019, 6, 7)
    due, rule = registration_due(P, friday)
    assert due == add_working_days(friday, 5) == dt.date(2019, 6, 14)
    assert (rule.days, rule.working_days, rule.cite, rule.confidence) == (
        5, True, "PEC 169(8)(1)", "M")
    assert "пройти регистрацию в органах внутренних дел" in rule.note
    assert law.registration_rule(P, dt.date(2015, 1, 1)).cite == "PEC 169(8)(1)"
    assert law.registration_rule(P, dt.date(2022, 2, 28)).cite == "PEC 169(8)(1)"
    now = law.registration_rule(P, dt.date(2022, 3, 1))
    assert (now.days, now.cite, now.confidence) == (5, "PEC 21(1)(1)", "H")
    assert "в течение пяти рабочих дней со дня освобождения" in now.note


@pytest.mark.parametrize("kind", [C, R])
def test_before_law_95_vii_the_ten_days_stood_in_pec_21_2_1(kind):
    """PEC 21(2)(1) (2017 and 2020 consolidations): «явиться в течение десяти суток со дня
    вступления приговора или постановления суда в законную силу в службу пробации для
    постановки на учет»: the same ten days, cited from the point where they stood."""
    due, rule = registration_due(kind, dt.date(2019, 6, 7))
    assert due == dt.date(2019, 6, 17)
    assert (rule.days, rule.working_days, rule.cite) == (10, False, "PEC 21(2)(1)")
    assert "в службу пробации для постановки на учет" in rule.note


def test_every_version_of_the_registration_parameter_cites_a_provision_whose_words_are_kept():
    """Each dated version names the provision its note quotes: a new version without the
    words of its provision would print a deadline without its statute."""
    from qaitu.law import current_law

    node = current_law().parameters.penal_enforcement.pec_021_registration
    for param, released in [(node.after_entry_into_force_days, False),
                            (node.after_release_working_days, True)]:
        for version in param.values_list:
            ref = version.metadata["reference"]
            cite = f"{ref['article']}({ref['part']})({ref['point']})"
            assert law._REGISTRATION_WORDS.get((cite, released)), (cite, released)


@pytest.mark.parametrize("kind", [C, R])
def test_registration_is_due_within_ten_days_of_the_verdicts_entry_into_force_pec_21_1_1(kind):
    """PEC 21(1)(1): «явиться в течение десяти суток со дня вступления приговора … в законную
    силу … для постановки на учет»: calendar days, weekends included."""
    due, rule = registration_due(kind, dt.date(2026, 11, 27))  # a Friday
    assert due == dt.date(2026, 12, 7)
    assert (rule.days, rule.working_days, rule.cite, rule.confidence) == (
        10, False, "PEC 21(1)(1)", "M")
    assert "в течение десяти суток со дня вступления приговора" in rule.note
    assert law.PEC["redaction"] == "2025-09-16"


def test_the_record_is_cleared_by_early_cancellation_or_the_day_after_the_order_ends():
    ends = dt.date(2028, 8, 31)
    early = law.record_cleared_on(law.OrderKind.CONDITIONAL, ends, dt.date(2027, 3, 10))
    assert (early.date, early.cite) == (dt.date(2027, 3, 10), "64(1)")
    run = law.record_cleared_on(law.OrderKind.CONDITIONAL, ends)
    assert (run.date, run.cite) == (dt.date(2028, 9, 1), "79(3)(1)")
    served = law.record_cleared_on(law.OrderKind.RESTRICTION, ends)
    assert (served.date, served.cite) == (dt.date(2028, 9, 1), "79(3)(2)")
    # parole: the years after release that the gravity sets are the assessment's (79(3)-(4))
    assert law.record_cleared_on(law.OrderKind.PAROLE, ends) is None


def test_working_days_skip_new_year_72_7_1_and_holidays_law_art_5():
    """«в течение пяти рабочих дней» (72(7)(1)) across 1-2 January (Law «О праздниках», art. 5)."""
    due, rule = registration_due(P, dt.date(2026, 12, 30))  # Wednesday
    # 31 Dec (Thu) 1; 1 Jan (Fri) holiday; 2 Jan (Sat) holiday, its day off moves to 4 Jan
    # (Mon); 5 Jan 2, 6 Jan 3; 7 Jan Christmas (Labour Code art. 84(5)); 8 Jan 4, 11 Jan 5
    assert due == dt.date(2027, 1, 11)
    # 2027's act moving days off (Labour Code art. 85(3)) is not known: the day is an assumption
    assert (rule.confidence, rule.days_off_unknown) == ("L", (2027,))


def test_a_deadline_within_years_whose_days_off_are_known_keeps_its_confidence_72_7_1():
    due, rule = registration_due(P, dt.date(2026, 5, 25))  # Monday; Kurban Ait 27 May 2026
    assert due == dt.date(2026, 6, 2)  # 26, 28, 29 May, 1, 2 June
    assert (rule.confidence, rule.days_off_unknown) == ("H", ())


def test_days_moved_by_the_yearly_act_are_off_and_its_weekend_days_are_working_tk_85_3():
    """Labour Code art. 85(3): the act of 2025 moved the day off from Sunday 5 January to
    Friday 3 January; that of 2020 gave Friday 8 May off instead of Monday 11 May (Victory Day
    on a Saturday)."""
    assert not is_working_day(dt.date(2025, 1, 3)) and is_working_day(dt.date(2025, 1, 5))
    assert add_working_days(dt.date(2025, 1, 2), 1) == dt.date(2025, 1, 5)
    assert not is_working_day(dt.date(2020, 5, 8)) and is_working_day(dt.date(2020, 5, 11))
    assert not is_working_day(dt.date(2024, 5, 8)) and is_working_day(dt.date(2024, 5, 4))


def test_kurban_ait_is_the_day_announced_not_the_one_first_published_labour_code_84_5():
    """2024: the ministry's calendar said 17 June; the Spiritual Administration of Muslims set
    16 June, a Sunday, and 17 June stayed a working day (not moved: 84(5))."""
    assert is_working_day(dt.date(2024, 6, 17))
    assert dt.date(2024, 6, 16) in days_off(2024)


def test_years_without_a_source_for_their_days_off_are_named_not_guessed_tk_85_3():
    assert days_off_unknown(dt.date(2016, 1, 1), dt.date(2026, 12, 31)) == []
    assert days_off_unknown(dt.date(2026, 12, 1), dt.date(2028, 1, 10)) == [2027, 2028]
    assert days_off_unknown(dt.date(2015, 6, 1), dt.date(2015, 6, 9)) == [2015]


def test_working_days_skip_nauryz_and_its_moved_days_off_72_7_1_and_holidays_law_art_5():
    """Nauryz 21-23 March 2026 (Saturday to Monday): 21 and 22 March move to 24 and 25 March."""
    due, _ = registration_due(P, dt.date(2026, 3, 20))  # Friday
    assert due == dt.date(2026, 4, 1)  # 26, 27, 30, 31 March, 1 April


def test_a_holiday_on_a_saturday_moves_the_day_off_to_monday_holidays_law_art_5():
    """«При совпадении выходного и праздничного дней выходным днем является следующий после
    праздничного рабочий день»: 6 July 2019 (Day of the Capital) was a Saturday, 8 July off."""
    assert not is_working_day(dt.date(2019, 7, 8))
    assert is_working_day(dt.date(2019, 7, 9))
    assert add_working_days(dt.date(2019, 7, 5), 1) == dt.date(2019, 7, 9)


def test_holidays_follow_their_dates_of_effect_holidays_law_art_5():
    """Republic Day (25 October) from 2022; 1 and 17 December off only until 2021."""
    assert is_working_day(dt.date(2021, 10, 25)) and not is_working_day(dt.date(2022, 10, 25))
    assert not is_working_day(dt.date(2021, 12, 17)) and is_working_day(dt.date(2026, 12, 17))
    assert not is_working_day(dt.date(2020, 12, 1)) and is_working_day(dt.date(2022, 12, 1))


def test_kurban_ait_is_a_day_off_in_the_years_listed_labour_code_84_5():
    assert is_working_day(dt.date(2019, 8, 12))  # the 11th was a Sunday: not moved
    assert not is_working_day(dt.date(2026, 5, 27)) and kurban_ait_known(2026)
    assert not kurban_ait_known(2040)


def test_the_record_after_parole_counts_the_years_from_the_release_79_4():
    released, ends = dt.date(2029, 3, 15), dt.date(2031, 12, 31)
    years = record_years(ends, dt.date(2035, 1, 1))  # 79(3)(3): three years after the term
    assert years == 3
    got = law.record_cleared_on(law.OrderKind.PAROLE, ends, released_on=released, years=years)
    assert (got.date, got.cite) == (dt.date(2032, 3, 15), "79(4)")
    # a release on the 29th of February: the anniversary falls on the month's last day
    leap = law.record_cleared_on(law.OrderKind.PAROLE, ends, released_on=dt.date(2028, 2, 29),
                                 years=6)
    assert leap.date == dt.date(2034, 2, 28)
    # no years from the assessment (no imprisonment dates, or dates years do not explain)
    assert record_years(ends, dt.date(2035, 1, 2)) is None
    assert law.record_cleared_on(law.OrderKind.PAROLE, ends, released_on=released) is None


def test_the_days_off_of_2026_are_the_holidays_law_arts_2_3_and_5():
    """Arts. 2-3 of the Law «О праздниках» (2023 text): 1-2 January, 8 March, 21-23 March,
    1, 7 and 9 May, 6 July, 30 August, 25 October, 16 December; art. 5 moves a holiday on a
    Saturday or Sunday to the next working day; 7 January and Kurban Ait (27 May 2026) are the
    Labour Code's (84(5)), not moved."""
    d = dt.date
    statute = {d(2026, 1, 1), d(2026, 1, 2), d(2026, 3, 8), d(2026, 3, 21), d(2026, 3, 22),
               d(2026, 3, 23), d(2026, 5, 1), d(2026, 5, 7), d(2026, 5, 9), d(2026, 7, 6),
               d(2026, 8, 30), d(2026, 10, 25), d(2026, 12, 16)}
    moved = {d(2026, 3, 9), d(2026, 3, 24), d(2026, 3, 25), d(2026, 5, 11), d(2026, 8, 31),
             d(2026, 10, 26)}  # from 8 March, 21-22 March, 9 May, 30 August, 25 October
    labour_code = {d(2026, 1, 7), d(2026, 5, 27)}
    assert days_off(2026) == statute | moved | labour_code


def test_an_adult_hiding_from_probation_control_supports_revocation_pec_176_2():
    """PEC 176(2): «а также если оно скрылось от пробационного контроля, служба пробации вносит
    в суд представление об отмене условного осуждения»."""
    assert codes(C, V.HIDING) == ["PEC 176(2)"]
    g = BY_CODE["PEC 176(2)"]
    assert "скрылось от пробационного контроля" in g.statute
    assert (g.consequence, g.mover) == (Consequence.REVOCATION, Mover.PROBATION_SUBMISSION)


def test_a_hiding_minor_is_weighed_as_a_missed_registration_pec_176_2():
    """PEC 176(2) asks for a minor only «о продлении срока пробационного контроля»."""
    assert codes(C, V.HIDING, minor=True) == ["64(2)"]
    assert codes(C, V.HIDING, earlier=[V.EM_DAMAGE], minor=True) == ["64(3)", "64(2)"]
    # hiding began with a missed registration: a later 64(2) violation is a repeat (64(3))
    assert codes(C, V.ADMIN_OFFENCE, earlier=[V.HIDING]) == ["64(3)"]


def test_one_counts_as_hiding_after_more_than_fifteen_days_since_the_missed_registration():
    """PEC 176(3) and 67(3): «место нахождения которого в течение более пятнадцати дней со дня
    неявки для регистрации в службу пробации не установлено»: missed on 2 March, the fifteen
    days are 3-17 March, hiding from 18 March."""
    missed = dt.date(2026, 3, 2)
    conditional = law.hiding_from(C, missed)
    assert (conditional.date, conditional.cite, conditional.confidence) == (
        dt.date(2026, 3, 18), "PEC 176(3)", "M")
    assert "более пятнадцати дней со дня неявки" in conditional.note
    assert law.hiding_from(R, missed).cite == "PEC 67(3)"
    assert law.hiding_from(P, missed) is None  # PEC 169(9): a search, no such rule


def test_hiding_is_a_malicious_violation_of_restriction_of_freedom_pec_67_2_5():
    assert codes(R, V.HIDING) == ["44(3)"]
    # and the missed registration it began with counts for a repeat within a year (67(2)(1))
    assert codes(R, V.DUTY_FAILURE, earlier=[(V.HIDING, dt.date(2026, 3, 2))],
                 on=dt.date(2026, 9, 1)) == ["44(3)"]


def test_hiding_on_parole_is_searched_for_not_a_ground_of_revocation_pec_169_9():
    assert codes(P, V.HIDING) == []


def test_half_of_the_period_as_the_court_extended_it_64_1_pec_19_2():
    """64(1) «по истечении не менее половины установленного срока»; PEC 19(2)
    «Продолжительность пробационного контроля определяется приговором или постановлением
    суда»: an extension (64(2)) is such a постановление, so half of the extended period must
    pass, with the same confidence as half of the original one."""
    start = dt.date(2026, 1, 15)
    plain = {d.name: d for d in law.order_dates(C, start, 36)}["early_cancellation_from"]
    extended = {d.name: d for d in law.order_dates(C, start, 36, 6)}["early_cancellation_from"]
    assert plain.date == dt.date(2027, 7, 15)  # 18 months
    assert extended.date == dt.date(2027, 10, 15)  # 21 months: half of 42
    assert (plain.confidence, extended.confidence) == ("M", "M")
    assert (plain.cite, extended.cite) == ("64(1)", "64(1), 64(2)")


def test_the_reading_of_the_extended_period_is_a_parameter_marked_m_64_1():
    from qaitu.law import current_law

    param = current_law().parameters.general_part.art_064_early_cancellation.extension_counts
    version = param.values_list[0]
    assert version.value is True
    assert version.metadata["confidence"].startswith("M:")
    assert "половины установленного срока" in " ".join(version.metadata["confidence"].split())


@pytest.mark.parametrize("kind,absent", [(C, V.EVASION), (P, V.EVASION), (P, V.EM_DAMAGE)])
def test_malicious_evasion_is_restriction_of_freedoms_alone_44_3(kind, absent):
    """«злостного уклонения от отбывания ограничения свободы» (44(3)) is no violation of a
    conditional sentence or of parole; the grounds of each order read only its own kinds."""
    assert absent not in law.violations_for(kind, electronic_monitoring=True)
    assert V.EVASION in law.violations_for(R, electronic_monitoring=False)
    assert V.DUTY_FAILURE in law.violations_for(kind, electronic_monitoring=False)


@pytest.mark.parametrize("kind", [C, R])
def test_em_damage_only_under_an_order_with_electronic_monitoring_pec_67_1_2(kind):
    """«умышленное повреждение (порча) электронных средств слежения» (PEC 67(1)(2); 64(2)):
    without monitoring ordered there is no device to damage."""
    assert V.EM_DAMAGE in law.violations_for(kind, electronic_monitoring=True)
    assert V.EM_DAMAGE not in law.violations_for(kind, electronic_monitoring=False)


def test_every_violation_an_order_offers_is_one_its_grounds_read():
    """No kind offered whose grounds are another order's: each offered kind either has a
    ground or is one the order's rules name (a first violation awaiting a repeat, hiding on
    parole)."""
    offered = {k: set(law.violations_for(k, True)) for k in (C, R, P)}
    assert offered[C] - {V.HIDING} == {v for v in V if grounds_for(C, v, earlier=[
        V.ADMIN_OFFENCE])} - {V.HIDING}
    assert set(V) - offered[C] == {V.EVASION}


def test_a_restriction_order_ends_earlier_by_the_custody_credited_62_3_1():
    """62(3-1): a day of pre-trial custody counts as two days of restriction of freedom; the
    order's last day is the assessment's (sentence_dates), not the uncredited term's. A
    conditional sentence takes no credit (63(3))."""
    from qaitu.law.sentence_dates import credited_days, term_last_day

    start = dt.date(2025, 9, 1)
    ends = {d.name: d for d in law.order_dates(law.OrderKind.RESTRICTION, start, 36, 0, 30)}
    expected = term_last_day([start], [36], credited_days(30, 2.0))[0].item()
    assert ends["ends_on"].date == expected == dt.date(2028, 7, 2)
    assert "62(3-1)" in ends["ends_on"].cite
    assert law.order_dates(C, start, 36, 0, 30)[0].date == dt.date(2028, 8, 31)


def test_a_person_hiding_is_not_warned_before_the_submission_pec_176_2_and_176_3():
    """176(1) joins a written warning to the submission; a person «место нахождения которого …
    не установлено» (176(3)) cannot be warned, and 176(2) submits on the hiding itself."""
    assert not law.warning_precedes_submission(law.Violation.HIDING)
    assert law.warning_precedes_submission(law.Violation.MISSED_REGISTRATION)


@pytest.mark.parametrize("violation", [V.ADMIN_OFFENCE, V.EM_DAMAGE, V.MISSED_REGISTRATION,
                                       V.UNANNOUNCED_MOVE, V.MISDEMEANOUR])
def test_a_minors_first_violation_extends_by_at_most_six_months_pec_176_1(violation):
    """PEC 176(1): «не более чем на один год, а в отношении несовершеннолетнего не более
    шести месяцев»; the adult keeps 64(2)'s year."""
    assert law.extension_limit(violation, minor=True) == law.ExtensionLimit(6, "PEC 176(1)")
    assert law.extension_limit(violation) == law.ExtensionLimit(12, "64(2)")


@pytest.mark.parametrize(("violation", "earlier"), [
    (V.DUTY_FAILURE, []), (V.ADMIN_OFFENCE, [V.EM_DAMAGE]),
    (V.MISSED_REGISTRATION, [(V.MISDEMEANOUR, dt.date(2026, 1, 5))]), (V.HIDING, [])])
def test_a_minors_duty_failure_repeat_or_hiding_extends_by_up_to_a_year_pec_176_2(
        violation, earlier):
    """PEC 176(2): for a minor «о продлении срока пробационного контроля, но не более чем на
    один год» where an adult's order would be revoked."""
    assert law.extension_limit(violation, earlier, minor=True,
                               on=dt.date(2026, 6, 1)) == law.ExtensionLimit(12, "PEC 176(2)")


def test_the_minors_six_months_are_a_dated_parameter_quoting_pec_176_1():
    from qaitu.law import current_law

    node = current_law().parameters.penal_enforcement.pec_176_conditional
    value = node.minor_extension_months.first_violation.values_list[0]
    assert value.value == 6 and value.instant_str == "2015-01-01"
    assert value.metadata["reference"]["law"].startswith("Penal Enforcement Code")
    assert "в отношении несовершеннолетнего не более шести" in " ".join(
        value.metadata["confidence"].split())


def test_after_parole_from_life_imprisonment_control_lasts_ten_years_from_the_2025_text():
    """72(2) as consolidated to 16.09.2025: «осужденного к пожизненному лишению свободы,
    пробационный контроль устанавливается сроком на десять лет»; before it, no term of its
    own."""
    assert law.life_parole_term_months(dt.date(2025, 9, 16)) == 120
    assert law.life_parole_term_months(dt.date(2025, 9, 15)) is None
