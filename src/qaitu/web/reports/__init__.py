"""The printable documents of probation and the programme: the pre-sentence report, the
review summary and the closure report, as PDF in Kazakh, Russian or English on the memo's
page (:func:`qaitu.assessment.memo.render_document`, :func:`~qaitu.assessment.memo.write_pdf`).
"""
