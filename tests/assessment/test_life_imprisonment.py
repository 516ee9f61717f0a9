"""Life imprisonment as a sentence (``proceedings.sentence.type: life_imprisonment``): the dates
arts. 46, 62, 72(6), 72(8), 73 and 79 set for it.

A case Qaitu assesses can end in a life sentence: art. 170(4) («наказываются лишением свободы на
срок от пятнадцати до двадцати лет … либо пожизненным лишением свободы», Law 28-VI) and art.
164(2) carry it, for a man under 63 at the judgment who was 18 at the act (46(4): «Пожизненное
лишение свободы не назначается лицам, совершившим преступление в возрасте до восемнадцати
лет, женщинам, мужчинам в возрасте шестидесяти трех и свыше лет»).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from qaitu.assessment import assess
from qaitu.assessment.casefile import parse_mapping
from qaitu.cli import app

EXAMPLES = Path(__file__).parents[2] / "examples"


def _killing_of_protected_persons(act: str = "2024-11-20", **sentence: Any) -> dict:
    """``164-war-crimes-established`` made a killing of protected persons (164(2), life in
    its sanction) by a man of 34 with no mitigating circumstance, so that nothing caps the
    term (arts. 55-56), serving a life sentence from 2025-06-01 after 95 days in custody;
    the act's last day ``act``; ``sentence`` adds to or overrides the sentence's fields."""
    doc = yaml.safe_load((EXAMPLES / "164-war-crimes-established.yaml").read_text())
    doc["episodes"][0].update(war_crime_kind="killing_protected_persons", end=act)
    doc["return"].update(date=act, self_reported=False, cooperation="none")
    doc["person"]["has_young_children"] = False
    doc["proceedings"].update(stage="serving", plea_agreement="none",
                              plea_agreement_fulfilled=False, damage_repaired=False,
                              sentence={"type": "life_imprisonment", "start": "2025-06-01",
                                        **sentence})
    doc["circumstances"] = {"mitigating": [], "aggravating": []}
    return doc


def _sentence(doc: dict, as_of: str = "2026-03-01", lang: str = "en") -> dict:
    doc = {**doc, "as_of": as_of}
    return assess(parse_mapping(doc), lang=lang)["variants"]["current"]["sentence"]


def test_72_6_parole_from_life_after_twenty_five_years_actually_served_custody_counted(
        ) -> None:
    """72(6): «Лицо, отбывающее назначенное судом пожизненное лишение свободы, может быть
    освобождено условно-досрочно, если … фактически отбыло не менее двадцати пяти лет лишения
    свободы»: from 2025-06-01, less the 95 days in custody credited one for one (62(3)(1):
    «один день отбывания наказания в виде лишения свободы в учреждении … чрезвычайной …
    безопасности», where 46(5)(4) sends a life sentence), parole from 2050-02-26. A life
    sentence has no end (46(3): «пожизненно»), no replacement by a milder punishment (73(1)
    reaches minor, medium and grave crimes), and no day the record is spent before a release."""
    s = _sentence(_killing_of_protected_persons())
    assert s["credited_days"] == 95
    assert s["parole_eligible_on"] == "2050-02-26"
    assert s["rules"]["parole_eligible_on"]["cite"] == "72(6), 72(8)"
    assert s["ends_on"] is s["milder_punishment_from"] is s["record_cleared_on"] is None
    assert any("a life sentence has no end" in b for b in s["because"])
    assert any("once 25 years of the life sentence are actually served" in b
               for b in s["because"]), s["because"]


def test_72_6_fifteen_years_after_a_fulfilled_procedural_agreement() -> None:
    """72(6), second sentence: «В случае если лицо, отбывающее назначенное судом пожизненное
    лишение свободы, выполнило все условия процессуального соглашения, оно может быть
    освобождено условно-досрочно после фактического отбытия не менее пятнадцати лет»."""
    doc = _killing_of_protected_persons()
    doc["proceedings"].update(plea_agreement="cooperation", plea_agreement_fulfilled=True)
    s = _sentence(doc)
    assert s["parole_eligible_on"] == "2040-02-26"


@pytest.mark.parametrize("fact", ["earlier_life_parole", "new_crime_serving_life"])
def test_72_8_7_and_8_close_parole_from_life_for_an_act_from_16_09_2025(fact: str) -> None:
    """72(8) as consolidated to 16.09.2025: «Условно-досрочное освобождение не применяется к
    лицам: … 7) ранее условно-досрочно освобожденным от отбывания наказания в виде пожизненного
    лишения свободы; 8) совершившим в период отбывания пожизненного лишения свободы новое
    тяжкое или особо тяжкое преступление». For an act of November 2025 no parole date, and the
    reason names the bar; for an act of 2024 the harsher item does not reach it (art. 6(3):
    a law that worsens the person's position «обратной силы не имеет») and the reason says so."""
    barred = _sentence(_killing_of_protected_persons("2025-11-20", **{fact: True}),
                       as_of="2026-06-01")
    assert barred["parole_eligible_on"] is None
    assert barred["rules"]["parole_eligible_on"]["rule"] == "parole_life_barred"
    assert any("and art. 72(8) closes parole then" in b for b in barred["because"])
    earlier = _sentence(_killing_of_protected_persons("2024-11-20", **{fact: True}))
    assert earlier["parole_eligible_on"] == "2050-02-26"
    assert any("does not reach it (art. 6(3))" in b for b in earlier["because"])


def test_a_life_sentence_whose_bars_the_case_file_rules_out_says_so_and_left_out_says_they_may_hold(
        ) -> None:
    """With both facts of 72(8)(7)-(8) given false the reason says neither bar holds; with
    them left out the date is the same, and the reason says the case file does not say."""
    given = _sentence(_killing_of_protected_persons(
        "2025-11-20", earlier_life_parole=False, new_crime_serving_life=False),
        as_of="2026-06-01")
    silent = _sentence(_killing_of_protected_persons("2025-11-20"), as_of="2026-06-01")
    assert given["parole_eligible_on"] == silent["parole_eligible_on"] == "2050-02-26"
    assert any("was not earlier paroled from life imprisonment" in b for b in given["because"])
    assert any("which the case file does not say" in b for b in silent["because"])


def test_72_8_7_reaches_imprisonment_for_a_term_too() -> None:
    """72(8)(7) speaks of the person («ранее условно-досрочно освобожденным от отбывания
    наказания в виде пожизненного лишения свободы»), whatever the sentence now served: the
    ``172-sentenced-serving`` convict with an act of 2025 and that fact has no parole date."""
    doc = yaml.safe_load((EXAMPLES / "172-sentenced-serving.yaml").read_text())
    before = assess(parse_mapping(doc))["variants"]["current"]["sentence"]
    assert before["parole_eligible_on"] is not None
    doc["episodes"][0].update(start="2025-10-01", end="2025-11-01")
    doc["return"]["date"] = "2025-11-20"
    doc["proceedings"]["sentence"].update(start="2026-01-10", earlier_life_parole=True)
    s = assess(parse_mapping(doc))["variants"]["current"]["sentence"]
    assert s["parole_eligible_on"] is None
    assert s["rules"]["parole_eligible_on"]["cite"] == "72(3), 72(4), 72(5), 72(8)"


def test_a_life_sentence_for_a_terrorist_crime_with_deaths_has_no_parole() -> None:
    """170(4), a terrorist crime, with deaths: 72(8)(2) «осужденным за террористическое или
    экстремистское преступление, повлекшее гибель людей» bars parole from life too."""
    doc = yaml.safe_load((EXAMPLES / "170-4-mercenary-deaths.yaml").read_text())
    doc["proceedings"].update(stage="serving",
                              sentence={"type": "life_imprisonment", "start": "2025-06-01"})
    s = assess(parse_mapping(doc))["variants"]["current"]["sentence"]
    assert s["credited_days"] == 200
    assert s["parole_eligible_on"] is None
    assert any("no parole for a terrorist or extremist crime that caused deaths" in b
               for b in s["because"]), s["because"]


@pytest.mark.parametrize(("change", "lang", "words"), [
    ({"person": {"sex": "female"}}, "en", "life imprisonment cannot be imposed in this case"),
    ({"person": {"sex": "female"}}, "ru", "пожизненное лишение свободы по этому делу назначено "
                                          "быть не может"),
    ({"episodes": [{"war_crime_kind": "laws_of_war"}]}, "kk",
     "бұл іс бойынша өмір бойына бас бостандығынан айыру тағайындалуы мүмкін емес")])
def test_a_life_sentence_the_law_cannot_give_the_case_is_not_dated(change: dict, lang: str,
                                                                   words: str) -> None:
    """46(4): life imprisonment «не назначается … женщинам»; and 164(1) carries none: a life
    sentence recorded for such a case is not dated (no parole from 25 years of a sentence the
    law does not allow), and the reason says why, citing 46(4)."""
    doc = _killing_of_protected_persons()
    for key, value in change.items():
        if key == "episodes":
            doc["episodes"][0].update(value[0])
        else:
            doc[key].update(value)
    s = _sentence(doc, lang=lang)
    assert all(s[k] is None for k in ("credited_days", "ends_on", "parole_eligible_on"))
    assert s["rules"]["ends_on"]["rule"] == "life_not_possible"
    assert "46(4)" in s["rules"]["ends_on"]["cite"]
    assert any(words in b for b in s["because"]), s["because"]


def test_a_life_sentence_with_a_term_in_months_is_refused_naming_the_field(
        tmp_path: Path) -> None:
    """46(3): life imprisonment is «пожизненно»; a file that gives it a term in months is
    refused with the field and its line, not dated from the term (CLI exit status 2)."""
    doc = _killing_of_protected_persons(months=300)
    path = tmp_path / "life-months.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    r = CliRunner().invoke(app, ["assess", str(path), "--lang", "en"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    said = " ".join(r.output.split())
    assert "proceedings.sentence" in said and "a life sentence has no term in months" in said


@pytest.mark.parametrize(("lang", "heading"), [
    ("en", "life imprisonment, for life"), ("ru", "пожизненное лишение свободы, пожизненно"),
    ("kk", "өмір бойына бас бостандығынан айыру, өмір бойына")])
def test_the_sentence_heading_names_life_imprisonment_in_each_language(lang: str,
                                                                       heading: str) -> None:
    from qaitu.assessment.explain import sentence_heading

    assert heading in sentence_heading(_sentence(_killing_of_protected_persons()), lang)


def test_72_2_ten_years_of_probation_control_after_parole_from_life() -> None:
    """72(2) as consolidated to 16.09.2025: «В случае условно-досрочного освобождения от
    отбывания наказания лица, осужденного к пожизненному лишению свободы, пробационный контроль
    устанавливается сроком на десять лет». The 2019 text set control «в течение оставшейся
    неотбытой части наказания», no term of its own; the fixed term, milder, is the one in force
    on the day parole may first be granted (2050), though the act (2024) came before it."""
    s = _sentence(_killing_of_protected_persons())
    assert s["parole_probation_months"] == 120
    rule = s["rules"]["parole_probation_months"]
    assert (rule["cite"], rule["version"]) == ("72(2)", "2025-09-16")
    assert any("probation control is set for 10 years" in b for b in s["because"])
    ru = _sentence(_killing_of_protected_persons(), lang="ru")
    assert any("пробационный контроль сроком на 10 лет" in b for b in ru["because"])


def test_no_term_of_probation_control_where_parole_from_life_is_closed() -> None:
    """72(8)(7): parole closed for a convict earlier paroled from life imprisonment (an act
    from 16.09.2025): no parole date, so no term of control after it, and the reason says so."""
    s = _sentence(_killing_of_protected_persons("2025-10-01", earlier_life_parole=True))
    assert s["parole_eligible_on"] is None and s["parole_probation_months"] is None
    assert any("no term of probation control after parole" in b for b in s["because"])
