"""A rule's exceptions for one row (explanations) are those its vectorised outcome uses."""

from __future__ import annotations

import numpy as np
import pytest

from qaitu.law.defaults import Exception_, Rule
from qaitu.law.variables.general_part.art_044_restriction_of_freedom import (
    RESTRICTION_OF_FREEDOM,
)
from qaitu.law.variables.general_part.art_063_conditional_sentence import CONDITIONAL_SENTENCE
from qaitu.law.variables.general_part.art_065_067_release import RELEASE
from qaitu.law.variables.general_part.art_072_parole import PAROLE_EXCLUSIONS
from qaitu.law.variables.general_part.art_073_replacement import REPLACEMENT_EXCLUSIONS
from qaitu.law.variables.general_part.art_074_deferral import DEFERRAL

OVERRIDING = Rule("demo", "63(1)", 0, (
    Exception_("terrorist_crime", "63(6)", 2),
    Exception_("new_note", "172 note", 0, overrides=("terrorist_crime",)),
    Exception_("other_note", "170 note", 0),
))


@pytest.mark.parametrize("rule", [OVERRIDING, RESTRICTION_OF_FREEDOM, CONDITIONAL_SENTENCE,
                                  RELEASE, PAROLE_EXCLUSIONS, REPLACEMENT_EXCLUSIONS, DEFERRAL],
                         ids=lambda r: r.name)
def test_effective_codes_of_one_row_agree_with_the_vectorised_rule(rule: Rule) -> None:
    masks = np.arange(1 << min(len(rule.exceptions), 10), dtype=np.int64)
    effective = rule._effective(masks)
    for mask in masks:
        assert rule.effective_codes(int(mask)) == [e for e, on in effective if on[mask]]


def test_an_overridden_exception_does_not_decide() -> None:
    both = OVERRIDING.bit("terrorist_crime") | OVERRIDING.bit("new_note")
    assert [e.code for e in OVERRIDING.effective_codes(both)] == ["new_note"]


def test_each_exception_has_its_own_bit_in_the_order_listed() -> None:
    assert [OVERRIDING.bit(e.code) for e in OVERRIDING.exceptions] == [1, 2, 4]


def test_an_exception_the_rule_does_not_have_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="rule demo: no exception named 'pardon'"):
        OVERRIDING.bit("pardon")
