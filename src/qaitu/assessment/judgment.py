"""Options the court has already decided: for a case whose sentence is passed
(``proceedings.stage`` sentenced, serving or released), each option the court chose in the
sentence is still shown as the law allows it, but marked ``decided``; why is said once for them
all, beside the options (``options_decided``), not repeated in each. Deferral of serving, which
the court may still grant after the sentence, says that instead (:mod:`qaitu.law.judgment`). An
unknown stage, or one before judgment, changes nothing.
"""

from __future__ import annotations

from typing import Any

from qaitu.assessment.findings import citation, enum_label, reason
from qaitu.law.judgment import (
    CHANGED_BY,
    CHOSEN_IN_SENTENCE,
    DEFERRED_AFTER_SENTENCE,
    EXECUTED_BY,
    deferral_open,
    sentence_passed,
    settled,
)


def mark_decided(entry: dict[str, Any], stage: str | None, sentence_type: str | None
                 ) -> dict[str, Any]:
    """``entry`` (a variant entry of :func:`qaitu.assessment.evaluate`) with the options the
    sentence settled marked ``decided``, and why, said once for all of them, under
    ``options_decided``; deferral's own reason after the sentence leads its reasons."""
    if not sentence_passed(stage):
        return entry
    said = enum_label("stage", str(stage))
    decided = False
    for option, o in entry["options"].items():
        if option == "deferral_of_sentence" and stage == "released":
            first = reason("option.deferral_of_sentence.released", cite=DEFERRED_AFTER_SENTENCE,
                           stage=said)
        elif (option == "deferral_of_sentence" and deferral_open(stage, sentence_type)
              and o["status"] != "unavailable"):  # else its own reasons say why not
            first = reason("option.deferral_of_sentence.after_sentence",
                           cite=DEFERRED_AFTER_SENTENCE, stage=said)
        else:
            first = None
        if settled(option, stage, sentence_type):
            o["decided"] = True
            decided |= first is None  # released deferral says why in its own reason
        if first is not None:
            o["because"] = [first, *o["because"]]  # a new list: reasons may be shared
    if decided:
        entry["options_decided"] = {"because": [reason(
            "option.decided", cite=CHOSEN_IN_SENTENCE, stage=said, review=citation(CHANGED_BY),
            execution=citation(EXECUTED_BY))]}
    return entry
