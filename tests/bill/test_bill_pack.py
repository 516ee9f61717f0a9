"""The bill pack: the draft law, the comparative table and the explanatory note, in Russian and
Kazakh, for every shipped variant, with the projection's own numbers."""

from __future__ import annotations

import io
import re

import pytest
from typer.testing import CliRunner

from qaitu.bill import (
    COSTS,
    EFFECTS,
    BillError,
    amendments,
    band,
    build,
    figures,
    labels,
    law_items,
    paragraphs,
)
from qaitu.bill.render import render_docx, render_html
from qaitu.cli import app
from qaitu.law.statute import article_text
from qaitu.law.variants import load_variant, shipped_names
from qaitu.simulation.run import run
from qaitu.simulation.scenario_files import load_scenario
from qaitu.simulation.tables import totals

VARIANTS = [n for n in shipped_names() if n != "current"]
PACKS = [(v, lang) for v in VARIANTS for lang in ("ru", "kk")]


@pytest.fixture(scope="module")
def result():
    """One small run with every shipped variant (few draws: the test is about the wiring)."""
    s = load_scenario("deputy-141").with_settings(draws=8, pool_size=100, variants=["all"])
    return run(s, workers=1)


@pytest.fixture(scope="module")
def packs(result):
    return {(v, lang): build(v, figures(result, v), lang) for v, lang in PACKS}


@pytest.mark.parametrize("variant,lang", PACKS)
def test_the_pack_has_the_draft_law_the_comparative_table_and_the_explanatory_note(
        packs, variant, lang):
    html = render_html(packs[variant, lang])
    lab = labels(lang)
    for heading in (lab["law_title"], lab["table_title"], lab["note_title"], lab["s_finance"]):
        assert heading in html


@pytest.mark.parametrize("variant,lang", PACKS)
def test_one_table_row_per_provision_with_the_codes_current_text(packs, variant, lang):
    rows = packs[variant, lang]["table"]["rows"]
    provisions = load_variant(variant).provisions
    assert len(rows) == len(provisions)
    for row in rows:
        assert row["current"].startswith(article_text(row["article"], lang))
        assert paragraphs(load_variant(variant).spec.text[lang]) in row["proposed"]


def test_a_new_note_is_an_addition_and_a_new_sanction_a_new_wording(packs):
    note = packs["release-on-voluntary-exit", "ru"]["table"]["rows"][0]
    assert note["element"] == "Примечание к статье 172 (новое)"
    assert note["current"].endswith("Примечание отсутствует.")
    law = packs["reclassify-172-medium", "kk"]["law"]["articles"][0]["items"][0]
    assert law["op"] == "172-бап мынадай редакцияда жазылсын:"
    assert law["text"].startswith("172-бап. Шетелдік қарулы қақтығыстарға қатысу")


def amending(tmp_path, base: str, name: str, article: str, number: str | None = None) -> str:
    """A copy of the shipped variant ``base`` whose provision amends ``article`` (as a variant
    uploaded in the lab may name any element), written to a file: its path. ``number``: the
    part's number its wording begins with instead of «2»."""
    import yaml

    data = load_variant(base).spec.model_dump(mode="json", by_alias=True)
    data["name"], data["provisions"][0]["article"] = name, article
    if number:
        data["text"] = {k: re.sub(r"^2\. ", f"{number}. ", t) for k, t in data["text"].items()}
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("article, part, lang, op, element, absent", [
    ("170", "5", "ru", "статью 170 дополнить частью пятой следующего содержания:",
     "Часть пятая статьи 170 (новая)", "Часть пятая отсутствует."),
    ("170", "3-1", "ru", "статью 170 дополнить частью 3-1 следующего содержания:",
     "Часть 3-1 статьи 170 (новая)", "Часть 3-1 отсутствует."),
    ("170", "5", "kk", "170-бап мынадай мазмұндағы бесінші бөлікпен толықтырылсын:",
     "170-баптың бесінші бөлігі (жаңа)", "Бесінші бөлік жоқ."),
    ("170", "3-1", "kk", "170-бап мынадай мазмұндағы 3-1-бөлікпен толықтырылсын:",
     "170-баптың 3-1-бөлігі (жаңа)", "3-1-бөлік жоқ.")],
    ids=["ru-170-5", "ru-170-3-1", "kk-170-5", "kk-170-3-1"])
def test_a_new_part_is_added_by_its_own_number_in_words_an_inserted_one_by_its_digits(
        tmp_path, result, article, part, lang, op, element, absent):
    """Law 28-VI adds a part by its number in words: «статью 675 дополнить частью третьей
    следующего содержания» / «675-бап мынадай мазмұндағы үшінші бөлікпен толықтырылсын»,
    and inserts one between two parts by its digits: «дополнить частью 11-1 следующего
    содержания» / «мынадай мазмұндағы 11-1-бөлікпен толықтырылсын»; a variant naming «170
    (proposed part 5)» gets part five, after art. 170's four parts."""
    path = amending(tmp_path, "state-forces-distinction", f"part-{part}",
                    f"{article} (proposed part {part})", number=part)
    pack = build(path, figures(result, "state-forces-distinction"), lang)
    item = pack["law"]["articles"][0]["items"][0]
    assert item["op"] == op and item["text"].startswith(f"{part}. ")
    row = pack["table"]["rows"][0]
    assert row["element"] == element
    assert row["current"] == f"{article_text(article, lang)}\n\n{absent}"


@pytest.mark.parametrize("article", ["172 (proposed part)", "172 (proposed part 1)",
                                     "172 (proposed part 21)", "172 (proposed part 1-a)"])
def test_a_new_part_whose_number_has_no_word_is_refused_saying_which_numbers_do(tmp_path,
                                                                              article):

    path = amending(tmp_path, "state-forces-distinction", "part-x", article)
    with pytest.raises(BillError) as refused:
        amendments(load_variant(path), "kk")
    assert refused.value.text("ru") == (
        f"положение state_forces_distinction: в '{article}' нет номера новой части, который "
        "законопроект может назвать словами: новая часть нумеруется от 2 до 20, а между двумя "
        "частями — N-1, например «172 (proposed part 3)», «170 (proposed part 3-1)»")
    assert refused.value.text("kk").startswith(
        f"state_forces_distinction ережесі: '{article}' мәтінінде заң жобасы сөзбен атай алатын "
        "жаңа бөлік нөмірі жоқ: жаңа бөліктің нөмірі 2–20")
    r = CliRunner().invoke(app, ["bill", path, "--lang", "ru", "--format", "html", "--draws",
                                 "4", "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "нет номера новой части" in " ".join(r.output.split())


@pytest.mark.parametrize("variant,lang", PACKS)
def test_the_law_quotes_only_the_words_tabled_no_remark_about_the_draft(packs, variant, lang):
    """Art. 23(8) of the Law on Legal Acts: a note is a structural element of its article, so
    the quoted note begins «Примечание.» / «Ескертпе.»; who drafted it belongs to the variant,
    never to the words the Mazhilis would enact."""
    for article in packs[variant, lang]["law"]["articles"]:
        for item in article.get("items", []):
            assert "Qaitu" not in item["text"], item["text"]
            if "(proposed note)" in load_variant(variant).provisions[0].article:
                assert item["text"].startswith({"ru": "Примечание. ", "kk": "Ескертпе. "}[lang])


@pytest.mark.parametrize("variant", VARIANTS)
def test_effects_and_costs_are_the_projections_totals(result, packs, variant):
    tot = totals(result)
    years = result.timeline.end_year - result.timeline.start_year
    pack = packs[variant, "ru"]
    shown = {r["metric"]: r for r in pack["note"]["effects"] + pack["note"]["finance"]["rows"]}
    for _, metric in (*EFFECTS, *COSTS):
        r = tot.filter((tot["variant"] == variant) & (tot["metric"] == metric)).row(0, named=True)
        scale, digits = ((years, 1) if metric == "flow.affected" else
                         (1e9, 2) if metric.startswith("cost") else (1.0, 0))
        assert shown[metric]["variant"] == band(r["p50"], r["p5"], r["p95"], "ru", scale, digits)
        assert shown[metric]["diff"] == band(r["diff_p50"], r["diff_p5"], r["diff_p95"], "ru",
                                             scale, digits)


def test_every_unit_cost_names_its_source_or_is_called_an_assumption(packs, result):
    units = packs["amantayuly-2026", "ru"]["note"]["finance"]["units"]
    assert len(units) == 6
    costs = result.scenario.costs
    by_label = {u["label"]: u["source"] for u in units}
    assert by_label["Год пробационного контроля на одного человека"] == "допущение"
    assert costs.probation_per_year.source is None
    assert "azattyq-ruhy.kz" in by_label["День содержания осуждённого (средняя стоимость)"]


def test_the_problem_in_figures_comes_from_both_scenarios_with_their_sources(packs):
    problem = packs["amantayuly-2026", "ru"]["note"]["problem"]
    assert [(r["year"], r["cases"]) for r in problem["rows"]] == [(2023, 23), (2024, 36),
                                                                   (2025, 141)]
    assert all(r["urls"] for r in problem["rows"])
    assert problem["conflict"]["row"]["cases"] == 709
    assert "en.zona.media/article/2025/12/30/kazakhstan" in problem["conflict"]["row"]["urls"]


def test_international_practice_is_the_variants_linked_jurisdictions(packs):
    practice = packs["state-forces-distinction", "kk"]["note"]["practice"]
    assert [j["name"] for j in practice["rows"]] == ["Норвегия", "Грузия", "Өзбекстан",
                                                     "Тәжікстан"]
    assert all(j["refs"] for j in practice["rows"])


def test_practice_cites_its_sources_by_number_in_one_list_below_the_table(packs):
    """Uzbekistan's thirteen sources were a run of addresses in one cell: the cell now ends
    with ``[a–b]`` and the addresses are one numbered list below the table, in the HTML, the
    PDF's HTML and the DOCX alike."""
    from docx import Document

    from qaitu.comparative import by_code

    pack = packs["state-forces-distinction", "ru"]
    practice = pack["note"]["practice"]
    uz = next(j for j in practice["rows"] if j["name"] == "Узбекистан")
    sources = [s.url for code in ("NO", "GE", "UZ", "TJ") for s in by_code(code).sources]
    assert [s["url"] for s in practice["sources"]] == list(dict.fromkeys(sources))
    assert [s["n"] for s in practice["sources"]] == list(range(1, len(sources) + 1))
    first = sources.index(by_code("UZ").sources[0].url) + 1
    assert uz["refs"] == f"[{first}–{first + len(by_code('UZ').sources) - 1}]"
    listed = next(s for s in practice["sources"] if s["n"] == first)
    # the day as a legal act writes it, by the one day function (the month in words, so
    # that no reader swaps day and month; it was «10.08.2022»)
    assert (listed["site"], listed["date"]) == ("kun.uz", "10 августа 2022 года")

    html = render_html(pack)
    table = html[html.index(labels("ru")["col_country"]):]
    table = table[:table.index("</table>")]
    assert "http" not in table and uz["refs"] in table
    assert f"[{first}] <span class=\"url\">kun.uz</span>, 10 августа 2022 года:" in html
    doc = Document(io.BytesIO(render_docx(pack)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert not any("http" in c for c in cells if "Узбекистан" in c or uz["refs"] in c)
    assert any(p.text.startswith(f"[{first}] kun.uz, 10 августа 2022 года: https://")
               for p in doc.paragraphs)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_no_english_words_reach_the_russian_or_kazakh_pack(packs, lang):
    for variant in VARIANTS:
        html = render_html(packs[variant, lang])
        # web addresses are shown as they are, in elements of class "url"
        body = re.sub(r'<(span|td) class="url">.*?</\1>', " ", html.split("<body>", 1)[1],
                      flags=re.S)
        body = re.sub(r"<[^>]+>", " ", body)
        latin = set(re.findall(r"[A-Za-z]{3,}", body)) - {"Qaitu"}
        assert not latin, (variant, latin)


def test_the_docx_opens_and_has_the_three_documents(packs):
    from docx import Document

    doc = Document(io.BytesIO(render_docx(packs["amantayuly-2026", "kk"])))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    lab = labels("kk")
    for h in (lab["law_title"], lab["table_title"], lab["note_title"], lab["s_effects"]):
        assert h in headings
    assert len(doc.tables) >= 5
    assert doc.tables[0].rows[1].cells[2].text.startswith("172-бап.")


def test_the_docx_is_a4_with_the_comparative_table_on_a_landscape_page_as_the_pdf(packs):
    """A Kazakh bill is printed on A4 (python-docx's own template is US Letter), and its
    five-column comparative table, numbered as in the PDF, on a landscape page between the
    law and the note; headings in the text's black Times New Roman, not a blue theme font."""
    from docx import Document
    from docx.enum.section import WD_ORIENT

    def mm(*lengths):
        return tuple(round(x.mm) for x in lengths)

    doc = Document(io.BytesIO(render_docx(packs["reclassify-172-medium", "ru"])))
    law, table, note = doc.sections
    for section in (law, note):
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert mm(section.page_width, section.page_height) == (210, 297)
    assert table.orientation == WD_ORIENT.LANDSCAPE
    assert mm(table.page_width, table.page_height) == (297, 210)
    assert [c.text for c in doc.tables[0].rows[0].cells][:2] == ["№", "Структурный элемент"]
    for name in ("Heading 1", "Heading 2"):
        font = doc.styles[name].font
        assert font.name == "Times New Roman" and str(font.color.rgb) == "000000"
    intro = next(p for p in doc.paragraphs if p.text == labels("ru")["units_intro"])
    assert intro.paragraph_format.keep_with_next  # with its table, as in the PDF


def test_a_dated_variant_enters_into_force_on_its_date(tmp_path, result):
    text = (load_variant("reclassify-172-medium").spec.model_dump_json(by_alias=True))
    import json

    data = json.loads(text)
    data["name"] = "dated-172"
    for p in data["provisions"]:
        p["parameters"] = {k: {"value": v["value"], "from": "2027-01-01"}
                           for k, v in p["parameters"].items()}
    path = tmp_path / "dated-172.yaml"
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    f = figures(result, "reclassify-172-medium")
    pack = build(str(path), f, "ru")
    assert pack["law"]["articles"][1]["intro"] == (
        "Настоящий Закон вводится в действие с 1 января 2027 года.")
    undated = build("reclassify-172-medium", f, "ru")["law"]["articles"][1]["intro"]
    assert "по истечении десяти календарных дней" in undated


def test_the_command_refuses_current_law_and_a_wrong_language(tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["bill", "current", "--out", str(tmp_path / "x.docx")])
    assert r.exit_code == 2 and "действующий закон ничего не изменяет" in r.output
    r = runner.invoke(app, ["bill", "amantayuly-2026", "--lang", "en", "--out",
                            str(tmp_path / "x.docx")])
    assert r.exit_code == 2 and "--lang" in r.output


def test_a_missing_wording_is_refused_naming_its_language_in_words(tmp_path, result):
    import json

    import yaml

    from qaitu.bill import BillError

    data = json.loads(load_variant("reclassify-172-medium").spec.model_dump_json(by_alias=True))
    data["name"] = "no-kazakh"
    del data["text"]["kk"]
    path = tmp_path / "no-kazakh.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BillError) as refused:
        build(str(path), figures(result, "reclassify-172-medium"), "kk")
    said = {lang: refused.value.text(lang) for lang in ("ru", "kk", "en")}
    assert "на казахском языке" in said["ru"] and "қазақ тілінде" in said["kk"]
    assert "in Kazakh" in said["en"]
    # the code names only the field to fill in, never the language
    assert all(re.sub(r"text\.kk", "", t).count("kk") == 0 for t in said.values())


def test_the_command_writes_a_pdf(tmp_path):
    out = tmp_path / "pack.pdf"
    r = CliRunner().invoke(app, ["bill", "release-on-voluntary-exit", "--lang", "kk",
                                 "--format", "pdf", "--draws", "4", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_pack_cites_what_it_follows_of_the_law_on_legal_acts(packs, lang):
    """Law 480-V: the title begins with «изменений» (art. 26(1)); no preamble in an amending
    law (art. 23(6)); every amended element in its new wording (art. 26(6)); ten days after the
    first official publication (art. 42(3)(1)); the note names these articles, and the
    documents' metadata carries them."""
    from docx import Document

    from qaitu.bill import BASIS

    pack = packs["reclassify-172-medium", lang]
    law = pack["law"]
    changes, additions = {"ru": ("изменений", "дополнений"),
                          "kk": ("өзгерістер", "толықтырулар")}[lang]
    assert law["title"].index(changes) < law["title"].index(additions)
    assert [a["head"] for a in law["articles"]] == [labels(lang)["article"].format(n=n)
                                                   for n in (1, 2)]
    assert all(i["op"] for i in law["articles"][0]["items"])
    assert law["articles"][1]["intro"] == labels(lang)["in_force_days"]
    note = pack["note"]["regulations"]
    for cited in {"ru": ("пункт 8 статьи 18", "пункт 1 статьи 21", "пункт 6 статьи 26",
                         "подпункт 1) пункта 3 статьи 42", "№ 907"),
                  "kk": ("18-баптың 8-тармағы", "21-баптың 1-тармағы", "26-баптың 6-тармағы",
                         "42-баптың 3-тармағының 1) тармақшасы", "№ 907")}[lang]:
        assert cited in note
    assert f'content="follows {BASIS}"' in render_html(pack).replace("&#34;", '"')
    subject = Document(io.BytesIO(render_docx(pack))).core_properties.subject
    assert subject == f"follows {BASIS}" and "18(8)" in subject and "907" in subject


def test_no_heading_or_table_intro_ends_a_pdf_page_without_what_it_introduces(packs):
    """The unit costs' intro once ended page 4 with its table on page 5. The purpose is
    lengthened line by line, so that every part of the note in turn comes to a page's foot: a
    heading, and the line introducing the unit costs, stay on the page of what follows them."""
    import copy

    from pypdf import PdfReader

    from qaitu.bill.render import render_pdf

    lab = labels("ru")
    base = packs["reclassify-172-medium", "ru"]
    first_unit = base["note"]["finance"]["units"][0]["label"]
    pairs = [(lab["units_intro"], first_unit),
             *((lab[h], None) for h in ("s_problem", "s_practice", "s_effects", "s_finance"))]
    for lines in range(0, 36, 2):
        pack = copy.deepcopy(base)
        pack["note"]["purpose"] += " Обоснование." * 9 * lines  # about a line of text each
        pages = [" ".join(p.extract_text().split())
                 for p in PdfReader(io.BytesIO(render_pdf(pack))).pages]
        for intro, follower in pairs:
            page = next(p for p in pages if intro in p)
            rest = re.sub(r"\s*\d+$", "", page[page.index(intro) + len(intro):])  # page number
            assert rest and (follower is None or follower in rest), (lines, intro)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_wording_of_the_whole_article_is_flagged_for_the_drafter_in_every_format(
        packs, tmp_path, lang):
    """Art. 26(6) of Law 480-V: «изложить в следующей редакции» replaces the element named, and
    the variant format names no element narrower than the article for a new sanction: a
    wording giving only «наказывается лишением свободы на срок до …» would drop the
    disposition. The pack says so above article 1 (HTML, PDF, DOCX); a new note does not."""
    from docx import Document

    pack = packs["reclassify-172-medium", lang]
    note = labels(lang)["whole_article"].format(a="172")
    assert pack["law"]["notes"] == [note]
    html = render_html(pack)
    assert html.index(note) < html.index(pack["law"]["articles"][0]["intro"])
    doc = Document(io.BytesIO(render_docx(pack)))
    flagged = next(p for p in doc.paragraphs if note in p.text)
    assert flagged.text.startswith(labels(lang)["note_to_drafter"])
    assert packs["release-on-voluntary-exit", lang]["law"]["notes"] == []
    assert note not in render_html(packs["release-on-voluntary-exit", lang])


def test_the_command_warns_that_the_wording_replaces_the_whole_article(tmp_path):
    out = tmp_path / "pack.html"
    r = CliRunner().invoke(app, ["bill", "reclassify-172-medium", "--lang", "kk", "--format",
                                 "html", "--draws", "4", "--out", str(out)])
    assert r.exit_code == 0, r.output
    said = " ".join(r.output.split())
    assert f"{labels('kk')['note_to_drafter']}: 172-бап толығымен жаңа редакцияда жазылады" in said
    r = CliRunner().invoke(app, ["bill", "release-on-voluntary-exit", "--lang", "kk",
                                 "--format", "html", "--draws", "4", "--out", str(out)])
    assert r.exit_code == 0 and labels("kk")["note_to_drafter"] not in r.output


@pytest.mark.parametrize("lang, said, headings", [
    ("ru", "Не проверено, цитаты нет", ("Наказание", "Освобождение при добровольном возвращении")),
    ("kk", "Тексерілмеген, дәйексөзі жоқ", ("Жаза", "Өз еркімен оралғанда босату"))])
def test_practice_says_which_claims_of_a_jurisdiction_rest_on_no_quote(packs, lang, said,
                                                                       headings):
    """Norway's §145 range and its relief were read in no stored source: a deputy citing
    Norway from the note sees that, in the note's language, in the HTML and the DOCX."""
    from docx import Document

    pack = packs["reclassify-172-medium", lang]
    rows = {r["name"]: r for r in pack["note"]["practice"]["rows"]}
    norway = rows["Норвегия"]
    assert norway["unverified"] == f"{said}: {'; '.join(headings)}"
    georgia = next(r for name, r in rows.items() if name != "Норвегия")
    assert georgia["unverified"] == ""  # every Georgian claim is quoted
    assert f"{norway['unverified']}." in render_html(pack)
    cells = [c.text for t in Document(io.BytesIO(render_docx(pack))).tables
             for row in t.rows for c in row.cells]
    assert any(c.endswith(f"{norway['unverified']}.") for c in cells)


@pytest.mark.parametrize("lang, op, begins", [
    ("ru", "статью 172 изложить в следующей редакции:",
     "2. То же деяние, совершенное путем прохождения службы"),
    ("kk", "172-бап мынадай редакцияда жазылсын:",
     "2. Шет мемлекеттің тұрақты қарулы күштерінде")])
def test_a_new_part_reads_as_the_codes_parts_do_in_every_format(packs, lang, op, begins):
    """The draft law quotes the new part as the Code's parts read: «2. …», the disposition
    and its sanction in paragraphs of their own, never «Часть вторая статьи 172.» at its head
    — in the HTML, the PDF and the DOCX alike. Art. 172 has no parts, so the part comes in
    the article set out anew (see the test of art. 26(6) below)."""
    from docx import Document
    from pypdf import PdfReader

    from qaitu.bill.render import render_pdf

    pack = packs["state-forces-distinction", lang]
    item = pack["law"]["articles"][0]["items"][0]
    assert item["op"] == op
    paras = item["text"].split("\n\n")
    disposition, sanction = paras[-2:]
    assert disposition.startswith(begins) and disposition.endswith(" –")
    assert sanction.endswith(".")
    assert pack["table"]["rows"][0]["proposed"] == item["text"]
    html = render_html(pack)
    assert f"<p>1) {op}</p>" in html and begins in html
    docx = [p.text for p in Document(io.BytesIO(render_docx(pack))).paragraphs]
    at = docx.index(f"1) {op}")
    assert docx[at + len(paras) - 1].startswith(begins) and docx[at + len(paras)].endswith("».")
    pdf = " ".join(" ".join(page.extract_text() for page in PdfReader(
        io.BytesIO(render_pdf(pack))).pages).split())
    assert begins in pdf
    for said in (html, " ".join(docx), pdf):
        assert "Часть вторая статьи 172." not in said and "172-баптың екінші бөлігі." not in said


def several(tmp_path, name: str, provisions: list[tuple[str, str]]) -> str:
    """A variant file whose provisions amend the elements given, each with its own wording
    ``(article, wording)`` (the same words in both languages: the tests are about the
    elements), in the order given: its path."""
    import yaml

    data = load_variant("state-forces-distinction").spec.model_dump(mode="json", by_alias=True)
    data["name"] = name
    data["provisions"] = [
        {"id": f"p{i}", "article": article, "title": {"ru": f"положение {i}", "kk": f"{i} ереже"},
         "text": {"ru": wording, "kk": wording},
         "parameters": {"amendments.state_forces_distinction.in_effect": True}}
        for i, (article, wording) in enumerate(provisions, 1)]
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_several_elements_are_amended_in_the_codes_order_each_by_its_own_wording(tmp_path):
    """A variant that adds and changes several parts, given in any order, is tabled in the
    Code's order: by article, within one its parts by number (a part set out anew among the
    new ones, 3 before 3-1 before 5), its note last. A part set out anew is named as Law
    28-VI names one («часть первую статьи 51 изложить в следующей редакции» / «51-баптың
    бірінші бөлігі мынадай редакцияда жазылсын»), and its current wording is that part's."""
    path = several(tmp_path, "many", [
        ("172 (proposed part 2)", "2. Вторая часть 172."),
        ("170 (proposed note)", "Примечание. Примечание к 170."),
        ("170 (proposed part 5)", "5. Пятая часть 170."),
        ("170(3)", "3. Новая редакция части третьей 170."),
        ("170 (proposed part 3-1)", "3-1. Часть 3-1 статьи 170."),
        ("170 (proposed part 2-1)", "2-1. Часть 2-1 статьи 170.")])
    ru = amendments(load_variant(path), "ru")
    assert [a.operation for a in ru] == [
        "статью 170 дополнить частью 2-1 следующего содержания:",
        "часть третью статьи 170 изложить в следующей редакции:",
        "статью 170 дополнить частью 3-1 следующего содержания:",
        "статью 170 дополнить частью пятой следующего содержания:",
        "статью 170 дополнить примечанием следующего содержания:",
        "статью 172 изложить в следующей редакции:"]
    assert [a.proposed.split(".")[0] for a in ru] == ["2-1", "3", "3-1", "5", "Примечание",
                                                      "Статья 172"]
    assert ru[0].proposed == "2-1. Часть 2-1 статьи 170."
    changed = ru[1]
    assert changed.element == "Часть третья статьи 170"
    assert changed.current.startswith("3. Участие наемника в вооруженном конфликте")
    assert changed.current.endswith("десяти лет с конфискацией имущества или без таковой.")
    kk = amendments(load_variant(path), "kk")
    assert kk[1].operation == "170-баптың үшінші бөлігі мынадай редакцияда жазылсын:"
    assert kk[1].element == "170-баптың үшінші бөлігі"
    assert kk[1].current.startswith("3. Жалдамалының қарулы қақтығысқа")
    assert kk[2].operation == "170-бап мынадай мазмұндағы 3-1-бөлікпен толықтырылсын:"


@pytest.mark.parametrize("article, ru", [
    ("170(7)", "положение p1: '170(7)' излагает в новой редакции ч. 7 ст. 170, но такой "
               "части в Кодексе нет (пронумерованные части статьи: 1, 2, 3, 4)"),
    ("172(1)", "положение p1: '172(1)' излагает в новой редакции ч. 1 ст. 172, но такой "
               "части в Кодексе нет (пронумерованные части статьи: —)"),
    ("170 (proposed part 3)", "положение p1: '170 (proposed part 3)' не может добавить часть 3 "
     "(ст. 170) (пронумерованные части статьи: 1, 2, 3, 4): новая часть получает свободный "
     "номер, не оставляющий пропуска и не меняющий нумерацию других частей: 1-1, 2-1, 3-1, 5"),
    ("170 (proposed part 3-2)", "положение p1: '170 (proposed part 3-2)' не может добавить "
     "часть 3-2 (ст. 170) (пронумерованные части статьи: 1, 2, 3, 4): новая часть получает "
     "свободный номер, не оставляющий пропуска и не меняющий нумерацию других частей: 1-1, "
     "2-1, 3-1, 5"),
    ("172 (proposed part 3)", "положение p1: '172 (proposed part 3)' не может добавить часть 3 "
     "(ст. 172) (пронумерованные части статьи: —): новая часть получает свободный номер, не "
     "оставляющий пропуска и не меняющий нумерацию других частей: 2")],
    ids=["no-part-7", "unnumbered", "part-taken", "insert-gap", "gap"])
def test_a_part_that_is_not_there_or_not_free_is_refused_saying_where(tmp_path, article, ru):
    """A part set out anew must be in the Code's text; a new part takes a free number that
    leaves no gap (part 3 of art. 172 before its part 2; 3-2 before 3-1): the refusal names
    the provision, what it says, the article's parts and the numbers a new part may take,
    also from the command, without a traceback."""
    number = re.search(r"(\d+(?:-\d+)?)\)$", article).group(1)
    path = several(tmp_path, "bad", [(article, f"{number}. Текст.")])
    with pytest.raises(BillError) as refused:
        amendments(load_variant(path), "ru")
    assert refused.value.text("ru") == ru
    assert refused.value.text("kk").startswith("p1 ережесі: ")
    r = CliRunner().invoke(app, ["bill", path, "--lang", "kk", "--format", "html", "--draws",
                                 "4", "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "p1 ережесі" in " ".join(r.output.split())


@pytest.mark.parametrize("article", ["171(1)", "171 (proposed part 2)", "171"],
                         ids=["part-set-out-anew", "new-part", "whole-article"])
def test_an_article_whose_text_is_not_stored_is_refused_naming_the_stored_ones(tmp_path,
                                                                             article):
    """A bill quotes the Code's present text; a variant amending an article Qaitu keeps no
    text of (art. 171) is refused, whatever it amends there, naming the article, the language
    and the articles that are stored, also from the command, without a traceback."""
    path = several(tmp_path, "unstored", [(article, "2. Текст.")])
    with pytest.raises(BillError) as refused:
        amendments(load_variant(path), "ru")
    assert refused.value.text("ru") == ("текст статьи 171 Кодекса на русском языке не "
                                        "сохранён; сохранены статьи: 170, 172")
    r = CliRunner().invoke(app, ["bill", path, "--lang", "kk", "--format", "html", "--draws",
                                 "4", "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "171-бабының мәтіні" in " ".join(r.output.split())


def test_parts_added_by_one_variant_count_for_each_other_in_the_codes_order(tmp_path):
    """Parts 2 and 3 of art. 170 in one variant: part 6 follows the part 5 the same variant
    adds, whichever the file names first; part 6 alone leaves a gap (above). Parts 2 and 3 of
    art. 172 likewise, in the article set out anew."""
    path = several(tmp_path, "two", [("170 (proposed part 6)", "6. Шестая."),
                                     ("170 (proposed part 5)", "5. Пятая.")])
    assert [a.element for a in amendments(load_variant(path), "ru")] == [
        "Часть пятая статьи 170 (новая)", "Часть шестая статьи 170 (новая)"]
    path = several(tmp_path, "two-172", [("172 (proposed part 3)", "3. Третья."),
                                         ("172 (proposed part 2)", "2. Вторая.")])
    (row,) = amendments(load_variant(path), "ru")
    assert row.proposed.split("\n\n")[-2:] == ["2. Вторая.", "3. Третья."]


@pytest.mark.parametrize("lang, op, element", [
    ("ru", "статью 172 изложить в следующей редакции:", "Статья 172"),
    ("kk", "172-бап мынадай редакцияда жазылсын:", "172-бап")])
def test_a_part_added_to_an_article_without_parts_sets_the_article_out_anew_numbering_its_text(
        tmp_path, lang, op, element):
    """Law 480-V «О правовых актах», art. 26(6): «При внесении изменений и (или) дополнений в
    структурный элемент нормативного правового акта такой структурный элемент излагается в
    новой редакции»; art. 23(3): a code's articles are divided into parts «которые нумеруются
    арабскими цифрами». Art. 172 is one text without a number: a part two makes that text
    part one, which changes the article itself, so the draft law sets out art. 172 anew — its
    heading, «1. » and its present text word for word, then the new parts and note in the
    Code's order — in one item and one row of the table, whose current wording is the
    article's."""
    path = several(tmp_path, "part-and-note", [
        ("172 (proposed note)", "Примечание. Примечание к 172."),
        ("172 (proposed part 2)", "2. Вторая часть 172.")])
    (row,) = amendments(load_variant(path), lang)
    heading, body = article_text("172", lang).split("\n\n", 1)
    assert row.operation == op and row.element == element
    assert row.current == article_text("172", lang)
    assert row.proposed == "\n\n".join([heading, f"1. {body}", "2. Вторая часть 172.",
                                         "Примечание. Примечание к 172."])
    assert law_items([row], lang) == [{"op": op, "text": row.proposed, "end": ".", "subs": []}]
    assert "1. " not in article_text("172", lang)  # the Code's text itself has no number


@pytest.mark.parametrize("provisions", [
    [("170(3)", "3. А."), ("170(3)", "3. Б.")],
    [("170", "Новая редакция."), ("170 (proposed note)", "Примечание. Б.")]],
    ids=["same-part", "whole-and-note"])
def test_an_element_amended_twice_is_refused(tmp_path, provisions):
    path = several(tmp_path, "twice", provisions)
    with pytest.raises(BillError) as refused:
        amendments(load_variant(path), "ru")
    assert refused.value.text("ru").startswith("положение p2: ")
    assert "уже изменяет положение p1" in refused.value.text("ru")


@pytest.mark.parametrize("lang, said", [
    ("ru", "положение p1: текст проекта части 2 на русском языке (поле text.ru) начинается "
           "словами «Часть вторая статьи 172. …»; он должен начинаться с номера части, "
           "как части статей Кодекса: «2. …»"),
    ("kk", "p1 ережесі: нөмірі 2 бөліктің жоба мәтіні қазақ тілінде (text.kk өрісі) "
           "«Часть вторая статьи 172. …» деп басталады; ол Кодекс баптарының бөліктері сияқты "
           "бөліктің нөмірінен басталуы тиіс: «2. …»")])
def test_a_parts_wording_that_does_not_begin_with_its_number_is_refused(tmp_path, lang, said):
    path = several(tmp_path, "unnumbered", [("172 (proposed part 2)",
                                             "Часть вторая статьи 172. То же деяние.")])
    with pytest.raises(BillError) as refused:
        amendments(load_variant(path), lang)
    assert refused.value.text(lang) == said


def test_the_codes_parts_and_the_numbers_a_new_part_may_take():
    from qaitu.law.statute import new_parts, part_key, parts

    assert parts("170") == parts("170", "kk") == ["1", "2", "3", "4"]
    assert parts("172") == []
    assert new_parts("170") == ["1-1", "2-1", "3-1", "5"]
    assert new_parts("170", ("3-1",)) == ["1-1", "2-1", "3-2", "5"]
    assert new_parts("172") == ["2"]
    assert new_parts("172", ("2",)) == ["1-1", "3"]
    assert sorted(["5", "3-1", "3", "10", "2-1"], key=part_key) == ["2-1", "3", "3-1", "5", "10"]


def test_each_quoted_wording_of_the_law_ends_with_a_semicolon_the_last_with_a_full_stop(
        tmp_path, result):
    """As Law 28-VI lists its amendments: «…»; «…»; … «…»."""
    path = several(tmp_path, "ends", [("172 (proposed note)", "Примечание. Текст."),
                                      ("170 (proposed part 5)", "5. Пятая.")])
    pack = build(path, figures(result, "state-forces-distinction"), "ru")
    items = pack["law"]["articles"][0]["items"]
    assert [i["end"] for i in items] == [";", "."]
    html = render_html(pack)
    assert "«5. Пятая.»;</blockquote>" in html and "«Примечание. Текст.».</blockquote>" in html


@pytest.mark.parametrize("lang, head, subs", [
    ("ru", "в статье 170:", ["часть третью изложить в следующей редакции:",
                             "дополнить частью 3-1 следующего содержания:",
                             "дополнить примечанием следующего содержания:"]),
    ("kk", "170-бапта:", ["үшінші бөлік мынадай редакцияда жазылсын:",
                          "мынадай мазмұндағы 3-1-бөлікпен толықтырылсын:",
                          "мынадай мазмұндағы ескертпемен толықтырылсын:"])])
def test_an_article_amended_in_several_elements_is_one_item_with_its_elements_below(
        tmp_path, result, lang, head, subs):
    """As Law 28-VI amends art. 191 of the Code of Criminal Procedure: «в статье 191: …
    дополнить частью 11-1 следующего содержания» / «191-бапта: … мынадай мазмұндағы
    11-1-бөлікпен толықтырылсын»; an article amended once keeps its own item, in the
    Code's order, in the HTML and the DOCX alike."""
    from docx import Document

    path = several(tmp_path, "grouped", [
        ("172 (proposed part 2)", "2. Вторая."), ("170 (proposed note)", "Примечание. Б."),
        ("170 (proposed part 3-1)", "3-1. Часть."), ("170(3)", "3. Третья.")])
    pack = build(path, figures(result, "state-forces-distinction"), lang)
    items = pack["law"]["articles"][0]["items"]
    assert [i["op"] for i in items] == [head, labels(lang)["op_wording"].format(a="172")]
    assert [s["op"] for s in items[0]["subs"]] == subs
    assert [s["end"] for s in items[0]["subs"]] == [";", ";", ";"] and items[1]["end"] == "."
    html = render_html(pack)
    assert f"<p>1) {head}</p>" in html and html.index(subs[0]) < html.index(subs[2])
    docx = [p.text for p in Document(io.BytesIO(render_docx(pack))).paragraphs]
    at = docx.index(f"1) {head}")
    assert docx[at + 1:at + 5] == [subs[0], "«3. Третья.»;", subs[1], "«3-1. Часть.»;"]
    assert docx[at + 7] == "2) " + items[1]["op"]
