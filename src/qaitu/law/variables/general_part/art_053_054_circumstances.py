"""Arts. 53-54: mitigating and aggravating circumstances."""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.enums import Cooperation, Recidivism, Recruitment
from qaitu.law.variables.authoring import Row, rule


@rule(Charge, bool, "53")
def has_mitigating_circumstance(row: Row) -> np.ndarray:
    """At least one mitigating circumstance (обстоятельство, смягчающее ответственность).

    Those listed in the case, and those the facts establish: young children (53(1)(4)),
    coercion or dependence (53(1)(8)), surrender and active help (53(1)(11)).
    """
    c = row.case
    return (
        c.mitigating_listed
        | c.has_young_children
        | c.self_reported
        | (c.cooperation == Cooperation.active)
        | (row.recruitment == Recruitment.coercion)
    )


@rule(Charge, bool, "54")
def has_aggravating_circumstance(row: Row) -> np.ndarray:
    """At least one aggravating circumstance: those listed, or recidivism (54(1)(1))."""
    return row.case.aggravating_listed | (row.case.recidivism != Recidivism.none)
