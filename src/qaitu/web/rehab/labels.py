"""Words for the programme's codes: screening bands and flags, licensed risk outcomes."""

from django.utils.translation import gettext_lazy as _

BANDS = {
    "minimal": _("minimal"), "mild": _("mild"), "moderate": _("moderate"),
    "moderately_severe": _("moderately severe"), "severe": _("severe"),
    "below_cutoff": _("below the cut-off"), "probable_ptsd": _("probable PTSD (screen)"),
    "zone_1": _("zone I: low risk"), "zone_2": _("zone II: hazardous drinking"),
    "zone_3": _("zone III: harmful drinking"), "zone_4": _("zone IV: possible dependence"),
}
FLAGS = {
    "self_harm_item": _("item 9 above 0: safety protocol"),
    "dsm5_pattern": _("DSM-5 symptom pattern met"),
    "dependence_symptoms": _("dependence symptoms (items 4-6)"),
    "recent_harm": _("alcohol-related harm in the last year"),
}
CHANGES = {"meaningful": _("clinically meaningful change"), "reliable": _("reliable change"),
           "none": _("no reliable change"), "unknown": "—"}
RISK_OUTCOMES = {
    "low": _("low"), "moderate": _("moderate"), "high": _("high"),
    "no_concern": _("no concern"), "monitor": _("active monitoring"),
    "manage": _("active risk management"),
}
