"""The printable memo: PDF text in each language, escaping, metadata, errors, layout render."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, cast

import pytest
from pypdf import PdfReader

from qaitu.assessment.memo import MemoError, build_context, render_html, render_pdf, trace_value
from qaitu.assessment.memo.render import _css_string
from qaitu.assessment.memo.text import Lang
from qaitu.law.enums import InstitutionSecurity

FIXTURES = Path(__file__).with_name("fixtures")
GENERATED = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
#: GENERATED as each language's memo writes it: the month in words, Kazakh's in lower case.
GENERATED_TEXT = {"ru": "2 марта 2026 г., 09:30 UTC", "kk": "2026 жылғы 2 наурыз, 09:30 UTC",
                  "en": "2 Mar 2026, 09:30 UTC"}


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture
def result() -> dict[str, Any]:
    return _load("result.json")


@pytest.fixture
def facts() -> dict[str, Any]:
    return _load("case.json")


def _pdf_text(pdf: bytes) -> str:
    """All pages' text with line breaks, and the hyphens WeasyPrint adds at them, undone."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"[\u00ad\u2010-]\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text)


# What each language's memo must say: title, option-status words, the decision-support
# statement, section headings and the labels of the print margins.
EXPECTED: dict[str, list[str]] = {
    "ru": [
        "Справка",
        "применимо",
        "только при исключительных обстоятельствах",
        "возможно — зависит от неустановленных фактов",
        "Решение принимает суд",
        "Условное осуждение",
        "Ограничение свободы",
        "Международная практика",
        "от 5 лет до 9 лет",
        "Таджикистан",
        "Стр. 1 /",
    ],
    "kk": [
        "Анықтама",
        "қолдануға болады",
        "тек ерекше мән-жайлар болғанда",
        "Шешімді сот қабылдайды",
        "Шартты түрде соттау",
        "Бас бостандығын шектеу",
        "Халықаралық тәжірибе",
        "5 жылдан 9 жылға дейін",
        "Тәжікстан",
        "Бет 1 /",
    ],
    "en": [
        "Memorandum",
        "available",
        "only in exceptional circumstances",
        "possible — depends on unknown facts",
        "The court decides",
        "Conditional sentence",
        "Restriction of freedom",
        "International practice",
        "5 years to 9 years",
        "Tajikistan",
        "Page 1 /",
    ],
}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_pdf_states_the_key_findings_in_its_language(
    lang: Lang, result: dict[str, Any], facts: dict[str, Any]
) -> None:
    pdf = render_pdf(result, facts, lang=lang, generated_at=GENERATED)
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    assert "KZ-2026-000123" in text
    assert GENERATED_TEXT[lang] in text
    assert re.search(r"(ст\. 172|172-бап|art\. 172)", text)
    for phrase in EXPECTED[lang]:
        assert phrase in text, phrase
    # The other languages' fixed wording must not leak in.
    for other in {"ru", "kk", "en"} - {lang}:
        assert EXPECTED[other][0] not in text.replace("Qaitu", "")


def test_pdf_embeds_a_font_with_the_kazakh_letters(
    result: dict[str, Any], facts: dict[str, Any]
) -> None:
    pdf = render_pdf(result, facts, lang="kk", generated_at=GENERATED)
    reader = PdfReader(io.BytesIO(pdf))
    pages: list[Any] = list(reader.pages)
    fonts = {
        str(font["/BaseFont"]) for page in pages for font in page["/Resources"]["/Font"].values()
    }
    assert any("PT" in f or "DejaVu" in f for f in fonts), fonts
    # Text extraction only returns these letters if the glyphs were found and embedded.
    text = _pdf_text(pdf)
    for letter in "әғқңөұүі":
        assert letter in text, letter


def test_the_sections_appear_in_order(result: dict[str, Any], facts: dict[str, Any]) -> None:
    html = render_html(result, facts, lang="en", generated_at=GENERATED)
    headings = [
        "Explanation",
        "Case summary",
        "Findings under each variant of the law",
        "Provisions applied and calculation trace",
        "International practice",
        "Rulebook",
    ]
    positions = [html.index(f">{h}</h2>") for h in headings]
    assert positions == sorted(positions)
    assert "sha256:5f1c0e8a" in html and "0.3.0" in html


def test_variants_show_diff_depends_and_practice(
    result: dict[str, Any], facts: dict[str, Any]
) -> None:
    context = build_context(result, facts, lang="ru", generated_at=GENERATED)
    current, variant = context["variants"]
    assert current["name"] == "current" and current["title"] == "Действующий закон"
    assert current["diff"] is None  # current law is what the others are compared with
    assert variant["title"].startswith("Дифференцированная ответственность")
    assert [d["to"] for d in variant["diff"]] == ["применимо", "средней тяжести", "применимо"]
    assert variant["diff"][0]["outcome"] == "Ограничение свободы"
    assert current["depends_on"][0]["fact"] == "Эпизод 1: военные преступления"
    assert "квалификация по ч. 1 ст. 164" in current["depends_on"][0]["changes"]
    assert [p["code"] for p in context["practice"]] == ["RU", "TJ", "UZ"]
    qualification = current["qualifications"][0]
    assert qualification["statutory"] == "от 5 лет до 9 лет"
    assert qualification["reachable"] == "от 6 месяцев до 4 лет 6 месяцев"
    assert context["person"]["age"] == "32 года"  # born 1991-04-12, first act 2024-03-10
    assert context["episodes"][0]["country"] == "Украина (UA)"


def test_variant_metadata_overrides_and_norway_survives_yaml(
    result: dict[str, Any], facts: dict[str, Any]
) -> None:
    # PyYAML's safe_load turns an unquoted NO into False; the memo must still find Norway.
    meta = [{"name": "amantayuly-2026", "title": "Short title", "jurisdictions": [False, "XX"]}]
    context = build_context(result, facts, lang="en", variants_meta=meta)
    variant = context["variants"][1]
    assert variant["title"] == "Short title"
    assert variant["status"] == "proposed"  # kept from the result's own metadata
    assert [p["code"] for p in context["practice"]] == ["NO", "XX"]
    assert context["practice"][0]["name"] == "Norway"
    assert context["practice"][1]["missing"] is True
    html = render_html(result, facts, lang="en", variants_meta=meta)
    assert "no entry in the comparative dataset" in html


def test_no_cited_practice_and_no_diff_are_said_plainly(
    result: dict[str, Any], facts: dict[str, Any]
) -> None:
    del result["variants"]["amantayuly-2026"]["variant"]["jurisdictions"]
    result["variants"]["amantayuly-2026"]["diff"] = []
    result["variants"]["current"]["depends_on"] = []
    html = render_html(result, facts, lang="kk")
    assert "Нұсқалар шетелдік тәжірибеге сілтеме жасамайды." in html
    assert "Бұл іс үшін нұсқа ештеңені өзгертпейді." in html
    assert "Нәтиже анықталмаған фактілерге байланысты емес" in html


def test_facts_may_be_the_validated_model(result: dict[str, Any], facts: dict[str, Any]) -> None:
    from qaitu.assessment.casefile import parse_mapping

    model = parse_mapping(facts)
    from_model = build_context(result, cast(Any, model), lang="ru", generated_at=GENERATED)
    from_dict = build_context(result, facts, lang="ru", generated_at=GENERATED)
    assert from_model["person"] == from_dict["person"]
    assert from_model["episodes"] == from_dict["episodes"]


# --- untrusted text -------------------------------------------------------------------------


def test_user_text_is_escaped_and_only_http_links_are_links(
    result: dict[str, Any], facts: dict[str, Any]
) -> None:
    hostile = copy.deepcopy(facts)
    hostile["episodes"][0]["formation"]["name"] = "<script>alert('x')</script>"
    evil = copy.deepcopy(result)
    evil["case_id"] = '"><img src=x onerror=alert(1)></style>'
    evil["variants"]["current"]["qualifications"][0]["because"].append("<b onclick=x>bold</b>")
    evil["variants"]["current"]["trace"][0]["url"] = "javascript:alert(1)"
    evil["variants"]["amantayuly-2026"]["variant"]["title"] = {"en": "<iframe src=//evil>"}
    html = render_html(evil, hostile, lang="en")
    for raw in ("<script>alert", "<img src=x", "<b onclick", "<iframe", '</style>"'):
        assert raw not in html, raw
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;b onclick=x&gt;bold&lt;/b&gt;" in html
    assert 'href="javascript:' not in html
    assert "javascript:alert(1)" in html  # shown as text, not as a link
    assert html.count("<style>") == 1 and html.count("</style>") == 1


def test_text_placed_in_css_cannot_end_the_string_or_the_style_element() -> None:
    quoted = str(_css_string('a"b\\c</style><script>\nx'))
    inner = quoted[1:-1]
    assert quoted.startswith('"') and quoted.endswith('"')
    assert '"' not in inner and "<" not in inner and ">" not in inner and "\n" not in inner


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update(schema="qaitu.assessment/0"), "result.schema"),
        (lambda r: r.update(variants={}), "result.variants"),
        (lambda r: r["variants"].update(current=[1, 2]), "result.variants.current"),
    ],
)
def test_unusable_results_are_refused_with_the_field_named(
    change: Any, message: str, result: dict[str, Any], facts: dict[str, Any]
) -> None:
    change(result)
    with pytest.raises(MemoError, match=re.escape(message)):
        render_html(result, facts, lang="ru")


def test_an_unknown_language_is_refused(result: dict[str, Any], facts: dict[str, Any]) -> None:
    with pytest.raises(MemoError, match="lang: expected one of ru, kk, en; got 'de'"):
        render_html(result, facts, lang=cast(Any, "de"))


# --- layout -----------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_first_page_renders_to_an_a4_image_with_ink(
    tmp_path: Path, result: dict[str, Any], facts: dict[str, Any]
) -> None:
    """A smoke check that the PDF is drawable; the look itself was checked by eye."""
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(render_pdf(result, facts, lang="ru", generated_at=GENERATED))
    subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p*.png")
    from PIL import Image

    with Image.open(png) as image:
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.01  # A4 portrait
        darkest = image.convert("L").getextrema()[0]
        assert isinstance(darkest, int) and darkest < 100  # there is dark text on the page


def test_a_step_qaitu_is_less_sure_of_shows_its_confidence(
    result: dict[str, Any], facts: dict[str, Any]
) -> None:
    marked = copy.deepcopy(result)
    marked["variants"]["current"]["trace"][0]["confidence"] = "M"
    html = render_html(marked, facts, lang="ru")
    assert "· <strong>M</strong>" in html
    assert "M или L после редакции" in html
    assert "· <strong>" not in render_html(result, facts, lang="ru")


@pytest.mark.parametrize(("lang", "words"), [
    ("ru", ["учреждение минимальной безопасности", "учреждение средней безопасности",
            "учреждение максимальной безопасности", "учреждение чрезвычайной безопасности"]),
    ("kk", ["қауіпсіздігі барынша төмен мекеме", "орташа қауіпсіз мекеме",
            "қауіпсіздігі барынша жоғары мекеме", "төтенше қауіпсіз мекеме"]),
    ("en", ["minimum-security institution", "medium-security institution",
            "maximum-security institution", "extreme-security institution"])])
def test_the_institution_of_art_46_is_named_in_the_reader_s_language(
    lang: Lang, words: list[str]
) -> None:
    assert [trace_value(s.name, lang) for s in InstitutionSecurity] == words


def test_the_memo_trace_shows_the_institution_translated(
    result: dict[str, Any], facts: dict[str, Any]
) -> None:
    marked = copy.deepcopy(result)
    marked["variants"]["current"]["trace"][0]["value"] = "medium_security"
    html = render_html(marked, facts, lang="ru")
    assert "учреждение средней безопасности" in html and "medium_security" not in html


@pytest.mark.parametrize(("lang", "title", "provision", "dates"), [
    ("en", "Sentence dates", "art. 72(5)", ("22 Mar 2031", "23 Mar 2028")),
    ("ru", "Сроки по приговору", "ч. 5 ст. 72", ("22 марта 2031 г.", "23 марта 2028 г.")),
    ("kk", "Үкім бойынша мерзімдер", "72-баптың 5-бөлігі",
     ("2031 жылғы 22 наурыз", "2028 жылғы 23 наурыз"))])
def test_memo_shows_the_sentence_dates_with_their_provisions(
        lang: str, title: str, provision: str, dates: tuple[str, str]) -> None:
    from qaitu.assessment import assess
    from qaitu.assessment.casefile import load_case

    case = load_case(Path(__file__).parents[3] / "examples" / "172-sentenced-serving.yaml")
    html = render_html(assess(case, lang=lang), case.to_json(), lang=lang)
    table = html[html.index('class="grid sentence"'):]
    table = table[:table.index("</table>")]
    assert title in html
    assert all(day in table for day in dates)  # term end, parole
    assert not re.search(r"\d{4}-\d{2}-\d{2}", html)  # nor ISO in the reasons' words
    assert provision in table


def test_the_trace_table_stays_inside_the_printed_page_s_margins(
    result: dict[str, Any], facts: dict[str, Any]
) -> None:
    """Column widths are of the text, padding aside: at 100 % the trace table ran 15 mm into
    the right margin, up to the paper's edge."""
    from weasyprint import HTML

    doc = HTML(string=render_html(result, facts, lang="ru")).render()
    seen = 0
    for page in doc.pages:
        box = page._page_box
        right = box.content_box_x() + box.width
        stack = [box]
        while stack:
            b = stack.pop()
            stack.extend(getattr(b, "children", []))
            if b.element_tag == "table" and "trace" in (b.element.get("class") or ""):
                seen += 1
                assert b.position_x + b.margin_width() <= right + 0.5, page
    assert seen


@pytest.mark.parametrize(("lang", "as_of", "returned"), [
    ("ru", "1 марта 2026 г.", "2 декабря 2024 г."),
    ("kk", "2026 жылғы 1 наурыз", "2024 жылғы 2 желтоқсан"),
    ("en", "1 Mar 2026", "2 Dec 2024")])
def test_the_memo_writes_dates_as_its_reader_does(
        result: dict[str, Any], facts: dict[str, Any], lang: Lang, as_of: str,
        returned: str) -> None:
    html = render_html(result, facts, lang=lang, generated_at=GENERATED)
    for day in (as_of, returned, GENERATED_TEXT[lang]):
        assert day in html
    assert "2026-03-01" not in html and "2024-12-02" not in html


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "result.schema: expected qaitu.assessment/1; got 'qaitu.assessment/0'"),
    ("ru", "result.schema: ожидается qaitu.assessment/1; указано 'qaitu.assessment/0'"),
    ("kk", "result.schema: qaitu.assessment/1 күтіледі; көрсетілгені: 'qaitu.assessment/0'"),
])
def test_a_refusal_is_said_in_the_readers_language(
    lang: str, said: str, result: dict[str, Any], facts: dict[str, Any]
) -> None:
    result["schema"] = "qaitu.assessment/0"
    with pytest.raises(MemoError) as caught:
        render_html(result, facts, lang=cast(Any, lang))
    assert caught.value.text(lang) == said
    assert str(caught.value) == caught.value.text("en")  # a log's English


@pytest.mark.parametrize("lang, said, headings", [
    ("ru", "Не проверено, цитаты нет", ("Наказание", "Освобождение при добровольном возвращении")),
    ("kk", "Тексерілмеген, дәйексөзі жоқ", ("Жаза", "Өз еркімен оралғанда босату"))],
    ids=["ru", "kk"])
def test_practice_marks_each_claim_resting_on_no_quote_as_qaitu_jurisdictions_does(
    result: dict[str, Any], facts: dict[str, Any], lang: Lang, said: str,
    headings: tuple[str, str],
) -> None:
    """Norway's §145 range and its relief were read in no stored source: the memo marks those
    two values †, names them under Norway's table as the bill pack does, and counts them below
    the practice as ``qaitu jurisdictions`` does; Russia's claims, all quoted, are unmarked."""
    from qaitu.comparative import by_code, load_jurisdictions
    from qaitu.comparative.display import label as practice_label

    meta = [{"name": "amantayuly-2026", "jurisdictions": ["NO", "RU"]}]
    context = build_context(result, facts, lang=lang, variants_meta=meta)
    norway, russia = context["practice"]
    marked = [header for header, _, unverified in norway["facts"] if unverified]
    assert marked == list(headings)
    assert norway["unverified"] == f"{said}: {'; '.join(headings)}"
    assert russia["unverified"] == "" and not any(u for _, _, u in russia["facts"])
    total = sum(len(by_code(c, load_jurisdictions()).claims()) for c in ("NO", "RU"))
    legend = practice_label("table.unverified", lang).format(n=2, total=total)
    assert context["practice_unverified"] == legend

    html = render_html(result, facts, lang=lang, variants_meta=meta)
    assert f"† {norway['unverified']}." in html and legend in html
    penalty = next(v for h, v, _ in norway["facts"] if h == headings[0])
    assert f'<td>{penalty} <span class="unverified">†</span></td>' in html
    pdf = _pdf_text(render_pdf(result, facts, lang=lang, variants_meta=meta))
    assert f"† {norway['unverified']}." in pdf and legend in pdf


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_kazakh_or_russian_memo_names_a_variant_without_its_id(
    lang: Lang, result: dict[str, Any], facts: dict[str, Any]
) -> None:
    """An id such as ``current`` is a code a reader of kk/ru is not shown (users' trial)."""
    html = render_html(result, facts, lang=lang)
    visible = re.sub(r"(?s)<[^>]+>", " ", re.sub(r"(?is)<style\b.*?</style>", " ", html))
    assert {"ru": "Действующий закон", "kk": "Қолданыстағы заң"}[lang] in visible
    for name in result["variants"]:
        assert not re.search(rf"(?<![\w/-]){re.escape(name)}(?![\w/-])", visible), (lang, name)


def test_the_english_memo_keeps_the_id_a_user_types_beside_the_title(
    result: dict[str, Any], facts: dict[str, Any]
) -> None:
    html = render_html(result, facts, lang="en")
    for name in result["variants"]:
        assert f'<code class="variant-id">{name}</code>' in html


@pytest.mark.parametrize(("lang", "headline", "condition"), [
    ("en", "Parole after serving 1/2 of the term", "actively help"),
    ("ru", "Условно-досрочное освобождение — после отбытия 1/2 срока", "активн"),
    ("kk", "жаза мерзімінің 1/2 бөлігін өтегеннен кейін", "белсенді")])
def test_memo_says_the_condition_parole_is_open_on_once(lang: Lang, headline: str,
                                                        condition: str) -> None:
    """Art. 72(1), third paragraph: a terrorist crime's convict (256(2)) is paroled only if he
    actively helps. The memo's parole paragraph gives the share; the reasons under it begin
    with the condition and its provision: the condition once, as the report says it."""
    from qaitu.assessment import assess
    from qaitu.assessment.casefile import load_case

    case = load_case(Path(__file__).parents[3] / "examples" / "256-2-online-propagandist.yaml")
    html = render_html(assess(case, lang=lang), case.to_json(), lang=lang)
    start = html.index(headline)
    start = html.rindex("<p><strong>", 0, start)
    block = html[start:html.index("</ul>", start)]
    assert headline in block[:block.index("</strong>")], block
    assert block.count(condition) == 1, block
    assert block.index(condition) > block.index('<ul class="reasons">'), block
