"""Facts read from cohort columns: what counts as known, listed, and how old someone is."""

import datetime as dt

import numpy as np

from qaitu.law.inputs import coded_inputs
from qaitu.law.variables.facts import EPISODE, FACTS

TODAY = dt.date(2026, 11, 25)


def test_age_counts_a_birthday_on_its_day() -> None:
    cols = {"as_of": np.array(["2018-03-01", "2018-02-28"]),
            "person.birth_date": np.array(["2000-03-01", "2000-03-01"]),
            "episodes.0.end": np.array(["2016-02-29", "2016-02-29"])}
    case, episodes = coded_inputs(cols, 2, TODAY)
    assert case["age_at_judgment"].values.tolist() == [18, 17]
    assert episodes[0]["age_at_act"].values.tolist() == [15, 15]
    cols["person.birth_date"] = np.array(["2001-03-01", "2002-02-28"])
    _, episodes = coded_inputs(cols, 2, TODAY)
    assert episodes[0]["age_at_act"].values.tolist() == [14, 14]


def test_empty_cells_are_unknown_not_listed() -> None:
    cols = {"person.citizenship.0": np.array(["KZ", "", "RU"]),
            "circumstances.mitigating.0": np.array(["", "sincere_repentance", ""]),
            "person.acquired_citizenship.0.country": np.array(["", "RU", ""])}
    case, _ = coded_inputs(cols, 3, TODAY)
    assert case["citizen_of_kz"].values.tolist() == [True, False, False]
    assert case["citizen_of_kz"].known.tolist() == [True, False, True]
    assert case["mitigating_listed"].values.tolist() == [False, True, False]
    assert case["acquired_foreign_citizenship"].values.tolist() == [False, True, False]


def test_a_stateless_resident_with_no_citizenship_listed_is_known_not_to_be_a_citizen(
        ) -> None:
    """A stateless person holds no citizenship, so an empty list is then no unknown (art.
    29(5) reads such a person as not the citizen art. 172 names)."""
    cols = {"person.citizenship.0": np.array(["", "", "KZ"]),
            "person.stateless_resident_of_kz": np.array(["true", "false", "false"])}
    case, _ = coded_inputs(cols, 3, TODAY)
    assert case["citizen_of_kz"].values.tolist() == [False, False, True]
    assert case["citizen_of_kz"].known.tolist() == [True, False, True]


def test_unknown_return_date_takes_the_documented_default() -> None:
    case, _ = coded_inputs({"return.date": np.array(["2024-12-02", ""])}, 2, TODAY)
    assert case["return_date"].values.tolist() == [dt.date(2024, 12, 2), dt.date(2025, 1, 1)]
    assert case["return_date"].known.tolist() == [True, False]


def test_art_170_2_facts_left_out_are_false_and_unknown_cells_are_unknown() -> None:
    """Extension facts of art. 170(2): a file or table without them keeps its old meaning (no
    official position, no minor); a cell that says unknown is enumerated, not taken as false."""
    cols = {"episodes.0.role": np.array(["recruiter"] * 3)}
    ep = coded_inputs(cols, 3, TODAY)[1][0]
    for name in ("used_official_position", "in_respect_of_minor"):
        assert ep[name].values.tolist() == [False] * 3
        assert ep[name].known.tolist() == [True] * 3
    cols["episodes.0.in_respect_of_minor"] = np.array([True, "unknown", "false"], dtype=object)
    ep = coded_inputs(cols, 3, TODAY)[1][0]
    assert ep["in_respect_of_minor"].values.tolist() == [True, False, False]
    assert ep["in_respect_of_minor"].known.tolist() == [True, False, True]
    assert ep["used_official_position"].known.tolist() == [True] * 3


def test_an_act_of_terrorism_left_out_is_none_and_written_unknown_is_unknown() -> None:
    """Art. 255(1)'s act is an extension: a file or table without the column keeps its old
    meaning (no act of terrorism), but a cell that says unknown (or is empty) is unknown and
    enumerated, as for the other extensions; ``alleged`` is for the court to decide."""
    cols = {"episodes.0.role": np.array(["combatant"] * 5)}
    ep = coded_inputs(cols, 5, TODAY)[1][0]
    assert ep["terrorist_act"].values.tolist() == [False] * 5
    assert ep["terrorist_act"].known.tolist() == [True] * 5
    cols["episodes.0.terrorist_act"] = np.array(
        ["established", "none", "alleged", "unknown", None], dtype=object)
    ep = coded_inputs(cols, 5, TODAY)[1][0]
    assert ep["terrorist_act"].values.tolist() == [True, False, False, False, False]
    assert ep["terrorist_act"].known.tolist() == [True, True, False, False, False]


#: Facts found by a conversion of their own (fact-finding), not read as their column says.
FOUND = {"judgment_date", "age_at_judgment", "citizen_of_kz", "acquired_foreign_citizenship",
         "returned", "mitigating_listed", "aggravating_listed", "disability_group_1_or_2",
         "return_date", "act_date", "age_at_act", "act_abroad", "citizen_of_party",
         "war_crimes_established", "terrorist_act", "imprisonment_imposed_months"}


def _other_value(fact):
    """A value of ``fact`` other than its default, as a cell and as its input's value."""
    if fact.kind is bool:
        return (not fact.default), (not fact.default)
    if fact.kind is int:
        return fact.default + 7, fact.default + 7
    member = next(m for m in fact.kind if m is not fact.default)
    return member.name, member.index


def test_every_other_fact_is_read_at_its_source() -> None:
    """A fact is declared once: its ``Fact.source`` is the column it is read from, and its
    ``left_out`` says whether an unknown cell is unknown or the fact's default."""
    read = [f for f in FACTS if f.source and f.name not in FOUND]
    assert {"sex", "pretrial_detention_days", "role", "completion"} <= {f.name for f in read}
    for fact in read:
        cell, value = _other_value(fact)
        column = fact.source.replace(EPISODE, "episodes.0.")
        case, episodes = coded_inputs({column: np.array([cell, "unknown"], dtype=object)}, 2,
                                      TODAY)
        got = (case if fact.name in case else episodes[0])[fact.name]
        assert got.values[0] == value, fact.name
        assert got.known.tolist() == [True, fact.left_out == "default"], fact.name


def test_facts_the_case_file_documents_a_default_for_are_known_when_left_out() -> None:
    """Days in custody not recorded are none credited; an act not said to be an attempt is
    completed; no training base, no extremist recognition unless said."""
    case, episodes = coded_inputs({"episodes.0.role": np.array(["combatant"])}, 1, TODAY)
    assert case["pretrial_detention_days"].known.tolist() == [True]
    assert case["pretrial_detention_days"].values.tolist() == [0]
    for name in ("completion", "created_training_base", "formation_recognized_extremist"):
        assert episodes[0][name].known.tolist() == [True], name
    assert not case["sex"].known.any() and not episodes[0]["formation_kind"].known.any()


CELLS = [None, "", "unknown", "Unknown", "x", float("nan"), np.float64("nan"), 1, 0.5, True,
         dt.date(2024, 1, 1), np.datetime64("NaT"), np.str_(""), np.str_("unknown")]


def test_a_few_cells_are_missing_as_a_long_column_says() -> None:
    """One case's cells are looked at one by one; a cohort's in vector passes: same answer."""
    from qaitu.law.columns import _missing

    rng = np.random.default_rng(3)
    for _ in range(200):
        col = np.empty(int(rng.integers(1, 17)), dtype=object)
        col[:] = [CELLS[i] for i in rng.integers(0, len(CELLS), len(col))]
        long = np.concatenate([col] * 20)
        assert _missing(col, len(col)).tolist() == _missing(long, len(long))[:len(col)].tolist()
