"""The stage of proceedings: once the court has passed sentence, the options it chose in the
sentence are shown as the law allows them but marked decided, and why is said once for them all
(``options_decided``); deferral of serving (art. 74), which the court may still grant after the
sentence (UPK 475(3)), says that instead. Before judgment, or with the stage unknown, nothing
changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from qaitu.assessment import assess, evaluate
from qaitu.assessment.casefile import parse_mapping
from qaitu.assessment.memo import render_html
from qaitu.assessment.outputs import OPTIONS
from qaitu.cli import app

SERVING = Path(__file__).parents[2] / "examples" / "172-sentenced-serving.yaml"
CHOSEN_AT_JUDGMENT = [o for o in OPTIONS if o != "deferral_of_sentence"]


def _facts(stage: str, **sentence: Any) -> dict[str, Any]:
    facts = yaml.safe_load(SERVING.read_text(encoding="utf-8"))
    facts["proceedings"]["stage"] = stage
    facts["proceedings"]["sentence"].update(sentence)
    return facts


def _options(stage: str, **sentence: Any) -> dict[str, Any]:
    found = evaluate(parse_mapping(_facts(stage, **sentence)))
    return found["variants"]["current"]["options"]


def _first(option: dict[str, Any]) -> str:
    return option["because"][0]["$reason"]


def _entry(stage: str, **sentence: Any) -> dict[str, Any]:
    return evaluate(parse_mapping(_facts(stage, **sentence)))["variants"]["current"]


def test_the_options_of_a_case_at_stage_serving_are_marked_decided() -> None:
    entry = _entry("serving")
    for name in CHOSEN_AT_JUDGMENT:
        assert entry["options"][name]["decided"] is True, name
    [why] = entry["options_decided"]["because"]
    assert why["$reason"] == "option.decided"
    assert why["values"]["stage"] == {"$label": "stage", "code": "serving"}


def test_why_the_sentence_decided_the_options_is_said_once_not_in_each_option() -> None:
    for name, option in _entry("serving")["options"].items():
        assert all(r["$reason"] != "option.decided" for r in option["because"]), name


def test_deferral_of_serving_stays_open_after_the_sentence() -> None:
    """UPK 475(3): deferral not decided in the sentence is decided by the court after it, so
    while imprisonment is being served it is not marked decided, and its first reason says
    the court may still decide it (a woman with young children: art. 74(1) reaches her)."""
    facts = _facts("serving")
    facts["person"] |= {"sex": "female", "has_young_children": True}
    deferral = evaluate(parse_mapping(facts))["variants"]["current"]["options"][
        "deferral_of_sentence"]
    assert deferral["status"] == "available" and "decided" not in deferral
    assert _first(deferral) == "option.deferral_of_sentence.after_sentence"
    assert deferral["because"][0]["cite"] == "UPK 475(1)(2), UPK 475(3)"


def test_a_deferral_the_law_does_not_allow_is_not_said_to_be_still_open_after_sentence(
        ) -> None:
    """The man serving six years is none of those art. 74(1) names: his deferral is
    unavailable, and its reasons say why, not that the court may still decide it."""
    deferral = _options("serving")["deferral_of_sentence"]
    assert deferral["status"] == "unavailable" and "decided" not in deferral
    assert all(r["$reason"] != "option.deferral_of_sentence.after_sentence"
               for r in deferral["because"])


def test_the_decided_reason_names_what_the_executing_court_still_decides() -> None:
    """Parole, replacement by a milder punishment (arts. 72, 73, 87) and the like are decided
    while the sentence is served by the court executing it (UPK 476), not only on appeal or
    review: the reason says so, citing it."""
    [why] = _entry("serving")["options_decided"]["because"]
    assert why["values"]["execution"] == {"$cite": "UPK 476"}
    assert why["values"]["review"] == {"$cite": "UPK 470(1), UPK 484(1)"}


def test_at_stage_trial_no_option_is_marked_decided() -> None:
    trial, serving = _entry("trial"), _options("serving")
    assert "options_decided" not in trial
    for name in OPTIONS:
        assert "decided" not in trial["options"][name], name
        # the status is what the law allows at judgment either way
        assert trial["options"][name]["status"] == serving[name]["status"], name
    for name in CHOSEN_AT_JUDGMENT:
        assert serving[name]["because"] == trial["options"][name]["because"], name


def test_an_unknown_stage_without_a_sentence_changes_nothing() -> None:
    """The stage is not a fact any rule reads: unknown, it is not enumerated, and without a
    sentence on file the result is the one before judgment."""
    def entry(stage: str) -> dict[str, Any]:
        facts = _facts(stage)
        del facts["proceedings"]["sentence"]
        return evaluate(parse_mapping(facts))["variants"]["current"]

    unknown, trial = entry("unknown"), entry("trial")
    assert unknown == trial
    assert unknown["scenarios"]["count"] == 1
    assert "options_decided" not in unknown


@pytest.mark.parametrize("stage", ["unknown", None])
def test_a_sentence_on_file_without_a_stage_is_a_sentence_passed(stage: str | None) -> None:
    """The case file holds ``proceedings.sentence`` only once sentenced (UPK 390, 393): with
    the stage left out or unknown, the sentence is passed and the stage is one of sentenced,
    serving or released. The options every such stage settles are marked decided, the reason
    saying the stage is not given; deferral of serving (art. 74), open while imprisonment is to
    be served (UPK 475(3)) but settled once released, is not marked decided, and its reason
    says it is open only if the person is not yet released. The stage is still not enumerated.
    """
    facts = _facts("serving")
    facts["person"] |= {"sex": "female", "has_young_children": True}
    serving = evaluate(parse_mapping(facts))["variants"]["current"]
    if stage is None:
        del facts["proceedings"]["stage"]
    else:
        facts["proceedings"]["stage"] = stage
    entry = evaluate(parse_mapping(facts))["variants"]["current"]
    for name in CHOSEN_AT_JUDGMENT:
        assert entry["options"][name]["decided"] is True, name
    [why] = entry["options_decided"]["because"]
    assert why["$reason"] == "option.decided"
    assert why["values"]["stage"]["$reason"] == "option.stage_not_given"
    deferral = entry["options"]["deferral_of_sentence"]
    assert deferral["status"] == "available" and "decided" not in deferral
    assert _first(deferral) == "option.deferral_of_sentence.after_sentence_unless_released"
    assert entry["scenarios"] == serving["scenarios"]


def test_a_conditional_sentence_on_file_without_a_stage_leaves_no_deferral() -> None:
    """Deferral of a conditional sentence is settled at every stage after the sentence (UPK
    475(1): nothing to serve), so with the stage unknown it is marked decided too."""
    facts = _facts("unknown", type="conditional", months=36)
    deferral = evaluate(parse_mapping(facts))["variants"]["current"]["options"][
        "deferral_of_sentence"]
    assert deferral["decided"] is True


def test_a_stage_before_judgment_beside_a_sentence_on_file_is_taken_as_stated() -> None:
    """A stage the file states is the case's own: at trial beside a sentence on file (a retrial
    after the sentence was quashed), no option is marked decided."""
    entry = _entry("trial")
    assert "options_decided" not in entry
    assert not any("decided" in o for o in entry["options"].values())


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "(stage: not given; a sentence is on file, the stage after it is not known)"),
    ("ru", "(стадия: не указана; в деле есть приговор, стадия после него неизвестна)"),
    ("kk", "(сатысы: көрсетілмеген; істе үкім бар, одан кейінгі сатысы белгісіз)")])
def test_the_reason_says_the_stage_is_not_given_in_each_language(lang: str, said: str) -> None:
    [why] = assess(parse_mapping(_facts("unknown")), lang=lang)["variants"]["current"][
        "options_decided"]["because"]
    assert said in why, why


def test_once_released_deferral_of_serving_is_decided_too() -> None:
    entry = _entry("released")
    assert all(entry["options"][name]["decided"] is True for name in OPTIONS)
    assert _first(entry["options"]["deferral_of_sentence"]) == (
        "option.deferral_of_sentence.released")
    assert entry["options_decided"]["because"][0]["$reason"] == "option.decided"


def test_a_conditional_sentence_leaves_no_serving_to_defer() -> None:
    """UPK 475(1) defers a sentence of community or correctional work, restriction of freedom
    or imprisonment; a conditional sentence is not served, so its deferral is decided."""
    deferral = _options("sentenced", type="conditional", months=36)["deferral_of_sentence"]
    assert deferral["decided"] is True
    assert _first(deferral) != "option.deferral_of_sentence.after_sentence"


@pytest.mark.parametrize(("lang", "first", "mark"), [
    ("en", "the court has already passed sentence (stage: serving sentence): the options marked "
           "decided were chosen in the sentence (UPK art. 390(1) and UPK art. 393(2))",
     "decided (sentence passed)"),
    ("ru", "суд уже вынес приговор (стадия: отбывает наказание): вопрос о мерах, отмеченных как "
           "решённые, решён в приговоре (ч. 1 ст. 390 УПК и ч. 2 ст. 393 УПК)",
     "решено (приговор вынесен)"),
    ("kk", "сот үкім шығарып қойған (сатысы: жазасын өтеуде): шешілген деп белгіленген шаралар "
           "туралы мәселе үкімде шешілген (ҚПК 390-баптың 1-бөлігі және ҚПК 393-баптың "
           "2-бөлігі)", "шешілген (үкім шығарылған)")])
def test_the_decided_reason_and_mark_are_said_in_each_language(lang: str, first: str,
                                                               mark: str) -> None:
    """The reason is said once above the options, and the memo marks each option decided
    beside its status."""
    facts = _facts("serving")
    result = assess(parse_mapping(facts), lang=lang)
    said = result["variants"]["current"]["options_decided"]
    assert said["because"][0].startswith(first)
    assert said["because_findings"][0]["key"] == "option.decided"
    html = render_html(result, facts, lang=lang)
    assert html.count(f'<span class="decided">{mark}</span>') == len(CHOSEN_AT_JUDGMENT)
    assert html.count(first) == 1
    trial = _facts("trial")
    assert 'class="decided"' not in render_html(assess(parse_mapping(trial), lang=lang), trial,
                                                lang=lang)


@pytest.mark.parametrize(("example", "marked"), [("172-sentenced-serving", 7 + 1),
                                                 ("172-state-army-voluntary-return", 0)])
def test_the_text_report_marks_each_decided_option(example: str, marked: int) -> None:
    """Stage serving: the seven options chosen at judgment are marked under their status in
    the text report, and the note above the table that says why begins with the mark;
    stage trial: none."""
    out = CliRunner().invoke(app, ["assess", str(SERVING.parent / f"{example}.yaml"),
                                   "--lang", "ru"], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert out.stdout.count("решено (приговор вынесен)") == marked


TERRORIST = SERVING.parent / "257-2-terrorist-organisation.yaml"


def _mother_sentenced(months: int | None) -> dict[str, Any]:
    """A woman with young children convicted of a terrorist crime (art. 257(2)), whose range
    reaches five years (a mitigating circumstance, 55(6)), sentenced to ``months`` of
    imprisonment (None: before the sentence)."""
    facts = yaml.safe_load(TERRORIST.read_text(encoding="utf-8"))
    facts["person"]["sex"] = "female"
    if months is not None:
        facts["proceedings"]["stage"] = "serving"
        facts["proceedings"]["sentence"] = {"type": "imprisonment", "months": months,
                                            "start": "2025-01-10"}
    return assess(parse_mapping(facts), lang="ru")["variants"]["current"]["options"][
        "deferral_of_sentence"]


def test_a_term_over_five_years_imposed_for_a_terrorist_crime_excludes_deferral() -> None:
    """Art. 74(1): «…осужденным к лишению свободы на срок свыше пяти лет за … террористические
    … преступления … отсрочка отбывания наказания не предоставляется»: judged on the six years
    imposed, not on the range that reached five."""
    before, after = _mother_sentenced(None), _mother_sentenced(72)
    assert before["status"] == "available"
    assert after["status"] == "unavailable" and after["max_months"] is None
    [why] = [f for f in after["because_findings"]
             if f["key"] == "option.deferral_of_sentence.listed_crime_term_imposed_over_five_years"]
    assert why["values"]["term"] == {"$months": 72}
    assert any("приговором назначено 6 лет лишения свободы" in b for b in after["because"])


def test_a_term_of_five_years_imposed_for_a_terrorist_crime_leaves_deferral_open() -> None:
    deferral = _mother_sentenced(60)
    assert deferral["status"] == "available"
    assert "option.deferral_of_sentence.listed_crime_term_imposed_up_to_five_years" in [
        f["key"] for f in deferral["because_findings"]]
