"""Art. 62: credit for custody before the judgment."""

import numpy as np

from qaitu.law.dated import keyed_on
from qaitu.law.enums import InstitutionSecurity
from qaitu.law.variables.authoring import Row, case_rule

#: Keys of the credit by institution (``"medium_security"`` …), by code.
SECURITY_KEYS = tuple(s.name for s in InstitutionSecurity)


@case_rule(float, "62(3), 46(5)")
def pretrial_credit_days(row: Row) -> np.ndarray:
    """Days of imprisonment credited for the days in custody before the judgment, by the
    institution the term would be served in (art. 46(5), ``institution_security``): one day
    for one in maximum or extreme security (62(3)(1)), one and a half in medium security, also
    for minors (62(3)(2)), two in minimum security (62(3)(3))."""
    codes = np.asarray(row.institution_security.view(np.ndarray), dtype=np.intp)
    rate = keyed_on(row.law.general_part.art_062_pretrial_credit.imprisonment_days_per_custody_day,
                    SECURITY_KEYS, codes, None, row.judgment_date)
    return row.pretrial_detention_days * rate
