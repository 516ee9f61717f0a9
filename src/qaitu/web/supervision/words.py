"""The reader's words for the core's codes (grounds, dates, reminders); the law stays in
:mod:`qaitu.law.supervision`."""

from django.utils.translation import gettext_lazy as _

GROUNDS = {
    "64(1)": _("art. 64(1): early cancellation of the conditional sentence and clearing of the "
               "record (from half of the period)"),
    "64(2)": _("art. 64(2): extension of probation control by up to one year"),
    "64(3)": _("art. 64(3): revocation of the conditional sentence, the sentence to be served"),
    "64(4)": _("art. 64(4): the court sentencing the new crime decides on revocation"),
    "64(5)": _("art. 64(5): revocation and sentence under the rules of cumulative verdicts"),
    "44(3)": _("art. 44(3): the unserved restriction of freedom replaced by imprisonment, one "
               "day for one day"),
    "72(7)(1)": _("art. 72(7)(1): revocation of parole, the unserved part to be served"),
    "72(7)(2)": _("art. 72(7)(2): the court sentencing the new crime decides on parole"),
    "72(7)(3)": _("art. 72(7)(3): sentence under the rules of cumulative verdicts"),
}

DATES = {
    "ends_on": _("Probation control ends"),
    "early_cancellation_from": _("Early cancellation possible from"),
    "registration_due": _("Registration due by"),
}

CITES = {"PEC": _("Penal Enforcement Code")}

CONFIDENCE = {"H": _("verified"), "M": _("Qaitu's reading of the Code"),
              "L": _("assumption, not verified")}


def ground(code: str) -> str:
    return str(GROUNDS.get(code, code))
