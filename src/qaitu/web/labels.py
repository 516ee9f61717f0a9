"""Human labels (translatable) for the values of qaitu.case/1 and of assessment results."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qaitu.assessment.facts import AGGRAVATING, MITIGATING

ENUMS: dict[str, dict[str, object]] = {
    "sex": {"male": _("male"), "female": _("female")},
    "recidivism": {"none": _("none"), "recidivism": _("recidivism"),
                   "dangerous": _("dangerous recidivism"),
                   "especially_dangerous": _("especially dangerous recidivism")},
    "disability": {"none": _("none"), "1": _("group 1"), "2": _("group 2"), "3": _("group 3")},
    "formation_kind": {
        "state_armed_forces": _("state armed forces"),
        "state_affiliated_pmc": _("state-affiliated private military company"),
        "non_state_armed_group": _("non-state armed group"),
        "terrorist_organization": _("terrorist organisation"),
        "none": _("none (accompanied someone, took no part)"),
    },
    "role": {"combatant": _("combatant"), "support": _("support"), "medical": _("medical"),
             "command": _("command"), "recruiter": _("recruiter"), "trainer": _("trainer"),
             "financier": _("financier"), "propagandist": _("propagandist"), "none": _("none")},
    "recruitment": {"deception": _("deception"), "coercion": _("coercion"),
                    "economic": _("economic hardship"), "ideological": _("ideological"),
                    "family": _("family")},
    "evidence": {"none": _("none"), "alleged": _("alleged"), "established": _("established")},
    "war_crime_kind": {
        "prohibited_means": _("prohibited means and methods of warfare (art. 163)"),
        "laws_of_war": _("violation of the laws and customs of war (art. 164)"),
        "killing_protected_persons": _("killing of protected persons"),
        "ihl_violation": _("other violation of international humanitarian law (art. 165)"),
    },
    "completion": {"completed": _("completed"), "attempt": _("attempt"),
                   "preparation": _("preparation")},
    "exit": {"voluntary": _("left voluntarily"), "captured": _("captured"),
             "wounded": _("wounded"), "contract_ended": _("contract ended"),
             "expelled": _("expelled")},
    "return_status": {"returned": _("returned"), "abroad": _("still abroad"),
                      "detained_abroad": _("detained abroad")},
    "return_mode": {"voluntary": _("voluntary"), "deported": _("deported"),
                    "extradited": _("extradited"),
                    "repatriated_by_state": _("repatriated by the state")},
    "cooperation": {"none": _("none"), "partial": _("partial"), "active": _("active")},
    "stage": {"pre_investigation": _("Pre-investigation check"),
              "investigation": _("Investigation"), "trial": _("Trial"),
              "sentenced": _("Sentenced"), "serving": _("Serving sentence"),
              "released": _("Released")},
    "plea": {"none": _("none"), "guilty_plea": _("plea agreement (guilty plea)"),
             "cooperation": _("cooperation agreement")},
    "sentence_type": {"imprisonment": _("Imprisonment"),
                      "restriction_of_freedom": _("Restriction of freedom"),
                      "fine": _("Fine"), "conditional": _("Conditional sentence")},
    "mitigating": {
        "first_offence_chance_circumstances": _("first offence of minor/medium gravity by chance"),
        "minor": _("minor"), "pregnancy": _("pregnancy"),
        "has_young_children": _("has young children"),
        "helped_victim": _("helped the victim"),
        "voluntary_compensation": _("voluntary compensation of damage"),
        "hardship_or_compassion": _("personal hardship or compassion"),
        "coercion_or_dependence": _("coercion or dependence"),
        "exceeded_justification": _("exceeded the limits of a justification"),
        "victim_misconduct": _("victim's unlawful conduct"),
        "sincere_repentance": _("sincere repentance"),
        "self_reported": _("came forward (self-report)"),
        "active_cooperation": _("active cooperation in solving the crime"),
    },
    "aggravating": {
        "repetition_or_recidivism": _("repetition or recidivism"),
        "grave_consequences": _("grave consequences"), "group": _("committed in a group"),
        "especially_active_role": _("especially active role"),
        "used_vulnerable_persons": _("used vulnerable persons"), "hate_motive": _("hate motive"),
        "vulnerable_victim": _("vulnerable victim"), "victim_on_duty": _("victim on duty"),
        "cruelty": _("cruelty"), "weapons_or_explosives": _("weapons or explosives"),
        "emergency_or_riot": _("during an emergency or riot"),
        "intoxication": _("intoxication"), "breach_of_oath": _("breach of oath"),
        "abuse_of_trust": _("abuse of trust"), "used_uniform": _("used a uniform"),
        "law_enforcement_officer": _("by a law-enforcement officer"),
    },
    "gravity": {"minor": _("minor gravity"), "medium": _("medium gravity"),
                "grave": _("grave"), "especially_grave": _("especially grave")},
    "qualification_status": {"applies": _("applies"), "excluded": _("excluded"),
                             "possible": _("possible")},
    "option_status": {"available": _("available"),
                      "only_exceptional": _("only in exceptional circumstances"),
                      "possible": _("possible (depends on unknown facts)"),
                      "unavailable": _("unavailable")},
    "option": {"release_from_liability": _("Release from criminal liability"),
               "conditional_sentence": _("Conditional sentence"),
               "restriction_of_freedom": _("Restriction of freedom"),
               "probation_control": _("Probation control"),
               "imprisonment": _("Imprisonment"),
               "deferral_of_sentence": _("Deferral of serving the sentence")},
}
assert set(ENUMS["mitigating"]) == set(MITIGATING)
assert set(ENUMS["aggravating"]) == set(AGGRAVATING)


def label(enum: str, value) -> str:
    if value is None or value in ("", "unknown"):  # "unknown" is also a value the facts allow
        return str(_("unknown"))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(ENUMS.get(enum, {}).get(str(value), value))


def article(citation: str) -> str:
    """``172`` or ``164(2)`` as the reader writes an article (Kazakh puts the number first)."""
    return gettext("art. %(a)s") % {"a": citation}


OUTCOME_FIELDS = {"status": _("Qualification"), "statutory_range": _("Statutory range"),
                  "reachable_range": _("Reachable range")}


def outcome(key: tuple[str, ...]) -> str:
    """The reader's name for an outcome key of :func:`qaitu.web.engine.compare`."""
    if key[0] == "qualification":
        return f"{article(key[1])}: {OUTCOME_FIELDS[key[2]]}"
    if key[0] == "option":
        return label("option", key[1])
    if key[0] == "parole":
        return gettext("Parole possible after")
    return gettext("Limitation period")


def outcome_value(key: tuple[str, ...], value) -> str | None:
    """An outcome's value in words (None stays None: the outcome did not exist)."""
    if value is None:
        return None
    if key[0] == "qualification":
        return (label("qualification_status", value) if key[2] == "status"
                else gettext("%(range)s months") % {"range": value})
    if key[0] == "option":
        return label("option_status", value)
    if key[0] == "limitation":
        return gettext("applies") if value else gettext("does not apply")
    return str(value)


def decided(key: str) -> str:
    """What an unknown fact decides, from a ``depends_on`` ``changes`` entry of the core
    (``qualifications.<episode>.<article>``, ``options.<name>``, ``reachable_range``)."""
    parts = key.split(".")
    if parts[0] == "qualifications" and len(parts) == 3:
        return article(parts[2])
    if parts[0] == "options" and len(parts) == 2:
        return label("option", parts[1])
    if key in OUTCOME_FIELDS:
        return str(OUTCOME_FIELDS[key])
    return key
