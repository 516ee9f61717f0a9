"""The reader's words for the core's codes (grounds, dates, reminders); the law stays in
:mod:`qaitu.law.supervision`."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from qaitu.assessment.explain import cite, duration
from qaitu.law import supervision as law

#: What each ground of the Code does; its citation is the law's own code (:func:`ground`).
GROUNDS = {
    "64(1)": _("early cancellation of the conditional sentence and clearing of the record (from "
               "half of the period)"),
    "64(2)": _("extension of probation control by at most %(term)s"),
    "64(3)": _("revocation of the conditional sentence, the sentence to be served"),
    "64(4)": _("the court sentencing the new crime decides on revocation"),
    "64(5)": _("revocation and sentence under the rules of cumulative verdicts"),
    "44(3)": _("the unserved restriction of freedom replaced by imprisonment, one day for one "
               "day"),
    "72(7)(1)": _("revocation of parole, the unserved part to be served"),
    "72(7)(2)": _("the court sentencing the new crime decides on parole"),
    "72(7)(3)": _("sentence under the rules of cumulative verdicts"),
    "PEC 176(2)": _("revocation of the conditional sentence for hiding from probation control, "
                    "the sentence to be served"),
}

DATES = {
    "ends_on": _("Probation control ends"),
    "early_cancellation_from": _("Early cancellation possible from"),
    "registration_due": _("Registration due by"),
    "hiding_from": _("Hiding from probation control, submission possible from"),
}

CONFIDENCE = {"H": _("verified"), "M": _("Qaitu's reading of the Code"),
              "L": _("assumption, not verified")}


def confidence(date: dict) -> str:
    """A stored date's confidence in the reader's words, naming the years whose days off are
    not yet known where the count crossed one (:func:`~qaitu.law.supervision.registration_due`).
    """
    said = str(CONFIDENCE[date["confidence"]])
    if date.get("days_off_unknown"):
        said += "; " + str(_("days off of %(years)s not yet known") % {
            "years": ", ".join(str(y) for y in date["days_off_unknown"])})
    return said


def ground(code: str, limit: law.ExtensionLimit | None = None) -> str:
    """A ground of the Code as its reader reads it: the provision, in the reader's citation style
    (``ч. 2 ст. 64``), and what it does, with the law's own numbers; an extension's ``limit``
    for this violation (a minor's, PEC 176) where known, with its own provision."""
    lang = translation.get_language() or "en"
    provision = cite(code, lang)
    if code not in GROUNDS:
        return provision
    text = str(GROUNDS[code])
    extension = law.BY_CODE[code].max_extension_months
    if extension:
        months = limit.months if limit is not None else extension
        text = text % {"term": duration(months, lang)}
        if limit is not None and limit.cite != code:
            text += f" ({cite(limit.cite, lang)})"
    return f"{provision}: {text}"
