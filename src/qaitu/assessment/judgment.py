"""Options the court has already decided: for a case whose sentence is passed
(``proceedings.stage`` sentenced, serving or released), each option the court chose in the
sentence is still shown as the law allows it, but marked ``decided``; why is said once for them
all, beside the options (``options_decided``), not repeated in each. Deferral of serving, which
the court may still grant after the sentence, says that instead (:mod:`qaitu.law.judgment`). A
stage before judgment changes nothing, nor does an unknown one unless the file gives the
sentence: then the sentence is passed, the stage after it unknown, and what every such stage
settles is marked decided, the reasons saying the stage is not given.
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
    possible_stages,
    sentence_passed,
    settled_at_every,
)


def mark_decided(entry: dict[str, Any], stage: str | None, sentence_type: str | None,
                 sentence_given: bool = False) -> dict[str, Any]:
    """``entry`` (a variant entry of :func:`qaitu.assessment.evaluate`) with the options the
    sentence settled marked ``decided``, and why, said once for all of them, under
    ``options_decided``; deferral's own reason after the sentence leads its reasons.
    ``sentence_given``: the file gives the sentence, passed whatever the stage it leaves
    unknown (:func:`qaitu.law.judgment.possible_stages`)."""
    stages = possible_stages(stage, sentence_given)
    if not stages or not all(map(sentence_passed, stages)):
        return entry
    said = (enum_label("stage", stage) if stage is not None
            else reason("option.stage_not_given"))
    decided = False
    open_at = [deferral_open(s, sentence_type) for s in stages]
    for option, o in entry["options"].items():
        if option == "deferral_of_sentence" and stages == {"released"}:
            first = reason("option.deferral_of_sentence.released", cite=DEFERRED_AFTER_SENTENCE,
                           stage=said)
        elif (option == "deferral_of_sentence" and any(open_at)
              and o["status"] != "unavailable"):  # else its own reasons say why not
            # open while the sentence is to be served; with the stage unknown, not said to
            # be open if the person may already be released
            first = reason("option.deferral_of_sentence.after_sentence" if all(open_at)
                           else "option.deferral_of_sentence.after_sentence_unless_released",
                           cite=DEFERRED_AFTER_SENTENCE, stage=said)
        else:
            first = None
        if settled_at_every(option, stages, sentence_type):
            o["decided"] = True
            decided |= first is None  # released deferral says why in its own reason
        if first is not None:
            o["because"] = [first, *o["because"]]  # a new list: reasons may be shared
    if decided:
        entry["options_decided"] = {"because": [reason(
            "option.decided", cite=CHOSEN_IN_SENTENCE, stage=said, review=citation(CHANGED_BY),
            execution=citation(EXECUTED_BY))]}
    return entry
