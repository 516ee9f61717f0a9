"""Human labels (translatable) for the values of qaitu.case/1 and of assessment results."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from qaitu.assessment.casefile import field_label, problem_message
from qaitu.assessment.explain import cite
from qaitu.assessment.facts import AGGRAVATING, MITIGATING
from qaitu.assessment.memo.render import change_name
from qaitu.assessment.outcomes import outcome_name
from qaitu.law.glossary import LANGS, glossary
from qaitu.law.glossary import label as glossary_label

#: The glossary's groups the web shows, by the glossary's own names.
GROUPS = ("sex", "recidivism", "disability", "formation_kind", "role", "recruitment", "evidence",
          "war_crime_kind", "completion", "exit_kind", "return_status", "return_mode",
          "cooperation", "plea_agreement", "stage", "sentence_type", "mitigating", "aggravating",
          "gravity", "qualification", "option_status", "option", "region",
          "previous_convictions", "propaganda_channel", "complicity",
          "terrorist_act_circumstance")
#: Groups whose labels stand alone as headings or menu entries: capitalised.
HEADINGS = {"option", "stage", "sentence_type"}


def language() -> str:
    """The glossary language of the request (kk, ru or en)."""
    code = (get_language() or "en")[:2]
    return code if code in LANGS else "en"


def _word(group: str, value: str) -> str:
    text = glossary_label(group, value, language())
    return capfirst(text) if group in HEADINGS else text


_lazy_word = lazy(_word, str)


def fact_question(name: str):
    """A fact's name in the glossary (``fact`` group), capitalised, as the interview asks it
    (lazy: in the language of the request that shows it)."""
    return lazy(lambda: capfirst(glossary_label("fact", name, language())), str)()

#: Every label, per group and value, in the language of the request that shows it (lazy:
#: the glossary is read when the page renders). The words are in qaitu/law/glossary.yaml.
ENUMS: dict[str, dict[str, object]] = {
    group: {value: _lazy_word(group, value) for value in glossary()[group]} for group in GROUPS}
assert set(ENUMS["mitigating"]) == set(MITIGATING)
assert set(ENUMS["aggravating"]) == set(AGGRAVATING)


def label(enum: str, value) -> str:
    if value is None or value in ("", "unknown"):  # "unknown" is also a value the facts allow
        return str(_("unknown"))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(ENUMS.get(enum, {}).get(str(value), value))


def problem(p) -> dict[str, object]:
    """A case file's problem (:class:`qaitu.located.Problem`) as the pages and the API show it,
    in the request's language: where (path, line, column, the field's name) and what (the
    sentence's ``code`` and ``values``, for programs, and its text, ``message``)."""
    lang = language()
    return {"path": p.path, "line": p.line, "column": p.column,
            "field": field_label(p.path, lang), "code": p.key or None,
            "values": dict(p.values), "message": problem_message(p, lang)}


def cited(words, citation: str):
    """``words`` with ``%(provision)s`` filled, when the label is shown, by the law's citation
    in the citation style of the reader's language (``ч. 1 ст. 64``, ``64-баптың 1-бөлігі``)."""
    return lazy(lambda: str(words) % {"provision": cite(citation, language())}, str)()


def article(citation: str) -> str:
    """``172`` or ``164(2)`` as the assessment cites it for the reader (:func:`cite`):
    ``art. 164(2)``, ``ч. 2 ст. 164``, ``164-баптың 2-бөлігі``."""
    return cite(citation, get_language() or "en")


def outcome(key: tuple, lang: str) -> str:
    """The reader's name for an outcome (:mod:`qaitu.assessment.outcomes`) as a table's first
    column shows it: an option capitalised, a citation as it is cited."""
    name = outcome_name(key, lang)
    return capfirst(name) if key[0] != "qualification" else name


def decided(key: str) -> str:
    """What an unknown fact decides, from a ``depends_on`` ``changes`` entry of the core
    (``qualifications.<episode>.<article>``, ``options.<name>``, ``reachable_range``,
    ``parole_after_fraction``), in the words the memo and the CLI use for it
    (:func:`qaitu.assessment.memo.render.change_name`): a name that stands alone in a list
    («условно-досрочное освобождение», not the table row's «УДО после отбытия», which waits for
    its fraction), lower-case after the page's «влияет на:»."""
    return change_name(key, language())
