"""Words for the programme's codes: screening bands and flags, licensed risk outcomes, and the
legend of a screening's trend."""

from django.utils.translation import gettext_lazy as _

from qaitu import screening as scoring
from qaitu.law.glossary import label as glossary_label
from qaitu.web.labels import language

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


def trend_legend(code: str) -> list[str]:
    """What a trend table of instrument ``code`` shows, in the reader's words (the glossary's
    ``screening_trend``): the change column, the instrument's threshold of reliable (and
    clinically meaningful) change or that none is kept, its bands and its cut-off — each number
    read from :mod:`qaitu.screening`."""
    lang = language()

    def say(key: str, **values) -> str:
        return glossary_label("screening_trend", key, lang).format(**values)

    inst = scoring.INSTRUMENTS[code]
    out = [say("change")]
    if code in scoring.CHANGE_THRESHOLDS:
        reliable, meaningful = scoring.CHANGE_THRESHOLDS[code]
        out.append(say("reliable", k=reliable))
        if meaningful is not None:
            out.append(say("meaningful", k=meaningful))
    else:
        out.append(say("no_threshold", x=inst.name))
    tops = [low - 1 for low, _b in inst.bands[1:]] + [inst.max_total]
    out.append(say("bands", x="; ".join(
        f"{BANDS[band]} {low}–{top}" for (low, band), top in zip(inst.bands, tops, strict=True))))
    out.append(say("cutoff", k=inst.positive_from))
    return out
