"""One case under one variant of the law, as a ``qaitu.assessment/1`` variant entry.

The rules run once over every scenario of the case (see :mod:`.scenarios`); this module reads
the results back: a status that holds in every scenario is definite, one that differs is
``possible``, and the unknown facts that make it differ are listed under ``depends_on``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.assessment.explain import cite as cite_text
from qaitu.assessment.explain import duration, say
from qaitu.assessment.scenarios import Reach, Scenarios, deciding_slots
from qaitu.law.articles import ARTICLES, Article, article_number, article_part
from qaitu.law.cohort import qualified, run_applicable
from qaitu.law.dated import fraction_text, keyed_on, keyed_start, value_on
from qaitu.law.engine import Run, inputs_read, principal_charge, run, variables_read
from qaitu.law.enums import (
    Completion,
    FormationKind,
    Gravity,
    OptionStatus,
    PleaAgreement,
    PropagandaChannel,
    Role,
    Sex,
)
from qaitu.law.glossary import label
from qaitu.law.once import once_per_object
from qaitu.law.sentence_dates import (
    DATE_FIELDS,
    CaseLaw,
    SentenceDates,
    SentenceFacts,
    sentence_dates,
)
from qaitu.law.variables.amendments.differentiated_assessment import (
    ELIGIBILITY,
    ELIGIBILITY_BIT,
)
from qaitu.law.variables.authoring import CITES
from qaitu.law.variables.facts import FACTS_BY_NAME
from qaitu.law.variables.general_part.art_003_definitions import (
    MERCENARY_LIMB_BIT,
    MERCENARY_LIMBS,
)
from qaitu.law.variables.general_part.art_044_restriction_of_freedom import (
    RESTRICTION_OF_FREEDOM,
)
from qaitu.law.variables.general_part.art_062_pretrial_credit import SECURITY_KEYS
from qaitu.law.variables.general_part.art_063_conditional_sentence import CONDITIONAL_SENTENCE
from qaitu.law.variables.general_part.art_065_067_release import RELEASE
from qaitu.law.variables.general_part.art_072_parole import PAROLE_EXCLUSIONS
from qaitu.law.variables.general_part.art_073_replacement import REPLACEMENT_EXCLUSIONS
from qaitu.law.variables.general_part.art_074_deferral import DEFERRAL
from qaitu.law.variables.special_part.elements import AGGRAVATED_PART, ELEMENTS, element_bit

URL = "https://adilet.zan.kz/rus/docs/K1400000226"
STATUS = [s.name for s in OptionStatus]
GRAVITY = [g.name for g in Gravity]
_GUILTY_PLEA = list(PleaAgreement).index(PleaAgreement.guilty_plea)
RULES = {"conditional_sentence": CONDITIONAL_SENTENCE,
         "restriction_of_freedom": RESTRICTION_OF_FREEDOM,
         "release_from_liability": RELEASE,
         "deferral_of_sentence": DEFERRAL}
OPTIONS = ("release_from_liability", "conditional_sentence", "restriction_of_freedom",
           "probation_control", "imprisonment", "deferral_of_sentence")
CHARGE_OUTPUTS = (
    "applies", "unmet_elements", "statutory_min_months", "statutory_max_months",
    "reachable_min_months", "reachable_max_months", "exceptional_min_months", "gravity",
    "terrorist_crime",
    "extremist_crime", "law_version", "law_date", "act_date", "act_before_code",
    "life_imprisonment_possible", "mitigation_cap_applies", "agreement_cap_applies",
    "reachable_max_share", "unfinished_share", "below_minimum_allowed", "parole_fraction",
    "limitation_years", "completion", "mercenary", "formation_kind", "role",
    "mercenary_unmet",
    "conditional_sentence_grounds", "restriction_of_freedom_grounds",
    "release_from_liability_grounds", "differentiated_assessment_unmet",
    "procedural_agreement_fulfilled", "procedural_agreement_lawful", "guilty_plea_eligible",
    "double_criminality_assumed",
    "note_172_voluntary_exit", "state_forces_sanction_applies",
    "used_official_position", "in_respect_of_minor", "alternative", "propaganda_channel",
    "recruited_for_reward",
    "minor_at_act", "minor_imprisonment_excluded", "minor_imprisonment_cap_months",
    "restriction_of_freedom_max_months", "replacement_fraction",
    "record_years_after_imprisonment", "parole_privileged", "pregnant_woman",
    "raising_young_children", "of_parole_age", "deferral_of_sentence_grounds",
    "deferral_max_months",
)
CASE_OUTPUTS = ("cumulative_rule", "cumulative_min_months", "cumulative_max_months",
                "case_parole_exclusion_grounds", "institution_security",
                "earlier_imprisonment_assumed", "term_over_two_years_assumed",
                "pretrial_credit_days", "case_replacement_exclusion_grounds", "sex",
                "disability_group_1_or_2")


def cite(article: Article) -> str:
    """The citation of an article part: ``"170(3)"``."""
    return str(article.value)


class _Lazy(dict[str, Any]):
    """Outputs by name, each read from its run on first use: ``how`` holds, per name, the
    reader and the variable it reads."""

    def __init__(self, how: dict[str, tuple[Any, str]]):
        super().__init__()
        self._how = how

    def __missing__(self, name: str) -> Any:
        read, variable = self._how[name]
        value = self[name] = read(variable)
        return value


@dataclass
class Outputs:
    """Rule outputs per scenario: charges shaped (scenarios, episodes, articles)."""

    charge: dict[str, NDArray[Any]]
    case: dict[str, NDArray[Any]]

    @classmethod
    def read(cls, r: Run) -> Outputs:
        """The outputs of run ``r``, each computed when first read: a case reads only what its
        explanation needs (the minor's outputs for a minor, ...), the same values either way."""
        case = {o: (r.case, f"case_{o}") for o in OPTIONS}
        case["applicable_charges"] = (r.case, "applicable_charges")
        case["release_from_liability_mandatory"] = (
            r.case, "case_release_from_liability_mandatory")
        case["return_date"] = (r.case, "return_date")
        case["plea_agreement"] = (r.case, "plea_agreement")
        case["minor_imprisonment_excluded"] = (r.case, "case_minor_imprisonment_excluded")
        for name in CASE_OUTPUTS:
            case[name] = (r.case, name)
        return cls(_Lazy({name: (r.charges, name) for name in CHARGE_OUTPUTS}), _Lazy(case))

    def principal(self) -> NDArray[np.intp]:
        """Per scenario, the flat (episode, article) index of the gravest applicable charge."""
        return principal_charge(self.charge["applies"], self.charge["statutory_max_months"],
                                self.charge["life_imprisonment_possible"])

    def at(self, name: str, scenario: int, flat_index: int | np.integer[Any]) -> Any:
        return self.charge[name].reshape(self.charge[name].shape[0], -1)[scenario, flat_index]


def _status(values: NDArray[Any], names: list[str]) -> str:
    uniq = np.unique(values)
    return names[int(uniq[0])] if len(uniq) == 1 else "possible"


#: The reason a person is not a mercenary, by the first limb of art. 3(15) that fails.
_MERCENARY_REASON = {"in_a_formation": "no_formation", "not_state_forces": "party_forces",
                     "not_citizen_of_party": "citizen_of_party",
                     "not_pmc_party_forces": "pmc_party_forces",
                     "specially_recruited": "not_recruited", "material_reward": "no_reward"}


def _mercenary_reason(o: Outputs, s: int, i: int, lang: str) -> str:
    """Why art. 3(15) does not hold, as the law says: the first limb it marks unmet."""
    unmet = int(o.at("mercenary_unmet", s, i))
    failed = next((code for code, _ in MERCENARY_LIMBS if unmet & MERCENARY_LIMB_BIT[code]),
                  "material_reward")  # every limb holds: not said (the element is unmet)
    return say(f"mercenary_reason.{_MERCENARY_REASON[failed]}", lang)


def _recruits_reason(o: Outputs, s: int, i: int, lang: str) -> str:
    """Why the people recruited, trained or financed are not mercenaries (art. 3(15))."""
    kind = FormationKind(list(FormationKind)[o.at("formation_kind", s, i)])
    if kind == FormationKind.none:
        key = "no_formation"
    elif kind == FormationKind.state_armed_forces:
        key = "party_forces"
    elif kind == FormationKind.state_affiliated_pmc and o.at("recruited_for_reward", s, i):
        key = "pmc_party_forces"
    else:
        key = "no_reward"
    return say(f"recruits_reason.{key}", lang)


def _aggravation(article: Article, o: Outputs, s: int, i: int, lang: str) -> str | None:
    """The aggravating features of the row's part that hold (arts. 170(2), 256(2), 257(3),
    259(2)), in the reader's words; None where none holds."""
    number = article_number(article)
    position = bool(o.at("used_official_position", s, i))
    minor = bool(o.at("in_respect_of_minor", s, i)) and number in ("170", "259")
    channel = list(PropagandaChannel)[o.at("propaganda_channel", s, i)].name
    public = number == "256" and channel in ("mass_media", "telecom_networks")
    if position and minor:
        return say("aggravation.both", lang)
    found = [say(f"aggravation.{key}", lang) for key, holds in (
        ("official_position", position), ("minor", minor), (channel, public)) if holds]
    return ", ".join(found) or None


def _element_reasons(article: Article, o: Outputs, s: int, i: int, lang: str,
                     met: bool) -> list[str]:
    unmet = int(o.at("unmet_elements", s, i))
    kind = list(FormationKind)[o.at("formation_kind", s, i)]
    role = list(Role)[o.at("role", s, i)]
    number = article_number(article)
    values = {"article": cite(article), "leading_part": f"{number}(1)",
              "aggravated_part": AGGRAVATED_PART.get(number, cite(article)),
              "role": label("role", role.name, lang),
              "formation": label("formation_kind", kind.name, lang),
              "mercenary_reason": _mercenary_reason(o, s, i, lang),
              "recruits_reason": _recruits_reason(o, s, i, lang),
              "terrorist_basis": say("terrorist_basis." + (
                  "group" if kind == FormationKind.terrorist_organization else "recognised"),
                  lang)}
    aggravation = _aggravation(article, o, s, i, lang)
    if aggravation:
        values["aggravation"] = aggravation
    out = []
    for element in ELEMENTS[article]:
        holds = not (unmet & element_bit(article, element.code))
        if holds == met:
            out.append(say(f"element.{element.code}.{'met' if met else 'unmet'}", lang, **values))
    return out


def _share(param: Any, law_date: Any) -> str:
    """A share of the maximum as the parameter in force on the law's date gives it ("2/3")."""
    return fraction_text(float(value_on(param, np.array([law_date], dtype="datetime64[D]"))[0]))


def _range_reasons(system: TaxBenefitSystem, article: Article, o: Outputs, s: int, i: int,
                   lang: str) -> list[str]:
    version = str(o.at("law_version", s, i))
    limits = system.parameters.general_part.art_055_sentencing_limits
    out = [say("range.statutory", lang, article=cite(article), version=version,
               min=duration(o.at("statutory_min_months", s, i), lang),
               max=duration(o.at("statutory_max_months", s, i), lang))]
    if o.at("act_before_code", s, i):
        out.append(say("range.act_before_code", lang))
    elif o.at("law_date", s, i) > o.at("act_date", s, i):
        out.append(say("range.law_version_milder", lang, version=version))
    else:
        out.append(say("range.law_version", lang, act=str(o.at("act_date", s, i))))
    if o.at("mitigation_cap_applies", s, i):
        cap = limits.mitigation_cap.children[GRAVITY[o.at("gravity", s, i)]]
        out.append(say("range.mitigation_cap", lang, share=_share(cap, o.at("law_date", s, i))))
    if o.at("agreement_cap_applies", s, i):
        out.append(say("range.agreement_cap", lang,
                       share=_share(limits.agreement_cap, o.at("law_date", s, i))))
    elif o.case["plea_agreement"][s] == _GUILTY_PLEA and not o.at(
            "procedural_agreement_lawful", s, i):
        out.append(say("range.agreement_ineligible" if not o.at("guilty_plea_eligible", s, i)
                       else "range.agreement_barred_for_set", lang))
    completion = list(Completion)[o.at("completion", s, i)]
    if completion != Completion.completed:
        out.append(say("range.unfinished", lang,
                       completion=label("completion", completion.name, lang),
                       share=fraction_text(float(o.at("unfinished_share", s, i)))))
        if o.at("mitigation_cap_applies", s, i) or o.at("agreement_cap_applies", s, i):
            out.append(say("range.unfinished_with_cap", lang,
                           share=fraction_text(float(o.at("reachable_max_share", s, i)))))
    if o.at("minor_imprisonment_excluded", s, i):
        out.append(say("range.minor_no_imprisonment", lang))
    elif o.at("minor_at_act", s, i):
        out.append(say("range.minor_cap", lang,
                       max=duration(o.at("minor_imprisonment_cap_months", s, i), lang)))
    if o.at("below_minimum_allowed", s, i) and not o.at("minor_imprisonment_excluded", s, i):
        out.append(say("range.below_minimum", lang,
                       min=duration(o.at("reachable_min_months", s, i), lang)))
    if o.at("exceptional_min_months", s, i) < o.at("reachable_min_months", s, i):
        out.append(say("range.exceptional_below_minimum", lang,
                       min=duration(o.at("exceptional_min_months", s, i), lang)))
    if o.at("life_imprisonment_possible", s, i):
        out.append(say("range.life", lang))
    return out


def sanction_source(system: TaxBenefitSystem, article: Article, version: str
                    ) -> dict[str, Any]:
    """The reference and confidence mark of the sanction version applied (shown in output)."""
    param = system.parameters.special_part.children[article.name].imprisonment_max_months
    for value in param.values_list:
        if value.instant_str == version:
            meta = value.metadata or {}
            return {"confidence": meta.get("confidence"), "reference": meta.get("reference")}
    return {"confidence": None, "reference": None}


def _qualifications(o: Outputs, system: TaxBenefitSystem, lang: str,
                    skip: Set[int] = frozenset(), episode: int | None = None,
                    everywhere: NDArray[np.bool_] | None = None) -> list[dict[str, Any]]:
    """Every part that applies in some scenario, or nearly does, except in the episodes
    ``skip``; ``episode``: the number of the one episode run, if it was run alone.
    ``everywhere``: which parts apply in every scenario, when ``o`` holds only some of them
    (the first, and one where each part applies that applies somewhere)."""
    applies, alternative = o.charge["applies"], o.charge["alternative"]
    episodes = applies.shape[1]
    found = []
    for e in range(episodes):
        if e in skip:
            continue
        for a, article in enumerate(ARTICLES):
            col = applies[:, e, a]
            alt = alternative[:, e, a]
            flat = e * len(ARTICLES) + a
            near = article == Article.art_172 or _specific_met(
                article, int(o.at("unmet_elements", 0, flat)))
            if not col.any() and not alt.any() and not near:
                continue
            # An alternative qualification is a legal judgement the court makes: "possible".
            where = np.flatnonzero(col | alt)
            s = int(where[0]) if len(where) else 0
            status = _status_of(col if everywhere is None else everywhere[:, e, a], alt)
            entry: dict[str, Any] = {
                "article": article_number(article), "part": article_part(article),
                "citation": cite(article), "episode": e if episode is None else episode,
                "status": status,
                "gravity": GRAVITY[o.at("gravity", s, flat)],
                "terrorist_crime": bool(o.at("terrorist_crime", s, flat)),
                "extremist_crime": bool(o.at("extremist_crime", s, flat)),
                "law_version": str(o.at("law_version", s, flat)),
                **sanction_source(system, article, str(o.at("law_version", s, flat))),
            }
            if len(where):
                rows = o.charge
                entry["statutory_range"] = {
                    "type": "imprisonment",
                    "min_months": int(rows["statutory_min_months"][where, e, a].min()),
                    "max_months": int(rows["statutory_max_months"][where, e, a].max()),
                    "life": bool(rows["life_imprisonment_possible"][where, e, a].any())}
                entry["reachable_range"] = {
                    "min_months": int(rows["reachable_min_months"][where, e, a].min()),
                    "max_months": int(rows["reachable_max_months"][where, e, a].max()),
                    "exceptional_min_months": int(
                        rows["exceptional_min_months"][where, e, a].min())}
                entry["range_because"] = _range_reasons(system, article, o, s, flat, lang)
                if str(entry["confidence"] or "").startswith("L"):  # said beside the sanction
                    entry["range_because"].insert(1, say("range.sanction_unverified", lang))
                lead = ([say("qualification.possible", lang, article=cite(article))]
                        if status == "possible" and col.any() else [])
                elements = _element_reasons(article, o, s, flat, lang, met=True)
                if alt.any():
                    entry["alternative"] = True
                    lead.append(say("qualification.alternative", lang, article=cite(article)))
                    if alt[s]:  # the precedence that makes it an alternative, said beside
                        elements += _element_reasons(article, o, s, flat, lang, met=False)
                entry["because"] = lead + elements + entry["range_because"]
            else:
                entry["statutory_range"] = None
                entry["reachable_range"] = None
                entry["because"] = _element_reasons(article, o, 0, flat, lang, met=False)
            found.append(entry)
    return found


def _status_of(applies: NDArray[np.bool_], alternative: NDArray[np.bool_]) -> str:
    """Applies in every scenario, in none (and is no alternative the court may choose), or
    possible."""
    if applies.all():
        return "applies"
    return "excluded" if not (applies.any() or alternative.any()) else "possible"


def _specific_met(article: Article, unmet: int) -> bool:
    """An excluded part is worth showing when its distinguishing element (the first after
    age and jurisdiction) holds: a near miss the reader should see ruled out."""
    specific = [el for el in ELEMENTS[article] if el.code not in ("jurisdiction", "of_age")]
    return not (unmet & element_bit(article, specific[0].code))


def _option_reasons(option: str, o: Outputs, s: int, i: int, lang: str) -> list[str]:
    article = ARTICLES[i % len(ARTICLES)]
    if option == "probation_control":
        return [say("option.probation_control.via", lang)]
    if option == "imprisonment":
        if o.case["minor_imprisonment_excluded"][s]:
            return [say("option.imprisonment.minor_excluded", lang, article=cite(article))]
        return [say("option.imprisonment.default", lang, article=cite(article))]
    rule = RULES[option]
    fired = rule.effective_codes(int(o.at(f"{rule.name}_grounds", s, i)))
    if not fired:
        out = [say(f"option.{option}.default", lang, article=cite(article))]
    else:
        out = [say(f"option.{option}.{e.code}", lang, article=cite(article)) for e in fired]
    if option == "restriction_of_freedom" and o.at("minor_at_act", s, i):
        out.append(say("option.restriction_of_freedom.minor_limit", lang,
                       max=duration(o.at("restriction_of_freedom_max_months", s, i), lang)))
    return out


def _conflict(option: str, o: Outputs, s: int, i: int, lang: str) -> dict[str, Any] | None:
    """Two exceptions of the option's rule that fire together and disagree (see law.defaults)."""
    rule = RULES.get(option)
    if rule is None:
        return None
    grounds = int(o.at(f"{rule.name}_grounds", s, i))
    if not rule.conflict(np.array([grounds], dtype=np.int64))[0]:
        return None
    fired = rule.effective_codes(grounds)
    return {"codes": [e.code for e in fired],
            "because": say("conflict", lang, a=cite_text(fired[0].cite, lang),
                           b=cite_text(fired[-1].cite, lang))}


def _amendments(system: TaxBenefitSystem, o: Outputs, s: int, i: int, as_of: str, lang: str
                ) -> dict[str, Any]:
    """For each proposed provision in force under ``system``: does it apply, and why."""
    found: dict[str, Any] = {}
    node = system.parameters.amendments
    if node.differentiated_assessment.in_effect(as_of):
        unmet = int(o.at("differentiated_assessment_unmet", s, i))
        values = {"return_date": str(o.case["return_date"][s])}
        found["differentiated_assessment"] = {
            "applies": unmet == 0,
            "because": [say(f"amendment.differentiated_assessment.{e.code}."
                            f"{'unmet' if unmet & ELIGIBILITY_BIT[e.code] else 'met'}",
                            lang, **values)
                        + f" ({say('amendment.differentiated_assessment.cite', lang)})"
                        for e in ELIGIBILITY
                        if (unmet == 0) or (unmet & ELIGIBILITY_BIT[e.code])]}
    for name, variable in (("note_172_voluntary_exit", "note_172_voluntary_exit"),
                           ("state_forces_distinction", "state_forces_sanction_applies")):
        if node.children[name].in_effect(as_of):
            holds = bool(o.at(variable, s, i))
            found[name] = {"applies": holds,
                           "because": [say(f"amendment.{name}.{'met' if holds else 'unmet'}",
                                           lang)
                                       + f" ({say(f'amendment.{name}.cite', lang)})"]}
    return found


def _options(o: Outputs, principal: NDArray[np.intp], rep: int, lang: str) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for option in OPTIONS:
        values = o.case[option]
        because = _option_reasons(option, o, rep, int(principal[rep]), lang)
        if option != "release_from_liability" and o.case["release_from_liability_mandatory"][rep]:
            because = [say("option.released_by_note", lang)]
        entry: dict[str, Any] = {"status": _status(values, STATUS), "because": because}
        conflict = _conflict(option, o, rep, int(principal[rep]), lang)
        if conflict:
            entry["status"] = "possible"
            entry["conflict"] = conflict["codes"]
            entry["because"].append(conflict["because"])
        if option == "release_from_liability":
            grounds = int(o.at("release_from_liability_grounds", rep, int(principal[rep])))
            fired = RELEASE.effective_codes(grounds)
            entry["grounds"] = [cite_text(e.cite, lang) for e in fired]
            entry["mandatory"] = _status(o.case["release_from_liability_mandatory"]
                                         .astype(int), ["no", "yes"])
        if option == "deferral_of_sentence":  # art. 74(1): one year, or five for a parent
            entry.update(_deferral(o, principal, rep, lang, entry["because"]))
        options[option] = entry
    return options


def _deferral(o: Outputs, principal: NDArray[np.intp], rep: int, lang: str,
              because: list[str]) -> dict[str, Any]:
    """Art. 74's longest deferral, and, where unknown facts leave it open, the reasons of each
    outcome they can lead to (the one scenario's reasons alone would say the person is not
    among art. 74's persons when that is only unknown)."""
    values = o.case["deferral_of_sentence"]
    longest = o.charge["deferral_max_months"].reshape(len(values), -1)[
        np.arange(len(values)), principal]
    if len(np.unique(values)) > 1 and not o.case["release_from_liability_mandatory"][rep]:
        default = say("option.deferral_of_sentence.default", lang)
        because = [say("option.deferral_of_sentence.unknown", lang)]
        for s in (int(np.flatnonzero(values == v)[0]) for v in np.unique(values)):
            for reason in _option_reasons("deferral_of_sentence", o, s, int(principal[s]), lang):
                if reason not in because and reason != default:
                    because.append(reason)
    return {"because": because, "max_months": int(longest.max()) or None}


def _parole(o: Outputs, i: int, s: int, lang: str) -> tuple[str | None, list[str]]:
    """Parole for the person: closed if art. 72(1) ¶3 or 72(8) closes it for any applicable
    charge; otherwise after the share of the principal charge."""
    fired = PAROLE_EXCLUSIONS.effective_codes(int(o.case["case_parole_exclusion_grounds"][s]))
    if fired:
        return None, [say(f"parole.excluded.{e.code}", lang) for e in fired]
    grav = label("gravity", GRAVITY[o.at("gravity", s, i)], lang)
    text = fraction_text(float(o.at("parole_fraction", s, i)))
    if o.at("minor_at_act", s, i):
        because = [say("parole.minor", lang, fraction=text, gravity=grav)]
    elif o.at("parole_privileged", s, i):
        because = [say("parole.privileged", lang, fraction=text, gravity=grav,
                       who=say(f"person.{_person_of_72_4(o, s, i)}", lang))]
    else:
        because = [say("parole.agreement", lang, fraction=text)
                   if o.at("procedural_agreement_fulfilled", s, i)
                   else say("parole.fraction", lang, fraction=text, gravity=grav)]
    if _especially_grave_terrorist_or_extremist(o, s):
        because.append(say("parole.joined_reading", lang))
    return text, because


def _person_of_72_4(o: Outputs, s: int, i: int) -> str:
    """Which of the persons of art. 72(4) the convict is: the first that holds, in its order."""
    female = o.case["sex"][s] == list(Sex).index(Sex.female)
    if o.at("pregnant_woman", s, i):
        return "pregnant"
    if o.at("raising_young_children", s, i):
        return "woman_with_children" if female else "man_raising_children_alone"
    if o.at("of_parole_age", s, i):
        return "older_woman" if female else "older_man"
    return "disabled"


def _especially_grave_terrorist_or_extremist(o: Outputs, s: int) -> bool:
    """Some applicable charge is itself an especially grave terrorist or extremist crime: the
    case where Qaitu's reading of «сопряженное» in art. 72(8) decides that parole is open."""
    c = o.charge
    listed = c["terrorist_crime"][s] | c["extremist_crime"][s]
    especially_grave = c["gravity"][s] == GRAVITY.index("especially_grave")
    return bool((c["applies"][s] & listed & especially_grave).any())


def _trace(o: Outputs, system: TaxBenefitSystem, s: int, as_of: str, lang: str
           ) -> list[dict[str, Any]]:
    steps = []
    applies = o.charge["applies"].reshape(o.charge["applies"].shape[0], -1)[s]
    for i in np.flatnonzero(applies):
        article = ARTICLES[i % len(ARTICLES)]
        version = str(o.at("law_version", s, i))
        num, part = article_number(article), article_part(article)

        def step(text: str, art: str, prt: str | None, value: Any, ver: str = version,
                 unit: str | None = None) -> None:
            steps.append({"step": text, "article": art, "part": prt, "version": ver,
                          "url": URL, "value": value} | ({"unit": unit} if unit else {}))

        step(say("trace.applies", lang, article=cite(article)), num, part, True)
        minor = bool(o.at("minor_at_act", s, i))
        if minor:
            step(say("trace.minor_at_act", lang), *_cited("minor_at_act"), True)
        step(say("trace.statutory_range", lang), num, part,
             [int(o.at("statutory_min_months", s, i)), int(o.at("statutory_max_months", s, i))],
             unit="months")
        steps[-1]["confidence"] = sanction_source(system, article, version)["confidence"]
        step(say("trace.version", lang), *_cited("law_date"), str(o.at("law_date", s, i)))
        if o.at("double_criminality_assumed", s, i):
            step(say("trace.double_criminality", lang), *_cited("double_criminality_assumed"), True)
        step(say("trace.gravity", lang), *_cited("gravity"), GRAVITY[o.at("gravity", s, i)])
        for crime in ("terrorist_crime", "extremist_crime"):
            step(say(f"trace.{crime}", lang), *_cited(crime), bool(o.at(crime, s, i)))
        step(say("trace.mitigation_cap", lang), *_cited("mitigation_cap_applies"),
             bool(o.at("mitigation_cap_applies", s, i)))
        step(say("trace.agreement_cap", lang), *_cited("agreement_cap_applies"),
             bool(o.at("agreement_cap_applies", s, i)))
        step(say("trace.reachable_range", lang), "55", None,
             [int(o.at("reachable_min_months", s, i)), int(o.at("reachable_max_months", s, i))],
             unit="months")
        step(say("trace.exceptional_min", lang), *_cited("exceptional_min_months", 1),
             int(o.at("exceptional_min_months", s, i)), unit="months")
        if minor:
            step(say("trace.minor_imprisonment_cap", lang),
                 *_cited("minor_imprisonment_cap_months"),
                 0 if o.at("minor_imprisonment_excluded", s, i)
                 else int(o.at("minor_imprisonment_cap_months", s, i)), unit="months")
            step(say("trace.minor_restriction_of_freedom", lang),
                 *_cited("restriction_of_freedom_max_months", -1),
                 int(o.at("restriction_of_freedom_max_months", s, i)), unit="months")
        for name, rule in RULES.items():
            for e in rule.effective_codes(int(o.at(f"{rule.name}_grounds", s, i))):
                if "proposed" in e.cite:  # a variant's provision: cite it whole
                    art, prt = e.cite, None
                else:
                    head, _, tail = e.cite.partition("(")
                    art, prt = head.split()[0], tail.rstrip(")") or None
                step(f"{label('option', name, lang)}: "
                     f"{label(f'exception.{rule.name}', e.code, lang)}",
                     art, prt, STATUS[e.value])
        step(say("trace.parole", lang),
             *_cited("minor_parole_fraction" if minor else "parole_fraction"),
             float(o.at("parole_fraction", s, i)), unit="fraction")
        years = _years(o.at("limitation_years", s, i))
        # art. 88 halves a period of art. 71(1); where 71(6) leaves none, 71 is the source
        step(say("trace.limitation", lang), "88" if minor and years else "71", None, years,
             unit="years")
    if applies.any():
        steps.extend(_custody_steps(o, system, s, as_of, lang))
    return steps


def _cited(variable: str, which: int = 0) -> tuple[str, str | None]:
    """The article and part a rule cites for itself (``CITES``: ``"55(2)"`` -> ``("55",
    "2")``); ``which`` picks one of several (``"44(1), 81(6)"``)."""
    head, _, tail = CITES[variable].split(", ")[which].partition("(")
    return head, tail.rstrip(")") or None


def _years(value: Any) -> int | float:
    """A period in years as a whole number where it is one (2.5 years stays 2.5)."""
    years = float(value)
    return int(years) if years.is_integer() else years


def _custody_steps(o: Outputs, system: TaxBenefitSystem, s: int, as_of: str, lang: str
                   ) -> list[dict[str, Any]]:
    """The institution a term would be served in (art. 46) and the credit for custody it gives
    (art. 62(3)): marked M, with what Qaitu assumed, where the facts leave it open."""
    code = int(o.case["institution_security"][s])
    security = SECURITY_KEYS[code]
    assumed = [say(f"trace.security_assumed.{name}", lang)
               for name in ("earlier_imprisonment", "term_over_two_years")
               if o.case[f"{name}_assumed"][s]]
    credit = system.parameters.general_part.art_062_pretrial_credit
    version = str(keyed_start(credit.imprisonment_days_per_custody_day, SECURITY_KEYS,
                              np.array([code]), None, np.array([as_of], dtype="datetime64[D]"))[0])
    mark = "M" if assumed else "H"
    text = say("trace.institution_security", lang,
               security=label("institution_security", security, lang))
    return [
        {"step": "; ".join([text, *assumed]), "article": "46", "part": None,
         "version": version, "url": URL, "value": security, "confidence": mark},
        {"step": say("trace.pretrial_credit", lang), "article": "62", "part": "3",
         "version": version, "url": URL, "value": float(o.case["pretrial_credit_days"][s]),
         "unit": "days", "confidence": mark},
    ]


def _depends_on(sc: Scenarios, o: Outputs, principal: NDArray[np.intp]) -> list[dict[str, Any]]:
    if not sc.slots or len(sc.choice) < 2:
        return []
    s = len(sc.choice)
    outcomes: dict[str, NDArray[Any]] = {}
    # Per part: 0 excluded, 1 applies, 2 an alternative the court may choose.
    status = (o.charge["applies"] + 2 * o.charge["alternative"]).reshape(s, -1)
    for e in range(o.charge["applies"].shape[1]):
        for a, article in enumerate(ARTICLES):
            col = status[:, e * len(ARTICLES) + a]
            if len(np.unique(col)) > 1:
                outcomes[f"qualifications.{e}.{cite(article)}"] = col
    for option in OPTIONS:
        outcomes[f"options.{option}"] = o.case[option]
    reach = o.charge["reachable_max_months"].reshape(s, -1)[np.arange(s), principal]
    outcomes["reachable_range"] = np.where(o.case["applicable_charges"] > 0, reach, -1)
    parole = o.charge["parole_fraction"].reshape(s, -1)[np.arange(s), principal]
    outcomes["parole_after_fraction"] = np.where(o.case["applicable_charges"] > 0, parole, -1)
    changes: dict[int, list[str]] = defaultdict(list)
    for key, values in outcomes.items():
        if len(np.unique(values)) < 2:
            continue
        for j in deciding_slots([len(slot.domain) for slot in sc.slots], values):
            changes[j].append(key)
    return [{"fact": sc.slots[j].source, "changes": keys}
            for j, keys in sorted(changes.items())]


@once_per_object
def relevant_facts(system: TaxBenefitSystem) -> frozenset[str]:
    """The facts the outputs of an assessment depend on under ``system`` (found once)."""
    return inputs_read(system, [*CHARGE_OUTPUTS, *CASE_OUTPUTS,
                                *(f"case_{o}" for o in OPTIONS), "applicable_charges"])


@once_per_object
def liability_facts(system: TaxBenefitSystem) -> frozenset[str]:
    """The facts that decide which parts apply under ``system`` (found once), if the parts
    that apply to an episode depend on no other episode: that is, if no rule on the whole case
    is read on the way (none: an episode cannot then be run alone)."""
    read = variables_read(system, ["applies"])
    rules = [system.variables[n] for n in read if n in system.variables]
    whole_case = [v for v in rules if v.entity.key == "case" and v.formulas]
    return frozenset() if whole_case else read & frozenset(FACTS_BY_NAME)


def _cumulative(o: Outputs, lang: str) -> dict[str, Any] | None:
    """The final term for a set of crimes (art. 58), over the scenarios where several parts
    apply; None where no scenario has a set."""
    rule = o.case["cumulative_rule"]
    sets = rule > 0
    if not sets.any():
        return None
    lo = int(o.case["cumulative_min_months"][sets].min())
    hi = int(o.case["cumulative_max_months"][sets].max())
    because = [say(f"cumulative.part_{part}", lang) for part in sorted(set(rule[sets].tolist()))]
    because.append(say("cumulative.range", lang, min=duration(lo, lang), max=duration(hi, lang)))
    life = (o.charge["applies"] & o.charge["life_imprisonment_possible"]).reshape(len(rule), -1)
    if life[sets].any():
        because.append(say("cumulative.life", lang))
    return {"applies": "applies" if sets.all() else "possible",
            "articles": [f"58({part})" for part in sorted(set(rule[sets].tolist()))],
            "reachable_range": {"min_months": lo, "max_months": hi}, "because": because}


def case_law(o: Outputs, system: TaxBenefitSystem, principal: NDArray[np.intp],
             judged: NDArray[np.datetime64], takes_effect: Any = None) -> CaseLaw:
    """What the rules found that the sentence dates need, per scenario (see
    :class:`qaitu.law.sentence_dates.CaseLaw`). ``takes_effect``: the day a variant takes
    effect, for art. 6(2); None under current law."""
    rows = np.arange(len(principal))

    def charge(name: str) -> NDArray[Any]:
        return o.charge[name].reshape(len(rows), -1)[rows, principal]

    general = system.parameters.general_part
    security = o.case["institution_security"].astype(np.intp)
    gravity = charge("gravity").astype(np.intp)
    law_dates = charge("law_date").astype("datetime64[D]")
    liable = o.case["applicable_charges"] > 0
    limit = None
    if takes_effect is not None:  # the variant's maximum; none at all where it ends liability
        reach = np.maximum(charge("reachable_max_months"),
                           np.where(o.case["cumulative_rule"] > 0,
                                    o.case["cumulative_max_months"], 0))
        life = (o.charge["applies"] & o.charge["life_imprisonment_possible"]).reshape(
            len(rows), -1).any(axis=1)
        limit = np.where(~liable, 0.0, np.where(life, np.inf, reach.astype(np.float64)))
    versions = {
        "custody_credit": str(keyed_start(general.art_062_pretrial_credit
                                          .imprisonment_days_per_custody_day, SECURITY_KEYS,
                                          security[:1], None, judged[:1])[0]),
        "parole_share": str(keyed_start(general.art_072_parole.fraction, GRAVITY, gravity[:1],
                                        None, law_dates[:1])[0]),
        "replacement_share": str(keyed_start(general.art_073_replacement.fraction, GRAVITY,
                                             gravity[:1], None, law_dates[:1])[0]),
        "record_after_years": str(keyed_start(
            general.art_079_criminal_record.years_after_imprisonment, GRAVITY, gravity[:1],
            None, law_dates[:1])[0]),
    } if len(rows) else {}
    return CaseLaw(
        parole_share=charge("parole_fraction").astype(np.float64),
        replacement_share=charge("replacement_fraction").astype(np.float64),
        record_years=charge("record_years_after_imprisonment").astype(np.int64),
        imprisonment_credit=keyed_on(general.art_062_pretrial_credit
                                     .imprisonment_days_per_custody_day, SECURITY_KEYS,
                                     security, None, judged).astype(np.float64),
        restriction_credit=value_on(general.art_062_pretrial_credit
                                    .restriction_of_freedom_days_per_custody_day, judged
                                    ).astype(np.float64),
        min_served_months=value_on(general.art_072_parole.min_served_months, judged
                                   ).astype(np.float64),
        minor_at_act=charge("minor_at_act").astype(bool),
        limit_months=limit, takes_effect=takes_effect, versions=versions)


def _when(value: Any) -> Any:
    """A finding's value as JSON: an ISO date, a number, or None where the rule sets none."""
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else str(value.astype("datetime64[D]"))
    if isinstance(value, (float, np.floating)):
        return None if not np.isfinite(value) else _years(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    return int(value)


def _closed(o: Outputs, s: int, i: int, parole_because: list[str], lang: str
            ) -> dict[str, list[str]]:
    """Why a rule that sets a date is closed for the case, by rule code (scenario ``s``,
    principal charge ``i``): the exclusions of art. 72 and art. 73 that hold."""
    parole = PAROLE_EXCLUSIONS.effective_codes(int(o.case["case_parole_exclusion_grounds"][s]))
    codes = [e.code for e in REPLACEMENT_EXCLUSIONS.effective_codes(
        int(o.case["case_replacement_exclusion_grounds"][s]))]
    if GRAVITY[o.at("gravity", s, i)] == "especially_grave":
        codes.insert(0, "especially_grave")
    return {"parole_share": parole_because if parole else [],
            "replacement_share": [say(f"sentence.closed.{c}", lang) for c in codes]}


def _sentence(dates: SentenceDates, sc: Scenarios, keep: NDArray[np.bool_],
              closed: dict[str, list[str]], lang: str) -> dict[str, Any]:
    """The ``sentence`` block: each date where every scenario in ``keep`` agrees on it; where
    they differ, no date and the facts that decide it under ``depends_on``. ``closed``: why a
    rule gives no date, where the case says (see :func:`_closed`)."""
    f = dates.facts
    out: dict[str, Any] = {
        "type": f.type, "months": f.months, "start": f.start.isoformat() if f.start else None,
        "pretrial_detention_days": f.pretrial_detention_days, "credited_days": None,
        **{name: None for name in DATE_FIELDS}, "serving_limit_months": None,
        "evasion_replacement": None, "rules": {}, "because": [],
        "depends_on": [say("sentence.depends_on", lang, fact=d) for d in dates.depends_on]}
    rows = np.flatnonzero(keep) if keep.any() else np.arange(len(keep))
    for finding in dates.findings:
        values = finding.values[rows]
        distinct = {_when(x) for x in values}
        value = _when(values[0]) if len(distinct) == 1 else None
        if len(distinct) > 1:
            among = keep if keep.any() else None
            for j in deciding_slots([len(s.domain) for s in sc.slots],
                                    finding.values.astype(str), among):
                out["depends_on"].append(say("sentence.depends_on", lang,
                                             fact=sc.slots[j].source))
        out[finding.name] = value
        out["rules"][finding.name] = {"rule": finding.rule, "cite": finding.cite,
                                      "article": finding.cite.split("(")[0].split(",")[0],
                                      "version": finding.version,
                                      "confidence": finding.confidence}
        if value is None and len(distinct) == 1 and finding.name not in (
                "shortened_ends_on", "serving_limit_months"):
            out["because"].extend(closed.get(finding.rule)
                                  or [say(f"sentence.none.{finding.rule}", lang)])
        elif value is not None:
            words = {k: duration(w, lang) if k in ("months", "limit") and np.isfinite(w)
                     else w for k, w in finding.words.items()}
            out["because"].append(say(f"sentence.{finding.rule}", lang, value=value, **words))
    out["depends_on"] = list(dict.fromkeys(out["depends_on"]))
    return out


def sentence_facts(case: Any) -> SentenceFacts | None:
    """``proceedings.sentence`` of a case file as the core's :class:`SentenceFacts`; None where
    the case has no sentence."""
    given = case.proceedings.sentence
    if given is None:
        return None
    return SentenceFacts(type=given.type,
                         months=given.months, start=given.start,
                         pretrial_detention_days=case.proceedings.pretrial_detention_days,
                         deferral_months=given.deferral_months,
                         probation_months=given.probation_months)


def _say_what_keeps_options_open(result: dict[str, Any], lang: str) -> None:
    """An option an unknown fact leaves possible says which facts keep it open, beside the
    rule's own reasons, so that its row explains its status (the rule's citation is read from
    the law)."""
    from qaitu.assessment.memo.text import fact_name  # the memo package imports this module

    for option, entry in result["options"].items():
        if entry["status"] != "possible":
            continue
        facts = [d["fact"] for d in result["depends_on"]
                 if f"options.{option}" in d["changes"]]
        if not facts:
            continue
        rule = CITES.get(option) or CITES[f"case_{option}"]
        entry["because"].append(say(
            "option.open_question", lang, article=cite_text(rule.split(", ")[0], lang),
            facts="; ".join(fact_name(f, lang) for f in facts)))


def _left_open(result: dict[str, Any], o: Outputs, system: TaxBenefitSystem, sc: Scenarios,
               lang: str) -> None:
    """Past the budget: what a fact left open could change is possible, not what the
    combinations run happened to give; which parts apply comes from each episode's own run
    where that fitted (see :mod:`.scenarios`)."""
    from qaitu.assessment.memo.text import fact_name  # the memo package imports this module

    facts = "; ".join(fact_name(f, lang) for f in dict.fromkeys(s.source for s in sc.open))
    inexact = sc.inexact_episodes()
    found = list(result["qualifications"])
    liable: NDArray[np.bool_] = np.asarray(o.charge["applies"].any(axis=2))  # (scen., episodes)
    always = [bool(liable[:, e].all()) for e in range(liable.shape[1])]
    never = [bool(not liable[:, e].any()) for e in range(liable.shape[1])]
    witnesses: dict[int, Outputs | None] = {}  # per Reach (shared by equal episodes)
    for e in sorted(inexact):
        alone = sc.liability[e] if e < len(sc.liability) else None
        if alone is None:
            reach = sc.reach.get(e)
            if reach is not None and id(reach) not in witnesses:
                witnesses[id(reach)] = _witnesses(system, reach)
            some = witnesses.get(id(reach))
            always[e], never[e] = False, some is not None and not len(some.case["return_date"])
            if some is not None and len(some.case["return_date"]):
                found.extend(_reachable(some, system, lang, e))
            continue
        applies = qualified(system, alone.case, alone.episodes, only_applies=True)["applies"]
        reps = np.unique(np.concatenate([[0], applies.argmax(axis=0).reshape(-1)]))
        some = Outputs.read(run(system, *alone.rows(reps)))
        found.extend(_qualifications(some, system, lang, episode=e, everywhere=applies))
        one = applies.any(axis=(1, 2))
        always[e], never[e] = bool(one.all()), bool(not one.any())
    order = {cite(a): i for i, a in enumerate(ARTICLES)}
    result["qualifications"] = sorted(found, key=lambda q: (q["episode"], order[q["citation"]]))
    # Liable whatever the facts if one episode is; free of liability if no episode can be.
    result["criminal_liability"] = "applies" if any(always) else (
        "excluded" if all(never) else "possible")
    for entry in result["options"].values():
        entry["status"] = "possible"
        entry["because"].append(say("option.left_open", lang, facts=facts))
    if result["cumulative"]:
        result["cumulative"]["applies"] = "possible"


def _witnesses(system: TaxBenefitSystem, reach: Reach) -> Outputs | None:
    """For an episode too large to run whole (:class:`.scenarios.Reach`): one completion of
    its facts for each part some completion makes apply (or an alternative), run as a case of
    that episode alone; none where no part can. None where a group of elements ran past its
    budget and left a part undecided."""
    unmet = [qualified(system, g.case, g.episodes)["unmet_elements"][:, 0, :]
             for g in reach.grids]
    chosen: list[list[tuple[int, int]]] = []
    for a, groups in enumerate(reach.parts):
        rows = []
        for g, mask in groups:
            holds = np.flatnonzero((unmet[g][:, a] & mask) == 0)
            if not len(holds):
                if not reach.grids[g].exhaustive:
                    return None
                break
            rows.append((g, int(holds[0])))
        else:
            chosen.append(rows)
    base = reach.grids[0]  # every fact no group of a part decides: any value of its class
    case = {k: np.repeat(v[:1], len(chosen)) for k, v in base.case.items()}
    episode = {k: np.repeat(v[:1], len(chosen)) for k, v in base.episodes[0].items()}
    for w, rows in enumerate(chosen):
        for g, s in rows:  # groups of one part share no unknown fact: their values combine
            grid = reach.grids[g]
            for slot in grid.slots:
                if slot.name in ("birth_date", "act_date", "judgment_date"):  # and the ages
                    case["age_at_judgment"][w] = grid.case["age_at_judgment"][s]
                    episode["age_at_act"][w] = grid.episodes[0]["age_at_act"][s]
                if slot.name != "birth_date":
                    target, source = ((case, grid.case) if slot.episode is None
                                      else (episode, grid.episodes[0]))
                    target[slot.name][w] = source[slot.name][s]
    if not chosen:
        return Outputs({}, {"return_date": case["return_date"]})
    return Outputs.read(run(system, case, [episode]))


def _reachable(some: Outputs, system: TaxBenefitSystem, lang: str, e: int
               ) -> list[dict[str, Any]]:
    """The parts of episode ``e`` that some completion makes apply, as possible, from the
    completions ``some`` (:func:`_witnesses`): their ranges are those of these completions
    only, and say so."""
    applies = some.charge["applies"]  # and, not shown to be impossible, a completion where
    # no part applies: so a part is never said to apply in every completion here
    everywhere = np.concatenate([applies, np.zeros_like(applies[:1])])
    found = _qualifications(some, system, lang, episode=e, everywhere=everywhere)
    for entry in found:
        if entry["status"] == "possible":
            entry["because"].insert(0, say("qualification.reached", lang,
                                           article=entry["citation"]))
    return found


def variant_result(system: TaxBenefitSystem, sc: Scenarios, lang: str,
                   sentence: SentenceFacts | None = None, takes_effect: Any = None
                   ) -> dict[str, Any]:
    """Run the rules of ``system`` over the scenarios and describe the outcome; with the
    sentence passed (``sentence``), the dates the law sets for it (``takes_effect``: the day a
    variant takes effect, for art. 6(2))."""
    o = Outputs.read(run_applicable(system, sc.case, sc.episodes))
    principal = o.principal()
    liable = o.case["applicable_charges"] > 0
    rep = int(np.flatnonzero(liable)[0]) if liable.any() else 0
    parole, parole_because = _parole(o, int(principal[rep]), rep, lang) if liable.any() else (
        None, [])
    limitation_years = _years(o.at("limitation_years", rep, principal[rep]))
    minor = bool(o.at("minor_at_act", rep, principal[rep]))
    result: dict[str, Any] = {
        "criminal_liability": "applies" if liable.all() else (
            "excluded" if not liable.any() else "possible"),
        "qualifications": _qualifications(o, system, lang, sc.inexact_episodes()),
        "options": _options(o, principal, rep, lang),
        "parole_after_fraction": parole,
        "parole_because": parole_because,
        "limitation": {
            "applies": limitation_years > 0,
            "years": limitation_years or None,
            "because": [say("limitation.minor_years" if minor else "limitation.years", lang,
                            years=limitation_years)
                        if limitation_years else say("limitation.none", lang)]},
        "cumulative": _cumulative(o, lang),
        "depends_on": _depends_on(sc, o, principal),
        "scenarios": {"count": len(sc.choice), "exhaustive": sc.exhaustive,
                      "open": list(dict.fromkeys(s.source for s in sc.open))},
        "trace": _trace(o, system, rep, str(sc.case["judgment_date"][0]), lang)
        if liable.any() else [],
        "amendments": _amendments(system, o, rep, int(principal[rep]),
                                  str(sc.case["judgment_date"][0]), lang),
    }
    _say_what_keeps_options_open(result, lang)
    if not sc.exhaustive:
        _left_open(result, o, system, sc, lang)
    if sentence is not None:  # only a case with a sentence has the block (the contract's rule)
        closed = _closed(o, rep, int(principal[rep]), parole_because, lang)
        result["sentence"] = _sentence(sentence_dates(sentence, case_law(
            o, system, principal, sc.case["judgment_date"].astype("datetime64[D]"),
            takes_effect)), sc, liable, closed, lang)
    return result
