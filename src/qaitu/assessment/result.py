"""One case under one variant of the law, as a ``qaitu.assessment/1`` variant entry.

The rules run once over every scenario of the case (see :mod:`.scenarios`); this module reads
the results back: a status that holds in every scenario is definite, one that differs is
``possible``, and the unknown facts that make it differ are listed under ``depends_on``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.assessment.explain import duration, say
from qaitu.assessment.scenarios import Scenarios, deciding_slots
from qaitu.law.articles import ARTICLES, Article, article_number, article_part
from qaitu.law.dated import fraction_text, keyed_on, keyed_start, value_on
from qaitu.law.engine import Run, inputs_read, principal_charge, run
from qaitu.law.enums import (
    Completion,
    FormationKind,
    Gravity,
    OptionStatus,
    PleaAgreement,
    Role,
)
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
from qaitu.law.variables.general_part.art_044_restriction_of_freedom import (
    RESTRICTION_OF_FREEDOM,
)
from qaitu.law.variables.general_part.art_062_pretrial_credit import SECURITY_KEYS
from qaitu.law.variables.general_part.art_063_conditional_sentence import CONDITIONAL_SENTENCE
from qaitu.law.variables.general_part.art_065_067_release import RELEASE
from qaitu.law.variables.general_part.art_072_parole import PAROLE_EXCLUSIONS
from qaitu.law.variables.special_part.elements import ELEMENT_BIT, ELEMENTS

URL = "https://adilet.zan.kz/rus/docs/K1400000226"
STATUS = [s.name for s in OptionStatus]
GRAVITY = [g.name for g in Gravity]
_GUILTY_PLEA = list(PleaAgreement).index(PleaAgreement.guilty_plea)
RULES = {"conditional_sentence": CONDITIONAL_SENTENCE,
         "restriction_of_freedom": RESTRICTION_OF_FREEDOM,
         "release_from_liability": RELEASE}
OPTIONS = ("release_from_liability", "conditional_sentence", "restriction_of_freedom",
           "probation_control", "imprisonment")
CHARGE_OUTPUTS = (
    "applies", "unmet_elements", "statutory_min_months", "statutory_max_months",
    "reachable_min_months", "reachable_max_months", "gravity", "terrorist_crime",
    "extremist_crime", "law_version", "law_date", "act_date", "act_before_code",
    "life_imprisonment_possible", "mitigation_cap_applies", "agreement_cap_applies",
    "reachable_max_share", "below_minimum_allowed", "parole_fraction",
    "limitation_years", "completion", "mercenary", "formation_kind", "role",
    "specially_recruited", "material_reward", "citizen_of_party",
    "conditional_sentence_grounds", "restriction_of_freedom_grounds",
    "release_from_liability_grounds", "differentiated_assessment_unmet",
    "procedural_agreement_fulfilled", "procedural_agreement_lawful", "guilty_plea_eligible",
    "double_criminality_assumed",
    "note_172_voluntary_exit", "state_forces_sanction_applies",
    "used_official_position", "in_respect_of_minor",
    "minor_at_act", "minor_imprisonment_excluded", "minor_imprisonment_cap_months",
    "restriction_of_freedom_max_months", "replacement_fraction",
    "record_years_after_imprisonment",
)
CASE_OUTPUTS = ("cumulative_rule", "cumulative_min_months", "cumulative_max_months",
                "case_parole_exclusion_grounds", "institution_security",
                "earlier_imprisonment_assumed", "term_over_two_years_assumed",
                "pretrial_credit_days", "case_replacement_exclusion_grounds")


def cite(article: Article) -> str:
    """The citation of an article part: ``"170(3)"``."""
    return str(article.value)


@dataclass
class Outputs:
    """Rule outputs per scenario: charges shaped (scenarios, episodes, articles)."""

    charge: dict[str, NDArray[Any]]
    case: dict[str, NDArray[Any]]

    @classmethod
    def read(cls, r: Run) -> Outputs:
        case = {o: r.case(f"case_{o}") for o in OPTIONS}
        case["applicable_charges"] = r.case("applicable_charges")
        case["release_from_liability_mandatory"] = r.case(
            "case_release_from_liability_mandatory")
        case["return_date"] = r.case("return_date")
        case["plea_agreement"] = r.case("plea_agreement")
        case["minor_imprisonment_excluded"] = r.case("case_minor_imprisonment_excluded")
        for name in CASE_OUTPUTS:
            case[name] = r.case(name)
        return cls({name: r.charges(name) for name in CHARGE_OUTPUTS}, case)

    def principal(self) -> NDArray[np.intp]:
        """Per scenario, the flat (episode, article) index of the gravest applicable charge."""
        return principal_charge(self.charge["applies"], self.charge["statutory_max_months"],
                                self.charge["life_imprisonment_possible"])

    def at(self, name: str, scenario: int, flat_index: int | np.integer[Any]) -> Any:
        return self.charge[name].reshape(self.charge[name].shape[0], -1)[scenario, flat_index]


def _status(values: NDArray[Any], names: list[str]) -> str:
    uniq = np.unique(values)
    return names[int(uniq[0])] if len(uniq) == 1 else "possible"


def _mercenary_reason(o: Outputs, s: int, i: int, lang: str) -> str:
    kind = FormationKind(list(FormationKind)[o.at("formation_kind", s, i)])
    if kind == FormationKind.none:
        key = "no_formation"
    elif kind == FormationKind.state_armed_forces:
        key = "party_forces"
    elif o.at("citizen_of_party", s, i):
        key = "citizen_of_party"
    elif kind == FormationKind.state_affiliated_pmc and not o.at("mercenary", s, i) and (
            o.at("specially_recruited", s, i) and o.at("material_reward", s, i)):
        key = "pmc_party_forces"
    elif not o.at("specially_recruited", s, i):
        key = "not_recruited"
    else:
        key = "no_reward"
    return say(f"mercenary_reason.{key}", lang)


def _element_reasons(article: Article, o: Outputs, s: int, i: int, lang: str,
                     met: bool) -> list[str]:
    unmet = int(o.at("unmet_elements", s, i))
    kind = list(FormationKind)[o.at("formation_kind", s, i)]
    role = list(Role)[o.at("role", s, i)]
    values = {"article": cite(article), "leading_part": f"{article_number(article)}(1)",
              "role": say(f"label.role.{role.name}", lang),
              "formation": say(f"label.formation.{kind.name}", lang),
              "mercenary_reason": _mercenary_reason(o, s, i, lang),
              "terrorist_basis": say("terrorist_basis." + (
                  "group" if kind == FormationKind.terrorist_organization else "recognised"),
                  lang)}
    position, minor = o.at("used_official_position", s, i), o.at("in_respect_of_minor", s, i)
    if position or minor:  # art. 170(2): which aggravating feature holds
        values["aggravation"] = say("label.aggravation." + (
            "both" if position and minor else "official_position" if position else "minor"), lang)
    out = []
    for element in ELEMENTS[article]:
        holds = not (unmet & ELEMENT_BIT[element.code])
        if holds == met:
            out.append(say(f"element.{element.code}.{'met' if met else 'unmet'}", lang, **values))
    return out


def _range_reasons(article: Article, o: Outputs, s: int, i: int, lang: str) -> list[str]:
    version = str(o.at("law_version", s, i))
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
        grav = GRAVITY[o.at("gravity", s, i)]
        share = {"grave": "2/3", "especially_grave": "3/4"}.get(grav, "1/2")
        out.append(say("range.mitigation_cap", lang, share=share))
    if o.at("agreement_cap_applies", s, i):
        out.append(say("range.agreement_cap", lang))
    elif o.case["plea_agreement"][s] == _GUILTY_PLEA and not o.at(
            "procedural_agreement_lawful", s, i):
        out.append(say("range.agreement_ineligible" if not o.at("guilty_plea_eligible", s, i)
                       else "range.agreement_barred_for_set", lang))
    completion = list(Completion)[o.at("completion", s, i)]
    if completion != Completion.completed:
        out.append(say("range.unfinished", lang,
                       completion=say(f"label.completion.{completion.name}", lang),
                       share=fraction_text(float(o.at("reachable_max_share", s, i)))))
    if o.at("minor_imprisonment_excluded", s, i):
        out.append(say("range.minor_no_imprisonment", lang))
    elif o.at("minor_at_act", s, i):
        out.append(say("range.minor_cap", lang,
                       max=duration(o.at("minor_imprisonment_cap_months", s, i), lang)))
    if o.at("below_minimum_allowed", s, i) and not o.at("minor_imprisonment_excluded", s, i):
        out.append(say("range.below_minimum", lang,
                       min=duration(o.at("reachable_min_months", s, i), lang)))
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


def _qualifications(o: Outputs, system: TaxBenefitSystem, lang: str) -> list[dict[str, Any]]:
    applies = o.charge["applies"]
    episodes = applies.shape[1]
    found = []
    for e in range(episodes):
        for a, article in enumerate(ARTICLES):
            col = applies[:, e, a]
            flat = e * len(ARTICLES) + a
            near = article == Article.art_172 or _specific_met(
                article, int(o.at("unmet_elements", 0, flat)))
            if not col.any() and not near:
                continue
            where = np.flatnonzero(col)
            s = int(where[0]) if len(where) else 0
            status = "applies" if col.all() else ("excluded" if not col.any() else "possible")
            entry: dict[str, Any] = {
                "article": article_number(article), "part": article_part(article),
                "citation": cite(article), "episode": e, "status": status,
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
                    "max_months": int(rows["reachable_max_months"][where, e, a].max())}
                entry["range_because"] = _range_reasons(article, o, s, flat, lang)
                if str(entry["confidence"] or "").startswith("L"):  # said beside the sanction
                    entry["range_because"].insert(1, say("range.sanction_unverified", lang))
                entry["because"] = ([say("qualification.possible", lang, article=cite(article))]
                                    if status == "possible" else []) + _element_reasons(
                    article, o, s, flat, lang, met=True) + entry["range_because"]
            else:
                entry["statutory_range"] = None
                entry["reachable_range"] = None
                entry["because"] = _element_reasons(article, o, 0, flat, lang, met=False)
            found.append(entry)
    return found


def _specific_met(article: Article, unmet: int) -> bool:
    """An excluded part is worth showing when its distinguishing element (the first after
    age and jurisdiction) holds: a near miss the reader should see ruled out."""
    specific = [el for el in ELEMENTS[article] if el.code not in ("jurisdiction", "of_age")]
    return not (unmet & ELEMENT_BIT[specific[0].code])


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
            "because": say("conflict", lang, a=say("cite", lang, article=fired[0].cite),
                           b=say("cite", lang, article=fired[-1].cite))}


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
            entry["grounds"] = [say("cite", lang, article=e.cite) for e in fired]
            entry["mandatory"] = _status(o.case["release_from_liability_mandatory"]
                                         .astype(int), ["no", "yes"])
        options[option] = entry
    return options


def _parole(o: Outputs, i: int, s: int, lang: str) -> tuple[str | None, list[str]]:
    """Parole for the person: closed if art. 72(1) ¶3 or 72(8) closes it for any applicable
    charge; otherwise after the share of the principal charge."""
    fired = PAROLE_EXCLUSIONS.effective_codes(int(o.case["case_parole_exclusion_grounds"][s]))
    if fired:
        return None, [say(f"parole.excluded.{e.code}", lang) for e in fired]
    grav = say(f"label.gravity.{GRAVITY[o.at('gravity', s, i)]}", lang)
    text = fraction_text(float(o.at("parole_fraction", s, i)))
    if o.at("minor_at_act", s, i):
        because = [say("parole.minor", lang, fraction=text, gravity=grav)]
    else:
        because = [say("parole.agreement", lang, fraction=text)
                   if o.at("procedural_agreement_fulfilled", s, i)
                   else say("parole.fraction", lang, fraction=text, gravity=grav)]
    if _especially_grave_terrorist_or_extremist(o, s):
        because.append(say("parole.joined_reading", lang))
    return text, because


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

        def step(text: str, art: str, prt: str | None, value: Any, ver: str = version) -> None:
            steps.append({"step": text, "article": art, "part": prt, "version": ver,
                          "url": URL, "value": value})

        step(say("trace.applies", lang, article=cite(article)), num, part, True)
        minor = bool(o.at("minor_at_act", s, i))
        if minor:
            step(say("trace.minor_at_act", lang), "80", "1", True)
        step(say("trace.statutory_range", lang), num, part,
             [int(o.at("statutory_min_months", s, i)), int(o.at("statutory_max_months", s, i))])
        steps[-1]["confidence"] = sanction_source(system, article, version)["confidence"]
        step(say("trace.version", lang), "6", "1", str(o.at("law_date", s, i)))
        if o.at("double_criminality_assumed", s, i):
            step(say("trace.double_criminality", lang), "8", "1", True)
        step(say("trace.gravity", lang), "11", None, GRAVITY[o.at("gravity", s, i)])
        step(say("trace.terrorist_crime", lang), "3", "30", bool(o.at("terrorist_crime", s, i)))
        step(say("trace.extremist_crime", lang), "3", "39", bool(o.at("extremist_crime", s, i)))
        step(say("trace.mitigation_cap", lang), "55", "2",
             bool(o.at("mitigation_cap_applies", s, i)))
        step(say("trace.agreement_cap", lang), "55", "3",
             bool(o.at("agreement_cap_applies", s, i)))
        step(say("trace.reachable_range", lang), "55", None,
             [int(o.at("reachable_min_months", s, i)), int(o.at("reachable_max_months", s, i))])
        if minor:
            step(say("trace.minor_imprisonment_cap", lang), "81", "7",
                 0 if o.at("minor_imprisonment_excluded", s, i)
                 else int(o.at("minor_imprisonment_cap_months", s, i)))
            step(say("trace.minor_restriction_of_freedom", lang), "81", "6",
                 int(o.at("restriction_of_freedom_max_months", s, i)))
        for name, rule in RULES.items():
            for e in rule.effective_codes(int(o.at(f"{rule.name}_grounds", s, i))):
                if "proposed" in e.cite:  # a variant's provision: cite it whole
                    art, prt = e.cite, None
                else:
                    head, _, tail = e.cite.partition("(")
                    art, prt = head.split()[0], tail.rstrip(")") or None
                step(f"{say(f'label.option.{name}', lang)}: "
                     f"{say(f'label.exception.{rule.name}.{e.code}', lang)}",
                     art, prt, STATUS[e.value])
        step(say("trace.parole", lang), *(("86", "1") if minor else ("72", "3")),
             float(o.at("parole_fraction", s, i)))
        years = _years(o.at("limitation_years", s, i))
        # art. 88 halves a period of art. 71(1); where 71(6) leaves none, 71 is the source
        step(say("trace.limitation", lang), "88" if minor and years else "71", None, years)
    if applies.any():
        steps.extend(_custody_steps(o, system, s, as_of, lang))
    return steps


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
               security=say(f"label.security.{security}", lang))
    return [
        {"step": "; ".join([text, *assumed]), "article": "46", "part": None,
         "version": version, "url": URL, "value": security, "confidence": mark},
        {"step": say("trace.pretrial_credit", lang), "article": "62", "part": "3",
         "version": version, "url": URL, "value": float(o.case["pretrial_credit_days"][s]),
         "confidence": mark},
    ]


def _depends_on(sc: Scenarios, o: Outputs, principal: NDArray[np.intp]) -> list[dict[str, Any]]:
    if not sc.slots or len(sc.choice) < 2:
        return []
    s = len(sc.choice)
    outcomes: dict[str, NDArray[Any]] = {}
    flat_applies = o.charge["applies"].reshape(s, -1)
    for e in range(o.charge["applies"].shape[1]):
        for a, article in enumerate(ARTICLES):
            col = flat_applies[:, e * len(ARTICLES) + a]
            if col.any() and not col.all():
                outcomes[f"qualifications.{e}.{cite(article)}"] = col
    for option in OPTIONS:
        outcomes[f"options.{option}"] = o.case[option]
    reach = o.charge["reachable_max_months"].reshape(s, -1)[np.arange(s), principal]
    outcomes["reachable_range"] = np.where(o.case["applicable_charges"] > 0, reach, -1)
    changes: dict[int, list[str]] = defaultdict(list)
    for key, values in outcomes.items():
        if len(np.unique(values)) < 2:
            continue
        for j in deciding_slots(sc.choice, values):
            changes[j].append(key)
    return [{"fact": sc.slots[j].source, "changes": keys}
            for j, keys in sorted(changes.items())]


@once_per_object
def relevant_facts(system: TaxBenefitSystem) -> frozenset[str]:
    """The facts the outputs of an assessment depend on under ``system`` (found once)."""
    return inputs_read(system, [*CHARGE_OUTPUTS, *CASE_OUTPUTS,
                                *(f"case_{o}" for o in OPTIONS), "applicable_charges"])


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


def _sentence(dates: SentenceDates, sc: Scenarios, keep: NDArray[np.bool_], lang: str
              ) -> dict[str, Any]:
    """The ``sentence`` block: each date where every scenario in ``keep`` agrees on it; where
    they differ, no date and the facts that decide it under ``depends_on``."""
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
        distinct = {_when(x) for x in values.tolist()} if values.dtype.kind != "M" else {
            _when(x) for x in values}
        value = _when(values[0]) if len(distinct) == 1 else None
        if len(distinct) > 1:
            for j in deciding_slots(sc.choice[rows], values.astype(str)):
                out["depends_on"].append(say("sentence.depends_on", lang,
                                             fact=sc.slots[j].source))
        out[finding.name] = value
        head, _, tail = finding.cite.partition("(")
        out["rules"][finding.name] = {"rule": finding.rule, "cite": finding.cite,
                                      "article": head.split(",")[0].strip(),
                                      "version": finding.version,
                                      "confidence": finding.confidence}
        if value is None and len(distinct) == 1 and finding.name not in (
                "shortened_ends_on", "serving_limit_months"):
            out["because"].append(say(f"sentence.none.{finding.rule}", lang))
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


def variant_result(system: TaxBenefitSystem, sc: Scenarios, lang: str,
                   sentence: SentenceFacts | None = None, takes_effect: Any = None
                   ) -> dict[str, Any]:
    """Run the rules of ``system`` over the scenarios and describe the outcome; with the
    sentence passed (``sentence``), the dates the law sets for it (``takes_effect``: the day a
    variant takes effect, for art. 6(2))."""
    o = Outputs.read(run(system, sc.case, sc.episodes))
    principal = o.principal()
    liable = o.case["applicable_charges"] > 0
    rep = int(np.flatnonzero(liable)[0]) if liable.any() else 0
    parole, parole_because = _parole(o, int(principal[rep]), rep, lang) if liable.any() else (
        None, [])
    limitation_years = _years(o.at("limitation_years", rep, principal[rep]))
    minor = bool(o.at("minor_at_act", rep, principal[rep]))
    out = {
        "criminal_liability": "applies" if liable.all() else (
            "excluded" if not liable.any() else "possible"),
        "qualifications": _qualifications(o, system, lang),
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
        "scenarios": {"count": len(sc.choice), "exhaustive": sc.exhaustive},
        "trace": _trace(o, system, rep, str(sc.case["judgment_date"][0]), lang)
        if liable.any() else [],
        "amendments": _amendments(system, o, rep, int(principal[rep]),
                                  str(sc.case["judgment_date"][0]), lang),
    }
    if sentence is not None:  # only a case with a sentence has the block (the contract's rule)
        out["sentence"] = _sentence(sentence_dates(sentence, case_law(
            o, system, principal, sc.case["judgment_date"].astype("datetime64[D]"),
            takes_effect)), sc, liable, lang)
    return out
