"""Variants on whole cases: the diff explanation, conflicts, and bad variant files."""

from pathlib import Path

import pytest

from qaitu.assessment import assess
from qaitu.assessment.casefile import load_case, problem_message
from qaitu.assessment.facts import LegalQuestions
from qaitu.law.variants import VariantError, load_variant, parse_variant, shipped_names

EXAMPLES = Path(__file__).parents[2] / "examples"
STATE_ARMY = EXAMPLES / "172-state-army-voluntary-return.yaml"


def _diff(case: Path, variant: str, lang: str = "en"):
    result = assess(load_case(case), ["current", variant], lang=lang)
    return result["variants"][variant]


def test_every_shipped_variant_loads_with_its_texts() -> None:
    for name in shipped_names()[1:]:
        meta = load_variant(name).meta()
        assert meta["status"] in ("proposal", "draft", "enacted")
        assert meta["jurisdictions"] and meta["provisions"]
        assert load_variant(name).spec.text.get("ru")


def test_amantayuly_opens_restriction_of_freedom_and_says_why() -> None:
    v = _diff(STATE_ARMY, "amantayuly-2026")
    change = next(d for d in v["diff"] if d["outcome"] == "restriction of freedom")
    assert (change["from"], change["to"]) == ("only_exceptional", "available")
    assert change["provisions"] == ["differentiated_assessment"]
    reasons = " ".join(change["because"])
    assert "not a member of a terrorist organisation" in reasons
    assert "no war crimes are established" in reasons
    assert "the return on 2024-12-02 was voluntary" in reasons


def test_amantayuly_does_not_help_a_terrorist_organisation_member() -> None:
    v = _diff(EXAMPLES / "257-2-terrorist-organisation.yaml", "amantayuly-2026")
    assert not any(d["outcome"] in ("restriction of freedom", "conditional sentence")
                   for d in v["diff"])


def test_reclassification_changes_class_and_ranges() -> None:
    v = _diff(STATE_ARMY, "reclassify-172-medium")
    outcomes = {d["outcome"]: d for d in v["diff"]}
    assert outcomes["art. 172: class"]["to"] == "medium"
    assert outcomes["art. 172: statutory range"]["to"] == "6 months to 5 years"


def test_state_forces_distinction_spares_only_state_army_service() -> None:
    assert any(d["outcome"] == "art. 172: class" for d in
               _diff(STATE_ARMY, "state-forces-distinction")["diff"])
    pmc = _diff(EXAMPLES / "172-2016-act-older-version.yaml", "state-forces-distinction")
    assert any(d["outcome"] == "art. 172: statutory range" for d in pmc["diff"])


@pytest.mark.parametrize(("lang", "cited"), [
    ("ru", "(предлагаемая ч. 2 ст. 172)"), ("kk", "(172-баптың ұсынылған 2-бөлігі)")])
def test_the_state_forces_distinction_cites_the_part_its_variant_drafts(
        lang: str, cited: str) -> None:
    """The variant drafts «172 (proposed part 2)»: the reason that service in a state's army is
    punished apart cites that part through the citation formatter, not words typed in a
    sentence."""
    found = _diff(STATE_ARMY, "state-forces-distinction", lang)["amendments"]
    because = found["state_forces_distinction"]["because"]
    assert len(because) == 1 and because[0].endswith(cited)


@pytest.mark.parametrize(("variant", "amendment"), [
    ("release-on-voluntary-exit", "note_172_voluntary_exit"),
    ("amantayuly-2026", "differentiated_assessment")])
@pytest.mark.parametrize(("lang", "cited"), [
    ("ru", "(предлагаемое примечание к ст. 172)"), ("kk", "(172-бапқа ұсынылған ескертпе)"),
    ("en", "(proposed note to art. 172)")])
def test_a_proposed_note_s_reasons_cite_the_note_its_variant_drafts(
        variant: str, amendment: str, lang: str, cited: str) -> None:
    """Each reason of a proposed note cites «172 (proposed note)», the provision its variant
    drafts, through the citation formatter: no sentence builds it from words («ст. 172,
    предлагаемое примечание», a second way to cite the same note)."""
    from qaitu.assessment.explain import _reasons

    because = _diff(STATE_ARMY, variant, lang)["amendments"][amendment]["because"]
    assert because and all(b.endswith(cited) for b in because), because
    assert "cite" not in _reasons()["amendment"][amendment]


def test_release_note_releases_and_closes_punishment() -> None:
    v = _diff(STATE_ARMY, "release-on-voluntary-exit")
    grounds = next(d for d in v["diff"] if d["outcome"].endswith("grounds"))
    assert "proposed note to art. 172" in grounds["to"]
    assert v["options"]["release_from_liability"]["mandatory"] == "yes"
    assert v["options"]["imprisonment"]["status"] == "unavailable"
    assert "no punishment is imposed" in v["options"]["conditional_sentence"]["because"][0]
    changed = {d["outcome"]: (d["from"], d["to"]) for d in v["diff"]}
    assert changed["imprisonment"] == ("available", "unavailable")


def test_conflict_is_reported_not_resolved(tmp_path: Path) -> None:
    variant = tmp_path / "cover-mercenaries.yaml"
    variant.write_text("""name: cover-mercenaries
title: {en: Amantayuly covering mercenaries}
author: test
date: 2026-03-04
status: draft
summary: {en: the proposal extended to art. 170(3)}
provisions:
  - id: differentiated_assessment
    article: 172 (proposed note)
    title: {en: the new note}
    parameters:
      amendments.differentiated_assessment.in_effect: true
      amendments.differentiated_assessment.covers_mercenaries: true
      legal_questions_are_not_parameters: 1
""", encoding="utf-8")
    with pytest.raises(VariantError) as exc:
        load_variant(str(variant))
    assert exc.value.problems[0].line == 14
    variant.write_text(variant.read_text().replace(
        "      legal_questions_are_not_parameters: 1\n", ""), encoding="utf-8")
    load_variant.cache_clear()
    case = load_case(EXAMPLES / "170-3-pmc-mercenary.yaml").model_copy(
        update={"legal_questions": LegalQuestions(pmc_is_party_armed_forces=False,
                                                  formation_is_illegal_paramilitary=False)})
    result = assess(case, ["current", str(variant)])
    option = result["variants"]["cover-mercenaries"]["options"]["conditional_sentence"]
    assert option["status"] == "possible"
    assert set(option["conflict"]) == {"terrorist_crime", "differentiated_assessment"}
    assert any("the rules conflict" in b for b in option["because"])


@pytest.mark.parametrize("text, where", [
    ("name: x\n", "title"),
    ("name: Bad Name\ntitle: {en: t}\nauthor: a\ndate: 2026-01-01\nstatus: draft\n"
     "summary: {en: s}\nprovisions: []\n", "name"),
    ("name: x\ntitle: {en: t}\nauthor: a\ndate: 2026-01-01\nstatus: maybe\n"
     "summary: {en: s}\nprovisions: [{id: p, article: '172', title: {en: t}, parameters: {}}]\n",
     "status"),
    ("name: x\ntitle: {en: t}\nauthor: a\ndate: 2026-01-01\nstatus: draft\nsummary: {en: s}\n"
     "provisions: [{id: p, article: '172', title: {en: t}, parameters: "
     "{special_part.art_172.imprisonment_max_months: 'five'}}]\n", "provisions.0.parameters"),
])
def test_bad_variant_files_get_located_errors(text: str, where: str) -> None:
    with pytest.raises(VariantError) as exc:
        parse_variant(text, "v.yaml")
    assert any(p.path.startswith(where) for p in exc.value.problems), exc.value.problems


@pytest.mark.parametrize("written", ["0", "'1514764800'", "2026", "2026-01-01T00:00"])
@pytest.mark.parametrize(("date", "from_", "where"), [
    ("{}", "2027-01-01", "date"), ("2026-01-01", "{}", "provisions.0.parameters.x.from")])
def test_a_variant_dated_by_a_number_is_refused_at_the_date(written: str, date: str,
                                                            from_: str, where: str) -> None:
    """The day a variant's change applies from decides which acts it reaches (arts. 5-6): a
    number was read as seconds since 1970 (``from: 0`` as 1 January 1970), so a draft applied
    to every act since; refused where it is written, as a date expected."""
    text = (f"name: x\ntitle: {{en: t}}\nauthor: a\ndate: {date}\nstatus: draft\n"
            "summary: {en: s}\nprovisions: [{id: p, article: '172', title: {en: t}, "
            f"parameters: {{x: {{value: 1, from: {from_}}}}}}}]\n").replace("{}", written)
    with pytest.raises(VariantError) as exc:
        parse_variant(text, "v.yaml")
    assert any(p.path == where and p.key == "date_only" for p in exc.value.problems), \
        exc.value.problems


def _one_share(tmp_path: Path, name: str, article: str, parameter: str, share: str) -> Path:
    """A draft variant file changing one parameter of ``article`` to ``share``."""
    variant = tmp_path / f"{name}.yaml"
    variant.write_text(f"""name: {name}
title: {{en: A new share}}
author: test
date: 2026-01-01
status: draft
summary: {{en: {article} at {share}}}
provisions:
  - id: share
    article: "{article}"
    title: {{en: the new share}}
    parameters:
      {parameter}: "{share}"
""", encoding="utf-8")
    return variant


def test_a_variant_changing_the_55_2_share_explains_the_share_it_computes(
        tmp_path: Path) -> None:
    """Art. 55(2) caps a grave crime at 2/3 of the maximum; a variant writing 3/5 must be
    explained with 3/5, the share the rules apply, not the Code's 2/3 typed into the prose."""
    variant = _one_share(tmp_path, "share-55-2", "55",
                         "general_part.art_055_sentencing_limits.mitigation_cap.grave", "3/5")
    result = assess(load_case(STATE_ARMY), ["current", str(variant)])

    def cap_reason(name: str) -> str:
        q = result["variants"][name]["qualifications"][0]
        return next(r for r in q["range_because"] if "(art. 55(2))" in r)

    assert "at most 2/3 of the maximum" in cap_reason("current")
    assert "at most 3/5 of the maximum" in cap_reason("share-55-2")


def test_a_variant_changing_the_73_2_share_explains_the_share_it_computes(
        tmp_path: Path) -> None:
    """Art. 73(2): replacement after «одной трети срока наказания за тяжкие преступления»; a
    variant writing 2/5 moves the date and says 2/5, the share the rule used for this case."""
    variant = _one_share(tmp_path, "share-73-2", "73",
                         "general_part.art_073_replacement.fraction.grave", "2/5")
    result = assess(load_case(EXAMPLES / "172-sentenced-serving.yaml"), ["current", str(variant)])

    def replacement(name: str) -> tuple[str, str]:
        block = result["variants"][name]["sentence"]
        return block["milder_punishment_from"], next(
            b for b in block["because"] if "by a milder punishment" in b)

    (now, said_now), (then, said_then) = replacement("current"), replacement("share-73-2")
    assert "after 1/3 of the term" in said_now and "after 2/5 of the term" in said_then
    assert then > now


def test_a_variant_changing_the_64_1_share_moves_early_cancellation_and_says_it(
        tmp_path: Path) -> None:
    """Art. 64(1): early cancellation «по истечении не менее половины установленного срока»;
    a variant writing 1/3 moves the date to a third of the probation period and says 1/3."""
    variant = _one_share(tmp_path, "share-64-1", "64",
                         "general_part.art_064_early_cancellation.share", "1/3")
    case = tmp_path / "conditional.yaml"
    case.write_text((EXAMPLES / "172-sentenced-serving.yaml").read_text(encoding="utf-8")
                    .replace("type: imprisonment\n    months: 72",
                             "type: conditional\n    months: 36"), encoding="utf-8")
    result = assess(load_case(case), ["current", str(variant)])

    def early(name: str) -> tuple[str, str]:
        block = result["variants"][name]["sentence"]
        return block["early_cancellation_from"], next(
            b for b in block["because"] if "cancel the conditional sentence" in b)

    assert early("current") == (
        "2027-02-13", "the court may cancel the conditional sentence and clear the record from "
        "2027-02-13, once at least 1/2 of the probation period has run (art. 64(1))")
    then, said = early("share-64-1")
    assert then == "2026-08-13" and "at least 1/3 of the probation period" in said


_SANCTION = ("name: x\ntitle: {en: t}\nauthor: a\ndate: 2026-01-01\nstatus: draft\n"
             "summary: {en: s}\nprovisions:\n  - id: p\n    article: '172'\n"
             "    title: {en: t}\n    parameters:\n")


@pytest.mark.parametrize("parameters, path, line, words", [
    ("      special_part.art_172.imprisonment_max_months: 24\n",
     "provisions.0.parameters.special_part.art_172.imprisonment_max_months", 12,
     "special_part.art_172.imprisonment_min_months (36) exceeds"),
    ("      special_part.art_172.imprisonment_min_months: 6\n"
     "      general_part.art_011_gravity.medium_max_months: 200\n",
     "provisions.0.parameters.general_part.art_011_gravity.medium_max_months", 13,
     "must rise with the class"),
    ("      special_part.art_172.imprisonment_max_months: {value: 60, from: 2010-01-01}\n",
     "provisions.0.parameters.special_part.art_172.imprisonment_max_months", 12,
     "is before 1 Jan 2015, when the 2014 Criminal Code came into force (art. 467(1))"),
])
def test_a_variant_that_breaks_the_law_s_invariants_is_refused_where_it_breaks_them(
        parameters: str, path: str, line: int, words: str) -> None:
    """A sanction's minimum above its maximum (art. 172 capped at 24 months, below its minimum
    of three years in the 2015 version), the classes of art. 11 out of order, a version before
    the Code: refused, with the file, the parameter's path and line."""
    with pytest.raises(VariantError) as exc:
        parse_variant(_SANCTION + parameters, "v.yaml")
    found = [p for p in exc.value.problems if p.path == path]
    assert found and found[0].source == "v.yaml" and found[0].line == line, exc.value.problems
    assert words in problem_message(found[0], "en")


def test_a_sanction_lowered_with_its_minimum_is_accepted() -> None:
    """The documented example: art. 172 at six months to five years, a medium crime."""
    variant = parse_variant(_SANCTION + "      special_part.art_172.imprisonment_min_months: 6\n"
                            "      special_part.art_172.imprisonment_max_months: 60\n", "v.yaml")
    assert variant.system.parameters.special_part.art_172.imprisonment_max_months(
        "2026-01-01") == 60


def test_every_shipped_variant_has_a_short_title_in_kk_ru_and_en() -> None:
    from qaitu.law.variants import SHORT_TITLE_MAX

    for name in shipped_names():
        short = load_variant(name).meta()["short_title"]
        assert set(short) == {"en", "ru", "kk"}, name
        assert all(0 < len(text) <= SHORT_TITLE_MAX for text in short.values()), name


_NAMED = ("name: x\ntitle: {en: The long title, ru: Длинное название}\n{short}author: a\n"
          "date: 2026-01-01\nstatus: draft\nsummary: {en: s}\n"
          "provisions: [{id: p, article: '172', title: {en: t, ru: п}, parameters: "
          "{amendments.note_172_voluntary_exit.in_effect: true}}]\n")


def test_a_short_title_over_forty_characters_is_refused_at_its_language_and_line() -> None:
    text = _NAMED.replace("{short}", "short_title: {en: ok,\n  ru: " + "д" * 41 + "}\n")
    with pytest.raises(VariantError) as exc:
        parse_variant(text, "v.yaml")
    (problem,) = exc.value.problems
    assert (problem.path, problem.line, problem.key) == ("short_title.ru", 4, "too_long")
    assert "40" in problem_message(problem, "ru")


def test_a_variant_is_named_by_its_short_title_then_its_title_in_the_reader_s_language() -> None:
    """A column names a variant by its short title in the reader's language; where the file
    gives none in it, by its title in it; where no title either, the English title; the id
    only where the file names the variant in no language at all."""
    from qaitu.law.variants import variant_name

    meta = parse_variant(_NAMED.replace("{short}", "short_title: {ru: Короткое}\n"),
                         "v.yaml").meta()
    assert variant_name(meta, "ru", short=True) == "Короткое"
    assert variant_name(meta, "ru") == "Длинное название"
    assert variant_name(meta, "en", short=True) == "The long title"
    assert variant_name(meta, "kk", short=True) == "The long title"
    assert variant_name({"name": "x", "title": {}}, "kk", short=True) == "x"


def test_a_provision_alone_is_named_by_the_variant_s_short_title_and_the_provision_s_title(
) -> None:
    from qaitu.law.variants import variant_name

    meta = load_variant("amantayuly-2026[differentiated_assessment]").meta()
    assert variant_name(meta, "ru", short=True) == (
        "Дифференцированная оценка: новое примечание к ст. 172 (дифференцированная оценка)")


@pytest.mark.parametrize("lang, said", [
    ("en", "the rulebook has no parameter 'art_172.max_months'; the closest: "
           "special_part.art_172.imprisonment_max_months, "),
    ("ru", "в своде правил нет параметра 'art_172.max_months'; ближайшие по названию: "
           "special_part.art_172.imprisonment_max_months, "),
])
def test_a_parameter_name_that_is_not_one_is_answered_with_the_names_closest_to_it(
        lang: str, said: str) -> None:
    """A drafter who writes «art_172.max_months» cannot guess the rulebook's names from «no
    such parameter»: the message names the closest, the one meant first."""
    with pytest.raises(VariantError) as exc:
        parse_variant("name: x\ntitle: {en: t}\nauthor: a\ndate: 2026-01-01\nstatus: draft\n"
                      "summary: {en: s}\nprovisions: [{id: p, article: '172', title: {en: t}, "
                      "parameters: {art_172.max_months: 36}}]\n", "v.yaml")
    assert problem_message(exc.value.problems[0], lang).startswith(said)


def test_a_parameter_name_sharing_no_telling_word_with_any_gets_no_guess() -> None:
    with pytest.raises(VariantError) as exc:
        parse_variant("name: x\ntitle: {en: t}\nauthor: a\ndate: 2026-01-01\nstatus: draft\n"
                      "summary: {en: s}\nprovisions: [{id: p, article: '172', title: {en: t}, "
                      "parameters: {special_part.art_999.nothing: 1}}]\n", "v.yaml")
    assert exc.value.problems[0].key == "no_parameter"
