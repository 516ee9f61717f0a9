"""The assessment of whole cases: outcomes, reasons, unknown facts, the JSON contract."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from qaitu.assessment import assess
from qaitu.assessment.casefile import CaseError, load_case, parse_mapping, parse_text

EXAMPLES = Path(__file__).parents[2] / "examples"


def _current(name: str, **kwargs):
    return assess(load_case(EXAMPLES / name), **kwargs)["variants"]["current"]


def _status(result, citation):
    return {q["citation"]: q["status"] for q in result["qualifications"]}.get(citation)


def test_state_army_returnee_172_with_conditional_sentence_open() -> None:
    v = _current("172-state-army-voluntary-return.yaml")
    assert _status(v, "172") == "applies"
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert q["statutory_range"] == {"type": "imprisonment", "min_months": 60, "max_months": 108,
                                    "life": False}
    assert q["reachable_range"] == {"min_months": 6, "max_months": 54,
                                    "exceptional_min_months": 6}
    assert v["options"]["conditional_sentence"]["status"] == "available"
    assert v["options"]["restriction_of_freedom"]["status"] == "only_exceptional"
    assert any("art. 55(4)" in b for b in v["options"]["restriction_of_freedom"]["because"])
    assert v["limitation"]["applies"] is False


def test_mercenary_pmc_is_170_3_and_terrorist_crime_bars_conditional_sentence() -> None:
    v = _current("170-3-pmc-mercenary.yaml")
    # Whether the PMC is part of a party's armed forces is the court's call: both open.
    assert _status(v, "170(3)") == "possible" and _status(v, "172") == "possible"
    assert v["options"]["conditional_sentence"]["status"] == "possible"
    facts = {d["fact"] for d in v["depends_on"]}
    assert "legal_questions.pmc_is_party_armed_forces" in facts


def test_the_mercenary_reasons_follow_every_limb_of_art_3_15() -> None:
    """3(15): «… материального вознаграждения или иной личной выгоды … не послано другим
    государством для выполнения официальных обязанностей в качестве лица, входящего в состав его
    вооруженных сил»."""
    v = _current("170-4-mercenary-deaths.yaml")
    q = next(q for q in v["qualifications"] if q["citation"] == "170(4)")
    mercenary = next(b for b in q["because"] if b.startswith("is a mercenary"))
    assert "material reward or other personal gain" in mercenary
    assert "not sent by another state as a member of its armed forces" in mercenary
    v = _current("172-state-army-voluntary-return.yaml")
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert any("sent by a state as a member of its armed forces" in b for b in q["because"])


def test_deaths_make_170_4_especially_grave_with_63_6_reason() -> None:
    v = _current("170-4-mercenary-deaths.yaml")
    assert _status(v, "170(4)") == "applies"
    reasons = " ".join(v["options"]["conditional_sentence"]["because"])
    assert "art. 63(6)" in reasons and "terrorist crime" in reasons
    assert v["options"]["conditional_sentence"]["status"] == "unavailable"
    assert v["parole_after_fraction"] is None


def _recruiter(**legal_questions) -> dict:
    doc = yaml.safe_load((EXAMPLES / "170-2-recruiter-of-a-minor.yaml").read_text())
    doc["legal_questions"].update(legal_questions)
    return assess(parse_mapping(doc))["variants"]["current"]


def test_recruiting_for_a_pmc_is_170_only_unless_the_court_holds_it_a_party_s_forces() -> None:
    """170(1) punishes recruiting «наемника»: if the PMC is part of a party's armed forces,
    the recruit is no mercenary (art. 3(15)), so the example leaves 170(2) open on that."""
    v = _current("170-2-recruiter-of-a-minor.yaml")
    assert _status(v, "170(2)") == "possible"
    deciding = {d["fact"]: d["changes"] for d in v["depends_on"]}
    # and with 170(2), a terrorist crime, whether parole holds on the active help of 72(1) ¶3
    assert {"qualifications.0.170(2)", "parole_condition"} <= set(
        deciding["legal_questions.pmc_is_party_armed_forces"])
    assert _status(_recruiter(pmc_is_party_armed_forces=True), "170(2)") == "excluded"


def test_recruiter_of_a_minor_is_170_2_especially_grave_and_says_why() -> None:
    v = _recruiter(pmc_is_party_armed_forces=False)
    assert _status(v, "170(2)") == "applies" and _status(v, "170(1)") == "excluded"
    q = next(q for q in v["qualifications"] if q["citation"] == "170(2)")
    assert q["statutory_range"]["min_months"] == 144 and q["statutory_range"]["max_months"] == 204
    assert q["gravity"] == "especially_grave" and q["terrorist_crime"] is True
    assert "committed the acts in respect of a minor (art. 170(2))" in q["because"]
    assert any("UPK art. 612(1)" in b for b in q["because"])
    assert v["options"]["conditional_sentence"]["status"] == "unavailable"
    excluded = next(q for q in v["qualifications"] if q["citation"] == "170(1)")
    assert excluded["because"] == [
        "committed the acts in respect of a minor, which art. 170(2) covers"]


def test_unknown_minor_leaves_170_1_or_170_2_open() -> None:
    doc = yaml.safe_load((EXAMPLES / "170-2-recruiter-of-a-minor.yaml").read_text())
    doc["legal_questions"]["pmc_is_party_armed_forces"] = False
    doc["episodes"][0]["in_respect_of_minor"] = "unknown"
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "170(1)") == "possible" and _status(v, "170(2)") == "possible"
    assert {"fact": "episodes.0.in_respect_of_minor",
            "changes": ["qualifications.0.170(1)", "qualifications.0.170(2)",
                        "reachable_range", "parole_after_fraction"]} in v["depends_on"]
    del doc["episodes"][0]["in_respect_of_minor"]  # left out: false, as in files before 170(2)
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "170(1)") == "applies" and _status(v, "170(2)") == "excluded"


def test_a_terrorist_group_is_art_3_31_and_recognition_is_qaitu_s_reading() -> None:
    """3(31) defines the terrorist group; 3(30) is the list of terrorist crimes. Recognition
    as terrorist comes from the Law «О противодействии терроризму», not from the Code."""
    v = _current("257-2-terrorist-organisation.yaml")
    q = next(q for q in v["qualifications"] if q["citation"] == "257(2)")
    group = "the formation is a terrorist group: an organised group pursuing terrorist crimes"
    assert any(b.startswith(group) and "(art. 3(31))" in b for b in q["because"])
    reasons = [b for q in v["qualifications"] for b in q["because"]]
    assert not any("organisation (art. 3(30))" in b for b in reasons)
    doc = yaml.safe_load((EXAMPLES / "257-2-terrorist-organisation.yaml").read_text())
    doc["episodes"][0]["formation"]["kind"] = "non_state_armed_group"
    v = assess(parse_mapping(doc))["variants"]["current"]
    q = next(q for q in v["qualifications"] if q["citation"] == "257(2)")
    assert q["status"] == "applies"
    assert any("Law «On Countering Terrorism» of 13.07.1999 No. 416-I" in b
               and "Qaitu's reading, L" in b for b in q["because"])


def test_leading_and_taking_part_cite_the_part_of_the_article_applied() -> None:
    """The same elements decide parts 1 and 2 of arts. 182, 257 and 267; each reason cites the
    part of the article it is about, not art. 257."""
    for example, citation in (("182-2-extremist-group.yaml", "182"),
                              ("267-2-paramilitary-release-note.yaml", "267"),
                              ("257-2-terrorist-organisation.yaml", "257")):
        v = _current(example)
        q = next(q for q in v["qualifications"] if q["citation"] == f"{citation}(2)")
        assert f"took part without leading (art. {citation}(2))" in q["because"], example
        reasons = " ".join(b for q in v["qualifications"] for b in q["because"])
        if citation != "257":
            assert "257(1)" not in reasons and "257(2)" not in reasons, example


def test_qaitu_s_precedence_for_terrorist_and_extremist_groups_is_marked_as_a_reading() -> None:
    """Art. 172 yields only to mercenarism and art. 267 names no other group: sending the case
    to art. 257 or 182 instead is Qaitu's reading of practice, and the reason says so. For
    art. 172 beside 257 the court may choose 172: it is shown as a possible alternative, with
    its range, and not applied beside 257 (no set of crimes)."""
    v = _current("257-2-terrorist-organisation.yaml")
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert q["status"] == "possible" and q["alternative"] is True
    assert q["because"][0].startswith("an alternative qualification: the facts meet art. 172")
    assert any("so the court may qualify it under art. 172 instead" in b
               and "(Qaitu's reading of practice, L)" in b for b in q["because"])
    assert q["statutory_range"]["max_months"] == 108
    assert v["cumulative"] is None or "172" not in str(v["cumulative"])
    assert v["criminal_liability"] == "applies"
    # no unknown fact decides a qualification (raises_children_alone still decides art. 74)
    assert not [d for d in v["depends_on"] if any(c.startswith("qualifications")
                                                  for c in d["changes"])]
    v = _current("267-2-paramilitary-release-note.yaml")
    q = next(q for q in v["qualifications"] if q["citation"] == "267(2)")
    assert any("(Qaitu's reading of practice, L)" in b for b in q["because"])
    assert ("the formation is held to be an illegal paramilitary formation "
            "(arts. 3(18) and 267)") in q["because"]


def test_parole_reasons_name_the_limb_of_art_72_that_decides() -> None:
    """72(8) deaths closes parole outright; 72(1) ¶3 leaves it open after the share on the
    condition of active help, first among the reasons whether or not the case records help;
    and Qaitu's reading of «сопряженное с совершением особо тяжкого преступления» where it
    decides that parole is open."""
    v = _current("170-4-mercenary-deaths.yaml")
    assert v["parole_after_fraction"] is None and v["parole_condition"] is None
    assert any("caused deaths (art. 72(8))" in b and "names only deaths" in b and "(L)" in b
               for b in v["parole_because"])
    doc = yaml.safe_load((EXAMPLES / "170-2-recruiter-of-a-minor.yaml").read_text())
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert (v["parole_after_fraction"], v["parole_condition"]) == ("2/3", "active_help")
    assert "art. 72(1), third paragraph" in v["parole_because"][0]
    assert "the court weighs on the day it decides parole" in v["parole_because"][0]
    doc["return"]["cooperation"] = "active"
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert (v["parole_after_fraction"], v["parole_condition"]) == ("2/3", "active_help")
    assert "appears met on the facts recorded" in v["parole_because"][0]
    assert any("another especially grave crime in the set" in b and "(L)" in b
               for b in v["parole_because"])


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "this parole date holds only if the convict then actively helps"),
    ("ru", "эта дата УДО — лишь при условии, что осужденный в это время оказывает активное"),
    ("kk", "бұл ШМБ күні сотталған адам сол кезде")])
def test_72_1_3_active_help_is_a_condition_of_the_parole_date_not_a_bar(
        lang: str, words: str) -> None:
    """72(1) ¶3: parole for a terrorist or extremist crime only if the convict «оказывает
    активное содействие …», in the present tense: judged on the day the court decides parole
    (UPK 476), not on the help recorded at the assessment. The propagandist of 2024 (256(2),
    grave, no active help recorded) serving seven years from 15.01.2026 is told parole after
    half, from 16.05.2029 (custody credited), on that condition, not that parole is closed."""
    case = _serving_propagandist(2024)
    case["person"]["disability_group"] = "none"  # not among the persons of 72(4)
    v = assess(parse_mapping(case), lang=lang)["variants"]["current"]
    assert (v["parole_after_fraction"], v["parole_condition"]) == ("1/2", "active_help")
    s = v["sentence"]
    assert (s["parole_eligible_on"], s["parole_condition"]) == ("2029-05-16", "active_help")
    assert any(words in reason for reason in s["because"]), s["because"]


def test_accompanying_relative_is_not_liable() -> None:
    v = _current("accompanied-relative-no-participation.yaml")
    assert v["criminal_liability"] == "excluded"
    assert v["options"]["imprisonment"]["status"] == "unavailable"


def test_unknown_war_crimes_are_listed_as_deciding() -> None:
    v = _current("172-unknown-facts.yaml")
    assert "episodes.0.war_crimes" in {d["fact"] for d in v["depends_on"]}
    assert _status(v, "164(1)") == "possible"


def test_older_act_uses_3_to_7_years() -> None:
    v = _current("172-2016-act-older-version.yaml")
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert q["statutory_range"]["max_months"] == 84 and q["law_version"] == "2015-01-01"
    # The 3-7 year text is read from a secondary source: the output carries that mark.
    assert q["confidence"].startswith("M") and q["reference"]["law"].startswith("Code of")


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "the version in force at the act (2025-05-14) applies (art. 5)"),
    ("ru", "применяется редакция, действовавшая на момент деяния (2025-05-14) (ст. 5)"),
    ("kk", "іс-әрекет жасалған кезде (2025-05-14) қолданыста болған редакция қолданылады "
           "(5-бап)")])
def test_the_law_in_force_at_the_act_governs_by_art_5_not_6(lang: str, said: str) -> None:
    """Art. 5: «Преступность и наказуемость деяния определяются законом, действовавшим во
    время совершения этого деяния». Art. 6(1) gives a later milder law retroactive force; it
    is not the provision that keeps the act's own version."""
    v = _current("172-attempt-stopped-at-border.yaml", lang=lang)
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert said in q["because"]
    assert not any("6(1)" in b or "ч. 1 ст. 6" in b or "6-баптың 1" in b for b in q["because"])


@pytest.mark.parametrize(("lang", "said", "not_said"), [
    ("en", "attempted to take part in the hostilities", "took part in the hostilities"),
    ("ru", "покушение на участие в военных действиях", "лицо принимало участие"),
    ("kk", "соғыс қимылдарына қатысуға оқталу", "соғыс қимылдарына қатысқан")])
def test_an_attempt_to_take_part_is_not_taking_part_art_24_3(lang: str, said: str,
                                                            not_said: str) -> None:
    """Art. 24(3): an attempt is action «непосредственно направленные на совершение
    преступления, если при этом преступление не было доведено до конца»; a man stopped at the
    border did not take part in the hostilities, and is charged under art. 172 «со ссылкой на
    соответствующую часть» of art. 24 (24(5))."""
    v = _current("172-attempt-stopped-at-border.yaml", lang=lang)
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert q["status"] == "applies"
    (reason,) = [b for b in q["because"] if said in b]
    assert "24" in reason and not any(b.startswith(not_said) for b in q["because"])
    findings = [f for f in q["because_findings"] if f["key"].endswith(".attempt")]
    assert findings


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "it turns on facts the case leaves unknown (Person: earlier convictions"),
    ("ru", "это зависит от фактов, не установленных в деле (Лицо: прежние судимости"),
    ("kk", "анықталмаған фактілерге байланысты (Тұлға: ")])
def test_an_option_left_open_names_the_unknown_facts_in_brackets(lang: str, said: str) -> None:
    """Release under art. 65 turns on whether the crime is a first one (previous convictions
    unknown): the row says so in one sentence, the facts' names in brackets, not after a
    second colon («не установлено: Лицо: прежние судимости»)."""
    v = _current("170-1-recruiter-of-unpaid-volunteers.yaml", lang=lang)
    because = v["options"]["release_from_liability"]["because"]
    (open_,) = [b for b in because if said in b]
    assert open_.count(":") == 2, open_  # «…не определено:» and the fact's own «Лицо:»


def test_reclassified_variant_makes_172_medium_gravity() -> None:
    result = assess(load_case(EXAMPLES / "172-state-army-voluntary-return.yaml"),
                    ["current", "reclassify-172-medium"])
    q = next(q for q in result["variants"]["reclassify-172-medium"]["qualifications"]
             if q["citation"] == "172")
    assert q["gravity"] == "medium" and q["statutory_range"]["max_months"] == 60


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_json_contract(path: Path) -> None:
    result = json.loads(json.dumps(assess(load_case(path))))
    assert result["schema"] == "qaitu.assessment/1"
    assert result["rulebook"]["hash"].startswith("sha256:")
    v = result["variants"]["current"]
    for key in ("qualifications", "options", "parole_after_fraction", "limitation",
                "depends_on", "trace"):
        assert key in v
    assert set(v["options"]) == {"release_from_liability", "release_from_punishment",
                                 "conditional_sentence", "restriction_of_freedom",
                                 "probation_control", "imprisonment", "deferral_of_sentence",
                                 "young_adult_as_minor"}
    for q in v["qualifications"]:
        assert q["status"] in ("applies", "excluded", "possible")
        assert q["because"] and all(re.search(r"\barts?\.", b) for b in q["because"])
    for step in v["trace"]:
        assert step["article"] and step["url"].startswith("https://") and step["version"]


def test_russian_reasons() -> None:
    v = _current("172-state-army-voluntary-return.yaml", lang="ru")
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert any("гражданином Республики Казахстан" in b for b in q["because"])


def test_bad_case_file_reports_every_problem_with_path_and_line() -> None:
    text = "schema: qaitu.case/1\nperson:\n  sex: mal\nepisodes:\n  - country: Ukraine\nbogus: 1\n"
    with pytest.raises(CaseError) as exc:
        parse_text(text, "bad.yaml")
    where = {(p.path, p.line) for p in exc.value.problems}
    assert ("person.sex", 3) in where and ("episodes.0.country", 5) in where
    assert ("bogus", 6) in where


def test_norway_code_is_not_a_boolean() -> None:
    case = parse_text("schema: qaitu.case/1\nperson:\n  citizenship: [KZ, NO]\n")
    assert case.person.citizenship == ["KZ", "NO"]


def test_missing_schema_is_explained() -> None:
    with pytest.raises(CaseError, match="schema: qaitu.case/1"):
        parse_mapping({"person": {}})


def test_guilty_plea_beside_an_especially_grave_crime_is_barred_for_the_set() -> None:
    """UPK 613: the 2023 art. 172 episode loses the 55(3) cap because the 2024 episode
    (art. 170(4), especially grave) bars a guilty-plea agreement for the whole set."""
    base = yaml.safe_load((EXAMPLES / "170-4-mercenary-deaths.yaml").read_text(encoding="utf-8"))
    army = dict(base["episodes"][0], start="2023-01-10", end="2023-05-01", deaths_caused=False,
                specially_recruited=False, formation={
                    "kind": "state_armed_forces", "state": "RU",
                    "recognized_terrorist_in_kz": False})
    base["episodes"] = [army, *base["episodes"]]
    base["proceedings"].update(plea_agreement="guilty_plea", plea_agreement_fulfilled=True,
                               accelerated_investigation=False)
    v = assess(parse_mapping(base))["variants"]["current"]
    q172 = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert q172["status"] == "applies" and q172["reachable_range"]["max_months"] == 108
    assert any("UPK art. 613" in b for b in q172["because"])
    # Art. 58(4): 9 + 20 years added, cut to 25; life stays possible through art. 170(4).
    assert v["cumulative"]["articles"] == ["58(4)"]
    assert v["cumulative"]["reachable_range"] == {"min_months": 180, "max_months": 300}
    assert any("final punishment is life" in b for b in v["cumulative"]["because"])
    alone = dict(base, episodes=[army])
    q = next(q for q in assess(parse_mapping(alone))["variants"]["current"]["qualifications"]
             if q["citation"] == "172")
    assert q["reachable_range"]["max_months"] == 54
    assert not any("UPK" in b for b in q["because"])


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_trace_steps_are_in_the_reader_s_language(lang: str) -> None:
    """Step names are translated; only a ground's code (after the colon) stays a code."""
    trace = _current("257-2-terrorist-organisation.yaml", lang=lang)["trace"]
    assert len(trace) > 10
    for step in trace:
        words = step["step"].split(":")[0]
        assert re.search("[а-яәіңғүұқөһ]", words, re.IGNORECASE), step["step"]
        assert not re.search("[a-z]{3,}", words), step["step"]


def test_custody_credit_follows_the_institution_and_marks_what_qaitu_assumed() -> None:
    """Art. 62(3) credits custody by the institution of art. 46(5): a man convicted of an
    especially grave crime for the first time serves in maximum security (one day for one); a
    woman in medium security (one and a half). What the facts do not say is marked M."""
    def custody(doc):
        trace = assess(parse_mapping(doc))["variants"]["current"]["trace"]
        institution, credit = trace[-2], trace[-1]
        assert (institution["article"], credit["article"], credit["part"]) == ("46", "62", "3")
        return institution, credit

    doc = yaml.safe_load((EXAMPLES / "170-4-mercenary-deaths.yaml").read_text())
    days = doc["proceedings"]["pretrial_detention_days"]
    institution, credit = custody(doc)
    assert institution["value"] == "maximum_security" and credit["value"] == days
    assert institution["confidence"] == credit["confidence"] == "H"
    doc["person"]["sex"] = "female"
    institution, credit = custody(doc)
    assert institution["value"] == "medium_security" and credit["value"] == 1.5 * days
    assert credit["confidence"] == "M"
    assert "Qaitu assumes no earlier term of imprisonment" in institution["step"]


def test_an_unverified_sanction_says_so_beside_the_range() -> None:
    """Law 28-VI restated art. 257's sanction; its 2015-2016 wording is not verified (L). A 2016
    act shows the 2017 range with a reason saying the law at the act may have been milder."""
    case = parse_mapping({
        "schema": "qaitu.case/1", "as_of": "2026-03-01",
        "person": {"birth_date": "1990-01-01", "citizenship": ["KZ"]},
        "episodes": [{"country": "SY", "start": "2015-02-01", "end": "2016-06-10",
                      "formation": {"kind": "terrorist_organization"}, "role": "combatant"}],
        "return": {"status": "returned", "date": "2016-09-09"}})
    for lang, words in (("ru", "не сверена с текстом закона (L)"), ("en", "not verified")):
        result = assess(case, lang=lang)
        q = next(q for q in result["variants"]["current"]["qualifications"]
                 if q["citation"] == "257(2)" and q["status"] == "applies")
        assert str(q["confidence"]).startswith("L")
        assert any(words in b for b in q["range_because"]), q["range_because"]


def test_a_judgment_before_the_2014_code_is_refused_with_the_field_named() -> None:
    """A judgment date before 1 January 2015 falls under the 1997 Code, which Qaitu does not
    encode: a clear problem at ``as_of``, not a crash in a parameter lookup."""
    case = load_case(EXAMPLES / "172-state-army-voluntary-return.yaml")
    with pytest.raises(CaseError) as refused:
        assess(case, as_of=dt.date(2014, 6, 1))
    (problem,) = refused.value.problems
    assert problem.path == "as_of" and "2015-01-01" in problem.message
    assert assess(case, as_of=dt.date(2015, 1, 1))["as_of"] == "2015-01-01"


def _reasons(v) -> str:
    return " ".join(b for q in v["qualifications"] for b in q["because"])


@pytest.mark.parametrize(("lang", "volunteers"), [
    ("en", "unpaid volunteers"), ("ru", "добровольцы без оплаты"), ("kk", "ақысыз еріктілер")])
def test_recruiter_of_unpaid_volunteers_is_not_170_1_but_172(lang: str, volunteers: str) -> None:
    """Art. 170(1): «Вербовка … наемника»; volunteers who were not to act «в целях получения
    материального вознаграждения или иной личной выгоды» are no mercenaries (art. 3(15)). The
    battalion member who recruited them took part: art. 172, with a conditional sentence open."""
    v = _current("170-1-recruiter-of-unpaid-volunteers.yaml", lang=lang)
    assert {q["citation"]: q["status"] for q in v["qualifications"]} == {
        "170(1)": "excluded", "170(2)": "excluded", "172": "applies"}
    assert v["options"]["conditional_sentence"]["status"] == "available"
    excluded = next(q for q in v["qualifications"] if q["citation"] == "170(1)")
    assert any(volunteers in b for b in excluded["because"])
    if lang != "en":
        assert "art." not in _reasons(v)


@pytest.mark.parametrize(("lang", "channel"), [
    ("en", "through telecommunications networks"),
    ("ru", "с использованием сетей телекоммуникаций"),
    ("kk", "телекоммуникациялар желілерін пайдалана отырып")])
def test_online_propagandist_is_256_2_without_membership(lang: str, channel: str) -> None:
    """Art. 256(2): propaganda of terrorism «с использованием … сетей телекоммуникаций», 7-12
    years; it displaces 256(1). No membership is needed, and a non-member propagandist does not
    take part in the group (257(2)) or in hostilities (172)."""
    v = _current("256-2-online-propagandist.yaml", lang=lang)
    statuses = {q["citation"]: q["status"] for q in v["qualifications"]}
    assert statuses["256(2)"] == "applies" and statuses["256(1)"] == "excluded"
    assert statuses["257(2)"] == "excluded" and statuses["172"] == "excluded"
    q = next(q for q in v["qualifications"] if q["citation"] == "256(2)")
    assert q["statutory_range"]["min_months"] == 84 and q["statutory_range"]["max_months"] == 144
    assert q["terrorist_crime"] is True and q["gravity"] == "grave"
    assert any(channel in b for b in q["because"])
    assert v["options"]["conditional_sentence"]["status"] == "unavailable"
    if lang != "en":
        assert "art." not in _reasons(v)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_state_army_soldier_with_unknown_training_has_no_260_and_no_doubt(lang: str) -> None:
    """Art. 260 is training «заведомо … направленной на приобретение умений и навыков
    совершения террористического или экстремистского преступления»; a state's army gives none.
    An unknown terrorist_training neither opens art. 260 nor makes the conditional sentence
    merely possible."""
    v = _current("260-state-army-unknown-training.yaml", lang=lang)
    assert {q["citation"]: q["status"] for q in v["qualifications"]} == {"172": "applies"}
    assert v["options"]["conditional_sentence"]["status"] == "available"
    assert not [d for d in v["depends_on"] if "terrorist_training" in d["fact"]]
    doc = yaml.safe_load((EXAMPLES / "260-state-army-unknown-training.yaml").read_text())
    doc["episodes"][0]["formation"]["kind"] = "non_state_armed_group"  # the same, elsewhere
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "260") == "possible"
    assert v["options"]["conditional_sentence"]["status"] == "possible"

def test_a_sentence_being_served_gets_every_date_the_law_sets_with_its_rule() -> None:
    """Whole case: six years for art. 172 from 2025-08-13 after 95 days in custody, under
    current law and under a variant that caps art. 172 at five years (art. 6(2))."""
    result = assess(load_case(EXAMPLES / "172-sentenced-serving.yaml"),
                    ["current", "reclassify-172-medium"])
    now = result["variants"]["current"]["sentence"]
    assert (now["credited_days"], now["ends_on"]) == (143, "2031-03-22")  # 62(3)(2): 1.5/day
    assert now["parole_eligible_on"] == "2028-03-23"  # half of a grave crime's term (72(3))
    assert now["milder_punishment_from"] == "2027-03-23"  # a third (73(2))
    assert now["record_cleared_on"] == "2037-03-23"  # six years after (79(3)(4))
    assert now["shortened_ends_on"] is None and now["depends_on"] == []
    assert now["rules"]["parole_eligible_on"]["cite"].startswith("72(3)")
    assert now["rules"]["parole_eligible_on"]["version"] == "2015-01-01"
    assert all(re.search(r"\(arts?\. ", reason) for reason in now["because"])
    milder = result["variants"]["reclassify-172-medium"]["sentence"]
    assert milder["serving_limit_months"] == 60
    assert milder["shortened_ends_on"] == "2030-03-22"
    assert milder["parole_eligible_on"] == "2026-11-23"  # a third of five years (medium)
    assert milder["record_cleared_on"] == "2033-03-23"  # three years after the new end


def _serving_for_deaths(act_year: int) -> dict:
    """``172-sentenced-serving`` with deaths in the facts (a grave crime connected with an
    attack on life, as Qaitu reads it), the act in ``act_year``, served from 2026."""
    doc = yaml.safe_load((EXAMPLES / "172-sentenced-serving.yaml").read_text())
    doc["episodes"][0].update(start=f"{act_year}-10-01", end=f"{act_year}-11-01",
                              deaths_caused=True)
    doc["return"]["date"] = f"{act_year}-11-20"
    doc["proceedings"]["sentence"]["start"] = "2026-01-10"
    return assess(parse_mapping(doc))["variants"]["current"]["sentence"]


def test_a_grave_crime_on_life_after_16_09_2025_is_replaced_after_half_in_the_2025_version(
        ) -> None:
    """Art. 73(2) as consolidated 16.09.2025: «половины срока наказания, назначенного за
    тяжкое преступление, связанное с посягательством на жизнь или здоровье человека»; the
    record of such a crime is spent after eight years (79(3)(5)). The reason says the half the
    rule used and the rules name the 2025 version; an act of 2024 keeps the third and the
    version of 2015 (art. 6(3))."""
    later, earlier = _serving_for_deaths(2025), _serving_for_deaths(2024)
    assert "after 1/2 of the term actually served" in " ".join(later["because"])
    assert "after 1/3 of the term actually served" in " ".join(earlier["because"])
    for name in ("milder_punishment_from", "record_cleared_on"):
        assert later["rules"][name]["version"] == "2025-09-16"
        assert earlier["rules"][name]["version"] == "2015-01-01"


def test_no_sentence_no_sentence_block_and_unknown_start_gives_depends_on() -> None:
    case = yaml.safe_load((EXAMPLES / "172-sentenced-serving.yaml").read_text())
    assert "sentence" not in _current("172-state-army-voluntary-return.yaml")
    del case["proceedings"]["sentence"]["start"]
    block = assess(parse_mapping(case))["variants"]["current"]["sentence"]
    assert block["ends_on"] is None and block["parole_eligible_on"] is None
    assert block["depends_on"] == ["needs Proceedings: start of the sentence"]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_sentence_reasons_in_the_reader_s_language(lang: str) -> None:
    block = assess(load_case(EXAMPLES / "172-sentenced-serving.yaml"),
                   lang=lang)["variants"]["current"]["sentence"]
    text = " ".join(block["because"])
    assert "art." not in text and "parole" not in text
    assert ("ст. 72" if lang == "ru" else "72-бап") in text

def test_unknown_reward_of_the_recruits_leaves_170_open_and_left_out_means_unknown() -> None:
    """recruited_for_reward is v1.1: written unknown or left out, it is unknown, and 170(2)
    turns on it (art. 3(15): «в целях получения материального вознаграждения»)."""
    doc = yaml.safe_load((EXAMPLES / "170-2-recruiter-of-a-minor.yaml").read_text())
    doc["legal_questions"]["pmc_is_party_armed_forces"] = False
    doc["episodes"][0]["recruited_for_reward"] = "unknown"
    unknown = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(unknown, "170(2)") == "possible"
    assert any(d["fact"] == "episodes.0.recruited_for_reward" for d in unknown["depends_on"])
    del doc["episodes"][0]["recruited_for_reward"]
    left_out = assess(parse_mapping(doc))["variants"]["current"]
    assert left_out["qualifications"] == unknown["qualifications"]
    assert left_out["depends_on"] == unknown["depends_on"]

def test_a_date_that_turns_on_an_unknown_fact_is_not_given_and_the_fact_is_named() -> None:
    """Without a birth date the person may have been under 18 at the act: parole after 1/3
    (art. 86(1)) or 1/2 (art. 72(3)) of the term; Qaitu gives no parole date and names the
    fact, while the end of the term, which does not turn on it, stays."""
    case = yaml.safe_load((EXAMPLES / "172-sentenced-serving.yaml").read_text())
    del case["person"]["birth_date"]
    block = assess(parse_mapping(case))["variants"]["current"]["sentence"]
    assert block["parole_eligible_on"] is None
    assert "needs Person: date of birth" in block["depends_on"]
    assert block["ends_on"] is not None


def test_a_mother_of_young_children_who_came_back_gets_the_general_part_s_humane_provisions(
        ) -> None:
    """Arts. 65(1) and 68(2)-(3) (release), 74(1) (deferral up to five years), 72(4)(2) (parole
    after a third of a term for a grave crime)."""
    v = _current("172-woman-with-children-voluntary-return.yaml")
    release = v["options"]["release_from_liability"]
    assert release["status"] == "available"
    assert release["grounds"] == ["art. 65(1)", "art. 68(2)-(3)"]
    deferral = v["options"]["deferral_of_sentence"]
    assert deferral["status"] == "available" and deferral["max_months"] == 60
    assert v["parole_after_fraction"] == "1/3"
    assert any("(art. 72(4))" in b for b in v["parole_because"])
    assert v["depends_on"] == []


@pytest.mark.parametrize(("lang", "deferral", "parole"), [
    ("ru", "до пяти лет", "ч. 4 ст. 72"), ("kk", "бес жылға дейін", "72-баптың 4-бөлігі")])
def test_the_mother_s_options_are_explained_in_russian_and_kazakh(lang: str, deferral: str,
                                                                   parole: str) -> None:
    v = assess(load_case(EXAMPLES / "172-woman-with-children-voluntary-return.yaml"),
               lang=lang)["variants"]["current"]
    assert any(deferral in b for b in v["options"]["deferral_of_sentence"]["because"])
    assert any(parole in b for b in v["parole_because"])


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "a woman with a young child (in the article's later version, or raising one)"),
    ("ru", "женщина, имеющая малолетнего ребенка (в последующей редакции статьи — или "
           "воспитывающая его)"),
    ("kk", "жас баласы бар (баптың кейінгі редакциясында — немесе оны тәрбиелеп отырған) "
           "әйелді")])
def test_art_68_2_names_a_woman_having_or_raising_a_young_child_as_consolidated_2025(
        lang: str, words: str) -> None:
    """68(2) as consolidated to 16.09.2025: «женщины, имеющие или воспитывающие малолетнего
    ребенка» (Kazakh: «жас баласы бар немесе оны тәрбиелеп отырған әйелдер»), where the earlier
    text has «имеющие малолетних детей»: the mother's release reason says both, in the words of
    each language's Code."""
    v = assess(load_case(EXAMPLES / "172-woman-with-children-voluntary-return.yaml"),
               lang=lang)["variants"]["current"]
    assert any(words in b for b in v["options"]["release_from_liability"]["because"])


def test_an_attempt_under_172_with_mitigation_is_capped_at_two_thirds_of_three_quarters() -> None:
    """Art. 55(7): the cap of 55(2) is taken of art. 56(3)'s maximum: 2/3 × 3/4 × 108 = 54."""
    v = _current("172-attempt-stopped-at-border.yaml")
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert q["reachable_range"] == {"min_months": 6, "max_months": 54,
                                    "exceptional_min_months": 6}
    assert any("(art. 55(7);" in b for b in q["because"])
    assert v["options"]["deferral_of_sentence"]["status"] == "unavailable"


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("art. 28", "art. 29(3)", "accomplice")),
    ("ru", ("ст. 28", "ч. 3 ст. 29", "со ссылкой на статью 28", "пособник")),
    ("kk", ("28-бап", "29-баптың 3-бөлігі", "28-бапқа сілтеме", "көмектесуші"))])
def test_an_accomplice_of_another_s_participation_answers_under_172_with_art_28(
        lang: str, words: tuple[str, ...]) -> None:
    """Art. 29(3): «Ответственность организатора, подстрекателя и пособника наступает по
    статье, предусматривающей наказание за совершенное деяние, со ссылкой на статью 28». A
    non-member who paid for another's journey took no part himself, yet art. 172 applies to
    him as an accomplice (art. 28(5)), and the reason says so in the reader's language."""
    v = _current("172-accomplice-paid-the-journey.yaml", lang=lang)
    assert _status(v, "172") == "applies"
    reasons = _reasons(v)
    assert all(w in reasons for w in words), reasons


def test_unknown_complicity_leaves_172_open_and_left_out_means_a_perpetrator() -> None:
    """complicity is an extension fact: written unknown, it is enumerated (perpetrator, who
    did not take part, against organiser, instigator, accomplice); left out, the person is
    taken for a perpetrator, as files before the fact read."""
    doc = yaml.safe_load((EXAMPLES / "172-accomplice-paid-the-journey.yaml").read_text())
    doc["episodes"][0]["complicity"] = "unknown"
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "172") == "possible"
    assert any(d["fact"] == "episodes.0.complicity" for d in v["depends_on"])
    del doc["episodes"][0]["complicity"]
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "172") == "excluded"
    doc["episodes"][0]["member_of_formation"] = True  # took part himself: complicity is moot
    doc["episodes"][0]["complicity"] = "unknown"
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "172") == "applies"
    assert not [d for d in v["depends_on"] if "complicity" in d["fact"]]


@pytest.mark.parametrize(("lang", "leader"), [
    ("en", "as a leader of a public association"),
    ("ru", "будучи лидером общественного объединения"),
    ("kk", "қоғамдық бірлестік лидері бола отырып")])
def test_a_leader_of_a_public_association_in_a_terrorist_group_is_257_3(lang: str,
                                                                        leader: str) -> None:
    """Art. 257(3): «Деяния, предусмотренные частями первой или второй настоящей статьи,
    совершенные … лидером общественного объединения» (12-15 years); unknown, 257(2) and 257(3)
    are both possible and the fact is named."""
    doc = yaml.safe_load((EXAMPLES / "257-2-terrorist-organisation.yaml").read_text())
    doc["episodes"][0]["leader_of_public_association"] = True
    v = assess(parse_mapping(doc), lang=lang)["variants"]["current"]
    assert _status(v, "257(3)") == "applies" and _status(v, "257(2)") == "excluded"
    q = next(q for q in v["qualifications"] if q["citation"] == "257(3)")
    assert (q["statutory_range"]["min_months"], q["statutory_range"]["max_months"]) == (144, 180)
    assert leader in _reasons(v)
    doc["episodes"][0]["leader_of_public_association"] = "unknown"
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "257(3)") == "possible" and _status(v, "257(2)") == "possible"
    assert any(d["fact"] == "episodes.0.leader_of_public_association" for d in v["depends_on"])


def test_propaganda_in_person_by_a_group_of_persons_is_256_2() -> None:
    """Art. 256(2): «либо группой лиц или группой лиц по предварительному сговору»: spread in
    person, propaganda by a group is 7-12 years; alone, 256(1) (5-9)."""
    doc = yaml.safe_load((EXAMPLES / "256-2-online-propagandist.yaml").read_text())
    doc["episodes"][0]["propaganda_channel"] = "in_person"
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "256(1)") == "applies" and _status(v, "256(2)") == "excluded"
    doc["episodes"][0]["by_group"] = True
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "256(2)") == "applies" and _status(v, "256(1)") == "excluded"
    assert "as a group of persons with or without prior agreement" in _reasons(v)


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "by restriction of freedom"), ("ru", "ограничением свободы"),
    ("kk", "бас бостандығын шектеумен")])
def test_a_term_for_a_crime_committed_under_18_is_replaced_after_a_quarter_under_art_87(
        lang: str, words: str) -> None:
    """Art. 87(1)(2): the rest of the term «заменяется судом ограничением свободы после
    фактического отбытия … одной четвертой срока наказания, назначенного судом за тяжкое
    преступление»: earlier than the adult's third under art. 73(2), and cited as art. 87."""
    case = yaml.safe_load((EXAMPLES / "172-sentenced-serving.yaml").read_text())
    adult = assess(parse_mapping(case))["variants"]["current"]["sentence"]
    case["person"]["birth_date"] = "2006-09-01"  # 17 at the act (2024-05-15)
    minor = assess(parse_mapping(case), lang=lang)["variants"]["current"]["sentence"]
    assert minor["rules"]["milder_punishment_from"]["cite"] == "87(1)"
    assert adult["rules"]["milder_punishment_from"]["cite"] == "73(2)"
    assert minor["milder_punishment_from"] < adult["milder_punishment_from"]
    assert any(words in b and "1/4" in b for b in minor["because"]), minor["because"]


def _minor_in_a_paramilitary_formation_at_home(previous_convictions: str) -> dict:
    """The 16-year-old of ``172-minor-at-act`` in an illegal paramilitary formation in
    Kazakhstan: art. 267(2), a crime of medium gravity, not 172."""
    case = yaml.safe_load((EXAMPLES / "172-minor-at-act.yaml").read_text(encoding="utf-8"))
    case["person"]["previous_convictions"] = previous_convictions
    case["episodes"][0]["country"] = "KZ"
    case["episodes"][0]["formation"].update(kind="non_state_armed_group", name="armed group",
                                            state=None)
    case["legal_questions"]["formation_is_illegal_paramilitary"] = True
    return case


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "may release from punishment"), ("ru", "может быть освобожден судом от наказания"),
    ("kk", "сот жазадан босатуы мүмкін")])
def test_a_minor_first_convicted_of_a_medium_crime_may_be_released_from_punishment_83_2(
        lang: str, words: str) -> None:
    """83(2): «Несовершеннолетний, впервые осужденный за совершение уголовного проступка или
    преступления небольшой или средней тяжести, может быть освобожден судом от наказания»."""
    v = assess(parse_mapping(_minor_in_a_paramilitary_formation_at_home("none")),
               lang=lang)["variants"]["current"]
    assert _status(v, "267(2)") == "applies" and _status(v, "172") == "excluded"
    option = v["options"]["release_from_punishment"]
    assert option["status"] == "available"
    assert [f["cite"] for f in option["because_findings"]] == ["83(2)"]
    assert words in option["because"][0]


def test_release_from_punishment_83_2_is_open_only_for_a_first_conviction() -> None:
    """«впервые осужденный»: an unspent earlier conviction closes it, an unknown one leaves it
    possible and names the fact; the grave crime of art. 172 closes it."""
    def option(case: dict) -> dict:
        return assess(parse_mapping(case))["variants"]["current"]

    v = option(_minor_in_a_paramilitary_formation_at_home("unspent"))
    assert v["options"]["release_from_punishment"]["status"] == "unavailable"
    v = option(_minor_in_a_paramilitary_formation_at_home("unknown"))
    assert v["options"]["release_from_punishment"]["status"] == "possible"
    assert {"fact": "person.previous_convictions",
            "changes": ["options.release_from_liability", "options.release_from_punishment"]
            } in v["depends_on"]
    v = _current("172-minor-at-act.yaml")
    assert v["options"]["release_from_punishment"]["status"] == "unavailable"


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("arts. 172 and 29(5)", "accomplice")), ("ru", ("ч. 5 ст. 29", "пособник")),
    ("kk", ("29-баптың 5-бөлігі", "көмектесуші"))])
def test_a_non_citizen_accomplice_of_a_citizen_s_participation_answers_under_172_art_29_5(
        lang: str, words: tuple[str, ...]) -> None:
    """Art. 29(5): «Лицо, не являющееся субъектом уголовного правонарушения, специально
    указанным в соответствующей статье Особенной части …, несет уголовную ответственность за
    данное уголовное правонарушение в качестве его организатора, подстрекателя либо
    пособника». Art. 172's subject is a citizen; a stateless resident who paid a citizen's
    journey answers under 172 as an accomplice, and the reason cites 29(5)."""
    v = _current("172-non-citizen-accomplice.yaml", lang=lang)
    assert _status(v, "172") == "applies"
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert q["because_findings"][0] == {
        "key": "element.kz_citizen.not_special_subject", "cite": "172, 29(5)",
        "values": q["because_findings"][0]["values"]}
    reasons = _reasons(v)
    assert all(w in reasons for w in words), reasons


def test_a_foreigner_s_complicity_abroad_is_out_of_reach_and_a_non_citizen_perpetrator_too(
        ) -> None:
    """29(5) charges one who is not the subject only as organiser, instigator or accomplice,
    and the Code reaches a foreigner not resident in Kazakhstan for an act abroad only in the
    cases of art. 8(4), which Qaitu does not read: art. 172 is excluded for both."""
    doc = yaml.safe_load((EXAMPLES / "172-non-citizen-accomplice.yaml").read_text())
    doc["person"].update(citizenship=["UZ"], stateless_resident_of_kz=False)
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "172") == "excluded"
    q = next(q for q in v["qualifications"] if q["citation"] == "172")
    assert q["because_findings"][0]["key"] == "element.kz_citizen.not_special_subject_not_reached"
    doc["person"].update(citizenship=[], stateless_resident_of_kz=True)
    doc["episodes"][0].update(member_of_formation=True, role="combatant")
    v = assess(parse_mapping(doc))["variants"]["current"]
    assert _status(v, "172") == "excluded"


def _minor_at_act_born(birth_date: str) -> dict:
    """The case of ``172-minor-at-act`` (acts from 20.05.2024) with another birth date."""
    case = yaml.safe_load((EXAMPLES / "172-minor-at-act.yaml").read_text(encoding="utf-8"))
    case["person"]["birth_date"] = birth_date
    return case


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "in exceptional cases"), ("ru", "в исключительных случаях"),
    ("kk", "айрықша жағдайларда")])
def test_a_person_of_18_to_21_at_the_act_may_in_exceptional_cases_be_treated_as_a_minor_90(
        lang: str, words: str) -> None:
    """90: «В исключительных случаях … суд может применить положения настоящего раздела к
    лицам, совершившим преступление в возрасте от восемнадцати до двадцати одного года»: 18 at
    the act (born 01.06.2005), the option is open only in exceptional cases."""
    v = assess(parse_mapping(_minor_at_act_born("2005-06-01")), lang=lang)["variants"]["current"]
    option = v["options"]["young_adult_as_minor"]
    assert option["status"] == "only_exceptional"
    assert [f["cite"] for f in option["because_findings"]] == ["90"]
    assert words in option["because"][0]


def test_art_90_reads_the_age_at_the_act_and_an_unknown_birth_date_leaves_it_possible() -> None:
    """«совершившим преступление в возрасте»: 21 at the act closes art. 90, as does being a
    minor (the section applies itself); an unknown birth date gives possible, not a guess, and
    names the fact."""
    def option(birth_date: str) -> dict:
        v = assess(parse_mapping(_minor_at_act_born(birth_date)))["variants"]["current"]
        return v

    assert option("2003-01-01")["options"]["young_adult_as_minor"]["status"] == "unavailable"
    assert option("2008-02-15")["options"]["young_adult_as_minor"]["status"] == "unavailable"
    v = option("unknown")
    assert v["options"]["young_adult_as_minor"]["status"] == "possible"
    assert any(d["fact"] == "person.birth_date" and "options.young_adult_as_minor" in d["changes"]
               for d in v["depends_on"])


def _raising_child_with_disability(value: object, year: int) -> dict:
    """The state-army returnee of the examples, no agreement and no other person of 72(4), whose
    episode ends on 20 October of ``year`` (back on 2 December); his
    ``person.raises_child_with_disability`` set to ``value``."""
    case = yaml.safe_load((EXAMPLES / "172-state-army-voluntary-return.yaml").read_text())
    case["person"] |= {"has_young_children": False, "raises_children_alone": False,
                       "children_under_3": False, "disability_group": "none",
                       "previous_convictions": "none", "raises_child_with_disability": value}
    case["episodes"][0]["end"] = dt.date(year, 10, 20)
    case["return"]["date"] = dt.date(year, 12, 2)
    case["proceedings"] |= {"plea_agreement": "none", "plea_agreement_fulfilled": False}
    return case


@pytest.mark.parametrize(("lang", "who"), [
    ("en", "a person raising a child with a disability"),
    ("ru", "лицо, воспитывающее ребенка с инвалидностью"),
    ("kk", "мүгедектігі бар баланы тәрбиелеп отырған адам")])
def test_a_person_raising_a_child_with_a_disability_gets_the_parole_share_of_72_4_from_2025(
        lang: str, who: str) -> None:
    """72(4) as consolidated to 16.09.2025: «лицам, воспитывающим ребенка с инвалидностью»
    — for art. 172, a grave crime, parole after a third instead of half (72(3)(2))."""
    v = assess(parse_mapping(_raising_child_with_disability(True, 2025)),
               lang=lang)["variants"]["current"]
    assert v["parole_after_fraction"] == "1/3"
    assert who in v["parole_because"][0]


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "a later version of the article on parole, in force from"),
    ("ru", "применяется последующая редакция статьи об условно-досрочном освобождении"),
    ("kk", "шартты түрде мерзімінен бұрын босату туралы баптың кейінгі редакциясы")])
def test_a_later_milder_art_72_reaches_an_act_of_2024_and_the_reasons_cite_art_6(
        lang: str, words: str) -> None:
    """Art. 6(1): a law «иным образом улучшающий положение лица … имеет обратную силу»: a
    person raising a child with a disability, act of 2024 assessed in 2026, gets 72(4)'s third
    (in force from 16.09.2025), and the parole reasons say which version and why."""
    v = assess(parse_mapping(_raising_child_with_disability(True, 2024)),
               lang=lang)["variants"]["current"]
    assert v["parole_after_fraction"] == "1/3"
    assert any(words in because for because in v["parole_because"]), v["parole_because"]


def _parole_rule(value: object, year: int) -> tuple[dict, list]:
    """The parole date's ``rules`` entry and the sentence's ``depends_on`` for
    :func:`_raising_child_with_disability`, sentenced to six years from 2026-01-10."""
    case = _raising_child_with_disability(value, year)
    case["proceedings"] |= {"stage": "serving", "sentence": {
        "type": "imprisonment", "months": 72, "start": dt.date(2026, 1, 10)}}
    block = assess(parse_mapping(case))["variants"]["current"]["sentence"]
    return block["rules"]["parole_eligible_on"], block["depends_on"]


def test_the_parole_date_names_the_version_of_art_72_it_applied_at_the_date_it_applied() -> None:
    """Art. 6(1) brings 72(4) as consolidated to 16.09.2025 («лицам, воспитывающим ребенка с
    инвалидностью») to an act of 2024: the parole date's rule names that version, not the one
    in force at the act; without such a child the act's own version (2015) applies and is
    named. With the fact unknown the two scenarios apply different versions: no version is
    named and the sentence says the fact decides it."""
    later, _ = _parole_rule(True, 2024)
    own, _ = _parole_rule(False, 2024)
    assert later["version"] == "2025-09-16"
    assert own["version"] == "2015-01-01"
    unknown, depends_on = _parole_rule("unknown", 2024)
    assert unknown["version"] is None
    assert "needs Person: raising a child with a disability (art. 72(4))" in depends_on


def _restriction_replacing_imprisonment(replaced: object, act_year: int) -> dict:
    """``172-sentenced-serving`` serving three years' restriction of freedom from 2026-01-10
    for an act in ``act_year``, ``proceedings.sentence.replaced_imprisonment`` set to
    ``replaced`` (None: left out)."""
    doc = yaml.safe_load((EXAMPLES / "172-sentenced-serving.yaml").read_text())
    doc["episodes"][0].update(start=f"{act_year}-10-01", end=f"{act_year}-11-01")
    doc["return"]["date"] = f"{act_year}-11-20"
    doc["proceedings"]["sentence"] = {"type": "restriction_of_freedom", "months": 36,
                                      "start": "2026-01-10"}
    if replaced is not None:
        doc["proceedings"]["sentence"]["replaced_imprisonment"] = replaced
    return assess(parse_mapping(doc))["variants"]["current"]["sentence"]


def test_72_8_6_no_parole_from_a_restriction_of_freedom_that_replaced_imprisonment() -> None:
    """72(8) as consolidated to 16.09.2025: «Условно-досрочное освобождение не применяется к
    лицам: … 6) осужденным, которым наказание в виде лишения свободы заменено на ограничение
    свободы в порядке статьи 73»: for an act of 2025 (after that day) no parole date, and the
    reason cites 72(8). An act of 2024 keeps parole (art. 6(3): a law that worsens the
    person's position «обратной силы не имеет»), and the reason says why."""
    barred = _restriction_replacing_imprisonment(True, 2025)
    assert barred["parole_eligible_on"] is None
    assert barred["rules"]["parole_eligible_on"]["cite"] == "72(1), 72(3), 72(8)"
    assert any("replaced imprisonment, and art. 72(8) bars parole" in b
               for b in barred["because"]), barred["because"]
    earlier = _restriction_replacing_imprisonment(True, 2024)
    assert earlier["parole_eligible_on"] == "2027-01-04"
    assert any("does not reach it (art. 6(3))" in b for b in earlier["because"])


def test_a_restriction_of_freedom_that_did_not_replace_imprisonment_keeps_parole_and_says_so(
        ) -> None:
    """72(8)(6) names only a restriction of freedom imposed «в порядке статьи 73»: where the
    case file says it was not, parole is open after 72(3)'s share, and the reason no longer
    says the case file is silent; left out, the date is the same and the reason says the bar
    may hold."""
    given = _restriction_replacing_imprisonment(False, 2025)
    silent = _restriction_replacing_imprisonment(None, 2025)
    assert given["parole_eligible_on"] == silent["parole_eligible_on"] == "2027-01-04"
    assert any("did not replace imprisonment" in b for b in given["because"])
    assert any("which the case file does not say" in b for b in silent["because"])


def _variant_lowering_55_2(tmp_path: Path) -> str:
    """A variant file under which 55(2)'s cap for a grave crime is one half from 2026-01-01."""
    spec = {"name": "milder-55", "title": {"en": "t"}, "author": "tests", "date": "2026-01-01",
            "status": "draft", "summary": {"en": "t"},
            "provisions": [{"id": "cap", "article": "55", "title": {"en": "t"}, "parameters": {
                "general_part.art_055_sentencing_limits.mitigation_cap.grave":
                    {"value": "1/2", "from": "2026-01-01"}}}]}
    path = tmp_path / "milder-55.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "these caps are of a later version of the article on sentencing"),
    ("ru", "эти пределы — по последующей редакции статьи о назначении наказания"),
    ("kk", "жаза тағайындау туралы баптың кейінгі редакциясы бойынша")])
def test_a_later_milder_art_55_cap_reaches_an_act_of_2024_and_the_range_cites_art_6(
        tmp_path: Path, lang: str, words: str) -> None:
    """Art. 6(1): a law «смягчающий … наказание … имеет обратную силу»: where a later 55(2)
    lowers the cap for a grave crime to one half, the state-army returnee of 2024 with a
    mitigating circumstance (no agreement) assessed in 2026 is capped at 54 months, not 72, and
    the range's reasons name the later version; under current law no reason speaks of one."""
    case = yaml.safe_load((EXAMPLES / "172-state-army-voluntary-return.yaml").read_text())
    case["proceedings"] |= {"plea_agreement": "none", "plea_agreement_fulfilled": False}
    result = assess(parse_mapping(case), ["current", _variant_lowering_55_2(tmp_path)],
                    lang=lang)["variants"]
    now, milder = (next(q for q in result[name]["qualifications"] if q["citation"] == "172")
                   for name in ("current", "milder-55"))
    assert now["reachable_range"]["max_months"] == 72
    assert not any(words in because for because in now["because"])
    assert milder["reachable_range"]["max_months"] == 54
    assert any(words in because and "2026" in because for because in milder["because"]), \
        milder["because"]


def _killing_in_terrorist_group(year: int) -> dict:
    """The member of a terrorist organisation of the examples (257(2)), a man, whose episode,
    in ``year``, includes an established killing of protected persons (164(2))."""
    case = yaml.safe_load((EXAMPLES / "257-2-terrorist-organisation.yaml").read_text())
    case["episodes"][0] |= {"start": dt.date(year, 1, 10), "end": dt.date(year, 10, 20),
                            "war_crimes": "established",
                            "war_crime_kind": "killing_protected_persons"}
    case["return"]["date"] = dt.date(year, 12, 2)
    return case


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "no parole for one convicted of intentionally causing a person's death in a criminal"),
    ("ru", "УДО не применяется к осужденному за умышленное причинение смерти человеку в составе"),
    ("kk", "қылмыстық топтың құрамында адамды қасақана өлтіргені үшін сотталған адамға")])
def test_art_72_8_5_closes_parole_for_a_killing_in_a_terrorist_group_from_16_09_2025(
        lang: str, words: str) -> None:
    """72(8)(5) as consolidated to 16.09.2025: «осужденным за умышленное причинение смерти
    человеку в составе преступной группы»: the parole reasons say so for a killing of 2025 and,
    art. 6(3), not for the same killing of 2024 (whose parole another limb of 72(8) closes)."""
    def because(year: int) -> list[str]:
        v = assess(parse_mapping(_killing_in_terrorist_group(year)),
                   lang=lang)["variants"]["current"]
        assert v["parole_after_fraction"] is None
        return v["parole_because"]

    assert any(words in reason for reason in because(2025)), because(2025)
    assert not any(words in reason for reason in because(2024))


def _serving_propagandist(year: int) -> dict:
    """The online propagandist of the examples (256(2), grave, no active help), whose episode
    ends in ``year``, serving seven years from 15.01.2026."""
    case = yaml.safe_load((EXAMPLES / "256-2-online-propagandist.yaml").read_text())
    case["episodes"][0] |= {"start": dt.date(year, 10, 1), "end": dt.date(year, 11, 30)}
    case["return"]["date"] = dt.date(year, 12, 10)
    case["as_of"] = dt.date(2026, 9, 1)
    case["proceedings"] |= {"stage": "serving", "sentence": {
        "type": "imprisonment", "months": 84, "start": dt.date(2026, 1, 15)}}
    return case


@pytest.mark.parametrize(("lang", "words", "met"), [
    ("en", "replacement from this day holds only if the convict then actively helps",
     "the condition appears met on the facts recorded"),
    ("ru", "замена с этой даты — лишь при условии, что осужденный в это время оказывает "
           "активное содействие", "по имеющимся данным условие выполняется"),
    ("kk", "осы күннен бастап ауыстыру сотталған адам сол кезде",
     "бар деректер бойынша шарт орындалады")])
def test_art_73_2_active_help_is_a_condition_of_the_replacement_date_for_a_crime_of_2025(
        lang: str, words: str, met: str) -> None:
    """73(2) as consolidated to 16.09.2025: for a terrorist or extremist crime without deaths
    the unserved part «может быть заменена судом более мягким видом наказания, если такое лицо
    оказывает активное содействие …», in the present tense, as 72(1) ¶3 for parole: judged on
    the day the court decides replacement, not on the help recorded at the assessment. The
    propagandist of 2025 without active help recorded is given the day (one third of a grave
    crime's term) on that condition, not told replacement is closed; with active cooperation
    recorded, the reason says the condition appears met on the facts recorded. Under art. 6(3)
    the same act of 2024 keeps 73(2) as it was, with no condition."""
    def sentence(year: int, cooperation: str | None = None) -> dict:
        case = _serving_propagandist(year)
        if cooperation:
            case["return"]["cooperation"] = cooperation
        return assess(parse_mapping(case), lang=lang)["variants"]["current"]["sentence"]

    of_2025 = sentence(2025)
    assert (of_2025["milder_punishment_from"], of_2025["replacement_condition"]) == (
        "2028-03-16", "active_help")
    said = [reason for reason in of_2025["because"] if words in reason]
    assert len(said) == 1 and met not in said[0], of_2025["because"]
    helps = sentence(2025, "active")
    assert helps["replacement_condition"] == "active_help"
    assert any(words in reason and met in reason for reason in helps["because"])
    of_2024 = sentence(2024)
    assert (of_2024["milder_punishment_from"], of_2024["replacement_condition"]) == (
        "2028-03-16", None)
    assert not any(words in reason for reason in of_2024["because"])


@pytest.mark.parametrize(("lang", "date", "condition"), [
    ("en", "16 Mar 2028", "only if the convict actively helps prevent, solve or investigate"),
    ("ru", "16 марта 2028 г.", "только при активном содействии в предотвращении, раскрытии"),
    ("kk", "2028 жылғы 16 наурыз", "тек террористік немесе экстремистік қылмыстарды")])
def test_art_73_2_every_rendering_of_the_replacement_date_says_its_condition(
        lang: str, date: str, condition: str) -> None:
    """The sentence rows (the CLI report, the memo and the web page share them) and the
    outcomes compared between variants give the day of replacement of the propagandist of 2025
    with the condition of active help of art. 73(2), not as a day it holds outright."""
    from qaitu.assessment.explain import sentence_rows
    from qaitu.assessment.memo import render_html
    from qaitu.assessment.outcomes import outcome_text, outcomes

    case = parse_mapping(_serving_propagandist(2025))
    result = assess(case, lang=lang)
    v = result["variants"]["current"]
    row = next(value for what, value, _ in sentence_rows(v["sentence"], lang)
               if value.startswith(date))
    assert row.startswith(f"{date}, {condition}"), row
    assert f"<strong>{date}, {condition}" in render_html(result, case.to_json(), lang=lang)
    key = ("sentence", "milder_punishment_from")
    assert outcomes(v)[key].value == ("2028-03-16", "active_help")
    assert outcome_text(key, outcomes(v)[key].value, lang).startswith(f"{date}, {condition}")


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "the court grants deferral of the sentence for up to five years"),
    ("ru", "суд предоставляет отсрочку исполнения наказания до пяти лет"),
    ("kk", "мерзімге кейінге қалдырады")])
def test_art_74_1_from_16_09_2025_the_court_grants_a_mother_deferral(lang: str,
                                                                       words: str) -> None:
    """74(1) as consolidated to 16.09.2025: «Осужденным женщинам, имеющим или воспитывающим
    малолетнего ребенка … суд предоставляет отсрочку исполнения наказания до пяти лет»; the
    woman with young children of the examples, assessed in 2026, is told the court grants it
    (art. 6(1): a milder law reaches her act of 2024), and assessed on 15.09.2025 that it may."""
    case = yaml.safe_load((EXAMPLES / "172-woman-with-children-voluntary-return.yaml")
                          .read_text())

    def because(as_of: dt.date) -> list[str]:
        case["as_of"] = as_of
        option = assess(parse_mapping(case), lang=lang)["variants"]["current"]["options"][
            "deferral_of_sentence"]
        assert option["status"] == "available"
        return option["because"]

    assert any(words in reason for reason in because(dt.date(2026, 3, 1)))
    assert not any(words in reason for reason in because(dt.date(2025, 9, 15)))


def test_art_74_1_from_16_09_2025_a_mother_s_deferral_is_mandatory_as_release_can_be() -> None:
    """74(1) as consolidated to 16.09.2025, «суд предоставляет отсрочку»: the deferral option
    says ``mandatory`` as release does, yes from that day (art. 6(1)), no the day before («может
    отсрочить») and no for a pregnant woman, whose deferral the court may still refuse."""
    case = yaml.safe_load((EXAMPLES / "172-woman-with-children-voluntary-return.yaml")
                          .read_text())

    def mandatory(as_of: str, **person: object) -> str:
        doc = {**case, "as_of": as_of, "person": {**case["person"], **person}}
        option = assess(parse_mapping(doc))["variants"]["current"]["options"][
            "deferral_of_sentence"]
        assert option["status"] in ("available", "possible")
        return option["mandatory"]

    assert mandatory("2026-03-01") == "yes"
    assert mandatory("2025-09-15") == "no"
    assert mandatory("2026-03-01", has_young_children=False, pregnant=True) == "no"
    assert mandatory("2026-03-01", has_young_children=None) == "possible"


def test_parole_from_restriction_of_freedom_says_art_72_8_6_is_not_known() -> None:
    """72(8)(6) as consolidated to 16.09.2025 bars parole for those «которым наказание в виде
    лишения свободы заменено на ограничение свободы в порядке статьи 73»; the case file does not
    say whether a restriction of freedom was such a replacement, so the parole date of one says
    the bar may hold, rather than stay silent."""
    case = yaml.safe_load((EXAMPLES / "172-sentenced-serving.yaml").read_text())
    case["proceedings"]["sentence"] |= {"type": "restriction_of_freedom", "months": 36}
    sentence = assess(parse_mapping(case))["variants"]["current"]["sentence"]
    assert sentence["parole_eligible_on"] is not None
    assert any("replaced imprisonment, which the case file does not say" in reason
               for reason in sentence["because"])


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "needs the day the fine is paid"), ("ru", "требуется дата уплаты штрафа"),
    ("kk", "айыппұл төленген күн қажет")])
def test_a_fine_s_record_waits_for_the_day_it_is_paid_in_the_reader_s_words(
        lang: str, words: str) -> None:
    """79(3)(2): a record is spent «по фактическому отбытию наказания», for a fine the day it is
    paid, which no case file holds: ``depends_on`` says so in the reader's language (it was an
    English phrase in every language)."""
    case = yaml.safe_load((EXAMPLES / "172-sentenced-serving.yaml").read_text())
    case["proceedings"]["sentence"] = {"type": "fine", "start": dt.date(2025, 8, 13)}
    sentence = assess(parse_mapping(case), lang=lang)["variants"]["current"]["sentence"]
    assert sentence["record_cleared_on"] is None
    assert any(words in d for d in sentence["depends_on"]), sentence["depends_on"]


def test_an_act_of_2024_assessed_before_16_09_2025_keeps_art_72_then_in_force() -> None:
    """Art. 6(1) reaches only a version in force by the assessment: assessed on 15.09.2025 the
    same person keeps the half of 72(3)(2), and no reason speaks of a later version."""
    case = _raising_child_with_disability(True, 2024)
    case["as_of"] = dt.date(2025, 9, 15)
    v = assess(parse_mapping(case))["variants"]["current"]
    assert v["parole_after_fraction"] == "1/2"
    assert not any("later version" in because for because in v["parole_because"])


def test_raising_a_child_with_a_disability_unknown_decides_parole_only_from_16_09_2025() -> None:
    """Left out the fact is false (an extension); written unknown, both outcomes are weighed,
    and it decides the parole share only where 72(4)'s version of 16.09.2025 is in force by the
    assessment (an earlier act reaches it through art. 6(1))."""
    def current(value: object, year: int, as_of: dt.date | None = None) -> dict:
        case = _raising_child_with_disability(value, year)
        case["as_of"] = as_of or case["as_of"]
        return assess(parse_mapping(case))["variants"]["current"]

    fact = {"fact": "person.raises_child_with_disability", "changes": ["parole_after_fraction"]}
    assert fact in current("unknown", 2025)["depends_on"]
    assert fact in current("unknown", 2024)["depends_on"]
    assert current("unknown", 2024, dt.date(2025, 9, 15))["depends_on"] == []
    assert current(False, 2025)["parole_after_fraction"] == "1/2"
    case = _raising_child_with_disability(False, 2025)
    del case["person"]["raises_child_with_disability"]
    assert assess(parse_mapping(case))["variants"]["current"]["parole_after_fraction"] == "1/2"


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "its later version releases only after a cooperation agreement"),
    ("ru", "последующая редакция освобождает только при соглашении о сотрудничестве"),
    ("kk", "баптың кейінгі редакциясы тек ынтымақтастық туралы процестік келісім бойынша")])
def test_a_guilty_plea_agreement_for_an_act_of_2024_releases_under_the_earlier_art_67_only(
        lang: str, words: str) -> None:
    """Art. 67(1) as consolidated 16.09.2025 releases only «Лицо, выполнившее все условия
    процессуального соглашения о сотрудничестве»; a guilty-plea agreement for an act of 2024
    keeps the court's power to release of the earlier version (art. 6(3)), and the reason says
    both, cited to 67(1) and 6(3). Judged the day before, the earlier version is the law in
    force and the plain reason stands."""
    doc = yaml.safe_load((EXAMPLES / "172-state-army-voluntary-return.yaml").read_text())
    doc["proceedings"].update(plea_agreement="guilty_plea", plea_agreement_fulfilled=True)
    option = assess(parse_mapping(doc), lang=lang)["variants"]["current"]["options"][
        "release_from_liability"]
    assert any(words in b for b in option["because"]), option["because"]
    assert [f["cite"] for f in option["because_findings"]
            if f["key"].endswith("plea_agreement_earlier_law")] == ["67(1), 6(3)"]
    doc["as_of"] = "2025-09-15"
    option = assess(parse_mapping(doc))["variants"]["current"]["options"][
        "release_from_liability"]
    assert [f["key"] for f in option["because_findings"]
            if "agreement" in f["key"]] == ["option.release_from_liability.procedural_agreement"]
