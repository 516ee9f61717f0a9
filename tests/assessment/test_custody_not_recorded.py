"""Days in custody before the judgment that the case file does not give: the rules credit none
(none recorded is none credited, as the law's fact reads it, and the trace and the supervision
order count alike), and the sentence says so in those words, not as "0 days count as 0 days"
(art. 62(3): each day held brings the dates earlier)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from qaitu.assessment import evaluate
from qaitu.assessment.casefile import parse_mapping

EXAMPLE = Path(__file__).parents[2] / "examples" / "172-sentenced-serving.yaml"


def _credit_reason(days: object) -> dict:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    if days is None:
        data["proceedings"].pop("pretrial_detention_days", None)
    else:
        data["proceedings"]["pretrial_detention_days"] = days
    sentence = evaluate(parse_mapping(data))["variants"]["current"]["sentence"]
    [why] = [r for r in sentence["because"] if r["$reason"].startswith("sentence.custody")]
    return why


@pytest.mark.parametrize(("days", "key"), [(None, "sentence.custody_none_recorded"),
                                           ("unknown", "sentence.custody_none_recorded"),
                                           (0, "sentence.custody_credit"),
                                           (30, "sentence.custody_credit")])
def test_days_in_custody_not_given_are_said_as_not_recorded_not_as_none_counted(
        days: object, key: str) -> None:
    assert _credit_reason(days)["$reason"] == key
