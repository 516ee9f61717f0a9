"""UPK arts. 612-613: which procedural agreement is lawful for which crime.

A guilty-plea agreement (сделка о признании вины) is open for minor, medium and grave crimes;
a cooperation agreement (соглашение о сотрудничестве) for crimes of every class. Only a lawful
agreement, fulfilled, has the effects of arts. 55(3), 67 and 72(3).
"""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, PleaAgreement
from qaitu.law.variables._rule import Row, rule


@rule(Charge, bool, "UPK 612(1)")
def procedural_agreement_lawful(row: Row) -> np.ndarray:
    """The agreement recorded is one the UPK allows for this article's class of crime."""
    kind = row.case.plea_agreement
    return (kind == PleaAgreement.cooperation) | (
        (kind == PleaAgreement.guilty_plea) & (row.gravity != Gravity.especially_grave))


@rule(Charge, bool, "UPK 612-613, 55(3)")
def procedural_agreement_fulfilled(row: Row) -> np.ndarray:
    """A lawful agreement whose every condition is fulfilled."""
    return row.procedural_agreement_lawful & row.case.plea_agreement_fulfilled
