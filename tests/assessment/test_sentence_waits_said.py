"""What a sentence's dates wait for is said in the reader's words: a fact of the case file by
its glossary name (``proceedings.sentence.start`` is the start of the sentence, not an
episode's start of participation), the court's decision at the end of a deferral (74(3)) by
its sentence; never a path or English in a Russian or Kazakh result."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from qaitu.assessment import assess
from qaitu.assessment.casefile import parse_mapping

EXAMPLE = Path(__file__).parents[2] / "examples" / "172-sentenced-serving.yaml"


def _waits(change: dict, lang: str) -> list[str]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["proceedings"]["sentence"].update(change)
    return assess(parse_mapping(data), lang=lang)["variants"]["current"]["sentence"][
        "depends_on"]


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "требуется Производство: начало срока наказания"),
    ("kk", "Іс жүргізу: жаза мерзімінің басталуы қажет"),
    ("en", "needs Proceedings: start of the sentence")])
def test_an_unknown_start_of_the_sentence_is_named_in_the_readers_words(lang: str,
                                                                        said: str) -> None:
    waits = _waits({"start": "unknown"}, lang)
    assert said in waits and not any("proceedings." in w for w in waits)


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "дальнейшие даты зависят от решения суда по окончании отсрочки (ч. 3 ст. 74)"),
    ("en", "the later dates wait for the court's decision at the end of the deferral "
           "(art. 74(3))")])
def test_a_deferred_sentence_waits_for_the_courts_decision_at_its_end(lang: str,
                                                                      said: str) -> None:
    assert _waits({"deferral_months": 12}, lang) == [said]
