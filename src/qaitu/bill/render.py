"""The bill pack laid out: HTML (and PDF through WeasyPrint, as the memo) and DOCX (python-docx,
so that drafters edit it in Word). One file holds the three documents, each from a new page."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"


def render_html(pack: dict[str, Any]) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("bill.html.j2").render(p=pack)


def render_pdf(pack: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # Pango and fonts only for PDF callers

    pdf: bytes = HTML(string=render_html(pack)).write_pdf()
    return pdf


def render_docx(pack: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()  # python-docx's template: US Letter, blue headings in a theme font
    for name, size in (("Normal", 12), ("Heading 1", 13), ("Heading 2", 12)):
        style = doc.styles[name]
        style.font.name = "Times New Roman"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.rPr.rFonts
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would win over Times New Roman
    doc.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def page(section: Any, landscape: bool = False) -> None:
        """A4 with the PDF's margins (bill.html.j2's @page rules); landscape for the table."""
        short, long = Cm(21), Cm(29.7)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        if landscape:
            section.top_margin = section.bottom_margin = Cm(1.5)
            section.left_margin = section.right_margin = Cm(1.5)
        else:
            section.top_margin = section.bottom_margin = Cm(2)
            section.left_margin, section.right_margin = Cm(2.5), Cm(1.8)

    page(doc.sections[0])
    lab = pack["labels"]

    def para(text: str, bold: bool = False, align: Any = None, size: int | None = None,
             keep: bool = False) -> None:
        """``keep``: on the page of what follows (a table's intro, as the PDF's ``.keep``)."""
        for chunk in text.split("\n\n"):
            p = doc.add_paragraph()
            p.paragraph_format.keep_with_next = keep or None
            run = p.add_run(chunk)
            run.bold = bold
            if size:
                run.font.size = Pt(size)
            if align is not None:
                p.alignment = align

    def table(header: list[str], rows: list[list[str]]) -> None:
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = t.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text

    law = pack["law"]
    para(law["project"], align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(law["kind"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.add_heading(law["title"], level=1)
    for note in law["notes"]:  # red, so that it is seen and removed before tabling
        p = doc.add_paragraph()
        p.add_run(f"{lab['note_to_drafter']}. ").bold = True
        p.add_run(note)
        for run in p.runs:
            run.font.color.rgb = RGBColor(0x77, 0, 0)
    for art in law["articles"]:
        para(f"{art['head']} {art['intro']}")
        for i, item in enumerate(art["items"], 1):
            para(f"{i}) {item['op']}")
            for sub in item["subs"] or [item]:
                if sub is not item:
                    para(sub["op"])
                para(f"«{sub['text']}»{sub['end']}")
    para(law["president"], bold=True)

    page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)
    tab = pack["table"]
    doc.add_heading(tab["title"], level=1)
    para(tab["subtitle"], align=WD_ALIGN_PARAGRAPH.CENTER)
    table(["№", *tab["columns"]], [[str(i), r["element"], r["current"], r["proposed"], r["why"]]
                                   for i, r in enumerate(tab["rows"], 1)])
    para(f"{tab['source']} {tab['source_url']}.", size=9)

    page(doc.add_section(WD_SECTION.NEW_PAGE))
    note = pack["note"]
    doc.add_heading(note["title"], level=1)
    para(note["subtitle"], align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.add_heading(lab["s_purpose"], level=2)
    para(note["purpose"])
    doc.add_heading(lab["s_problem"], level=2)
    para(lab["problem_intro"])
    table([lab["col_year"], lab["col_cases"], lab["col_source"]],
          [[str(r["year"]), str(r["cases"]), "; ".join(r["urls"])]
           for r in note["problem"]["rows"]])
    if note["problem"]["conflict"]:
        c = note["problem"]["conflict"]
        para(f"{c['text']} {lab['col_source']}: {'; '.join(c['row']['urls'])}.")
    doc.add_heading(lab["s_practice"], level=2)
    if note["practice"]["rows"]:
        table([lab["col_country"], lab["col_penalty"], lab["col_summary"]],
              [[j["name"], j["penalty"], f"{j['summary']} {j['refs']}"
                                         + (f"\n{j['unverified']}." if j["unverified"] else "")]
               for j in note["practice"]["rows"]])
        para(lab["practice_sources"], size=9)
        for s in note["practice"]["sources"]:
            para(f"[{s['n']}] {s['site']}{', ' + s['date'] if s['date'] else ''}: {s['url']}",
                 size=9)
    else:
        para(lab["practice_none"])
    doc.add_heading(lab["s_effects"], level=2)
    para(note["effects_intro"])
    cols = [lab["col_measure"], lab["col_current_law"], lab["col_bill"], lab["col_diff"]]
    table(cols, [[r["label"], r["current"], r["variant"], r["diff"]] for r in note["effects"]])
    doc.add_heading(lab["s_finance"], level=2)
    fin = note["finance"]
    para(fin["intro"])
    table(cols, [[r["label"], r["current"], r["variant"], r["diff"]] for r in fin["rows"]])
    para(lab["units_intro"], keep=True)
    table([lab["col_unit"], lab["col_value"], lab["col_range"], lab["col_source"]],
          [[u["label"], u["value"], u["range"], u["source"]] for u in fin["units"]])
    para(note["regulations"], size=9)
    props = doc.core_properties
    props.title = law["title"]
    props.language = pack["lang"]
    props.comments = (f"rulebook {pack['meta']['rulebook']}; scenario {pack['meta']['scenario']}; "
                      f"draws {pack['meta']['draws']}; seed {pack['meta']['seed']}")
    props.subject = f"follows {pack['meta']['basis']}"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
