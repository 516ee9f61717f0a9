"""Every claim is dated and rests on a quote (or says it does not); corrections pinned."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from qaitu.comparative import DataError, by_code, load_jurisdictions
from qaitu.comparative.cli import jurisdictions_app
from qaitu.comparative.data import DATA_DIR, parse_file
from qaitu.comparative.display import age_phrase, claim_age, is_stale, table_rows
from qaitu.law import current_law
from qaitu.law.variants import SHIPPED

runner = CliRunner()
TODAY = date(2026, 12, 6)


@pytest.fixture
def uz_copy(tmp_path: Path) -> Path:
    target = tmp_path / "jurisdictions"
    target.mkdir()
    shutil.copy(DATA_DIR / "uz.yaml", target / "uz.yaml")
    return target / "uz.yaml"


def test_a_claim_without_as_of_is_rejected_with_its_field_and_line(uz_copy: Path) -> None:
    text = uz_copy.read_text()
    uz_copy.write_text(text.replace('  as_of: "2025-08"\n', "", 1))
    with pytest.raises(DataError) as caught:
        parse_file(uz_copy)
    problem = caught.value.problems[0]
    assert problem.path == "foreign_state_army.as_of" and problem.line is not None
    assert problem.key == "missing"


def test_an_unquoted_claim_must_say_why(uz_copy: Path) -> None:
    raw = yaml.safe_load(uz_copy.read_text())
    raw["non_custodial_practice"]["quote"] = None
    raw["non_custodial_practice"].pop("note")
    uz_copy.write_text(yaml.safe_dump(raw, allow_unicode=True))
    with pytest.raises(DataError) as caught:
        parse_file(uz_copy)
    problem = caught.value.problems[0]
    assert (problem.path, problem.key) == ("non_custodial_practice.note", "claim_note")


def test_a_quote_must_cite_one_of_the_records_own_sources(uz_copy: Path) -> None:
    text = uz_copy.read_text().replace(
        "    source: https://zamin.uz/en/society/158613",
        "    source: https://example.org/158613",
        1,
    )
    uz_copy.write_text(text)
    with pytest.raises(DataError) as caught:
        parse_file(uz_copy)
    problem = caught.value.problems[0]
    assert problem.key == "quote_source" and problem.path.endswith(".quote.source")
    assert problem.values["got"].startswith("'https://example.org/158613")
    assert problem.line is not None  # the quote's source line in the file


def test_every_claim_of_every_record_is_dated_and_quoted_or_marked_unverified() -> None:
    for item in load_jurisdictions():
        urls = {s.url for s in item.sources}
        for name, claim in item.claims():
            assert claim.as_of, (item.code, name)
            if claim.quote is None:
                assert claim.note, (item.code, name)
            else:
                assert claim.quote.source in urls, (item.code, name)


def test_every_claim_marked_unverified_says_why_no_quote_bears_it() -> None:
    """A claim shown with † (today each an absence, "none" or "not found", or a figure not
    reached) says why no quote of a provision's text can bear it (an absence in a whole code, in
    practice, or across every route to a release; a text not reached) and what was read."""
    unquoted = [(item.code, name, claim) for item in load_jurisdictions()
                for name, claim in item.claims() if claim.quote is None]
    assert unquoted
    for code, name, claim in unquoted:
        assert "Why no quote: " in (claim.note or ""), (code, name)


def test_the_dutch_absence_of_a_release_names_art_140a_read_whole_and_what_was_not_read() -> None:
    relief = by_code("NL").relief_for_voluntary_return
    assert relief is not None and relief.quote is None and relief.available is None
    assert "Art. 140a Sr, read whole" in (relief.note or "")
    assert "art. 140(4), which was not read" in (relief.note or "")


def test_uzbek_art_154_1_carries_no_prison_only_a_fine_or_correctional_labour_up_to_3_years() -> (
    None
):
    uz = by_code("UZ")
    assert uz.penalty.max_years is None and uz.penalty.min_years is None
    assert uz.penalty.other_sanction_max_years == 3
    assert uz.penalty.quote is not None
    assert "correctional labor for up to 3 years" in uz.penalty.quote.text
    assert "3–5" not in uz.summary.en.split("recruiting")[0]  # 3–5 years is the recruiting range


def test_uzbek_2018_commission_excludes_combatants() -> None:
    relief = by_code("UZ").relief_for_voluntary_return
    assert any("hostilities" in c for c in relief.conditions)
    assert "no precedent for releasing combatants" in relief.text


def test_french_terrorist_association_under_421_6_carries_30_years() -> None:
    penalty = by_code("FR").penalty
    assert "421-6" in (penalty.provision or "") and penalty.max_years == 30
    assert penalty.quote is not None and "trente ans" in penalty.quote.text


def test_french_pairs_no_longer_claims_no_violent_act_after_december_2023() -> None:
    programme = by_code("FR").rehabilitation_programme
    assert programme is not None and programme.as_of >= "2023-12"
    assert "2 Dec 2023" in (programme.reported_results or "")


def test_kyrgyz_offence_is_art_256_of_the_2021_code() -> None:
    kg = by_code("KG")
    assert kg.penalty.provision == "CC KG (2021) art. 256"
    assert "2019" not in (kg.penalty.provision or "")


def test_tajik_contract_service_in_a_state_army_is_not_liable_after_2015() -> None:
    tj = by_code("TJ")
    assert tj.foreign_state_army.status == "not_criminal"
    assert tj.foreign_state_army.quote is not None
    assert tj.rehabilitation_programme is not None
    assert tj.rehabilitation_programme.as_of >= "2024"


def test_danish_aarhus_route_is_dated_before_114j_and_114j_now_carries_8_years() -> None:
    dk = by_code("DK")
    assert "2013–15, before §114j" in dk.summary.en
    assert dk.penalty.max_years == 8


def test_ukrainian_summary_cites_the_current_art_447_part_4() -> None:
    ua = by_code("UA")
    assert "447(4)" in ua.summary.en and "superseded" in ua.summary.en


def test_united_kingdom_has_the_managed_return_route() -> None:
    programme = by_code("GB").rehabilitation_programme
    assert programme is not None and "Temporary Exclusion" in (programme.name or "")


def test_variants_cite_only_jurisdictions_in_the_dataset_and_uz_only_for_state_forces() -> None:
    known = {j.code for j in load_jurisdictions()}
    cited = {
        path.stem: yaml.safe_load(path.read_text())["jurisdictions"]
        for path in SHIPPED.glob("*.yaml")
    }
    for name, codes in cited.items():
        assert set(codes) <= known, name
    assert "UZ" in cited["state-forces-distinction"]
    assert "UZ" not in cited["release-on-voluntary-exit"]
    assert "UZ" not in cited["amantayuly-2026"]


def test_age_counts_whole_years_from_the_first_day_of_a_partial_date() -> None:
    assert claim_age("2023-12", TODAY) == 3 and is_stale("2023-12", TODAY)
    assert claim_age("2024-03-28", TODAY) == 2 and not is_stale("2024-03-28", TODAY)
    assert age_phrase("2025", "ru", TODAY) == "2025 (1 год назад)"
    assert age_phrase("2003", "ru", TODAY) == "2003 (23 года назад, возможно, устарело)"
    assert age_phrase("2026-11", "kk", TODAY) == "2026 жылғы қараша (бір жылдан аз)"
    # the word for years agrees with its number in English (no "1 yrs old")
    assert age_phrase("2025", "en", TODAY) == "2025 (1 year old)"
    assert age_phrase("2024-03-28", "en", TODAY) == "28 Mar 2024 (2 years old)"
    assert age_phrase("2024-03-28", "ru", TODAY) == "28 марта 2024 г. (2 года назад)"
    assert age_phrase("2024-03-28", "kk", TODAY) == "2024 жылғы 28 наурыз (2 жыл бұрын)"


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", ("август 2025 г. (1 год назад)", "9 октября 2018 г. (8 лет назад",
            "(10 августа 2022 г.)")),
    ("kk", ("2025 жылғы тамыз (1 жыл бұрын)", "2018 жылғы 9 қазан (8 жыл бұрын",
            "(2022 жылғы 10 тамыз)")),
    ("en", ("Aug 2025 (", "9 Oct 2018 (", "(10 Aug 2022)")),
])
def test_show_writes_each_date_as_its_reader_does(lang: str, said: tuple[str, ...]) -> None:
    """A claim's date and a source's, whether a day, a month or a year, are written with the
    month in words as the reader's language writes a date (no ISO ``2025-08``)."""
    result = runner.invoke(jurisdictions_app, ["show", "UZ", "--lang", lang],
                           env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    for words in said:
        assert words in result.output, words


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_no_jurisdiction_shows_an_iso_date_outside_its_quotes_and_addresses(lang: str) -> None:
    """Every shipped jurisdiction, claim by claim: the dates it says are words; only a quote
    (never translated) or a web address may hold digits such as ``2022/08/10``."""
    for item in load_jurisdictions():
        result = runner.invoke(jurisdictions_app, ["show", item.code, "--lang", lang],
                               env={"COLUMNS": "2000"})
        assert result.exit_code == 0, result.output
        said = [line for line in result.output.splitlines()
                if "«" not in line and "://" not in line]
        iso = [line for line in said if re.search(r"\b\d{4}-\d{2}\b", line)]
        assert not iso, (item.code, iso)
        dated = [line for line in result.output.splitlines() if "://" in line and "(" in line]
        assert not [line for line in dated
                    if re.search(r"\(\d{4}-\d{2}(?:-\d{2})?\)$", line)], item.code


def test_the_table_shows_the_oldest_claim_and_flags_it() -> None:
    row = table_rows("ru", [by_code("AM")], TODAY)[0]
    assert row["as_of"].startswith("2003") and "возможно, устарело" in row["as_of"]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_show_gives_each_claims_age_and_quote_without_english_labels(lang: str) -> None:
    result = runner.invoke(
        jurisdictions_app, ["show", "uz", "--lang", lang], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "correctional labor for up to 3 years" in result.output  # quotes stay verbatim
    assert "zamin.uz" in result.output
    for english in ("As of", "Quote", "Source", "possibly outdated", "not verified", "A fine"):
        assert english not in result.output
    assert ("По состоянию на" if lang == "ru" else "Жағдай бойынша") in result.output


def test_show_in_english_marks_unverified_and_outdated_claims() -> None:
    result = runner.invoke(jurisdictions_app, ["show", "AM"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "possibly outdated" in result.output
    assert "not verified against a stored source" in result.output


def test_show_refuses_an_unknown_code() -> None:
    result = runner.invoke(jurisdictions_app, ["show", "XX"])
    assert result.exit_code == 2
    assert "XX" in result.output
    said = runner.invoke(jurisdictions_app, ["show", "XX", "--lang", "ru"])
    assert said.exit_code == 2 and "страны с кодом XX нет в данных" in said.output
    assert "dataset" not in said.output


def test_kazakh_baseline_penalty_is_the_encoded_art_172_sanction_and_quoted() -> None:
    parameters = current_law().parameters.children["special_part"].children["art_172"]

    def years(name: str) -> float:
        return int(parameters.children[name].values_list[0].value) / 12

    penalty = by_code("KZ").penalty
    assert (penalty.min_years, penalty.max_years) == (
        years("imprisonment_min_months"),
        years("imprisonment_max_months"),
    )
    assert penalty.quote is not None and "от пяти до девяти лет" in penalty.quote.text


def test_russian_service_against_russia_is_an_offence_since_2022() -> None:
    army = by_code("RU").foreign_state_army
    assert army.status == "criminal_with_exceptions" and army.as_of >= "2022"
    assert army.quote is not None and "противостоящих РФ" in army.quote.text


def test_moldovan_suspended_sentences_count_as_non_custodial_practice() -> None:
    practice = by_code("MD").non_custodial_practice
    assert practice.used is True
    assert practice.quote is not None and "suspended" in practice.quote.text


def test_british_returnees_not_prosecuted_count_as_non_custodial_practice() -> None:
    """A release instead of prosecution counts (``NonCustodial``): the Independent Reviewer's
    words of Oct 2017, found in a stored page, not a sentence."""
    practice = by_code("GB").non_custodial_practice
    assert practice.used is True and practice.as_of == "2017-10-20"
    assert practice.quote is not None and "do not justify prosecution" in practice.quote.text
    assert by_code("GB").relief_for_voluntary_return.available is False  # discretion, no relief


def test_turkmen_mercenary_participation_carries_5_to_10_years_in_the_2010_code() -> None:
    penalty = by_code("TM").penalty
    assert (penalty.min_years, penalty.max_years) == (5, 10)
    assert penalty.quote is not None and "bäş ýyldan on ýyla" in penalty.quote.text
    assert penalty.as_of == "2010-05"


def test_belgian_suspended_sentences_for_joining_groups_in_syria_count_as_non_custodial() -> None:
    practice = by_code("BE").non_custodial_practice
    assert practice.used is True
    assert practice.quote is not None and "avec sursis" in practice.quote.text
    assert "suspended" in by_code("BE").summary.en


def test_canadian_peace_bonds_are_two_of_twelve_charged_with_terrorism_travel() -> None:
    practice = by_code("CA").non_custodial_practice
    assert practice.quote is not None and "two have been subjected to" in practice.quote.text
    assert "12 people charged" in practice.text and practice.as_of == "2018-12"


def test_malaysian_non_custodial_practice_claims_only_the_quoted_electronic_monitoring() -> None:
    practice = by_code("MY").non_custodial_practice
    assert practice.quote is not None and "Electronic Monitoring Device" in practice.quote.text
    assert "Restriction orders" not in practice.text
    assert "restriction orders" not in by_code("MY").summary.en


def test_swedish_service_in_ukraines_defence_is_not_illegal_per_the_foreign_ministry() -> None:
    se = by_code("SE")
    assert se.foreign_state_army.status == "not_criminal"
    assert se.foreign_state_army.quote is not None
    assert "not illegal for Swedish citizens" in se.foreign_state_army.quote.text
    assert "Ukraine" in se.summary.en and "Украин" in se.summary.ru and "Украина" in se.summary.kk


def test_indonesian_loss_of_citizenship_rests_on_art_23_of_the_2006_law() -> None:
    army = by_code("ID").foreign_state_army
    assert army.quote is not None and "Article 23 of the 2006 Citizenship Law" in army.quote.text
    assert "art. 23" in army.text and army.status == "unclear"
    assert "automatically" not in by_code("ID").summary.en


def test_danish_2016_zones_include_the_al_thawrah_district() -> None:
    group = by_code("DK").non_state_group
    assert group.quote is not None and "al-Thawrah-distriktet" in group.quote.text
    assert "al-Thawrah" in group.text


def test_british_designated_area_offence_carries_10_years_per_the_joint_committee() -> None:
    penalty = by_code("GB").penalty
    assert penalty.quote is not None and "not exceeding 10 years" in penalty.quote.text


def test_every_french_terrorism_convict_released_is_placed_under_micas_not_80_percent() -> None:
    practice = by_code("FR").non_custodial_practice
    assert practice.quote is not None and "100 % des sortants TIS" in practice.quote.text
    assert "80%" not in practice.text and "every person released" in practice.text


def test_malaysian_group_offences_name_the_penal_code_sections_listed_by_the_library() -> None:
    group = by_code("MY").non_state_group
    assert group.quote is not None and "Malaysian Penal Code" in group.quote.text
    assert "s. 130J" in group.text and "not verified" not in group.text


def test_turkmen_donors_to_ukraine_were_threatened_under_art_176_per_azatlyk() -> None:
    army = by_code("TM").foreign_state_army
    assert army.quote is not None and "176-njy maddasy" in army.quote.text
    assert "art. 176" in army.text and army.status == "unclear"


def test_russian_suspended_sentence_for_a_syria_returnee_counts_as_non_custodial() -> None:
    ru = by_code("RU")
    assert ru.non_custodial_practice.used is True
    assert ru.non_custodial_practice.quote is not None
    assert "пять лет условно" in ru.non_custodial_practice.quote.text
    assert "suspended" in ru.summary.en and "условные" in ru.summary.ru


def test_german_suspended_youth_custody_for_a_returnee_counts_as_non_custodial() -> None:
    de = by_code("DE")
    assert de.non_custodial_practice.used is True
    assert de.non_custodial_practice.quote is not None
    assert "zur Bewährung ausgesetzt" in de.non_custodial_practice.quote.text
    assert "suspended" in de.summary.en and "шартты" in de.summary.kk


def test_dutch_art_140a_carries_20_years_since_the_law_of_6_march_2025_took_effect() -> None:
    """Bill 36 460 was enacted (Law of 6 Mar 2025, in force 1 Jul 2025): 140a(2) Sr sets 20
    years where the organisation aims at terrorist crimes carrying life imprisonment; the claim
    is dated to its entry into force, no longer to the bill's advice of 2023, and quotes the
    paragraph from the legislative calendar's page of the law."""
    penalty = by_code("NL").penalty
    assert penalty.max_years == 20 and penalty.as_of == "2025-07-01"
    assert penalty.quote is not None
    assert "ten hoogste twintig jaren" in penalty.quote.text
    assert "levenslange gevangenisstraf" in penalty.quote.text
    assert penalty.quote.source == "https://www.wetgevingskalender.nl/regelingen/WGK014776"
    assert not is_stale(penalty.as_of, date(2026, 12, 7))
    assert "not found" not in penalty.note and "1 Jul 2025" in penalty.note


def test_swiss_promotion_of_is_including_setting_off_to_join_it_carries_5_years() -> None:
    ch = by_code("CH")
    assert ch.non_state_group.status == "criminal"
    assert ch.non_state_group.quote is not None
    assert "bis zu fünf Jahre" in ch.non_state_group.quote.text
    assert "5 years" in ch.summary.en and "5 лет" in ch.summary.ru


def test_australian_returned_women_under_control_orders_count_as_non_custodial() -> None:
    au = by_code("AU")
    assert au.non_custodial_practice.used is True
    assert au.non_custodial_practice.quote is not None
    assert "control orders" in au.non_custodial_practice.quote.text
    assert "control orders" in au.summary.en


def test_danish_service_in_a_foreign_army_is_an_offence_only_against_denmark() -> None:
    dk = by_code("DK")
    assert dk.foreign_state_army.status == "criminal_with_exceptions"
    assert dk.foreign_state_army.quote is not None
    assert "ikke noget juridisk til hinder" in dk.foreign_state_army.quote.text
    assert "§101a" in dk.foreign_state_army.text and "§101a" in dk.summary.en


def test_indonesian_penalty_is_the_reported_15_year_maximum_of_the_2017_bill() -> None:
    penalty = by_code("ID").penalty
    assert penalty.max_years == 15 and "as proposed" in (penalty.provision or "")
    assert penalty.quote is not None and "maximum 15 years" in penalty.quote.text


def test_kazakh_active_repentance_in_the_2025_text_reaches_any_first_time_crime() -> None:
    relief = by_code("KZ").relief_for_voluntary_return
    assert relief.available is False and relief.as_of == "2025-09-16"
    assert relief.quote is not None and "впервые совершившее преступление" in relief.quote.text
    assert "небольшой" not in relief.quote.text  # not confined to minor or moderate crimes


def test_georgian_art_323_note_releases_only_a_preparer_who_helps_avert_the_act() -> None:
    relief = by_code("GE").relief_for_voluntary_return
    assert relief.available is None and "No returnee-specific relief" in relief.text
    assert relief.quote is not None and "stave off the terrorist act" in relief.quote.text


def test_malaysian_support_for_a_terrorist_group_carries_up_to_40_years_as_reported_in_2024() -> (
    None
):
    my = by_code("MY")
    assert my.penalty.max_years == 40 and my.penalty.min_years is None
    assert "130J" in (my.penalty.provision or "") and "as reported" in (my.penalty.provision or "")
    assert my.penalty.quote is not None and "up to 40" in my.penalty.quote.text
    assert my.foreign_state_army.status == "unclear"
    assert my.foreign_state_army.quote is not None
    assert "Section 125" in my.foreign_state_army.quote.text


def test_swiss_jihad_travellers_should_not_go_unpunished_so_there_is_no_relief() -> None:
    relief = by_code("CH").relief_for_voluntary_return
    assert relief.available is False
    assert relief.quote is not None and "nicht straffrei bleiben" in relief.quote.text


def test_israeli_probation_came_after_prison_not_instead_of_it() -> None:
    practice = by_code("IL").non_custodial_practice
    assert practice.used is None
    assert practice.quote is not None and "imprisonment for a period of 11 months" in (
        practice.quote.text
    )


def test_norwegian_returnees_from_is_areas_get_prison_typically_4_to_9_years() -> None:
    practice = by_code("NO").non_custodial_practice
    assert practice.used is None and "4 to 9 years" in practice.text
    assert practice.quote is not None and "typisk mellom 4 og 9 år" in practice.quote.text


#: The claims no stored source was found to quote (searched again in Dec 2026: Norway's
#: §145 range, Sweden's and Ukraine's non-custodial outcomes among them): each stays
#: ``quote: null`` with its note, and is shown as "unverified, no quote" wherever it is cited.
#: Each says "not found" or "none": no quote can carry an absence, and a quote found
#: would change the claim. Kazakhstan's non-custodial practice has left the list: a reported
#: five-year sentence is quoted (below).
UNQUOTED = {
    ("AM", "foreign_state_army"),
    ("AM", "relief_for_voluntary_return"), ("AM", "non_custodial_practice"),
    ("AZ", "relief_for_voluntary_return"), ("AZ", "non_custodial_practice"),
    ("BE", "relief_for_voluntary_return"), ("MD", "relief_for_voluntary_return"),
    ("MA", "foreign_state_army"), ("NL", "relief_for_voluntary_return"),
    ("NO", "penalty"), ("NO", "relief_for_voluntary_return"),
    ("SE", "relief_for_voluntary_return"), ("SE", "non_custodial_practice"),
    ("TN", "foreign_state_army"), ("TM", "non_state_group"),
    ("TM", "relief_for_voluntary_return"), ("TM", "non_custodial_practice"),
    ("UA", "non_custodial_practice"),
}


def test_kazakhstan_s_reported_sentences_rest_on_a_quoted_five_year_colony_term() -> None:
    """The reference's «5–6 years» came only from a translation; the claim now says what a
    stored Russian report quotes: five years' colony, the minimum of the charge of taking
    part in foreign armed conflicts (art. 172), with no suspended sentence found."""
    practice = by_code("KZ").non_custodial_practice
    assert practice.used is None and "5–6" not in practice.text
    assert "five years' colony" in practice.text and practice.as_of == "2025"
    assert practice.quote is not None
    assert "приговорил к пяти годам колонии" in practice.quote.text
    assert "участии в иностранных вооруженных конфликтах" in practice.quote.text


def test_the_claims_resting_on_no_quote_are_exactly_the_eighteen_listed_and_counted() -> None:
    from qaitu.comparative.display import unverified_count

    pool = load_jurisdictions()
    found = {(j.code, name) for j in pool for name, c in j.claims() if c.quote is None}
    assert found == UNQUOTED
    n, total = unverified_count(pool)
    assert n == len(UNQUOTED) == 18 and total == sum(len(j.claims()) for j in pool)


@pytest.mark.parametrize("lang, said", [("en", "unverified, no quote"),
                                        ("ru", "не проверено, цитаты нет"),
                                        ("kk", "тексерілмеген, дәйексөзі жоқ")])
def test_the_table_marks_each_unquoted_claim_and_counts_them_in_its_legend(
        lang: str, said: str) -> None:
    result = runner.invoke(jurisdictions_app, ["--lang", lang], env={"COLUMNS": "280"})
    assert result.exit_code == 0, result.output
    no_row = next(line for line in result.output.splitlines() if "│ NO " in line)
    penalty = by_code("NO").penalty
    assert penalty.quote is None and "†" in no_row  # Norway's §145 range: no quote
    uz_row = next(line for line in result.output.splitlines() if "│ UZ " in line)
    assert "†" not in uz_row  # every Uzbek claim is quoted
    total = sum(len(j.claims()) for j in load_jurisdictions())
    legend = " ".join(result.output.split()).rsplit("† ", 1)[1]
    assert legend.startswith(said) and "18" in legend and str(total) in legend


@pytest.mark.parametrize("lang, said", [("en", "† unverified, no quote"),
                                        ("kk", "† тексерілмеген, дәйексөзі жоқ")])
def test_show_marks_a_claim_without_a_quote_as_unverified_no_quote(lang: str, said: str) -> None:
    result = runner.invoke(jurisdictions_app, ["show", "NO", "--lang", lang],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.output.count(said) == 2  # the penalty and the relief
