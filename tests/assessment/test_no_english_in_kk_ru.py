"""Every output a Kazakh or Russian reader gets is in their language: every example under
current law and every shipped variant, rendered as the CLI's text, the memo's HTML and the
memo's PDF, carries no enumeration code, no word of the English glossary and no variant's id
where its name belongs: a variant is named by its title or short title in the reader's
language, its id (what ``--variant`` takes) shown only where a user must type it.

Words a Kazakh or Russian text may hold in Latin letters are left out of the search: source
titles and URLs, Qaitu's name, and the confidence marks H/M/L."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from rich.console import Console
from typer.testing import CliRunner

from qaitu import cli
from qaitu.assessment import assess
from qaitu.assessment.casefile import (
    CaseError,
    load_case,
    parse_text,
    problem_message,
    problem_text,
)
from qaitu.assessment.memo import render_html, render_pdf
from qaitu.law.glossary import glossary
from qaitu.law.variants import shipped_names

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
VARIANTS = ["current", *(n for n in shipped_names() if n != "current")]
#: The English glossary's words of four letters or more, and every enumeration code.
ENGLISH = sorted({w for entries in glossary().values() for texts in entries.values()
                  for w in re.findall(r"[A-Za-z]{4,}", texts["en"])}
                 | {code for entries in glossary().values() for code in entries
                    if "_" in code}, key=len, reverse=True)
PATTERN = re.compile(r"(?<![\w/.-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w/.-])",
                     re.IGNORECASE)
ALLOWED = {"qaitu"}
#: A variant's id standing whole (not inside a longer word or path).
IDS = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(VARIANTS, key=len,
                                                                   reverse=True)))
                 + r")(?![\w-])")


def _leaks(text: str, given: tuple[str, ...] = ()) -> set[str]:
    """English words, codes and variants' ids in ``text``, leaving out what the case file
    itself names (``given``: a formation's name is shown as the file writes it)."""
    text = re.sub(r"https?://\S+", " ", text)
    for name in given:
        text = text.replace(name, " ")
    ids = {f"variant id {m.group(1)}" for m in IDS.finditer(text)}
    return ({m.group(1).lower() for m in PATTERN.finditer(text)} - ALLOWED) | ids


def _visible(page: str) -> str:
    page = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", page)
    page = re.sub(r'(?is)<ol class="sources">.*?</ol>', " ", page)  # titles of foreign sources
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", page))


def _given(case: Any) -> tuple[str, ...]:
    return tuple(str(e["formation"]["name"]) for e in case.to_json()["episodes"]
                 if (e.get("formation") or {}).get("name"))


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_text_and_memo_carry_no_english_and_no_codes(example: Path, lang: str) -> None:
    case = load_case(example)
    result = assess(case, VARIANTS, lang=lang)
    given = _given(case)
    console = Console(file=io.StringIO(), width=200)
    cli.console = console
    cli.render_text(result, lang)
    cli.render_comparison(result, lang)
    assert not _leaks(console.file.getvalue(), given), "text"
    assert not _leaks(_visible(render_html(result, case.to_json(), lang=lang)), given), "html"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_pdf_memo_carries_no_english_and_no_codes(lang: str) -> None:
    case = load_case(EXAMPLES[0])
    result = assess(case, VARIANTS, lang=lang)
    reader = PdfReader(io.BytesIO(render_pdf(result, case.to_json(), lang=lang)))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = text.split("Источники")[0].split("Дереккөздер")[0]  # foreign sources' titles
    text = re.sub(r"\s+", " ", re.sub(r"[\u00ad-]\s*\n\s*", "", text))
    assert not _leaks(text, _given(case))


#: Broken case files, each with the one problem it has: the field's path and line.
BAD_CASES = {
    "unknown field": ("schema: qaitu.case/1\nperson:\n  sexx: male\n", "person.sexx", 3),
    "enum value": ("schema: qaitu.case/1\nepisodes:\n  - formation:\n      kind: pirates\n",
                   "episodes.0.formation.kind", 4),
    "bad date": ("schema: qaitu.case/1\nperson:\n  birth_date: 1991-02-31\n",
                 "person.birth_date", 3),
    "wrong type": ("schema: qaitu.case/1\nepisodes:\n  - material_reward: maybe\n",
                   "episodes.0.material_reward", 3),
    "country code": ("schema: qaitu.case/1\nperson:\n  citizenship: [kz]\n",
                     "person.citizenship.0", 3),
    "negative number": ("schema: qaitu.case/1\nproceedings:\n  pretrial_detention_days: -3\n",
                        "proceedings.pretrial_detention_days", 3),
    "no schema": ("person: {}\n", "schema", 1),
    "not a mapping": ("- 1\n", "", 1),
    "syntax": ("schema: qaitu.case/1\nperson: {sex: male\n", "", 3),
}
#: Latin words a Kazakh or Russian problem may hold: the format's own names and values.
FORMAT_WORDS = {"qaitu", "case", "schema", "yaml", "json", "utf", "iso", "true", "false",
                "unknown"}


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("kind", BAD_CASES)
def test_a_case_file_s_problems_are_said_in_the_reader_s_language(kind: str, lang: str) -> None:
    text, path, line = BAD_CASES[kind]
    with pytest.raises(CaseError) as caught:
        parse_text(text, "bad.yaml")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (path, line)
    said = problem_text(problem, lang)
    assert said.startswith(f"bad.yaml:{line}") and said != problem_text(problem, "en")
    sentence = problem_message(problem, lang)
    for value in problem.values.values():  # what the file wrote, and the codes it may write
        sentence = sentence.replace(str(value), " ")
    assert not {w.lower() for w in re.findall(r"[A-Za-z]{3,}", sentence)} - FORMAT_WORDS, said
    leaf = [part for part in path.split(".") if not part.isdigit()][-1:]
    if leaf and leaf[0] in glossary()["fact"]:  # the field named by the glossary, and its path
        assert f"{glossary()['fact'][leaf[0]][lang]} ({path})" in said


def test_a_syntax_error_says_its_line_and_column_in_each_language() -> None:
    with pytest.raises(CaseError) as caught:
        parse_text("schema: qaitu.case/1\nperson:\n  sex: male\n   bad: [\n", "bad.yaml")
    (problem,) = caught.value.problems
    assert (problem.key, problem.line, problem.column) == ("syntax", 4, 7)
    assert "line 4, column 7" in problem_message(problem, "en")
    assert "строке 4, столбце 7" in problem_message(problem, "ru")
    assert "4-жолдың 7-бағанында" in problem_message(problem, "kk")


@pytest.mark.parametrize("lang, said", [
    ("ru", ["Ошибок в файле дела: 2", "Лицо: пол (person.sex)", "указано 'robot'"]),
    ("kk", ["Іс файлындағы қателер саны: 2", "Тұлға: жынысы (person.sex)",
            "көрсетілгені: 'robot'"]),
])
def test_the_cli_says_a_case_file_s_problems_in_the_reader_s_language(
        tmp_path: Path, lang: str, said: list[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: qaitu.case/1\nperson:\n  sex: robot\n  colour: red\n")
    out = CliRunner().invoke(cli.app, ["assess", str(bad), "--lang", lang],
                             env={"COLUMNS": "300"})
    assert out.exit_code == 2
    text = " ".join(out.stderr.split())
    assert all(s in text for s in said), text
    assert "problem" not in text and "expected" not in text


@pytest.mark.parametrize("lang, said", [("ru", ("предупреждение:", "справка записана в")),
                                        ("kk", ("ескерту:", "анықтама"))])
def test_the_cli_s_warnings_and_notes_are_in_the_reader_s_language(
        tmp_path: Path, lang: str, said: tuple[str, str]) -> None:
    case = tmp_path / "no-episode.yaml"
    case.write_text("schema: qaitu.case/1\nas_of: 2026-03-01\nperson: {sex: male}\n")
    out = CliRunner().invoke(cli.app, ["assess", str(case), "--lang", lang, "--format", "html",
                                       "--out", str(tmp_path / "memo.html")],
                             env={"COLUMNS": "300"})
    assert out.exit_code == 0, out.output
    text = " ".join(out.stderr.replace(str(tmp_path), " ").split())
    assert all(s in text for s in said) and "warning" not in text and "written" not in text


def _without_panels_titled(text: str, titles: list[str]) -> str:
    """``text`` less the Rich panels whose title is one of ``titles``."""
    kept, skipping = [], False
    for line in text.splitlines():
        if line.startswith("╭") and any(t in line for t in titles):
            skipping = True
        if not skipping:
            kept.append(line)
        if line.startswith("╰"):
            skipping = False
    return "\n".join(kept)


@pytest.mark.parametrize(("lang", "named"), [
    ("ru", "Опирается на практику: Грузия (GE), Таджикистан (TJ), Германия (DE), Норвегия (NO)"),
    ("kk", "Тәжірибесіне сүйенеді: Грузия (GE), Тәжікстан (TJ), Германия (DE), Норвегия (NO)"),
])
def test_variants_show_names_the_jurisdictions_behind_a_variant_in_the_readers_language(
        lang: str, named: str) -> None:
    """``qaitu variants show amantayuly-2026`` names the countries whose practice it draws on
    (``jurisdictions: [GE, TJ, DE, NO]``) by the jurisdiction files' names in kk/ru, the ISO
    code beside each, not the bare codes."""
    shown = CliRunner().invoke(cli.app, ["variants", "show", "amantayuly-2026", "--lang", lang],
                               env={"COLUMNS": "300"})
    assert shown.exit_code == 0, shown.output
    assert named in shown.output


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", [n for n in VARIANTS if n != "current"])
def test_variants_show_names_provisions_parameters_values_and_authors_in_the_readers_language(
        name: str, lang: str) -> None:
    """``qaitu variants show`` in kk/ru: the provision by its title, each parameter it changes
    by the glossary's name with its value in words («действует: да», «верхний предел лишения
    свободы: 5 лет»), the author in the reader's language; no provision id, parameter path or
    ``True``. The draft wording in the other languages is shown as written, on purpose."""
    from qaitu.assessment.explain import say
    from qaitu.law.glossary import label

    shown = CliRunner().invoke(cli.app, ["variants", "show", name, "--lang", lang],
                               env={"COLUMNS": "300"})
    assert shown.exit_code == 0, shown.output
    others = [say("report.draft_wording", lang, language=label("in_language", code, lang))
              for code in ("ru", "kk", "en") if code != lang]
    text = _without_panels_titled(shown.output, others)
    # the id once, where it is to be typed, marked as the option it follows
    assert " ".join(text.split()).count(f"--variant {name}") == 1, text
    text = text.replace(f"--variant {name}", " ").replace("`qaitu jurisdictions`", " ")
    assert name not in text, text
    assert not set(re.findall(r"[A-Za-z]{3,}", text)) - {"Qaitu"}, text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_variants_list_names_each_variant_in_the_reader_s_language_and_marks_its_id_to_type(
        lang: str) -> None:
    """``qaitu variants`` in kk/ru: each variant by its short title and title in the reader's
    language; its id once, in the column headed as what to type after ``--variant``."""
    from qaitu.assessment.explain import say
    from qaitu.law.variants import load_variant, variant_name

    shown = CliRunner().invoke(cli.app, ["variants", "--lang", lang], env={"COLUMNS": "300"})
    assert shown.exit_code == 0, shown.output
    assert say("report.variant_id", lang) in shown.output
    assert len(IDS.findall(shown.output.replace(say("report.variant_id", lang), ""))) \
        == len(VARIANTS)
    for name in VARIANTS:
        meta = load_variant(name).meta()
        row = next(line for line in shown.output.splitlines()
                   if variant_name(meta, lang, short=True) in line)
        assert row.rstrip(" │").endswith(name), row


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_side_by_side_columns_are_headed_by_the_variants_short_titles(lang: str) -> None:
    """The comparison's columns, beside current law, are headed by each variant's short title
    in the reader's language, not by its id."""
    from qaitu.law.variants import load_variant, variant_name

    case = load_case(EXAMPLES[0])
    result = assess(case, VARIANTS, lang=lang)
    console = Console(file=io.StringIO(), width=400)
    cli.console = console
    cli.render_comparison(result, lang)
    header = next(line for line in console.file.getvalue().splitlines() if line.startswith("┃"))
    cells = [c.strip() for c in header.strip("┃").split("┃")][1:]
    assert cells == [variant_name(load_variant(n).meta(), lang, short=True) for n in VARIANTS]
