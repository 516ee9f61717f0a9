"""Facts read from cohort columns: what counts as known, listed, and how old someone is."""

import datetime as dt

import numpy as np

from qaitu.law.inputs import coded_inputs

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


CELLS = [None, "", "unknown", "Unknown", "x", float("nan"), np.float64("nan"), 1, 0.5, True,
         dt.date(2024, 1, 1), np.datetime64("NaT"), np.str_(""), np.str_("unknown")]


def test_a_few_cells_are_missing_as_a_long_column_says() -> None:
    """One case's cells are looked at one by one; a cohort's in vector passes: same answer."""
    from qaitu.law.inputs import _missing

    rng = np.random.default_rng(3)
    for _ in range(200):
        col = np.empty(int(rng.integers(1, 17)), dtype=object)
        col[:] = [CELLS[i] for i in rng.integers(0, len(CELLS), len(col))]
        long = np.concatenate([col] * 20)
        assert _missing(col, len(col)).tolist() == _missing(long, len(long))[:len(col)].tolist()
