"""The trace of an assessment: each step the rules took for an applicable charge, with the
value found and the article and part the rule cites for itself (``CITES``), as findings.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.assessment.findings import Word, citation, enum_label, joined, reason
from qaitu.assessment.outputs import (
    GRAVITY,
    RULES,
    STATUS,
    Outputs,
    cite,
    sanction_source,
    whole_years,
)
from qaitu.law.articles import ARTICLES, article_number, article_part
from qaitu.law.dated import keyed_start
from qaitu.law.variables.authoring import CITES
from qaitu.law.variables.general_part.art_062_pretrial_credit import SECURITY_KEYS

URL = "https://adilet.zan.kz/rus/docs/K1400000226"


def trace(o: Outputs, system: TaxBenefitSystem, s: int, as_of: str) -> list[dict[str, Any]]:
    """The steps for each part that applies in scenario ``s``, then the institution and the
    custody credit (``as_of``: the day of the judgment)."""
    steps = []
    applies = o.charge["applies"].reshape(o.charge["applies"].shape[0], -1)[s]
    for i in np.flatnonzero(applies):
        article = ARTICLES[i % len(ARTICLES)]
        version = str(o.at("law_version", s, i))
        num, part = article_number(article), article_part(article)

        def step(text: Word, art: str, prt: str | None, value: Any, ver: str = version,
                 unit: str | None = None) -> None:
            steps.append({"step": text, "article": art, "part": prt, "version": ver,
                          "url": URL, "value": value} | ({"unit": unit} if unit else {}))

        step(reason("trace.applies", article=citation(cite(article))), num, part, True)
        minor = bool(o.at("minor_at_act", s, i))
        if minor:
            step(reason("trace.minor_at_act"), *_cited("minor_at_act"), True)
        step(reason("trace.statutory_range"), num, part,
             [int(o.at("statutory_min_months", s, i)), int(o.at("statutory_max_months", s, i))],
             unit="months")
        steps[-1]["confidence"] = sanction_source(system, article, version)["confidence"]
        step(reason("trace.version"), *_cited("law_date"), str(o.at("law_date", s, i)))
        if o.at("double_criminality_assumed", s, i):
            step(reason("trace.double_criminality"), *_cited("double_criminality_assumed"), True)
        step(reason("trace.gravity"), *_cited("gravity"), GRAVITY[o.at("gravity", s, i)])
        for crime in ("terrorist_crime", "extremist_crime"):
            step(reason(f"trace.{crime}"), *_cited(crime), bool(o.at(crime, s, i)))
        # art. 6(1): art. 55's caps may be of a later version than the article's
        caps = (str(o.at("sentencing_limits_law_date", s, i))
                if o.at("sentencing_limits_later_version", s, i) else version)
        step(reason("trace.mitigation_cap"), *_cited("mitigation_cap_applies"),
             bool(o.at("mitigation_cap_applies", s, i)), ver=caps)
        step(reason("trace.agreement_cap"), *_cited("agreement_cap_applies"),
             bool(o.at("agreement_cap_applies", s, i)), ver=caps)
        step(reason("trace.reachable_range"), *_cited("reachable_max_months"),
             [int(o.at("reachable_min_months", s, i)), int(o.at("reachable_max_months", s, i))],
             unit="months")
        step(reason("trace.exceptional_min"), *_cited("exceptional_min_months", 1),
             int(o.at("exceptional_min_months", s, i)), unit="months")
        if minor:
            step(reason("trace.minor_imprisonment_cap"),
                 *_cited("minor_imprisonment_cap_months"),
                 0 if o.at("minor_imprisonment_excluded", s, i)
                 else int(o.at("minor_imprisonment_cap_months", s, i)), unit="months")
            step(reason("trace.minor_restriction_of_freedom"),
                 *_cited("restriction_of_freedom_max_months", -1),
                 int(o.at("restriction_of_freedom_max_months", s, i)), unit="months")
        for name, rule in RULES.items():
            for e in rule.effective_codes(int(o.at(f"{rule.name}_grounds", s, i))):
                if "proposed" in e.cite:  # a variant's provision: cite it whole
                    art, prt = e.cite, None
                else:
                    # the ground's own provision, first of those it cites ("74(1), 6(1)")
                    head, _, tail = e.cite.split(", ")[0].partition("(")
                    art, prt = head.split()[0], tail.rstrip(")") or None
                step(joined(": ", [enum_label("option", name),
                                   enum_label(f"exception.{rule.name}", e.code)]),
                     art, prt, STATUS[e.value])
        # the version of the share applied (art. 6(1) may bring a later one), the article's
        # where parole is closed
        since = np.datetime64(o.at("parole_fraction_since", s, i), "D")
        step(reason("trace.parole"),
             *_cited("minor_parole_fraction" if minor else "parole_fraction"),
             float(o.at("parole_fraction", s, i)), unit="fraction",
             ver=version if np.isnat(since) else str(since))
        years = whole_years(o.at("limitation_years", s, i))
        # art. 88 halves a period of art. 71(1); 71(6) leaves none for the crimes it names
        step(reason("trace.limitation"), *_cited("limitation_excluded" if not years else
                                                 "limitation_share" if minor else
                                                 "limitation_years"), years, unit="years")
    if applies.any():
        steps.extend(_custody_steps(o, system, s, as_of))
    return steps


def _cited(variable: str, which: int = 0) -> tuple[str, str | None]:
    """The article and part a rule cites for itself (``CITES``: ``"55(2)"`` -> ``("55",
    "2")``); ``which`` picks one of several (``"44(1), 81(6)"``)."""
    head, _, tail = CITES[variable].split(", ")[which].partition("(")
    return head, tail.rstrip(")") or None


def _custody_steps(o: Outputs, system: TaxBenefitSystem, s: int, as_of: str
                   ) -> list[dict[str, Any]]:
    """The institution a term would be served in (art. 46) and the credit for custody it gives
    (art. 62(3)): marked M, with what Qaitu assumed, where the facts leave it open."""
    code = int(o.case["institution_security"][s])
    security = SECURITY_KEYS[code]
    assumed = [reason(f"trace.security_assumed.{name}")
               for name in ("earlier_imprisonment", "term_over_two_years")
               if o.case[f"{name}_assumed"][s]]
    credit = system.parameters.general_part.art_062_pretrial_credit
    version = str(keyed_start(credit.imprisonment_days_per_custody_day, SECURITY_KEYS,
                              np.array([code]), None, np.array([as_of], dtype="datetime64[D]"))[0])
    mark = "M" if assumed else "H"
    where, credited = _cited("institution_security"), _cited("pretrial_credit_days")
    text = reason("trace.institution_security",
                  security=enum_label("institution_security", security))
    return [
        {"step": joined("; ", [text, *assumed]), "article": where[0], "part": where[1],
         "version": version, "url": URL, "value": security, "confidence": mark},
        {"step": reason("trace.pretrial_credit"), "article": credited[0], "part": credited[1],
         "version": version, "url": URL, "value": float(o.case["pretrial_credit_days"][s]),
         "unit": "days", "confidence": mark},
    ]
