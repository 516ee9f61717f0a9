"""Why each outcome holds, as findings (:mod:`.findings`): the elements of a part met or
unmet, what sets a range, an option's grounds, parole, the set of crimes, the proposed
provisions. Each reason names its sentence in ``reasons.yaml`` and carries its values, the
numbers read from the law's parameters; :mod:`.render` says it in the reader's language.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.assessment.findings import Word, citation, enum_label, joined, months, reason
from qaitu.assessment.outputs import (
    GRAVITY,
    RULES,
    Outputs,
    cite,
)
from qaitu.law.articles import ARTICLES, Article, article_number
from qaitu.law.dated import fraction_text, value_at
from qaitu.law.defaults import Exception_, Rule
from qaitu.law.enums import (
    Completion,
    Complicity,
    FormationKind,
    PleaAgreement,
    PropagandaChannel,
    Role,
    Sex,
    TerroristActCircumstance,
)
from qaitu.law.variables.amendments.differentiated_assessment import (
    ELIGIBILITY,
    ELIGIBILITY_BIT,
)
from qaitu.law.variables.authoring import CITES
from qaitu.law.variables.general_part.art_003_definitions import (
    MERCENARY_LIMB_BIT,
    MERCENARY_LIMBS,
)
from qaitu.law.variables.general_part.art_072_parole import (
    CONDITIONAL,
    EXCLUDED,
    PAROLE_EXCLUSIONS,
)
from qaitu.law.variables.general_part.art_073_replacement import REPLACEMENT_EXCLUSIONS
from qaitu.law.variables.special_part.elements import (
    AGGRAVATED_PART,
    ELEMENTS,
    Element,
    element_bit,
)

_GUILTY_PLEA = list(PleaAgreement).index(PleaAgreement.guilty_plea)
#: The elements that say the person took part: for an unfinished crime, he did not (art. 24).
_PARTICIPATION = ("took_part", "took_part_or_complicit")


@cache
def _members(kind: Any) -> tuple[Any, ...]:
    """An enum's members in order, listed once (an explanation reads several per reason)."""
    return tuple(kind)


def _member(kind: Any, index: Any) -> Any:
    """The member of enum ``kind`` at ``index`` (a rule's enum output)."""
    return _members(kind)[index]


#: The reason a person is not a mercenary, by the first limb of art. 3(15) that fails.
_MERCENARY_REASON = {"in_a_formation": "no_formation", "not_state_forces": "party_forces",
                     "not_citizen_of_party": "citizen_of_party",
                     "not_pmc_party_forces": "pmc_party_forces",
                     "specially_recruited": "not_recruited", "material_reward": "no_reward"}


def _mercenary_reason(o: Outputs, s: int, i: int) -> Word:
    """Why art. 3(15) does not hold, as the law says: the first limb it marks unmet."""
    unmet = int(o.at("mercenary_unmet", s, i))
    failed = next((code for code, _ in MERCENARY_LIMBS if unmet & MERCENARY_LIMB_BIT[code]),
                  "material_reward")  # every limb holds: not said (the element is unmet)
    return reason(f"mercenary_reason.{_MERCENARY_REASON[failed]}", cite=CITES["mercenary"])


def _recruits_reason(o: Outputs, s: int, i: int) -> Word:
    """Why the people recruited, trained or financed are not mercenaries (art. 3(15))."""
    kind = FormationKind(_member(FormationKind, o.at("formation_kind", s, i)))
    if kind == FormationKind.none:
        key = "no_formation"
    elif kind == FormationKind.state_armed_forces:
        key = "party_forces"
    elif kind == FormationKind.state_affiliated_pmc and o.at("recruited_for_reward", s, i):
        key = "pmc_party_forces"
    else:
        key = "no_reward"
    return reason(f"recruits_reason.{key}", cite=CITES["recruits_are_mercenaries"])


def _aggravation(article: Article, o: Outputs, s: int, i: int) -> Word | None:
    """The aggravating features of the row's part that hold (arts. 170(2), 256(2), 257(3),
    259(2)), in the reader's words; None where none holds."""
    number = article_number(article)
    position = bool(o.at("used_official_position", s, i))
    minor = bool(o.at("in_respect_of_minor", s, i)) and number in ("170", "259")
    leader = bool(o.at("leader_of_public_association", s, i)) and number in ("256", "257")
    group = bool(o.at("by_group", s, i)) and number == "256"
    channel = _member(PropagandaChannel, o.at("propaganda_channel", s, i)).name
    public = number == "256" and channel in ("mass_media", "telecom_networks")
    if position and minor:
        return reason("aggravation.both")
    found = [reason(f"aggravation.{key}") for key, holds in (
        ("official_position", position), ("minor", minor), ("leader", leader), (channel, public),
        ("group", group)) if holds]
    return joined(", ", found) if found else None


def _terrorism_circumstance(o: Outputs, s: int, i: int, part: int) -> Word:
    """What makes the act of terrorism the part of art. 255 it is (rule ``terrorist_act_part``):
    the circumstance recorded, or the deaths that alone make part 3."""
    circumstance = _member(TerroristActCircumstance, o.at("terrorist_act_circumstance", s, i))
    if part == 3 and circumstance != TerroristActCircumstance.mass_destruction:
        return reason("terrorism_circumstance.deaths")
    return enum_label("terrorist_act_circumstance", circumstance.name)


def element_reasons(article: Article, o: Outputs, s: int, i: int, met: bool) -> list[Word]:
    unmet = int(o.at("unmet_elements", s, i))
    kind = _member(FormationKind, o.at("formation_kind", s, i))
    role = _member(Role, o.at("role", s, i))
    number = article_number(article)
    values = {"article": citation(cite(article)), "leading_part": citation(f"{number}(1)"),
              "aggravated_part": citation(AGGRAVATED_PART.get(number, cite(article))),
              "role": enum_label("role", role.name),
              "formation": enum_label("formation_kind", kind.name),
              "mercenary_reason": _mercenary_reason(o, s, i),
              "recruits_reason": _recruits_reason(o, s, i),
              "terrorist_basis": reason("terrorist_basis." + (
                  "group" if kind == FormationKind.terrorist_organization else "recognised"))}
    if number == "255":
        part = int(o.at("terrorist_act_part", s, i))
        values["terrorism_part"] = citation(f"255({part})")
        values["circumstance"] = _terrorism_circumstance(o, s, i, part)
    aggravation = _aggravation(article, o, s, i)
    if aggravation:
        values["aggravation"] = aggravation
    complicit = bool(o.at("complicit", s, i))
    if complicit:
        values["complicity"] = enum_label(
            "complicity", _member(Complicity, o.at("complicity", s, i)).name)
    not_subject = bool(o.at("complicit_not_special_subject", s, i))
    completion = _member(Completion, o.at("completion", s, i))
    out = []
    for element in ELEMENTS[article]:
        holds = not (unmet & element_bit(article, element.code))
        if element.said_when is not None:
            if holds == met:
                out.extend(_said_when(element, o, s, i, met))
            continue
        if holds == met:
            how, cites = ("met" if met else "unmet"), _own_parts(element.cite, number)
            if met and complicit and element.code == "took_part_or_complicit":
                how = "complicit"  # art. 29(3): the charge cites art. 28
            elif met and element.code in _PARTICIPATION and completion != Completion.completed:
                how = completion.name  # art. 24(1), (3): he did not take part
            elif not_subject and element.code == "kz_citizen":
                # art. 29(5): not the citizen 172 names, but its organiser, instigator or
                # accomplice; unmet only where the Code does not reach him (art. 8)
                how, cites = ("not_special_subject" if met else
                              "not_special_subject_not_reached"), element.cite
            out.append(reason(f"element.{element.code}.{how}", cite=cites, **values))
    return out


def _said_when(element: Element, o: Outputs, s: int, i: int, met: bool) -> list[Word]:
    """The reason of an element said only in some cases (:class:`SaidWhen`), where the row is
    one of them: the case's sentence, citing the case's provision; none in another case."""
    when = element.said_when
    assert when is not None
    case = _member(when.kind, o.at(when.output, s, i)).name
    if case not in when.cites:
        return []
    return [reason(f"element.{element.code}.{case}_{'met' if met else 'unmet'}",
                   cite=when.cites[case],
                   **{name: enum_label(name, _member(kind, o.at(name, s, i)).name)
                      for name, kind in when.labels.items()})]


def _own_parts(cites: str, number: str) -> str:
    """Of an element's citation shared by several articles (``"257(1), 182(1), 267(1)"``), the
    provisions of article ``number``; the whole citation where none is of it."""
    own = [c for c in cites.split(", ") if c.split("(")[0] == number]
    return ", ".join(own) or cites


def range_reasons(article: Article, o: Outputs, s: int, i: int) -> list[Word]:
    version = str(o.at("law_version", s, i))
    out = [reason("range.statutory", cite=cite(article), article=citation(cite(article)),
                  version=version, min=months(o.at("statutory_min_months", s, i)),
                  max=months(o.at("statutory_max_months", s, i)))]
    if o.at("act_before_code", s, i):
        out.append(reason("range.act_before_code", cite=CITES["act_before_code"]))
    elif o.at("law_of_the_act_applies", s, i):
        out.append(reason("range.law_version", cite=CITES["law_of_the_act_applies"],
                          act=str(o.at("act_date", s, i))))
    else:
        out.append(reason("range.law_version_milder", cite=CITES["law_date"], version=version))
    if o.at("mitigation_cap_applies", s, i):
        out.append(reason("range.mitigation_cap", cite=CITES["mitigation_cap_applies"],
                          share=fraction_text(float(o.at("mitigation_cap_share", s, i)))))
    if o.at("agreement_cap_applies", s, i):
        out.append(reason("range.agreement_cap", cite=CITES["agreement_cap_applies"],
                          share=fraction_text(float(o.at("agreement_cap_share", s, i)))))
    elif o.case["plea_agreement"][s] == _GUILTY_PLEA and not o.at(
            "procedural_agreement_lawful", s, i):
        out.append(reason("range.agreement_ineligible" if not o.at("guilty_plea_eligible", s, i)
                          else "range.agreement_barred_for_set",
                          cite=CITES["procedural_agreement_lawful"]))
    # art. 6(1): only a version that lowers a cap which applies is ever a later one
    if o.at("sentencing_limits_later_version", s, i):
        out.append(reason("range.caps_law_version_milder",
                          cite=CITES["sentencing_limits_law_date"],
                          version=str(o.at("sentencing_limits_law_date", s, i))))
    completion = _member(Completion, o.at("completion", s, i))
    if completion != Completion.completed:
        out.append(reason("range.unfinished", cite=CITES["unfinished_share"],
                          completion=enum_label("completion", completion.name),
                          share=fraction_text(float(o.at("unfinished_share", s, i)))))
        if o.at("mitigation_cap_applies", s, i) or o.at("agreement_cap_applies", s, i):
            out.append(reason("range.unfinished_with_cap", cite=CITES["reachable_max_share"],
                              share=fraction_text(float(o.at("reachable_max_share", s, i)))))
    if o.at("minor_imprisonment_excluded", s, i):
        out.append(reason("range.minor_no_imprisonment",
                          cite=CITES["minor_imprisonment_excluded"]))
    elif o.at("minor_at_act", s, i):
        out.append(reason("range.minor_cap", cite=CITES["minor_imprisonment_cap_months"],
                          max=months(o.at("minor_imprisonment_cap_months", s, i))))
    if o.at("below_minimum_allowed", s, i) and not o.at("minor_imprisonment_excluded", s, i):
        out.append(reason("range.below_minimum", cite=CITES["below_minimum_allowed"],
                          min=months(o.at("reachable_min_months", s, i))))
    if o.at("exceptional_min_months", s, i) < o.at("reachable_min_months", s, i):
        out.append(reason("range.exceptional_below_minimum",
                          cite=CITES["exceptional_min_months"],
                          min=months(o.at("exceptional_min_months", s, i))))
    if o.at("life_imprisonment_possible", s, i):
        out.append(reason("range.life", cite=CITES["life_imprisonment_possible"]))
    return out


def option_reasons(option: str, o: Outputs, s: int, i: int) -> list[Word]:
    article = ARTICLES[i % len(ARTICLES)]
    named = citation(cite(article))  # the article a sentence names, said by the formatter
    if option == "probation_control":
        return [reason("option.probation_control.via", cite=CITES["probation_control"])]
    if option == "imprisonment":
        if o.case["minor_imprisonment_excluded"][s]:
            return [reason("option.imprisonment.minor_excluded",
                           cite=CITES["minor_imprisonment_excluded"], article=named)]
        return [reason("option.imprisonment.default", cite=cite(article), article=named)]
    rule = RULES[option]
    fired = rule.effective_codes(int(o.at(f"{rule.name}_grounds", s, i)))
    if not fired:
        out = [reason(f"option.{option}.default", cite=rule.cite, article=named)]
    else:
        out = [reason(f"option.{option}.{e.code}", cite=e.cite, article=named,
                      **_term_imposed(e, o, s)) for e in fired]
    if option == "restriction_of_freedom" and o.at("minor_at_act", s, i):
        out.append(reason("option.restriction_of_freedom.minor_limit",
                          cite=CITES["restriction_of_freedom_max_months"],
                          max=months(o.at("restriction_of_freedom_max_months", s, i))))
    return out


def _term_imposed(e: Exception_, o: Outputs, s: int) -> dict[str, Word]:
    """The term the sentence imposed, for an exception judged on it (art. 74(1))."""
    if not e.on_term_imposed:
        return {}
    return {"term": months(o.case["imprisonment_imposed_months"][s])}


def option_conflict(option: str, o: Outputs, s: int, i: int) -> dict[str, Any] | None:
    """Two exceptions of the option's rule that fire together and disagree (see law.defaults):
    their codes, each exception's own reason (``conflict_because``) and why the option is left
    to the court (``because``)."""
    rule = RULES.get(option)
    if rule is None:
        return None
    grounds = int(o.at(f"{rule.name}_grounds", s, i))
    if not rule.conflict(np.array([grounds], dtype=np.int64))[0]:
        return None
    fired = rule.effective_codes(grounds)
    return {"codes": [e.code for e in fired],
            "conflict_because": [reason(f"option.{option}.{e.code}", cite=e.cite,
                                        article=citation(cite(ARTICLES[i % len(ARTICLES)])))
                                 for e in fired],
            "because": reason("conflict", cite=rule.cite, a=citation(fired[0].cite),
                              b=citation(fired[-1].cite))}


def amendments(system: TaxBenefitSystem, o: Outputs, s: int, i: int, as_of: str
                ) -> dict[str, Any]:
    """For each proposed provision in force under ``system``: does it apply, and why."""
    found: dict[str, Any] = {}
    node = system.parameters.amendments
    if value_at(node.differentiated_assessment.in_effect, as_of):
        unmet = int(o.at("differentiated_assessment_unmet", s, i))
        values = {"return_date": str(o.case["return_date"][s])}
        found["differentiated_assessment"] = {
            "applies": unmet == 0,
            "because": [_cited_reason(reason(
                f"amendment.differentiated_assessment.{e.code}."
                f"{'unmet' if unmet & ELIGIBILITY_BIT[e.code] else 'met'}",
                cite=CITES["differentiated_assessment_unmet"], **values),
                "differentiated_assessment", "differentiated_assessment_unmet")
                        for e in ELIGIBILITY
                        if (unmet == 0) or (unmet & ELIGIBILITY_BIT[e.code])]}
    for name, variable in (("note_172_voluntary_exit", "note_172_voluntary_exit"),
                           ("state_forces_distinction", "state_forces_sanction_applies")):
        if value_at(node.children[name].in_effect, as_of):
            holds = bool(o.at(variable, s, i))
            found[name] = {"applies": holds,
                           "because": [_cited_reason(
                               reason(f"amendment.{name}.{'met' if holds else 'unmet'}",
                                      cite=CITES[variable]), name, variable)]}
    return found


@cache
def proposed_provision(provision_id: str) -> str | None:
    """The article a shipped variant's provision ``provision_id`` drafts, as the variant cites
    it (``state_forces_distinction`` -> ``172 (proposed part 2)``); None where no shipped
    variant numbers it."""
    from qaitu.law.variants import load_variant, shipped_names

    for variant in shipped_names():
        spec = load_variant(variant).spec
        for p in spec.provisions if spec is not None else ():
            if p.id == provision_id:
                return p.article
    return None


def _cited_reason(why: Word, provision: str, variable: str) -> Word:
    """A proposed provision's reason with its citation after it: "... (proposed note to art.
    172)" (the finding is ``why``, which carries the rule's citation as data). The citation is
    read from the law, never typed: the article a shipped variant drafts ``provision`` as
    (:func:`proposed_provision`, which numbers a new part), else the citation of its rule
    ``variable`` (``CITES``)."""
    cited = proposed_provision(provision) or CITES[variable]
    return joined("", [why, " (", citation(cited), ")"])


def parole_reasons(o: Outputs, i: int, s: int) -> tuple[str | None, list[Word]]:
    """Parole for the person: closed if art. 72(8) closes it for any applicable charge;
    otherwise after the share of the principal charge, on the condition of active help where
    72(1) ¶3 sets it (first among the reasons, as the share holds only on it)."""
    fired = _grounds(o, s, "parole_condition")
    closed = [e for e in fired if e.value == EXCLUDED]
    if closed:
        return None, [reason(f"parole.excluded.{e.code}", cite=e.cite) for e in closed]
    grav = enum_label("gravity", GRAVITY[o.at("gravity", s, i)])
    text = fraction_text(float(o.at("parole_fraction", s, i)))
    if o.at("minor_at_act", s, i):
        share = reason("parole.minor", cite=CITES["parole_fraction"], fraction=text,
                       gravity=grav)
    elif o.at("parole_privileged", s, i):
        share = reason("parole.privileged", cite=CITES["parole_privileged"], fraction=text,
                       gravity=grav, who=reason(f"person.{_person_of_72_4(o, s, i)}"))
    elif o.at("procedural_agreement_fulfilled", s, i):
        share = reason("parole.agreement", cite=CITES["procedural_agreement_fulfilled"],
                       fraction=text)
    else:
        share = reason("parole.fraction", cite=CITES["parole_fraction"], fraction=text,
                       gravity=grav)
    # the condition of 72(1) ¶3 first: the share holds only on it
    because = [reason(f"parole.condition.{e.code}{condition_met(o, s)}", cite=e.cite)
               for e in fired]
    because.append(share)
    if o.at("parole_later_version", s, i):
        because.append(reason("parole.law_version_milder", cite=CITES["parole_law_date"],
                              version=str(o.at("parole_law_date", s, i))))
    if _especially_grave_terrorist_or_extremist(o, s):
        because.append(reason("parole.joined_reading", cite=_exception_cite(
            PAROLE_EXCLUSIONS, "joined_with_especially_grave")))
    return text, because


#: The measures the law may open only on a condition, by the key that names the condition in
#: ``qaitu.assessment/1``: the rule of their exclusions and conditions and the case's bitmask
#: over it. Parole (72(1) ¶3, 72(8)) and replacement by a milder punishment (73(2)) share the
#: condition of active help (``active_help_exceptions``).
CONDITIONED = {
    "parole_condition": (PAROLE_EXCLUSIONS, "case_parole_exclusion_grounds"),
    "replacement_condition": (REPLACEMENT_EXCLUSIONS, "case_replacement_exclusion_grounds"),
}


def conditions(o: Outputs, key: str) -> NDArray[np.object_]:
    """Per scenario, the exception that opens the measure of ``key`` (:data:`CONDITIONED`) only
    on a condition (its ``code``, ``active_help``, and ``cite``), or None where the measure is
    open outright or closed; found once for each distinct bitmask."""
    rule, grounds = CONDITIONED[key]
    found = {g: _condition(rule.effective_codes(g)) for g in map(int, np.unique(o.case[grounds]))}
    out = np.empty(len(o.case[grounds]), dtype=object)
    out[:] = [found[int(g)] for g in o.case[grounds]]
    return out


def _condition(fired: list[Exception_]) -> Exception_ | None:
    """Of the exceptions that decide a row, the one that opens the measure on a condition, or
    None where another closes it or none sets a condition."""
    if any(e.value == EXCLUDED for e in fired):
        return None
    return next((e for e in fired if e.value == CONDITIONAL), None)


def condition_met(o: Outputs, s: int) -> str:
    """The suffix of a condition's reason where the case records the active help it asks
    (``active_help_recorded``): the reason then says it appears met on the facts recorded,
    while the court judges it on the day it decides."""
    return "_recorded" if o.case["active_help_recorded"][s] else ""


def _grounds(o: Outputs, s: int, key: str) -> list[Exception_]:
    """The exclusions and conditions of the measure of ``key`` that decide scenario ``s``."""
    rule, grounds = CONDITIONED[key]
    return rule.effective_codes(int(o.case[grounds][s]))


def _exception_cite(rule: Rule, code: str) -> str:
    """The citation of exception ``code`` of ``rule``."""
    return next(e.cite for e in rule.exceptions if e.code == code)


def _person_of_72_4(o: Outputs, s: int, i: int) -> str:
    """Which of the persons of art. 72(4) the convict is: the first that holds, in its order."""
    female = o.case["sex"][s] == list(Sex).index(Sex.female)
    if o.at("pregnant_woman", s, i):
        return "pregnant"
    if o.at("raising_young_children", s, i):
        return "woman_with_children" if female else "man_raising_children_alone"
    if o.at("raising_child_with_disability", s, i):
        return "raising_child_with_disability"
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


def cumulative(o: Outputs) -> dict[str, Any] | None:
    """The final term for a set of crimes (art. 58), over the scenarios where several parts
    apply; None where no scenario has a set."""
    rule = o.case["cumulative_rule"]
    sets = rule > 0
    if not sets.any():
        return None
    lo = int(o.case["cumulative_min_months"][sets].min())
    hi = int(o.case["cumulative_max_months"][sets].max())
    parts = sorted(set(rule[sets].tolist()))
    articles = [f"{CITES['cumulative_rule']}({part})" for part in parts]  # art. 58's parts
    because = [reason(f"cumulative.part_{part}", cite=a)
               for part, a in zip(parts, articles, strict=True)]
    because.append(reason("cumulative.range", cite=CITES["cumulative_rule"], min=months(lo),
                          max=months(hi)))
    life = (o.charge["applies"] & o.charge["life_imprisonment_possible"]).reshape(len(rule), -1)
    if life[sets].any():
        because.append(reason("cumulative.life", cite=CITES["cumulative_rule"]))
    return {"applies": "applies" if sets.all() else "possible",
            "articles": articles,
            "reachable_range": {"min_months": lo, "max_months": hi}, "because": because}


def closed_reasons(o: Outputs, s: int, i: int, parole_because: list[Word]) -> dict[str, list[Word]]:
    """Why a rule that sets a date is closed for the case, by rule code (scenario ``s``,
    principal charge ``i``): the exclusions of art. 72 and art. 73 that hold (not a condition,
    under which the date is given)."""
    parole = [e for e in _grounds(o, s, "parole_condition") if e.value == EXCLUDED]
    closed = [(e.code, e.cite) for e in _grounds(o, s, "replacement_condition")
              if e.value == EXCLUDED]
    if GRAVITY[o.at("gravity", s, i)] == "especially_grave" and not o.at("minor_at_act", s, i):
        # art. 87 reaches it for a crime under 18
        closed.insert(0, ("especially_grave", CITES["replacement_fraction"]))
    replacement = [reason(f"sentence.closed.{c}", cite=at) for c, at in closed]
    return {"parole_share": parole_because if parole else [],
            "parole_life": parole_because if parole else [],
            "parole_life_given": parole_because if parole else [],
            "replacement_life": replacement,
            "replacement_share": replacement, "replacement_share_minor": replacement}
