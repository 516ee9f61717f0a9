"""Every output a Kazakh or Russian reader gets is in their language: every example under
current law and every shipped variant, rendered as the CLI's text, the memo's HTML and the
memo's PDF, carries no enumeration code and no word of the English glossary.

Words a Kazakh or Russian text may hold in Latin letters are left out of the search: the
variants' own names (identifiers the user types), source titles and URLs, Qaitu's name, and the
confidence marks H/M/L."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from rich.console import Console

from qaitu import cli
from qaitu.assessment import assess
from qaitu.assessment.casefile import load_case
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
ALLOWED = {name.lower() for name in VARIANTS} | {"qaitu"}


def _leaks(text: str, given: tuple[str, ...] = ()) -> set[str]:
    """English words and codes in ``text``, leaving out what the case file itself names
    (``given``: a formation's name is shown as the file writes it)."""
    text = re.sub(r"https?://\S+", " ", text)
    for name in (*VARIANTS, *given):
        text = text.replace(name, " ")
    return {m.group(1).lower() for m in PATTERN.finditer(text)} - ALLOWED


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
