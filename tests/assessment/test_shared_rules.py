"""Variants of one case share the rules their changes leave alone
(``qaitu.law.engine.same_rules``): taken from the first variant's run, they give the assessment
that running every rule under every variant gives."""

from __future__ import annotations

import pytest
from tests.assessment.test_two_pass import CASES, _blanked

from qaitu.assessment import assess, result
from qaitu.assessment.casefile import parse_mapping
from qaitu.law import cohort
from qaitu.law.engine import rule_reads, same_rules
from qaitu.law.variables.authoring import RuleReads
from qaitu.law.variants import load_variant, shipped_names

SHARED_CASES = {
    "as given (one pass)": _blanked("172-state-army-voluntary-return.yaml", []),
    "three unknown (two passes, one left open)": CASES["three unknown"],
    "two empty episodes": CASES["two empty episodes"],
}


@pytest.mark.parametrize("name", list(SHARED_CASES))
def test_variants_sharing_rules_assess_as_each_run_alone(name: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    case = parse_mapping(SHARED_CASES[name])
    for variants in (["current", *shipped_names()], [*shipped_names()[::-1], "current"]):
        shared = assess(case, variants=variants, lang="ru")
        with monkeypatch.context() as m:
            for module in (cohort, result):  # no rule is shared
                m.setattr(module, "same_rules", lambda a, b: frozenset())
            assert assess(case, variants=variants, lang="ru") == shared


def test_a_variant_shares_no_rule_reading_the_parameter_it_changes() -> None:
    current = load_variant("current").system
    note = load_variant("amantayuly-2026").system  # amendments.differentiated_assessment
    same = same_rules(current, note)
    assert "differentiated_assessment" not in same  # reads the switch itself
    assert "conditional_sentence" not in same  # reads it through the rule above
    assert {"qualification", "unmet_elements", "gravity", "parole_fraction"} <= same
    sanction = same_rules(current, load_variant("reclassify-172-medium").system)
    assert "statutory_max_months" not in sanction and "law_date" not in sanction
    assert same_rules(current, current) >= same  # nothing changed: every rule is shared


def test_rule_reads_notes_a_node_read_as_a_whole_by_its_path() -> None:
    reads = rule_reads(load_variant("current").system)
    # differentiated_assessment reads its switches as the node's children
    assert "amendments.differentiated_assessment" in reads.parameters["differentiated_assessment"]
    assert "law_date" in reads.variables["differentiated_assessment"]



def test_a_rule_that_raised_while_traced_and_those_reading_it_are_marked_failed() -> None:
    reads = RuleReads()
    with pytest.raises(ValueError), reads.rule("outer"):
        reads.variable("age_at_act")
        with reads.rule("inner"):
            raise ValueError("no version in force")
    assert reads.failed == {"outer", "inner"}
    assert reads.variables["outer"] == {"age_at_act"}
