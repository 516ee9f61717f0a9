"""Dates and ages read as legal classes give a cohort the results of its exact dates and ages.

Each cohort is evaluated twice, by classes and exactly, under every shipped variant and one
with a return cut-off date; its dates and ages sit on, just before and just after every
threshold the law names, as well as anywhere else.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from test_cohort import _cohort

from qaitu.law import classes
from qaitu.law.cohort import distinct_cases, evaluate_cohort
from qaitu.law.variants import load_variant, shipped_names

VARIANTS = Path(__file__).parents[2] / "src" / "qaitu" / "law" / "variants"


@pytest.fixture(scope="module")
def cutoff_variant(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The deputy's proposal with a cut-off: returned by 30 June 2024."""
    spec = yaml.safe_load((VARIANTS / "amantayuly-2026.yaml").read_text(encoding="utf-8"))
    spec["name"] = "amantayuly-cutoff"
    spec["provisions"][0]["parameters"][
        "amendments.differentiated_assessment.return_cutoff_date"] = "2024-06-30"
    path = tmp_path_factory.mktemp("variants") / "amantayuly-cutoff.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return str(path)


def _on_thresholds(cols: dict[str, np.ndarray], variant: str, seed: int) -> None:
    """Move episode ends, returns and birthdays onto the law's thresholds, a day either side."""
    rng = np.random.default_rng(seed)
    found = classes.law_thresholds(load_variant(variant).system)
    days = np.concatenate([found["date"] + np.timedelta64(s, "D") for s in (-1, 0, 1)])
    days = days[days < np.datetime64("2026-03-01")]
    n = len(cols["as_of"])
    end = rng.choice(days, n)
    back = np.minimum(end + rng.integers(0, 3, n).astype("timedelta64[D]"),
                      np.datetime64("2026-03-01"))
    ages = rng.choice(np.concatenate([found["age"] + s for s in (-1, 0, 1)]), n)
    birth = end.astype("datetime64[Y]") - ages.astype("timedelta64[Y]")
    birth = birth.astype("datetime64[D]") + (end - end.astype("datetime64[Y]")) + rng.integers(
        -1, 2, n).astype("timedelta64[D]")
    half = rng.random(n) < 0.5  # the rest keep their drawn dates
    for key, values in (("episodes.0.end", end), ("return.date", back),
                        ("person.birth_date", birth)):
        cols[key] = np.where(half, values.astype(str).astype(object), cols[key])


@pytest.mark.parametrize("episodes", [1, 2])
def test_classes_give_the_exact_results(episodes: int, cutoff_variant: str) -> None:
    for i, variant in enumerate([*shipped_names(), cutoff_variant]):
        _, cols = _cohort(300, 40 + i, episodes, 0.15)
        _on_thresholds(cols, variant, i)
        by_class = evaluate_cohort(cols, variant)
        exact = evaluate_cohort(cols, variant, classes=False)
        for name, values in exact.items():
            assert np.array_equal(by_class[name], values), (variant, name)


def test_thresholds_are_the_laws_dates_and_ages(cutoff_variant: str) -> None:
    current = classes.law_thresholds(load_variant("current").system)
    for day in ("2015-01-01", "2015-01-02", "2017-01-01", "2017-01-02"):
        assert np.datetime64(day) in current["date"]  # the 2014 Code; art. 172's 2016 change
    assert {14, 15, 16, 17, 18, 19} <= set(current["age"].tolist())  # art. 15
    cutoff = classes.law_thresholds(load_variant(cutoff_variant).system)
    assert np.datetime64("2024-07-01") in cutoff["date"]
    assert np.datetime64("2024-07-01") not in current["date"]


def test_enumerated_facts_keep_the_members_a_rule_names() -> None:
    found = classes.enum_classes(load_variant("current").system)
    names = {f: list(classes.FACTS_BY_NAME[f].domain) for f in found}
    recruitment = dict(zip(names["recruitment"], found["recruitment"].tolist(), strict=True))
    assert recruitment["coercion"] != recruitment["deception"]  # art. 53(1): coercion mitigates
    assert recruitment["deception"] == recruitment["economic"] == recruitment["family"]
    role = dict(zip(names["role"], found["role"].tolist(), strict=True))
    assert len({role["command"], role["recruiter"], role["financier"], role["combatant"]}) == 4
    assert "formation_kind" in found and len(set(found["formation_kind"].tolist())) == 5


def test_a_wrong_class_is_caught_and_the_exact_results_are_kept(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the 2016 change of art. 172 missing from the thresholds, acts of 2016 and of 2018
    would share a class; the sample checked against the exact evaluation shows it."""
    _, cols = _cohort(200, 7, 1, 0.0)
    cols["episodes.0.end"] = np.where(np.arange(200) % 2, "2016-06-01", "2018-06-01").astype(object)
    cols["return.date"] = np.full(200, "2019-01-01", dtype=object)
    exact = evaluate_cohort(cols, classes=False)
    found = classes.law_thresholds(load_variant("current").system)
    blind = {**found, "date": found["date"][found["date"] < np.datetime64("2016-01-01")]}
    monkeypatch.setattr(classes, "law_thresholds", lambda system: blind)
    with pytest.warns(UserWarning, match="differs when its dates and ages are read as classes"):
        got = evaluate_cohort(cols)
    for name, values in exact.items():
        assert np.array_equal(got[name], values), name


def test_distinct_cases_counts_what_the_rules_run_on() -> None:
    """Two cases a week apart in their return (no cut-off in current law) are one legal class;
    a case before the 2016 change of art. 172 is another."""
    _, cols = _cohort(3, 9, 1, 0.0)
    for key in cols:
        cols[key] = np.array([cols[key][0]] * 3, dtype=object)
    cols["return.date"] = np.array(["2024-12-02", "2024-12-09", "2024-12-09"], dtype=object)
    cols["episodes.0.end"] = np.array(["2024-11-20", "2024-11-20", "2016-06-01"], dtype=object)
    cols["episodes.0.start"] = np.array(["2024-03-10", "2024-03-10", "2016-01-01"], dtype=object)
    assert distinct_cases(cols) == (3, 2)


def test_an_age_matters_only_where_it_reaches_an_age_the_law_names() -> None:
    """Arts. 15 and 80 speak of a person who has reached (достигшее) or not reached an age:
    the rules compare ages only so, and the ages at which a result can change are the ages the
    law names, not the year after each (an unknown birth date is tried once per class)."""
    system = load_variant("current").system
    found = set(classes.age_boundaries(system).tolist())
    assert {14, 16, 18} <= found <= classes.named_ages(system)
    assert found <= set(classes.law_thresholds(system)["age"].tolist())


def test_the_age_at_the_act_and_at_the_judgment_are_compared_with_different_ages() -> None:
    """Arts. 15 (14, 16), 80 (18) and 90 (21) ask an age at the act; arts. 46(2) (18), 46(4)
    (63), 68(2) and 72(4) (58, 63) an age at the judgment. Which parts apply reads only art.
    15's ages, at the act."""
    system = load_variant("current").system
    ages = classes.ages_compared(system)
    assert ages["age_at_act"].tolist() == [14, 16, 18, 21]
    assert ages["age_at_judgment"].tolist() == [18, 58, 63]
    assert classes.ages_compared_by(system, ["qualification"])["age_at_act"].tolist() == [14, 16]


def test_an_age_named_for_one_sex_says_so() -> None:
    """Arts. 68(2) and 72(4): «женщины в возрасте пятидесяти восьми и свыше лет», «мужчины в
    возрасте шестидесяти трех и свыше лет»; art. 46(4) names 63 for men too."""
    assert classes.ages_of_one_sex(load_variant("current").system) == {58: "female", 63: "male"}
