"""The printable legal memo (справка / анықтама): an assessment result as HTML and PDF.

>>> from qaitu.assessment.memo import render_pdf
>>> pdf = render_pdf(result, facts, lang="ru")  # doctest: +SKIP
"""

from qaitu.assessment.memo.render import (
    build_context,
    render_document,
    render_html,
    render_pdf,
    trace_value,
    write_pdf,
)
from qaitu.assessment.memo.text import LANGS, Lang, MemoError

__all__ = ["LANGS", "Lang", "MemoError", "build_context", "render_document", "render_html",
           "render_pdf", "trace_value", "write_pdf"]
