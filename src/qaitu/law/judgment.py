"""What a sentence already passed settles: the stage of the proceedings (``proceedings.stage``)
against the options an assessment shows.

When it passes sentence the court decides whether the defendant is to be punished, by which
punishment, and whether there are grounds to convict without punishment, to release from it or
to defer its serving (UPK 390(1)(6)-(8)); the sentence convicts with a punishment to serve,
with release from criminal liability, with a punishment and release from serving it, without
punishment, or with its serving deferred (UPK 393(2)), and states the type and term of the
punishment and the probation control (398(1)(4)-(5)). Those choices are then changed only by an
appeal, before the sentence takes effect (UPK 470(1)), or by a review of a sentence in force
(cassation, UPK 484(1)); the court executing the sentence decides the questions UPK 476 lists
(parole, art. 72; replacement by a milder punishment, art. 73; a milder law, art. 6), which the
sentence's dates show, not these.

Deferral of serving (art. 74) is the exception: «Вопрос об отсрочке исполнения приговора, если
он не был решен судом при постановлении приговора, решается судом, постановившим приговор, или
судом, в районе деятельности которого приговор приводится в исполнение» (UPK 475(3); art. 74's
grounds by 475(1)(2)), for a sentence of community work, correctional work, restriction of
freedom or imprisonment (475(1)). So it stays open while such a sentence is to be served or is
being served (M: «приводится в исполнение» read to take in a sentence being served; life
imprisonment read as imprisonment), and is settled once the person is released, or where the
sentence is of a type with no serving to defer (a fine, a conditional sentence).

The stage is a fact of procedure: no rule of liability or sentencing reads it, so an unknown
stage is not enumerated. A stage before judgment settles nothing; an unknown one settles
nothing either, unless the file gives the sentence (``proceedings.sentence``, which the case
file holds «only once sentenced»): a sentence on file is a sentence passed, so the stage is one
of sentenced, serving or released, which of them unknown, and what is settled at each of them
is settled (:func:`possible_stages`, :func:`settled_at_every`). A stage the file states stays
as stated, even before judgment beside a sentence (a retrial after the sentence was quashed).
"""

from __future__ import annotations

#: The stages (``qaitu.case/1`` ``proceedings.stage``) at which the court has passed sentence.
SENTENCE_PASSED = frozenset({"sentenced", "serving", "released"})
#: The provisions under which the court chooses the options in the sentence.
CHOSEN_IN_SENTENCE = "UPK 390(1), UPK 393(2)"
#: The provisions under which the sentence itself is changed: on appeal before it takes effect
#: (UPK 470(1)), on review once in force (UPK 484(1)).
CHANGED_BY = "UPK 470(1), UPK 484(1)"
#: The provision under which the court executing the sentence decides, while it is served,
#: what the sentence's dates show: parole (art. 72), replacement of the unserved part by a
#: milder punishment (arts. 73, 87), cancellation of a conditional sentence (art. 64), a
#: milder law (art. 6), among others (UPK 476).
EXECUTED_BY = "UPK 476"
#: The provisions under which deferral (art. 74) may be granted after the sentence.
DEFERRED_AFTER_SENTENCE = "UPK 475(1)(2), UPK 475(3)"
#: The types of sentence (``proceedings.sentence.type``) whose execution UPK 475(1) defers.
DEFERRABLE = frozenset({"imprisonment", "life_imprisonment", "restriction_of_freedom"})


def sentence_passed(stage: str | None) -> bool:
    """The court has passed sentence: the stage is sentenced, serving or released (UPK 390,
    393). Unknown (None) is not."""
    return stage in SENTENCE_PASSED


def deferral_open(stage: str | None, sentence_type: str | None) -> bool:
    """After the sentence, deferral of serving it (art. 74) can still be decided by the court
    (UPK 475(3)): the person is not yet released and the sentence is of a type 475(1) defers,
    or of a type not given."""
    return (sentence_passed(stage) and stage != "released"
            and (sentence_type is None or sentence_type in DEFERRABLE))


def possible_stages(stage: str | None, sentence_given: bool) -> frozenset[str]:
    """The stages the case may be at: the one the file states; where it leaves the stage out
    or unknown but gives the sentence passed, any of those after it (sentenced, serving,
    released); else none known."""
    if stage is not None:
        return frozenset({stage})
    return SENTENCE_PASSED if sentence_given else frozenset()


def settled_at_every(option: str, stages: frozenset[str], sentence_type: str | None = None
                     ) -> bool:
    """The court's choice of ``option`` is behind the case at every stage it may be at
    (:func:`settled`); at none where no stage is known."""
    return bool(stages) and all(settled(option, s, sentence_type) for s in stages)


def settled(option: str, stage: str | None, sentence_type: str | None = None) -> bool:
    """The court's choice of ``option`` (a ``qaitu.assessment/1`` option) is behind the case:
    the sentence is passed (UPK 390, 393) and, for deferral of serving (art. 74), no longer
    open after it (UPK 475)."""
    if option == "deferral_of_sentence":
        return sentence_passed(stage) and not deferral_open(stage, sentence_type)
    return sentence_passed(stage)
