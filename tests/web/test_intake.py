"""The guided interview and the case-file upload, as a prosecutor and a defence lawyer."""

import html
import io
import re

import pytest
from django.conf import settings

from qaitu.web.audit.models import AuditEntry
from qaitu.web.cases.models import Case
from qaitu.web.intake.models import Draft
from qaitu.web.people.models import Identity


def _start(client):
    r = client.post("/intake/new/")
    assert r.status_code == 302
    return Draft.objects.latest("id")


def test_interview_validates_beside_the_field_and_saves_drafts(world, client):
    client.force_login(world["users"]["prosecutor"])
    d = _start(client)
    r = client.post(f"/intake/{d.pk}/person/", {
        "full_name": "", "iin": "123", "person.birth_date": "1991-13-45",
        "person.citizenship": "Kazakhstan", "action": "next"})
    assert r.status_code == 200  # stays on the step
    body = r.content.decode()
    assert "Enter the person" in body and "exactly 12 digits" in body
    assert 'id="f-person-birth_date-err"' in body and "1991-13-45" in body
    assert 'id="f-person-citizenship-err"' in body and "ISO 3166-1" in body
    d.refresh_from_db()  # the draft keeps what was typed
    assert d.answers["person.birth_date"] == "1991-13-45"


def test_interview_accepts_unknown_and_creates_a_case(world, client):
    client.force_login(world["users"]["prosecutor"])
    d = _start(client)
    steps = [
        ("person", {"full_name": "Test Person", "iin": "910412300999",
                    "person.birth_date": "1991-04-12", "person.sex": "male",
                    "person.citizenship": "kz", "person.recidivism": "unknown"}),
        ("episode", {"episodes.0.country": "UA", "episodes.0.formation.kind":
                     "state_armed_forces", "episodes.0.war_crimes": "unknown"}),
        ("return", {"return.status": "returned", "return.date": "2024-12-02"}),
        ("proceedings", {"proceedings.stage": "investigation"}),
    ]
    for step, data in steps:
        r = client.post(f"/intake/{d.pk}/{step}/", {**data, "action": "next"})
        assert r.status_code == 302, (step, r.content.decode()[:3000])
    r = client.post(f"/intake/{d.pk}/review/", {"articles": "172", "action": "save"})
    assert r.status_code == 200
    r = client.post(f"/intake/{d.pk}/finish/", {"assess": "0"})
    assert r.status_code == 302
    case = Case.objects.get(number=r["Location"].strip("/").split("/")[-1])
    assert case.facts["person"]["citizenship"] == ["KZ"]
    assert "recidivism" not in case.facts["person"]  # unknown is left out
    assert case.stage == "investigation" and case.articles == ["172"]
    assert Identity.objects.get(person=case.person).full_name == "Test Person"
    assert "full_name" not in str(case.facts)
    assert case.assignments.filter(user=world["users"]["prosecutor"]).exists()


def test_questions_that_do_not_apply_are_not_asked(world, client):
    client.force_login(world["users"]["prosecutor"])
    d = _start(client)
    client.post(f"/intake/{d.pk}/person/", {"person.sex": "male", "action": "save"})
    body = client.get(f"/intake/{d.pk}/person/").content.decode()
    assert 'name="person.pregnant"' not in body
    client.post(f"/intake/{d.pk}/episode/", {"episodes.0.formation.kind": "state_armed_forces",
                                            "action": "save"})
    body = client.get(f"/intake/{d.pk}/episode/").content.decode()
    assert 'name="episodes.0.formation.recognized_terrorist_in_kz"' not in body


def test_review_lists_every_problem_with_its_step(world, client):
    client.force_login(world["users"]["prosecutor"])
    d = _start(client)
    client.post(f"/intake/{d.pk}/person/", {"person.birth_date": "yesterday", "action": "save"})
    client.post(f"/intake/{d.pk}/return/", {"return.date": "soon", "action": "save"})
    body = client.get(f"/intake/{d.pk}/review/").content.decode()
    assert "person.birth_date" in body and "return.date" in body
    r = client.post(f"/intake/{d.pk}/finish/", {"assess": "0"})
    assert r.status_code == 302 and r["Location"].endswith("/review/")


def test_other_users_drafts_are_not_reachable(world, client):
    client.force_login(world["users"]["prosecutor"])
    d = _start(client)
    client.force_login(world["users"]["defence"])
    assert client.get(f"/intake/{d.pk}/person/").status_code == 404


def test_defence_proposes_facts_without_changing_the_case(world, client):
    a = world["cases"]["a"]
    client.force_login(world["users"]["defence"])
    r = client.get(f"/cases/{a.number}/intake/")
    d = Draft.objects.get(created_by=world["users"]["defence"])
    assert r.status_code == 302
    client.post(f"/intake/{d.pk}/return/", {"return.status": "returned",
                                           "return.cooperation": "none", "action": "save"})
    r = client.post(f"/intake/{d.pk}/finish/", {"assess": "1"})
    assert r.status_code == 302 and "/assessments/" in r["Location"]
    a.refresh_from_db()
    assert a.facts["return"]["cooperation"] == "active"  # the case record is unchanged
    assessment = a.assessments.get()
    assert assessment.private and not assessment.on_case_facts
    client.force_login(world["users"]["prosecutor"])  # work product stays with the defence
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 404


def test_an_edited_case_audits_the_facts_that_changed(world, client):
    b = world["cases"]["b"]
    client.force_login(world["users"]["prosecutor"])
    client.get(f"/cases/{b.number}/intake/")
    d = Draft.objects.get(created_by=world["users"]["prosecutor"], case=b)
    changed = "none" if b.facts["return"].get("cooperation") != "none" else "active"
    client.post(f"/intake/{d.pk}/return/", {"return.status": b.facts["return"]["status"],
                                           "return.cooperation": changed, "action": "save"})
    r = client.post(f"/intake/{d.pk}/finish/", {"assess": "0"})
    assert r.status_code == 302
    b.refresh_from_db()
    assert b.facts["return"]["cooperation"] == changed
    entry = AuditEntry.objects.filter(object_type="case_facts", action="update").latest("id")
    assert "return.cooperation" in entry.detail["changed"]
    assert "return.status" not in entry.detail["changed"]  # answered as it was


def test_upload_shows_every_problem_with_path_and_line(world, client):
    client.force_login(world["users"]["prosecutor"])
    bad = (b"schema: qaitu.case/1\nperson:\n  sex: robot\n  birth_date: 12.04.1991\n"
           b"episodes:\n  - country: Ukraine\n    colour: red\n")
    f = io.BytesIO(bad)
    f.name = "bad.yaml"
    r = client.post("/intake/upload/", {"file": f})
    assert r.status_code == 400
    body = r.content.decode()
    for path, line in [("person.sex", 3), ("person.birth_date", 4), ("episodes.0.country", 6),
                       ("episodes.0.colour", 7)]:
        assert f"<td>{line}</td><td><code>{path}</code>" in body, path
    f = io.BytesIO(b"schema: qaitu.case/1\nperson:\n  birth_date: 1991-02-31\n")
    f.name = "feb31.yaml"
    r = client.post("/intake/upload/", {"file": f})
    assert r.status_code == 400
    assert "<td>3</td><td><code>person.birth_date</code>" in r.content.decode()
    f = io.BytesIO(b"\xff\xfe not text")
    f.name = "x.yaml"
    assert "UTF-8" in client.post("/intake/upload/", {"file": f}).content.decode()


def test_upload_valid_file_goes_to_review(world, client):
    import yaml
    from tests.web.conftest import FACTS
    client.force_login(world["users"]["prosecutor"])
    f = io.BytesIO(yaml.safe_dump(FACTS).encode())
    f.name = "case.yaml"
    r = client.post("/intake/upload/", {"file": f})
    assert r.status_code == 302 and r["Location"].endswith("/review/")
    d = Draft.objects.latest("id")
    from qaitu.web.intake.questions import build_document
    doc = build_document(d.answers, d.episodes, d.extra)
    from qaitu.assessment.casefile import parse_mapping
    assert parse_mapping(doc).to_json() == parse_mapping(FACTS).to_json()


def test_a_problem_with_the_whole_file_is_named_in_the_readers_language(world, client):
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    f = io.BytesIO(b"- just a list\n")
    f.name = "list.yaml"
    r = client.post("/intake/upload/", {"file": f})
    assert r.status_code == 400
    assert "<td><code>(документ)</code></td>" in r.content.decode()


@pytest.mark.parametrize("fact, left_out, other", [
    ("in_respect_of_minor", "false", True),  # art. 170(2), 259(2)
    ("terrorist_act", "none", "alleged"),  # art. 255(1)
    ("completion", "completed", "attempt"),  # arts. 24, 56
])
def test_extension_facts_keep_unknown_left_out_and_a_value_through_the_form(fact, left_out,
                                                                             other):
    """These facts read as their default when left out (older files keep their meaning), so
    the form must write an "unknown" answer out, show a left-out fact as its default, and
    leave out an answer left empty."""
    from qaitu.assessment.casefile import parse_mapping
    from qaitu.web.intake.questions import answers_from_document, build_document

    for given, shown in ((None, left_out), ("unknown", "unknown"), (other, str(other).lower())):
        episode = {"country": "SY", "end": "2024-06-01", "role": "recruiter",
                   "formation": {"kind": "non_state_armed_group"}}
        if given is not None:
            episode[fact] = given
        doc = {"schema": "qaitu.case/1", "person": {"citizenship": ["KZ"]},
               "episodes": [episode]}
        answers, episodes, extra = answers_from_document(doc)
        assert answers[f"episodes.0.{fact}"] == shown, given
        again = build_document(answers, episodes, extra)
        before = parse_mapping(doc).episodes[0]
        after = parse_mapping(again).episodes[0]
        assert getattr(after, fact) == getattr(before, fact), given
        assert after.used_official_position == before.used_official_position, given
        answers[f"episodes.0.{fact}"] = ""
        empty = build_document(answers, episodes, extra)
        assert fact not in empty["episodes"][0], given


@pytest.mark.parametrize("content, said", [
    (b"\x00\x01\xff\xfe binary", "not UTF-8"),
    (b"schema: qaitu.case/1\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n".encode()
        for p, n in zip("abcdef", "bcdefg", strict=True)), "50,000 values"),
])
def test_an_upload_goes_through_the_same_limits_as_the_cli(world, client, content, said):
    client.force_login(world["users"]["prosecutor"])
    f = io.BytesIO(content)
    f.name = "bad.yaml"
    r = client.post("/intake/upload/", {"file": f})
    assert r.status_code == 400 and said in r.content.decode()


@pytest.mark.parametrize("lang, field, said", [
    ("ru", "Лицо: пол", "ожидается одно из значений male, female или unknown; указано 'robot'"),
    ("kk", "Тұлға: жынысы", "male, female мәндерінің бірі немесе unknown күтіледі"),
])
def test_upload_problems_are_said_in_the_readers_language(world, client, lang, field, said):
    """The file's problems in the page's language, each field named by the glossary beside its
    path; a syntax error with its line and column."""
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    f = io.BytesIO(b"schema: qaitu.case/1\nperson:\n  sex: robot\n")
    f.name = "bad.yaml"
    body = html.unescape(client.post("/intake/upload/", {"file": f}).content.decode())
    assert f"<td>3</td><td><code>person.sex</code><br>{field}</td><td>{said}" in body
    assert "expected" not in body
    f = io.BytesIO(b"schema: qaitu.case/1\nperson: {sex: male\n")
    f.name = "broken.yaml"
    body = client.post("/intake/upload/", {"file": f}).content.decode()
    assert {"ru": "в строке 3, столбце 1", "kk": "3-жолдың 1-бағанында"}[lang] in body
    assert "YAML/JSON:" not in body and "while parsing" not in body


@pytest.mark.parametrize("answer, rule", [
    ("true", "parole_share_replaced_restriction"),
    ("false", "parole_share_restriction_given"),
    ("unknown", "parole_share_restriction"),
])
def test_the_interview_asks_whether_a_restriction_of_freedom_replaced_imprisonment(answer, rule):
    """Art. 72(8)(6) bars parole where restriction of freedom replaced imprisonment under art.
    73 (for an act from the article's later version; this act is earlier, so the reason says
    the bar does not reach it): the interview asks it for that sentence only, and the answer
    reaches the parole date's rule."""
    from pathlib import Path

    import yaml

    from qaitu.assessment import assess
    from qaitu.assessment.casefile import parse_mapping
    from qaitu.web.intake.questions import (
        answers_from_document,
        build_document,
        questions_for,
    )

    doc = yaml.safe_load((Path(__file__).parents[2] / "examples"
                          / "172-sentenced-serving.yaml").read_text(encoding="utf-8"))
    answers, episodes, extra = answers_from_document(doc)
    asked = {path for _, path in questions_for("proceedings", episodes)}
    assert "proceedings.sentence.replaced_imprisonment" in asked
    answers["proceedings.sentence.type"] = "restriction_of_freedom"
    answers["proceedings.sentence.replaced_imprisonment"] = answer
    case = parse_mapping(build_document(answers, episodes, extra))
    assert case.proceedings.sentence.replaced_imprisonment == {"true": True,
                                                              "false": False}.get(answer)
    sentence = assess(case)["variants"]["current"]["sentence"]
    assert sentence["rules"]["parole_eligible_on"]["rule"] == rule


def test_the_interview_offers_life_imprisonment_without_a_term_and_asks_72_8_7_and_8():
    """Life imprisonment (46(3)-(4); 170(4) and 164(2) carry it) is among the sentence types;
    chosen, the interview no longer asks a term in months (a life sentence has none) and asks
    the two facts of 72(8)(7)-(8), each citing art. 72, whose answers reach the parole rule."""
    from pathlib import Path

    import yaml

    from qaitu.assessment import assess
    from qaitu.assessment.casefile import parse_mapping
    from qaitu.web.intake.questions import (
        answers_from_document,
        build_document,
        choices,
        questions_for,
    )

    doc = yaml.safe_load((Path(__file__).parents[2] / "examples"
                          / "172-sentenced-serving.yaml").read_text(encoding="utf-8"))
    answers, episodes, extra = answers_from_document(doc)
    question = next(q for q, path in questions_for("proceedings", episodes)
                    if path == "proceedings.sentence.type")
    assert "life_imprisonment" in dict(choices(question))
    answers["proceedings.sentence.type"] = "life_imprisonment"
    answers.pop("proceedings.sentence.months", None)
    answers["proceedings.sentence.earlier_life_parole"] = "false"
    answers["proceedings.sentence.new_crime_serving_life"] = "false"
    built = build_document(answers, episodes, extra)
    asked = {path for q, path in questions_for("proceedings", episodes) if q.when(built, 0)}
    assert "proceedings.sentence.months" not in asked
    assert {"proceedings.sentence.earlier_life_parole",
            "proceedings.sentence.new_crime_serving_life"} <= asked
    case = parse_mapping(built)
    assert case.proceedings.sentence.new_crime_serving_life is False
    sentence = assess(case)["variants"]["current"]["sentence"]
    # art. 172 carries no life sentence: the sentence is not dated, and says why
    assert sentence["rules"]["ends_on"]["rule"] == "life_not_possible"


def test_the_interview_asks_every_fact_the_law_reads():
    """Each fact of qaitu.case/1 a rule reads (law/variables/facts.py) has a question, so a
    case entered through the interview can carry it: a recruiter's recruits paid or not (art.
    170(1)), a propagandist's channel (256(2)), a man raising children alone (72(4), 74)."""
    from qaitu.law.variables.facts import FACTS
    from qaitu.web.intake.questions import QUESTIONS

    asked = {q.path.replace("episodes.#.", "episodes.") for qs in QUESTIONS.values() for q in qs}
    sources = {f.source.replace("episodes.N.", "episodes.") for f in FACTS if f.source}
    missing = {s for s in sources
               if not any(a == s or a.startswith(s + ".") for a in asked)}
    assert not missing


@pytest.mark.parametrize("lang, said", [("ru", "Способ распространения пропаганды"),
                                        ("kk", "Насихатты тарату тәсілі")])
def test_a_propagandist_is_asked_the_channel_in_the_glossarys_words(lang, said):
    from django.utils import translation

    from qaitu.web.intake.questions import QUESTIONS, choices

    q = next(q for q in QUESTIONS["episode"] if q.path.endswith("propaganda_channel"))
    doc = {"episodes": [{"role": "propagandist"}]}
    assert q.when(doc, 0) and not q.when({"episodes": [{"role": "combatant"}]}, 0)
    with translation.override(lang):
        assert str(q.label) == said
        assert len(choices(q)) == 4 and all(v != str(w) for v, w in choices(q))


@pytest.mark.parametrize("lang, said", [
    ("ru", "Обстоятельство акта терроризма либо посягательство на жизнь человека "
           "(ч. 2-4 ст. 255)"),
    ("kk", "Терроризм актісінің мән-жайы не адам өміріне қол сұғу (255-баптың 2-4-бөліктері)")])
def test_every_episode_is_asked_the_circumstance_of_terrorism_in_the_glossarys_words(lang, said):
    """Art. 255(2)-(4): asked of every episode, an act of terrorism recorded or not, since
    255(4)'s «Посягательство на жизнь человека, совершенное в целях …» part 1's aims is an act
    of its own; with the five circumstances the glossary names."""
    from django.utils import translation

    from qaitu.web.intake.questions import QUESTIONS, choices

    q = next(q for q in QUESTIONS["episode"] if q.path.endswith("terrorist_act_circumstance"))
    assert q.when({"episodes": [{"terrorist_act": "none"}]}, 0)
    assert q.when({"episodes": [{}]}, 0)
    with translation.override(lang):
        assert str(q.label) == said
        assert len(choices(q)) == 5 and all(v != str(w) for v, w in choices(q))


def test_the_interview_asks_a_fact_read_as_a_value_when_left_out_wherever_it_applies():
    """The engine reads a left-out extension fact as its value (no official position, no
    circumstance of terrorism), so it never lists one among the facts that could change an
    outcome: the interview asks it wherever it applies — the act of terrorism (255(1)) and its
    circumstance of every episode (255(4) stands alone), a recruiter's official position
    (170(2), 259(2))."""
    from qaitu.web.intake import services

    doc = {"schema": "qaitu.case/1", "as_of": "2026-03-01",
           "person": {"sex": "male", "birth_date": "1990-01-01", "citizenship": ["KZ"]},
           "episodes": [{"country": "SY", "end": "2018-01-01", "role": "recruiter",
                         "formation": {"kind": "terrorist_organization"}}]}
    asked = {path for _, path in services.questions_left(doc, set())}
    assert {"episodes.0.terrorist_act", "episodes.0.terrorist_act_circumstance",
            "episodes.0.used_official_position"} <= asked
    doc["episodes"][0]["role"] = "combatant"
    asked = {path for _, path in services.questions_left(doc, set())}
    assert {"episodes.0.terrorist_act", "episodes.0.terrorist_act_circumstance"} <= asked
    assert "episodes.0.used_official_position" not in asked


def test_an_untouched_form_writes_what_a_file_without_the_fact_says(world, client):
    """A question on an extension fact (the act of terrorism, art. 255(1); a recruiter's
    official position, 170(2)) shows, until answered, what a case file that leaves the fact
    out says (none, no), as an existing case's form does: sent untouched, it records that, not
    "unknown", which would make 255(1)-(3) possible for every case. A question on any other
    fact still shows "unknown"."""
    client.force_login(world["users"]["prosecutor"])
    d = _start(client)
    client.post(f"/intake/{d.pk}/episode/", {"episodes.0.role": "recruiter", "action": "save"})
    body = client.get(f"/intake/{d.pk}/episode/").content.decode()

    def checked(path, value):
        tag = re.search(rf'<input type="radio" id="f-{path.replace(".", "-")}-{value}"[^>]*>',
                        body)
        assert tag, (path, value)
        return " checked" in tag.group(0)

    assert checked("episodes.0.terrorist_act", "none")
    assert not checked("episodes.0.terrorist_act", "unknown")
    assert checked("episodes.0.used_official_position", "false")
    assert checked("episodes.0.war_crimes", "unknown")


def test_every_question_shows_left_out_what_the_law_reads_for_a_fact_left_out():
    """A question shows, unanswered, what the law reads where a case file leaves its fact out
    (``Fact.left_out``: no official position for arts. 170(2), 256(2), 257(3), 259(2), no act
    of terrorism for art. 255(1), a perpetrator for art. 28, no day held in custody for art.
    62), so a form sent untouched means what the file without the fact means; where the law
    reads the fact left out as unknown, the question shows unknown."""
    import datetime as dt

    import numpy as np

    from qaitu.assessment.casefile import flatten, parse_mapping
    from qaitu.law.inputs import coded_inputs
    from qaitu.law.variables.facts import EPISODE, FACTS
    from qaitu.web.intake.questions import all_questions, build_document, unanswered, value_at

    shown = {path: unanswered(q) for q, path in all_questions(1)}
    sent = build_document(shown, 1)
    doc = parse_mapping(sent).to_json()
    flat = {k: np.array([v], dtype=object) for k, v in flatten(doc).items()}
    case, (episode,) = coded_inputs(flat, 1, dt.date(2026, 3, 1))
    read = {**case, **episode}
    asked = {path.replace("episodes.0.", EPISODE) for path in shown}
    checked = 0
    for fact in FACTS:
        if fact.source not in asked or fact.name in ("citizen_of_kz", "returned"):
            continue  # read with others (stateless residence; the return's status, core)
        question = next(q for q, path in all_questions(1)
                        if path.replace("episodes.0.", EPISODE) == fact.source)
        if fact.left_out == "unknown":
            assert question.left_out is None, fact.name
            continue
        assert value_at(sent, question.at(0)) is not None, fact.name
        assert read[fact.name].known[0], fact.name
        assert read[fact.name].values[0] == fact.default_input, fact.name
        checked += 1
    assert checked == sum(f.left_out != "unknown" for f in FACTS) == 12


def test_an_upload_of_a_person_born_after_the_act_is_refused_at_the_birth_date(world, client):
    """Nobody acts before being born: the upload names the date of birth, its line and both
    days, in the page's language, as the case file reader does."""
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    f = io.BytesIO(b"schema: qaitu.case/1\nperson:\n  birth_date: 2019-05-01\nepisodes:\n"
                   b"  - {country: SY, end: 2018-01-01}\n")
    f.name = "born.yaml"
    body = html.unescape(client.post("/intake/upload/", {"file": f}).content.decode())
    assert ("<td>3</td><td><code>person.birth_date</code><br>Тұлға: туған күні</td><td>туған "
            "күні (2019 жылғы 1 мамыр) 1-эпизод бойынша әрекет жасалған 2018 жылғы 1 "
            "қаңтардан кейін") in body, body
