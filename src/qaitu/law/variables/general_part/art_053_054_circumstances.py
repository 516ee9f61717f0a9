"""Arts. 53-54: mitigating and aggravating circumstances."""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.enums import Cooperation, Recidivism, Recruitment
from qaitu.law.variables.authoring import Row, rule


@rule(Charge, bool, "53")
def has_mitigating_circumstance(row: Row) -> np.ndarray:
    """At least one mitigating circumstance (обстоятельство, смягчающее ответственность).

    Those listed in the case, and those the facts establish: «несовершеннолетие виновного»
    (53(1)(2): under 18 at the act, which art. 82(2) weighs «в совокупности с другими
    смягчающими и отягчающими обстоятельствами», so it opens the cap of 55(2) as any other),
    «беременность» (53(1)(3)), young children (53(1)(4)), coercion or dependence (53(1)(8)),
    surrender and active help (53(1)(11)).
    """
    c = row.case
    return (
        c.mitigating_listed
        | row.minor_at_act
        | row.pregnant_woman
        | c.has_young_children
        | c.self_reported
        | (c.cooperation == Cooperation.active)
        | (row.recruitment == Recruitment.coercion)
    )


@rule(Charge, bool, "54")
def has_aggravating_circumstance(row: Row) -> np.ndarray:
    """At least one aggravating circumstance: those listed, or recidivism (54(1)(1))."""
    return row.case.aggravating_listed | (row.case.recidivism != Recidivism.none)
