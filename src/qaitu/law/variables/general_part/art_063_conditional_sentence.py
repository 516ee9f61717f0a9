"""Art. 63: conditional sentence (условное осуждение) and its exclusions in art. 63(6)."""

import numpy as np

from qaitu.law.defaults import Exception_, Rule
from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, OptionStatus, Recidivism, code
from qaitu.law.variables.authoring import Row, enum_array, rule

UNAVAILABLE = code(OptionStatus.unavailable)
AVAILABLE = code(OptionStatus.available)
EXCLUSIONS = ("recidivism", "especially_grave", "terrorist_crime", "extremist_crime",
              "criminal_group")

CONDITIONAL_SENTENCE = Rule(
    "conditional_sentence", "63(1)", code(OptionStatus.available), (
        Exception_("recidivism", "63(6)", UNAVAILABLE),
        Exception_("especially_grave", "63(6)", UNAVAILABLE),
        Exception_("terrorist_crime", "63(6)", UNAVAILABLE),
        Exception_("extremist_crime", "63(6)", UNAVAILABLE),
        Exception_("criminal_group", "63(6)", UNAVAILABLE),
        # Proposed (off in current law): see variables/amendments/differentiated_assessment.py.
        # Unless written to prevail over 63(6), it conflicts with an exclusion that also holds.
        Exception_("differentiated_assessment", "172 (proposed note)", AVAILABLE),
        Exception_("differentiated_assessment_notwithstanding_63_6", "172 (proposed note)",
                   AVAILABLE, overrides=EXCLUSIONS),
        # 63(1): a conditional sentence is of a term of imprisonment; where 81(7) bars the
        # term there is nothing to make conditional, whatever the proposed note says.
        Exception_("minor_no_imprisonment", "81(7)", UNAVAILABLE,
                   overrides=("differentiated_assessment",
                              "differentiated_assessment_notwithstanding_63_6")),
    ))


@rule(Charge, int, "63(6)")
def conditional_sentence_grounds(row: Row) -> np.ndarray:
    """Which exclusions of art. 63(6) hold (bitmask over ``CONDITIONAL_SENTENCE``); also where
    art. 81(7) bars imprisonment for a person under 18 at the act, so that there is no term to
    make conditional (63(1): «назначив наказание в виде лишения свободы»). The exclusions of
    63(6) hold for minors too: its last sentence exempts them only for sexual crimes."""
    return CONDITIONAL_SENTENCE.fired({
        "recidivism": row.case.recidivism != Recidivism.none,
        "especially_grave": row.gravity == Gravity.especially_grave,
        "terrorist_crime": row.terrorist_crime,
        "extremist_crime": row.extremist_crime,
        "criminal_group": row.committed_in_criminal_group,
        "minor_no_imprisonment": row.minor_imprisonment_excluded,
        "differentiated_assessment": row.differentiated_assessment
        & ~row.differentiated_assessment_notwithstanding_63_6,
        "differentiated_assessment_notwithstanding_63_6":
            row.differentiated_assessment_notwithstanding_63_6,
    })


@rule(Charge, OptionStatus, "63", possible_values=OptionStatus)
def conditional_sentence(row: Row) -> object:
    """Art. 63(1): a term of imprisonment may be made conditional, save the cases of 63(6)."""
    return enum_array(CONDITIONAL_SENTENCE.outcome(row.conditional_sentence_grounds),
                      OptionStatus)
