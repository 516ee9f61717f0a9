"""Art. 62: credit for custody before the judgment."""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity
from qaitu.law.variables._rule import Row, rule


@rule(Charge, float, "62(3), 46(5)")
def pretrial_credit_days(row: Row) -> np.ndarray:
    """Days of imprisonment credited for pre-trial custody, by the regime the term would be
    served in: medium security for a first term for a minor, medium or grave crime (1.5 days
    per day), maximum security for an especially grave crime (1 day per day)."""
    p = row.law.general_part.art_062_pretrial_credit.imprisonment_days_per_custody_day
    rate = np.where(row.gravity == Gravity.especially_grave,
                    value_on(p.maximum_security, row.law_date),
                    value_on(p.medium_security, row.law_date))
    return row.case.pretrial_detention_days * rate
