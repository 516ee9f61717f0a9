"""``qaitu simulate --lang kk|ru``: the summary, the report and its charts carry no English.

Words a reader of Kazakh or Russian may meet in Latin letters are the project's name, what a
``<code>`` element holds (commands, file names, the scenario's field paths and distributions)
and what the scenario file gives only in English, which the report marks ``lang="en"``; the
addresses and files a source cites are ``<code>``."""

from __future__ import annotations

import html
import json
import re

import pytest
import typer
from typer.testing import CliRunner

from qaitu.simulation.cli import simulate_app
from qaitu.simulation.report import prose
from qaitu.simulation.scenario_files import load_scenario
from qaitu.simulation.uncertain import Prose

app = typer.Typer()
app.add_typer(simulate_app, name="simulate")
runner = CliRunner()
SMALL = ["--draws", "8", "--pool-size", "100", "--workers", "1", "--years", "4"]
LATIN = re.compile(r"[A-Za-z]{2,}")
ALLOWED = {"Qaitu"}
FIELD_PATH = re.compile(r"[a-z_]+(\.[\w-]+)+")


def english(text: str) -> set[str]:
    return set(LATIN.findall(text)) - ALLOWED


def report_text(page: str) -> str:
    """What a reader sees of the report, less ``<code>`` and what is marked as English."""
    page = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", page)
    page = re.sub(r'(?is)<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", page)
    page = re.sub(r"(?is)<code>.*?</code>", " ", page)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", page))


def chart_words(page: str) -> str:
    """The titles, axis titles, annotations, legend and hover labels of the report's charts."""
    words = []
    decoder = json.JSONDecoder()
    for m in re.finditer(r'Plotly\.newPlot\(\s*"[^"]+",\s*', page):
        data, end = decoder.raw_decode(page, m.end())
        layout, _ = decoder.raw_decode(page, page.index("{", end))
        for trace in data:
            words += [str(trace.get("name", "")), str(trace.get("hovertemplate", ""))]
            ys = trace.get("y")
            # the tornado's bars are the scenario's field paths, shown as code in its table too
            words += [y for y in ys if isinstance(y, str) and not FIELD_PATH.fullmatch(y)
                      ] if isinstance(ys, list) else []
        words.append(json.dumps(layout.get("title", {}), ensure_ascii=False))
        words += [a.get("text", "") for a in layout.get("annotations", [])]
        words += [json.dumps(v.get("title", {}), ensure_ascii=False)
                  for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))]
    text = " ".join(words)
    # plotly's own placeholders and keys, not words for the reader
    text = re.sub(r"%\{[^}]*\}|<extra>|</extra>|<br>|\"(text|font|size)\"", " ", text)
    return text


@pytest.fixture(scope="module", params=["kk", "ru"])
def run(request, tmp_path_factory):
    from qaitu.simulation import cli as simulation_cli

    out = tmp_path_factory.mktemp(request.param)
    # the command's console took the terminal's width when first imported, in this process
    # perhaps by another test: the titles are looked for whole, on a wide terminal
    width, simulation_cli.console.width = simulation_cli.console.width, 200
    try:
        result = runner.invoke(app, ["simulate", "deputy-141", *SMALL, "--lang", request.param,
                                     "--variant", "amantayuly-2026", "--out", str(out)])
    finally:
        simulation_cli.console.width = width
    assert result.exit_code == 0, result.output
    return request.param, result.output, (out / "report.html").read_text(encoding="utf-8")


def test_the_summary_and_progress_carry_no_english(run):
    lang, output, _ = run
    assert not english(re.sub(r"/\S+", " ", output)), output  # the output folder aside
    # each variant by its short title in the reader's language, not by its id
    assert ("действующий закон" if lang == "ru" else "қолданыстағы заң") in output
    assert ("Дифференцированная оценка" if lang == "ru" else "Сараланған баға") in output
    assert "amantayuly" not in output


def test_the_report_text_carries_no_english(run):
    lang, _, page = run
    assert f'<html lang="{lang}">' in page
    assert not english(report_text(page))
    assert ("Бюджетные вопросы" if lang == "ru" else "Бюджет мәселелері") in page


def test_the_report_charts_carry_no_english(run):
    _, _, page = run
    words = chart_words(page)
    assert words.strip()
    assert not english(words), sorted(english(words))


def test_the_scenario_s_title_and_description_are_in_the_readers_language(run):
    """The shipped scenario gives its texts in Kazakh and Russian: the report shows them, not
    the English marked ``lang="en"``."""
    lang, output, page = run
    scenario = load_scenario("deputy-141")
    title = scenario.title.in_language(lang)[0]
    assert f"<h1>{html.escape(title)}</h1>" in page and title in " ".join(output.split())
    assert html.escape(scenario.description.in_language(lang)[0]) in page


def test_a_response_s_several_wanted_values_are_joined_by_or_in_the_readers_language(run):
    """deputy-141's response for war-crime evidence applies when it is ``alleged`` or
    ``established``: the report joins the two with the reader's «или»/«немесе», not «or»."""
    lang, _, page = run
    joined = {"ru": "alleged или established", "kk": "alleged немесе established"}[lang]
    assert f"<code>episodes.0.war_crimes = {joined}</code>" in page
    assert " or " not in page.split("episodes.0.war_crimes = ", 1)[1].split("</code>", 1)[0]


@pytest.mark.parametrize(("lang", "band", "correlation", "observed"), [
    ("en", "0.79 <span class=band>(0.33–1.05)</span>", "-0.52", "0.0613"),
    ("ru", "0,79 <span class=band>(0,33–1,05)</span>", "−0,52", "0,0613"),
    ("kk", "0,79 <span class=band>(0,33–1,05)</span>", "−0,52", "0,0613"),
])
def test_the_report_s_figures_take_a_decimal_comma_in_kazakh_and_russian(
        lang, band, correlation, observed):
    """ru and kk write ``0,79``, not ``0.79``: the report's bands, fixed-digit and
    significant-digit figures go through the project's number formatter."""
    from qaitu.simulation.report import band_text, fmt, sig

    assert band_text((0.79, 0.33, 1.05), digits=2, lang=lang) == band
    assert fmt(-0.52, 2, lang) == correlation
    assert sig(0.0613, lang) == sig(0.0613, lang, "g") == observed


def test_the_report_s_bands_carry_no_decimal_point_in_the_readers_language(run):
    lang, output, page = run
    cells = re.findall(r"([\d\u00a0\u2009.,−-]+) <span class=band>\(([^)]*)\)</span>", page)
    assert cells and any("," in mid + band for mid, band in cells)
    assert not [c for c in cells if re.search(r"\d\.\d", "".join(c))], cells
    assert not re.search(r"\d\.\d", output.rsplit("·", 1)[-1])  # the run's seconds


def test_a_text_the_file_gives_only_in_english_is_marked_english():
    assert prose(Prose(en="Mine, <b>"), "kk") == '<span lang="en">Mine, &lt;b&gt;</span>'
    assert prose(Prose(en="Mine", ru="Мой"), "ru") == "Мой"
    assert prose(None, "ru") == ""


@pytest.mark.parametrize("name", ["deputy-141", "court-stats-709"])
def test_every_source_and_assumption_of_a_shipped_scenario_has_kazakh_and_russian(name):
    from qaitu.simulation.tables import provenance

    scenario = load_scenario(name)
    texts = [t for *_, where in provenance(scenario) for t in (where.source, where.assumption)
             if t is not None] + [o.source for o in scenario.observed]
    texts += [unit for *_, unit, _ in provenance(scenario) if unit is not None]  # units, too
    assert texts and all(t.ru.strip() and t.kk.strip() for t in texts)


def test_the_report_gives_sources_and_assumptions_in_the_readers_language(run):
    """The assumptions table, the calibration's sources and the policy's assumption are the
    file's Kazakh or Russian texts, no longer English marked ``lang="en"``."""
    lang, _, page = run
    scenario = load_scenario("deputy-141")
    assert str(prose(scenario.policy.assumption, lang)) in page
    assert str(prose(scenario.costs.prison_per_day.source, lang)) in page
    assert str(prose(scenario.observed[0].source, lang)) in page
    english_provenance = scenario.policy.assumption.in_language("en")[0]
    assert html.escape(english_provenance) not in page


@pytest.mark.parametrize(("lang", "notes"), [
    ("ru", ["В части импортированных дел (1 из 2) не указана дата оценки ( ): для них принят "
            "день расчёта ({today}).", "Неизвестные факты импортированных дел заполнены по "
            "разделу сценария (копий каждого дела: 50)."]),
    ("kk", ["Импортталған істердің бір бөлігінде (2 ішінен 1) бағалау күні ( ) көрсетілмеген: "
            "олар үшін есептеу күні ({today}) алынды.", "Импортталған істердің белгісіз "
            "фактілері сценарийдің бөлімі бойынша толтырылды (әр істің көшірмелері: 50)."]),
], ids=["ru", "kk"])
def test_what_the_report_says_of_imported_cases_is_in_the_readers_language(
        tmp_path, lang, notes):
    """The notes on a pool of imported cases (a missing ``as_of``, the day of the run used for
    it; unknown facts filled from the scenario's cohort) are said in the reader's language,
    not English marked as such."""
    import datetime as dt

    from qaitu.assessment.explain import dates_text

    cases = tmp_path / "cases.csv"
    cases.write_text("case_id,as_of,episodes.0.role,person.sex\nA,2025-05-01,combatant,male\n"
                     "B,,combatant,\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["simulate", "deputy-141", *SMALL, "--lang", lang, "--variant",
                                 "current", "--cases", str(cases), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    text = " ".join(report_text(page).split())
    today = dates_text(dt.date.today().isoformat(), lang)
    assert all(note.format(today=today) in text for note in notes), text
    assert not english(text)
    assert 'lang="en"' not in page
