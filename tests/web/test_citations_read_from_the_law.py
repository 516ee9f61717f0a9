"""The web's words cite the law by reading it: a message says only words, and the citation
beside them is the law's own (a fact's ``cites``, a ground's code), said in the reader's style
by the one citation formatter (``qaitu.assessment.explain.cite``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

import qaitu.web
from qaitu.assessment.explain import cite
from qaitu.law.variables.facts import FACTS, cites_of
from qaitu.web.intake.questions import QUESTIONS

WEB = Path(qaitu.web.__file__).parent
#: A citation typed by hand: «art. 53», «arts. 170(2)», «ст. 53», «53-бап», «53-баптың».
TYPED = re.compile(r"\barts?\. \d|ст\. \d|\d-бап")
PLACEHOLDER = "%(provision)s"


def _messages(po_text: str) -> list[tuple[str, ...]]:
    """Every message of a catalogue as the texts it says: its msgid and msgstr, and a plural
    message's msgid_plural and each msgstr[n]; continuation lines joined (a context,
    msgctxt, is read but not said)."""
    messages, texts, key = [], {}, ""
    for line in po_text.splitlines() + [""]:
        found = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if found:
            key = found[1]
            texts[key] = found[2]
        elif line.startswith('"') and key:
            texts[key] += line[1:-1]
        elif not line.strip() and texts:
            messages.append(tuple(text for k, text in texts.items() if k != "msgctxt"))
            texts, key = {}, ""
    return messages


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_no_catalogue_message_types_a_citation(lang):
    """No message of the web's catalogues, nor its translation, types an article: a
    citation stands in it as a placeholder the law fills («Has young children
    (%(provision)s)»), or as a format of the number given (``art. %(a)s``)."""
    po = (WEB / "locale" / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    typed = [m for texts in _messages(po) for m in texts if TYPED.search(m)]
    assert not typed, typed


def test_a_citation_typed_in_a_plural_message_is_found():
    """The catalogue reader says each form of a plural message, continued lines too, so a
    citation typed into one of them («%(n)s дела (ст. 72)») does not escape the test above."""
    po = ('msgid "%(n)s case"\nmsgid_plural "%(n)s cases"\nmsgstr[0] "%(n)s дело"\n'
          'msgstr[1] ""\n"%(n)s дела "\n"(ст. 72)"\nmsgstr[2] "%(n)s дел"\n\n'
          'msgctxt "parole"\nmsgid "Parole"\nmsgstr "УДО"\n')
    assert _messages(po) == [("%(n)s case", "%(n)s cases", "%(n)s дело",
                              "%(n)s дела (ст. 72)", "%(n)s дел"), ("Parole", "УДО")]
    assert [m for texts in _messages(po) for m in texts if TYPED.search(m)] == [
        "%(n)s дела (ст. 72)"]


def test_the_checks_pattern_finds_the_citations_it_is_for():
    """The pattern the tests above and below look for catches each language's style."""
    for typed in ("Has young children (art. 53(1)(4))", "arts. 170(2) and 259(2)",
                  "(п. 4 ч. 1 ст. 53)", "(255-бап)", "(53-баптың 1-бөлігі)"):
        assert TYPED.search(typed), typed
    for words in ("art. %(a)s", "Has young children (%(provision)s)", "Article", "party's"):
        assert not TYPED.search(words), words


def test_no_message_said_by_the_web_s_code_or_templates_types_a_citation():
    """The code of the web app says no message with a typed citation (a message added
    without its catalogue entry would escape the test above), and no template, page or
    report, types one in its text."""
    call = re.compile(r"""(?:\b_|gettext(?:_lazy)?|pgettext(?:_lazy)?|ngettext(?:_lazy)?)\(\s*"""
                      r"""(?:"[^"]*",\s*)?((?:"[^"]*"\s*)+)""")
    typed = []
    for path in sorted(WEB.rglob("*")):
        if "migrations" in path.parts or path.suffix not in (".py", ".html", ".j2"):
            continue
        text = path.read_text(encoding="utf-8")
        said = [m[1] for m in call.finditer(text)] if path.suffix == ".py" else [text]
        typed += [(path.name, s) for s in said if TYPED.search(s)]
    assert not typed, typed


def test_a_question_cites_where_the_law_names_its_fact_and_only_there():
    """A question's words hold the citation's place exactly where the law says which
    provisions name the fact it asks for (so no question shows a bare placeholder, and none
    leaves out a citation the law gives)."""
    for step, questions in QUESTIONS.items():
        for q in questions:
            holds = PLACEHOLDER in str(q.words)
            assert holds == bool(cites_of(q.path)), (step, q.path, cites_of(q.path))


def test_every_citation_a_fact_declares_can_be_said_in_each_language():
    """A fact's ``cites`` is a citation the formatter reads (not words it would echo)."""
    declared = [f for f in FACTS if f.cites]
    assert declared
    for fact in declared:
        for lang in ("kk", "ru", "en"):
            said = cite(fact.cites, lang)
            assert said != fact.cites and TYPED.search(said), (fact.name, lang, said)


@pytest.mark.parametrize(("lang", "path", "shown"), [
    ("ru", "person.has_young_children", "Есть малолетние дети (п. 4 ч. 1 ст. 53)"),
    ("kk", "person.has_young_children", "Жас балалары бар (53-баптың 1-бөлігінің 4) тармағы)"),
    ("en", "person.has_young_children", "Has young children (art. 53(1)(4))"),
    ("ru", "episodes.#.terrorist_act", "Акт терроризма (ч. 1 ст. 255)"),
    ("ru", "episodes.#.in_respect_of_minor",
     "Деяния в отношении несовершеннолетнего (ч. 2 ст. 170 и ч. 2 ст. 259)"),
    ("ru", "circumstances.mitigating_other",
     "Иные смягчающие обстоятельства (ч. 2 ст. 53), по одному в строке"),
    # 3(18) defines the illegal paramilitary formation the question asks about
    ("ru", "legal_questions.formation_is_illegal_paramilitary",
     "Является ли негосударственное формирование незаконным военизированным формированием "
     "(п. 18 ст. 3)?"),
    ("kk", "legal_questions.pmc_is_party_armed_forces",
     "Мемлекетпен байланысты осы ЖӘК-тегі қызмет тараптың қарулы күштеріне мүшелік бола ма "
     "(3-баптың 15-тармағы)?"),
])
def test_a_question_shows_the_law_s_citation_in_the_reader_s_style(lang, path, shown):
    question = next(q for qs in QUESTIONS.values() for q in qs if q.path == path)
    with translation.override(lang):
        assert str(question.label) == shown
        assert cite(cites_of(path), lang) in str(question.label)


@pytest.mark.parametrize(("lang", "shown"), [
    ("ru", "досрочная отмена (ч. 1 ст. 64)"), ("kk", "мерзімінен бұрын жою (64-баптың 1-бөлігі)"),
    ("en", "order cancelled early (art. 64(1))")])
def test_the_outcomes_measure_cites_the_ground_of_early_cancellation(lang, shown):
    """The outcomes page's measure cites the law's ground of early cancellation (64(1))."""
    from qaitu.web.dashboards.outcomes import MEASURES

    with translation.override(lang):
        assert str(MEASURES["cancelled_early"]) == shown


@pytest.mark.parametrize(("lang", "shown"), [
    ("ru", ("Смягчающие обстоятельства (ч. 1 ст. 53)",
            "Иные смягчающие обстоятельства (ч. 2 ст. 53), по одному в строке",
            "Отягчающие обстоятельства (ч. 1 ст. 54)")),
    ("kk", ("Жеңілдететін мән-жайлар (53-баптың 1-бөлігі)",
            "Өзге жеңілдететін мән-жайлар (53-баптың 2-бөлігі), әр жолға біреуден",
            "Ауырлататын мән-жайлар (54-баптың 1-бөлігі)")),
])
def test_the_interview_page_cites_the_law_in_the_reader_s_style(world, client, lang, shown):
    """The interview's circumstances step, as a Russian or Kazakh reader sees it: each
    question cites its provision as that language does, and no English citation is left."""
    import html

    from conftest import sign_in_reading

    from qaitu.web.intake.models import Draft

    sign_in_reading(client, world["users"]["prosecutor"], lang)
    assert client.post("/intake/new/").status_code == 302
    draft = Draft.objects.latest("id")
    body = html.unescape(client.get(f"/intake/{draft.pk}/circumstances/").content.decode())
    for label in shown:
        assert label in body, label
    assert not re.search(r"\barts?\. \d|%\(provision\)", body)
