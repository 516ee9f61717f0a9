"""The differentiated legal assessment proposed on 4 March 2026 (deputy Zh. Amantayuly).

For a person who was not a member of a terrorist organisation, committed no war crimes and
returned voluntarily, a conditional sentence, restriction of freedom and probation control
become ordinary options instead of prison (not only through art. 55(4)).
"""

import numpy as np

from qaitu.law.articles import Article
from qaitu.law.dated import date_on, value_on
from qaitu.law.entities import Charge
from qaitu.law.enums import Cooperation, ReturnMode
from qaitu.law.variables.authoring import Row, case_rule, rule
from qaitu.law.variables.special_part.elements import Element


def _switch(row: Row, name: str) -> np.ndarray:
    return value_on(row.law.amendments.differentiated_assessment.children[name],
                    row.law_date).astype(bool)


def _returned_by_cutoff(row: Row) -> np.ndarray:
    cutoff = date_on(row.law.amendments.differentiated_assessment.return_cutoff_date,
                     row.law_date, empty="9999-12-31")  # empty: no cut-off
    return row.case.return_date <= cutoff


CITE = "172 (proposed note)"


@case_rule(bool, CITE)
def returned_voluntarily(row: Row) -> np.ndarray:
    """Came back to Kazakhstan of their own will (добровольно вернулся): a condition of the
    proposals, not of the Code."""
    return row.returned & (row.return_mode == ReturnMode.voluntary)

#: What the proposal requires; each open design question is a parameter (default: off).
ELIGIBILITY: tuple[Element, ...] = (
    Element("in_scope", CITE, lambda r: (r.article == Article.art_172) | (
        (r.article == Article.art_170_3) & _switch(r, "covers_mercenaries"))),
    Element("not_terrorist_member", CITE, lambda r: ~r.terrorist_formation),
    Element("no_war_crimes", CITE, lambda r: ~r.war_crimes_established),
    Element("voluntary_return", CITE, lambda r: r.case.returned_voluntarily),
    Element("self_reported", CITE,
            lambda r: ~_switch(r, "requires_self_report") | r.case.self_reported),
    Element("cooperation", CITE, lambda r: ~_switch(r, "requires_cooperation") | (
        r.case.cooperation != Cooperation.none)),
    Element("no_foreign_citizenship", CITE, lambda r: ~_switch(
        r, "foreign_citizenship_excludes") | ~r.case.acquired_foreign_citizenship),
    Element("returned_by_cutoff", CITE, _returned_by_cutoff),
)
ELIGIBILITY_BIT = {e.code: 1 << i for i, e in enumerate(ELIGIBILITY)}


@rule(Charge, int, CITE)
def differentiated_assessment_unmet(row: Row) -> np.ndarray:
    """Bitmask of the proposal's conditions this charge does not meet."""
    unmet = np.zeros(len(row.law_date), dtype=np.int64)
    for e in ELIGIBILITY:
        unmet |= np.where(np.asarray(e.holds(row), dtype=bool), 0, ELIGIBILITY_BIT[e.code])
    return unmet


@rule(Charge, bool, CITE)
def differentiated_assessment(row: Row) -> np.ndarray:
    """The proposal is in effect and the person meets every one of its conditions."""
    return _switch(row, "in_effect") & (row.differentiated_assessment_unmet == 0)


@rule(Charge, bool, CITE)
def differentiated_assessment_notwithstanding_63_6(row: Row) -> np.ndarray:
    """The proposal applies and is written to prevail over the exclusions of art. 63(6)."""
    return row.differentiated_assessment & _switch(row, "notwithstanding_art_63_6")
