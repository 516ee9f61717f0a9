"""Assessments: run, read side by side, immutable, re-run shows what changed and why."""

import copy
import html
import re

import pytest
from django.conf import settings
from django.db import DatabaseError, transaction

from qaitu.assessment.render import render
from qaitu.web import assessing
from qaitu.web.assessments.models import Assessment, Review
from qaitu.web.assessments.service import run_assessment


@pytest.fixture
def assessed(world):
    a = world["cases"]["a"]
    return run_assessment(world["users"]["prosecutor"], a, assessing.usable_variants())


def test_run_from_the_case_page(world, client):
    a = world["cases"]["a"]
    client.force_login(world["users"]["prosecutor"])
    r = client.post(f"/cases/{a.number}/assess/", {"variants": assessing.usable_variants()})
    assert r.status_code == 302, r.content[:500]
    snap = Assessment.objects.get(case=a)
    assert snap.facts == a.facts and snap.rulebook_hash.startswith("sha256:")
    assert snap.findings["variants"] and not snap.results_i18n  # stored once, no language
    assert [snap.result_in(lang)["language"] for lang in ("en", "ru", "kk")] == ["en", "ru", "kk"]
    assert snap.created_by == world["users"]["prosecutor"]


def test_every_shipped_variant_is_offered_and_compared(world, client, assessed):
    from qaitu.law.variants import shipped_names

    assert set(assessed.variants) >= set(shipped_names()) - {"current"}
    client.force_login(world["users"]["prosecutor"])
    body = client.get(f"/assessments/{assessed.pk}/").content.decode()
    assert 'id="v-amantayuly-2026"' in body
    assert "restriction of freedom" in body.lower()


def test_variant_names_cannot_be_paths(world, client):
    a = world["cases"]["a"]
    client.force_login(world["users"]["prosecutor"])
    client.post(f"/cases/{a.number}/assess/", {"variants": ["/etc/passwd"]})
    assert not Assessment.objects.exists()


def test_assessment_page_shows_variants_reasons_and_memo_links(world, client, assessed):
    client.force_login(world["users"]["judge"])
    body = client.get(f"/assessments/{assessed.pk}/").content.decode()
    assert "art. 172" in body or "172" in body
    assert "(art." in body  # reasons cite articles
    assert f"/assessments/{assessed.pk}/memo.pdf" in body
    for vid in assessed.variants:
        assert f'id="v-{vid}"' in body
    # steps Qaitu is less sure of carry their mark (the custody credit rests on assumptions)
    marked = [t for v in assessed.result_in("en")["variants"].values() for t in v["trace"]
              if t.get("confidence") not in (None, "H")]
    assert marked and f'>{marked[0]["confidence"][0]}</strong>' in body


@pytest.mark.parametrize(("lang", "cited", "not_cited"), [
    ("kk", "172-бап", "бап 172"), ("ru", "ст. 172", "172-бап"), ("en", "art. 172", "ст. 172")])
def test_articles_are_cited_in_the_reader_s_word_order(world, client, assessed, lang, cited,
                                                       not_cited):
    """Kazakh puts the number first (172-бап); qualifications and trace steps alike."""
    client.force_login(world["users"]["judge"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = client.get(f"/assessments/{assessed.pk}/").content.decode()
    assert f"<strong>{cited}</strong>" in body
    assert not_cited not in body


@pytest.mark.parametrize(("lang", "heading", "part"), [
    ("ru", "Совокупность преступлений (ст. 58)", "ч. 3 ст. 58"),
    ("kk", "Қылмыстар жиынтығы (58-бап)", "58-баптың 3-бөлігі")])
def test_a_set_of_crimes_shows_the_final_term_of_art_58(world, client, lang, heading, part):
    """Art. 172 beside art. 182(2): the page gives the set's range in the reader's language,
    under a heading that cites the rule of art. 58 as the law does."""
    from pathlib import Path

    from qaitu.assessment.casefile import load_case
    from qaitu.assessment.explain import cite, law_citation

    case = world["cases"]["a"]
    case.facts = load_case(Path(__file__).parents[2] / "examples" / "182-2-extremist-group.yaml"
                           ).to_json()
    case.save()
    snap = run_assessment(world["users"]["prosecutor"], case, [])
    client.force_login(world["users"]["judge"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = client.get(f"/assessments/{snap.pk}/").content.decode()
    assert heading in body and f"({cite(law_citation('cumulative_rule'), lang)})" in heading
    assert part in body


def test_the_assessment_page_types_no_citation_of_the_code_into_its_messages():
    """A citation is read from the law through the formatter, never typed into a message of
    the assessment page: ``Set of crimes (%(cite)s)``, not ``Set of crimes (art. 58)``."""
    from pathlib import Path

    from qaitu import web

    page = (Path(web.__file__).parent / "templates" / "assessments" / "detail.html"
            ).read_text(encoding="utf-8")
    messages = re.findall(r'{% translate "(.*?)" %}', page) + re.findall(
        r"{% blocktranslate\b[^%]*%}(.*?){% endblocktranslate %}", page, re.S)
    assert "Set of crimes ({{ cite }})" in messages
    assert not [m for m in messages if re.search(r"\bart\. \d", m)]


@pytest.mark.parametrize(("lang", "title", "provision", "ends", "parole"), [
    ("en", "Sentence dates", "art. 72(5)", "22 Mar 2031", "23 Mar 2028"),
    ("ru", "Сроки по приговору", "ч. 5 ст. 72", "22 марта 2031 г.", "23 марта 2028 г."),
    ("kk", "Үкім бойынша мерзімдер", "72-баптың 5-бөлігі", "2031 жылғы 22 наурыз",
     "2028 жылғы 23 наурыз")])
def test_a_sentenced_case_shows_its_dates_with_their_provisions(dates_page, lang, title,
                                                                provision, ends, parole):
    """The assessment page gives the core's sentence dates, each with its provision, written
    as the reader's language writes a date (in the heading and the reasons too)."""
    from pathlib import Path

    from qaitu.assessment.casefile import load_case

    section, body = dates_page(load_case(
        Path(__file__).parents[2] / "examples" / "172-sentenced-serving.yaml").to_json(), lang)
    assert title in section and provision in section
    assert f"<strong>{ends}</strong>" in section and f"<strong>{parole}</strong>" in section
    assert not re.search(r"\d{4}-\d{2}-\d{2}", section)
    # the trace too: its law versions and values, in the same words
    trace = body[body.index('<ol class="trace">'):]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", trace[:trace.index("</ol>")])


def _propagandist_serving(year: int) -> dict:
    """The online propagandist (256(2), no help recorded), his stay in October–November of
    ``year`` and back on 10 December, serving seven years from 15 January 2026."""
    from pathlib import Path

    from qaitu.assessment.casefile import load_case

    facts = load_case(Path(__file__).parents[2] / "examples" / "256-2-online-propagandist.yaml"
                      ).to_json()
    facts["episodes"][0] |= {"start": f"{year}-10-01", "end": f"{year}-11-30"}
    facts["return"]["date"] = f"{year}-12-10"
    facts["as_of"] = "2026-09-01"
    facts["proceedings"] |= {"stage": "serving", "sentence": {
        "type": "imprisonment", "months": 84, "start": "2026-01-15"}}
    return facts


@pytest.mark.parametrize(("lang", "condition", "parole"), [
    ("en", "only if the convict actively helps prevent, solve or investigate", "16 May 2029"),
    ("ru", "только при активном содействии в предотвращении, раскрытии", "16 мая 2029 г."),
    ("kk", "тек террористік немесе экстремистік қылмыстарды болдырмауға",
     "2029 жылғы 16 мамыр")])
def test_parole_for_a_terrorist_crime_is_shown_on_the_condition_of_active_help(
        dates_page, lang, condition, parole):
    """Art. 72(1) ¶3: for a terrorist or extremist crime parole is open only if the convict
    actively helps, judged on the day parole is decided; the page gives the share and the
    parole date of the propagandist (256(2), no help recorded), each with that condition."""
    facts = _propagandist_serving(2024)
    facts["person"]["disability_group"] = "none"
    section, body = dates_page(facts, lang)
    assert re.search(rf"<strong>1/2</strong>[^<]*, {condition}", body)
    assert re.search(rf"<strong>{parole}, {condition}", section)


@pytest.mark.parametrize(("lang", "condition", "day"), [
    ("en", "only if the convict actively helps prevent, solve or investigate", "16 Mar 2028"),
    ("ru", "только при активном содействии в предотвращении, раскрытии", "16 марта 2028 г."),
    ("kk", "тек террористік немесе экстремистік қылмыстарды болдырмауға",
     "2028 жылғы 16 наурыз")])
def test_replacement_for_a_terrorist_crime_of_2025_is_shown_on_the_condition_of_active_help(
        dates_page, lang, condition, day):
    """Art. 73(2) as consolidated to 16.09.2025: for a terrorist or extremist crime the unserved
    part may be replaced by a milder punishment only if the convict actively helps, judged on
    the day the court decides; the page gives the propagandist's day (256(2), act of 2025, no
    help recorded) with that condition, not as closed."""
    section, _ = dates_page(_propagandist_serving(2025), lang)
    assert re.search(rf"<strong>{day}, {condition}", section), section


@pytest.mark.parametrize(("lang", "mark", "why"), [
    ("en", "decided (sentence passed)", "the options marked decided were chosen in the sentence"),
    ("ru", "решено (приговор вынесен)", "вопрос о мерах, отмеченных как решённые, решён"),
    ("kk", "шешілген (үкім шығарылған)", "шешілген деп белгіленген шаралар туралы мәселе")])
def test_why_a_passed_sentence_decided_the_options_is_said_once_above_them(dates_page, lang,
                                                                           mark, why):
    """Each option the sentence chose is marked decided; the reason (UPK 390, 393) stands
    once above the options, not in each option's reasons."""
    from pathlib import Path

    from qaitu.assessment.casefile import load_case

    _, body = dates_page(load_case(
        Path(__file__).parents[2] / "examples" / "172-sentenced-serving.yaml").to_json(), lang)
    options = body[body.index('<dl class="options">'):]
    options = options[:options.index("</dl>")]
    assert options.count(f'<strong class="decided">{mark}</strong>') == 7
    assert why not in options
    assert body.count(why) == 1
    assert body.index(why) < body.index('<dl class="options">')


def test_a_rerun_with_another_term_shows_the_dates_that_changed(world, client):
    """Facts change (a longer term): the re-run names each date that moved, in words."""
    from pathlib import Path

    from qaitu.assessment.casefile import load_case

    case = world["cases"]["a"]
    user = world["users"]["prosecutor"]
    case.facts = load_case(Path(__file__).parents[2] / "examples" / "172-sentenced-serving.yaml"
                           ).to_json()
    case.save()
    run_assessment(user, case, [])
    case.facts = {**case.facts, "proceedings": {
        **case.facts["proceedings"], "sentence": {**case.facts["proceedings"]["sentence"],
                                                  "months": 84}}}
    case.save()
    rerun = run_assessment(user, case, [])
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    body = client.get(f"/assessments/{rerun.pk}/").content.decode()
    assert "<td>Срок истекает</td><td>22 марта 2031 г.</td><td>22 марта 2032 г.</td>" in body


def test_snapshots_are_immutable(world, assessed):
    assessed.result = {}
    with pytest.raises(PermissionError):
        assessed.save()
    with pytest.raises(PermissionError):
        assessed.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        Assessment.objects.filter(pk=assessed.pk).update(rulebook_hash="forged")


def test_rerun_after_rulebook_change_shows_what_changed(world, client):
    """An old snapshot made under another rulebook, then a re-run under the current one."""
    a = world["cases"]["a"]
    user = world["users"]["prosecutor"]
    fresh = run_assessment(user, a)
    fresh_en = fresh.result_in("en")
    old_result = {**fresh_en, "variants": {"current": {
        **fresh_en["variants"]["current"],
        "options": {**fresh_en["variants"]["current"]["options"],
                    "conditional_sentence": {"status": "unavailable", "because": ["old rule"]}},
    }}}
    old = Assessment.objects.create(
        case=a, facts=a.facts, variants=["current"], as_of=fresh.as_of,
        rulebook_version="0.0.1", rulebook_hash="sha256:old", result=old_result,
        results_i18n={}, created_by=user)
    Assessment.objects.filter(pk=fresh.pk)  # (snapshots are never deleted)
    rerun = run_assessment(user, a)
    assert rerun.previous == old or rerun.previous_id in (old.pk, fresh.pk)
    rerun_prev = Assessment.objects.create(
        case=a, facts=rerun.facts, variants=rerun.variants, as_of=rerun.as_of,
        rulebook_version=rerun.rulebook_version, rulebook_hash=rerun.rulebook_hash,
        findings=rerun.findings, result={}, created_by=user, previous=old)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(f"/assessments/{rerun_prev.pk}/").content.decode()
    assert "sha256:old" in body  # the rulebook change is named
    status = fresh_en["variants"]["current"]["options"]["conditional_sentence"]
    assert status["status"] == "available"
    assert ("<td>Current law</td><td>Conditional sentence</td><td>unavailable</td>"
            "<td>available</td>") in body  # in words, not the result's keys
    for reason in status["because"]:
        assert reason.split("(")[0][:30] in body  # and why, in the new rulebook's words
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    body = client.get(f"/assessments/{rerun_prev.pk}/").content.decode()
    assert ("<td>Действующий закон</td><td>Условное осуждение</td><td>неприменимо</td>"
            "<td>применимо</td>") in body


def test_a_rerun_tells_apart_two_episodes_under_one_article():
    """Two episodes under art. 172: moving the first to 2015-16 (the older, 3-7 year text)
    changes its ranges alone, and the comparison says which episode's."""
    import datetime as dt
    from pathlib import Path

    import yaml

    from qaitu.web.labels import outcome

    facts = yaml.safe_load((Path(__file__).parents[2] / "examples"
                            / "172-state-army-voluntary-return.yaml").read_text("utf-8"))
    facts["episodes"].append(copy.deepcopy(facts["episodes"][0]))
    moved = copy.deepcopy(facts)
    moved["episodes"][0].update(start=dt.date(2015, 5, 1), end=dt.date(2016, 8, 1))
    old, new = (render(assessing.run(f, [], None), "en") for f in (facts, moved))
    changes = assessing.compare(old, new)
    assert [c["what"] for c in changes] == [("qualification", "172", 0, "statutory_range"),
                                            ("qualification", "172", 0, "reachable_range")]
    assert changes[0]["after"] == {"min_months": 36, "max_months": 84}
    assert changes[0]["because"] == new["variants"]["current"]["qualifications"][0][
        "range_because"]
    assert outcome(changes[0]["what"], "ru") == "ст. 172: санкция статьи"
    second = ("qualification", "172", 1, "status")
    assert outcome(second, "en") == "art. 172 (episode 2): qualification"


@pytest.mark.parametrize(("lang", "parole", "term", "option"), [
    ("ru", "условно-досрочное освобождение", "возможный срок наказания",
     "отсрочка отбывания наказания"),
    ("kk", "шартты түрде мерзімінен бұрын босату", "тағайындалуы мүмкін жаза мерзімі",
     "жазаны өтеуді кейінге қалдыру")])
def test_what_an_unknown_fact_decides_is_named_in_words_that_stand_alone(lang, parole, term,
                                                                        option):
    """The page lists after «влияет на:» what each unknown fact decides: a whole name in the
    list's lower case, as the memo and the CLI name it, not the table row's «УДО после
    отбытия» that waits for its fraction, nor «Достижимый диапазон»."""
    from django.utils import translation

    from qaitu.web.labels import decided

    with translation.override(lang):
        assert decided("parole_after_fraction") == parole
        assert decided("reachable_range") == term
        assert decided("options.deferral_of_sentence") == option


def test_review_marks_assessment_done(world, client, assessed):
    client.force_login(world["users"]["prosecutor"])
    body = client.get("/dashboards/").content.decode()
    assert f"/assessments/{assessed.pk}/" in body  # awaiting review
    r = client.post(f"/assessments/{assessed.pk}/review/", {"verdict": "agreed", "note": "ok"})
    assert r.status_code == 302 and Review.objects.filter(assessment=assessed).exists()
    body = client.get("/dashboards/").content.decode()
    assert f"/assessments/{assessed.pk}/" not in body
    client.force_login(world["users"]["defence"])
    assert client.post(f"/assessments/{assessed.pk}/review/",
                       {"verdict": "agreed"}).status_code == 403


def test_memo_download(world, client, assessed):
    client.force_login(world["users"]["defence"])
    r = client.get(f"/assessments/{assessed.pk}/memo.html")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/html")
    r = client.get(f"/assessments/{assessed.pk}/memo.pdf")
    assert r.status_code == 200 and r.content[:4] == b"%PDF"


@pytest.mark.parametrize("lang, said", [
    ("ru", "Ошибок в данных о международной практике: 1"),
    ("kk", "Халықаралық тәжірибе деректеріндегі қателер саны: 1"),
])
def test_a_memo_refused_is_said_in_the_readers_language(world, client, assessed, tmp_path,
                                                        monkeypatch, lang, said):
    from qaitu.comparative import data

    monkeypatch.setattr(data, "DATA_DIR", tmp_path)  # no jurisdiction files at all
    client.force_login(world["users"]["defence"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    r = client.get(f"/assessments/{assessed.pk}/memo.html", follow=True)
    [message] = [str(m) for m in r.context["messages"]]
    assert said in message and "problem(s)" not in message


def test_defence_cannot_read_other_clients_assessment(world, client):
    b = world["cases"]["b"]
    snap = run_assessment(world["users"]["prosecutor"], b)
    client.force_login(world["users"]["defence"])
    assert client.get(f"/assessments/{snap.pk}/").status_code == 404
    assert client.get(f"/assessments/{snap.pk}/memo.pdf").status_code == 404


def test_invalid_case_facts_are_named_not_a_traceback(world, client):
    """Facts stored before a schema change may no longer validate: the run says which."""
    from qaitu.web.cases.models import Case

    a = world["cases"]["a"]
    Case.objects.filter(pk=a.pk).update(
        facts={**a.facts, "person": {**a.facts["person"], "sex": "robot"}})
    client.force_login(world["users"]["prosecutor"])
    r = client.post(f"/cases/{a.number}/assess/", {}, follow=True)
    assert r.redirect_chain == [(f"/cases/{a.number}/", 302)]
    assert [str(m) for m in r.context["messages"]] == [
        "The assessment could not be run: Person: sex (person.sex): expected one of male, female, "
        "or unknown; got 'robot'"]
    assert not Assessment.objects.exists()


def test_changed_facts_and_unknowns_are_named_in_the_readers_language(world, client):
    """A re-run on other facts lists each changed fact by the glossary's name for it (the
    memo's and the CLI's words), its values in words, and what each unknown fact decides, never
    the result's internal keys."""
    a = world["cases"]["a"]
    user = world["users"]["prosecutor"]
    first = run_assessment(user, a)
    facts = copy.deepcopy(a.facts)
    facts["return"]["cooperation"] = "none"
    facts["episodes"][0]["war_crimes"] = "unknown"
    second = run_assessment(user, a, facts=facts)
    assert second.previous == first
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    body = client.get(f"/assessments/{second.pk}/").content.decode()
    assert ("<td>Возвращение: содействие следствию <code>return.cooperation</code></td>"
            "<td>активное</td><td>нет</td>") in body
    assert ("<td>Эпизод 1: военные преступления <code>episodes.0.war_crimes</code></td>"
            "<td>нет</td><td>неизвестно</td>") in body
    unknowns = body.split('id="dep-h"')[1].split("</section>")[0]
    assert "<code>episodes.0.war_crimes</code>" in unknowns
    assert "ч. 1 ст. 164" in unknowns and "условное осуждение" in unknowns
    assert "qualifications." not in unknowns and "options." not in unknowns


@pytest.mark.parametrize(("lang", "option", "deferral", "exceptional"), [
    ("ru", "Отсрочка отбывания наказания", "не более чем на 60 мес.",
     "ч. 4 ст. 55"),
    ("kk", "Жазаны өтеуді кейінге қалдыру", "ең көбі 60 айға", "55-баптың 4-бөлігі"),
    ("en", "Deferral of serving the sentence", "for at most 60 months", "art. 55(4)")])
def test_deferral_of_art_74_and_the_parole_of_art_72_4_are_shown_for_a_mother(
        world, client, lang, option, deferral, exceptional):
    """A mother of young children (art. 74(1): deferral up to five years; art. 72(4): parole
    after a third) in the reader's language."""
    from pathlib import Path

    from qaitu.assessment.casefile import load_case

    case = world["cases"]["a"]
    case.facts = load_case(Path(__file__).parents[2] / "examples"
                           / "172-woman-with-children-voluntary-return.yaml").to_json()
    case.save()
    snap = run_assessment(world["users"]["prosecutor"], case, [])
    client.force_login(world["users"]["judge"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = client.get(f"/assessments/{snap.pk}/").content.decode()
    assert f"<dt>{option}</dt>" in body
    assert deferral in body
    assert exceptional in body
    assert "<strong>1/3</strong>" in body


def test_the_minimum_with_exceptional_circumstances_is_shown_below_the_sanction_s(world, client):
    """Art. 55(4): without mitigation the range starts at five years, and the page says a term
    down to six months needs exceptional circumstances."""
    from pathlib import Path

    from qaitu.assessment.casefile import load_case

    doc = load_case(Path(__file__).parents[2] / "examples" / "172-attempt-stopped-at-border.yaml"
                    ).to_json()
    doc["person"]["has_young_children"] = False
    doc["circumstances"]["mitigating"] = []
    case = world["cases"]["a"]
    case.facts = doc
    case.save()
    snap = run_assessment(world["users"]["prosecutor"], case, [])
    client.force_login(world["users"]["judge"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(f"/assessments/{snap.pk}/").content.decode()
    assert ("reachable: 5 years to 6 years 9 months (with exceptional circumstances from "
            "6 months, art. 55(4))") in body


def test_one_assessment_runs_the_law_once_and_renders_each_language(world, monkeypatch):
    """The web evaluates a case once (not once per language) and stores the findings; each
    language rendered from the stored findings is what ``assess`` says in that language."""
    from qaitu import assessment
    from qaitu.assessment.casefile import parse_mapping

    calls = []

    def counted(*args, **kwargs):
        calls.append(args)
        return assessment.evaluate(*args, **kwargs)

    monkeypatch.setattr(assessing, "evaluate", counted)
    a = world["cases"]["a"]
    variants = assessing.usable_variants()
    snap = run_assessment(world["users"]["prosecutor"], a, variants)
    assert len(calls) == 1
    stored = Assessment.objects.get(pk=snap.pk)  # read back through the database's JSON
    case = parse_mapping(a.facts, "case")
    for lang in ("en", "ru", "kk"):
        expected = assessment.assess(case, ["current", *variants], stored.as_of, lang=lang)
        assert stored.result_in(lang) == expected


def test_a_snapshot_stored_per_language_is_still_shown(world, client, assessed):
    """A snapshot made before findings were stored keeps its result in each language."""
    user = world["users"]["prosecutor"]
    texts = {lang: assessed.result_in(lang) for lang in ("en", "ru", "kk")}
    old = Assessment.objects.create(
        case=assessed.case, facts=assessed.facts, variants=assessed.variants,
        as_of=assessed.as_of, rulebook_version=assessed.rulebook_version,
        rulebook_hash=assessed.rulebook_hash, result=texts["en"], results_i18n=texts,
        created_by=user)
    assert old.findings is None and old.result_in("kk") == texts["kk"]
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    body = client.get(f"/assessments/{old.pk}/").content.decode()
    reason = texts["kk"]["variants"]["current"]["options"]["imprisonment"]["because"][0]
    assert html.escape(reason[:40]) in body
@pytest.mark.parametrize(("lang", "name"), [
    ("ru", "Лицо: мужчина, воспитывающий в одиночку малолетних детей"),
    ("kk", "Тұлға: жас балаларын жалғыз өзі тәрбиелеп отырған еркек")])
def test_an_unknown_fact_the_interview_does_not_ask_is_named_in_words(world, client, lang, name):
    """A father raising children alone decides parole under art. 72(4) but has no interview
    question: the page names the fact in the reader's language, not as a key."""
    snap = run_assessment(world["users"]["prosecutor"], world["cases"]["a"])
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = client.get(f"/assessments/{snap.pk}/").content.decode()
    unknowns = body.split('id="dep-h"')[1].split("</section>")[0]
    assert f"<strong>{name}</strong> <code>person.raises_children_alone</code>" in unknowns
    assert "<strong>person.raises_children_alone</strong>" not in body


@pytest.mark.parametrize(("n", "per_row"), [(1, 1), (4, 4), (5, 5), (6, 3), (7, 4)])
def test_up_to_five_variants_stand_in_one_row_and_six_in_two_even_rows(n, per_row):
    from qaitu.web.assessments.views import grid_columns

    assert grid_columns(n) == per_row


def test_five_variants_are_side_by_side_on_the_page(world, client):
    snap = run_assessment(world["users"]["prosecutor"], world["cases"]["a"],
                          assessing.usable_variants())
    assert len(snap.variants) == 5
    client.force_login(world["users"]["prosecutor"])
    body = client.get(f"/assessments/{snap.pk}/").content.decode()
    assert 'class="variants variants-wide" style="--cols: 5"' in body
    assert body.count('<article class="card variant"') == 5


def test_the_case_page_names_each_run_s_variants_and_the_probation_term_in_words(world, client,
                                                                                 assessed):
    """The list of runs gives the variants' titles in the reader's language, not file names,
    and a sentence's probation control its unit ("48 месяцев", not a bare 48)."""
    import datetime as dt

    from qaitu.web.cases.models import Sentence

    case = world["cases"]["a"]
    Sentence.objects.create(case=case, type=Sentence.Type.CONDITIONAL, months=48,
                            probation_months=48, start=dt.date(2026, 3, 19))
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    body = client.get(f"/cases/{case.number}/").content.decode()
    runs = body.split('<table><thead><tr><th scope="col">Выполнена')[1].split("</table>")[0]
    assert "<li>Действующий закон</li>" in runs and "amantayuly-2026" not in runs
    assert "current" not in runs
    assert "пробационный контроль 48 месяцев, с 19 марта 2026 г." in body


def test_the_dashboard_names_who_ran_an_assessment_awaiting_review(world, client, assessed):
    """By the person's name, as the case page does, not the account's user name."""
    author = world["users"]["prosecutor"]
    author.first_name, author.last_name = "Айгерим", "Нурланова"
    author.save()
    client.force_login(author)
    body = client.get("/dashboards/").content.decode()
    row = body.split(f"/assessments/{assessed.pk}/")[1].split("</tr>")[0]
    assert "<td>Айгерим Нурланова</td>" in row


def test_a_rerun_names_each_variant_that_changed_by_its_short_title(world, client):
    """The table of outcomes that changed names each variant beside the others by its short
    title in the reader's language (capitalised, as a cell), never by its id."""
    a = world["cases"]["a"]
    user = world["users"]["prosecutor"]
    fresh = run_assessment(user, a, ["amantayuly-2026"])
    fresh_en = fresh.result_in("en")
    entry = fresh_en["variants"]["amantayuly-2026"]
    old_result = {**fresh_en, "variants": {**fresh_en["variants"], "amantayuly-2026": {
        **entry, "options": {**entry["options"], "conditional_sentence": {
            "status": "unavailable", "because": ["old rule"]}}}}}
    old = Assessment.objects.create(
        case=a, facts=a.facts, variants=fresh.variants, as_of=fresh.as_of,
        rulebook_version="0.0.1", rulebook_hash="sha256:old", result=old_result,
        results_i18n={}, created_by=user)
    rerun = Assessment.objects.create(
        case=a, facts=fresh.facts, variants=fresh.variants, as_of=fresh.as_of,
        rulebook_version=fresh.rulebook_version, rulebook_hash=fresh.rulebook_hash,
        findings=fresh.findings, result={}, created_by=user, previous=old)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    body = client.get(f"/assessments/{rerun.pk}/").content.decode()
    assert "<td>Дифференцированная оценка</td><td>Условное осуждение</td>" in body
    assert "<td>amantayuly-2026</td>" not in body


@pytest.mark.parametrize(("lang", "status"), [("ru", "предложение"), ("kk", "ұсыныс")])
def test_the_variants_page_says_each_status_in_words_and_marks_the_id_as_what_to_type(
        world, client, lang, status):
    client.force_login(world["users"]["prosecutor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = client.get("/variants/").content.decode()
    assert f"<p>{status} · " in body and "<p>proposal" not in body and "<p>draft" not in body
    assert "(--variant): <code>amantayuly-2026</code>" in body


def test_the_variants_api_gives_each_variant_s_short_title_in_every_language(world, client):
    from qaitu.web.accounts.models import ApiToken

    token = ApiToken.issue(world["users"]["analyst"], "test")[1]
    found = client.get("/api/variants", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    short = {v["id"]: v["short_title"] for v in found}
    assert short["amantayuly-2026"] == {"en": "Differentiated assessment",
                                        "ru": "Дифференцированная оценка",
                                        "kk": "Сараланған баға"}
    assert short["current"]["ru"] == "действующий закон"
