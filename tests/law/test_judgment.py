"""What a sentence already passed settles (UPK 390, 393, 470, 475): the court's choices at
judgment are behind a case once the stage is sentenced, serving or released; deferral of
serving (art. 74) only once nothing is left to defer."""

from __future__ import annotations

import pytest

from qaitu.law.judgment import (
    SENTENCE_PASSED,
    deferral_open,
    possible_stages,
    sentence_passed,
    settled,
    settled_at_every,
)


@pytest.mark.parametrize("stage", ["sentenced", "serving", "released"])
def test_the_court_has_passed_sentence_from_stage_sentenced_on(stage: str) -> None:
    assert sentence_passed(stage)
    assert settled("conditional_sentence", stage)
    assert settled("release_from_liability", stage)


@pytest.mark.parametrize("stage", [None, "pre_investigation", "investigation", "trial"])
def test_before_judgment_or_with_the_stage_unknown_nothing_is_settled(stage: str | None
                                                                      ) -> None:
    assert not sentence_passed(stage)
    assert not any(settled(o, stage) for o in ("imprisonment", "deferral_of_sentence"))


@pytest.mark.parametrize("kind", ["imprisonment", "life_imprisonment", "restriction_of_freedom",
                                  None])
def test_deferral_may_still_be_granted_while_a_sentence_is_to_be_served(kind: str | None
                                                                        ) -> None:
    """UPK 475(1), (3): the court decides deferral after the sentence for the types of
    punishment 475(1) names (a type not given may be one of them)."""
    for stage in ("sentenced", "serving"):
        assert deferral_open(stage, kind)
        assert not settled("deferral_of_sentence", stage, kind)


@pytest.mark.parametrize("kind", ["fine", "conditional"])
def test_a_sentence_with_nothing_to_serve_leaves_no_deferral(kind: str) -> None:
    assert not deferral_open("serving", kind)
    assert settled("deferral_of_sentence", "sentenced", kind)


def test_once_released_deferral_is_settled() -> None:
    assert not deferral_open("released", "imprisonment")
    assert settled("deferral_of_sentence", "released", "imprisonment")


def test_a_sentence_on_file_with_the_stage_unknown_is_passed_at_a_stage_unknown() -> None:
    """A case file holds a sentence only once it is passed (UPK 390, 393): with the stage
    unknown it may be at any stage after it; a stage stated stays as stated."""
    assert possible_stages(None, sentence_given=True) == SENTENCE_PASSED
    assert possible_stages(None, sentence_given=False) == frozenset()
    assert possible_stages("trial", sentence_given=True) == {"trial"}


def test_with_the_stage_after_sentence_unknown_only_what_every_such_stage_settles_is_settled(
        ) -> None:
    """The options chosen in the sentence are settled at every stage after it; deferral of
    imprisonment (UPK 475(3)) only once released, so not while the stage is unknown; deferral
    of a conditional sentence at every stage (UPK 475(1))."""
    unknown = possible_stages(None, sentence_given=True)
    assert settled_at_every("conditional_sentence", unknown)
    assert not settled_at_every("deferral_of_sentence", unknown, "imprisonment")
    assert settled_at_every("deferral_of_sentence", unknown, "conditional")
    assert not settled_at_every("imprisonment", frozenset())
