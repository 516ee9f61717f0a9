"""Art. 90: the section on minors for persons of 18 to 21.

90: «В исключительных случаях с учетом характера совершенного деяния и личности суд может
применить положения настоящего раздела к лицам, совершившим преступление в возрасте от
восемнадцати до двадцати одного года, кроме помещения их в организации образования с особым
режимом содержания».

The court may (может применить), and only in exceptional cases, so Qaitu reports it as its own
option, ``young_adult_as_minor``, open ``only_exceptional`` for a person of 18, 19 or 20 at the
act (the age «совершившим … в возрасте»: at the date of the act, like art. 80(1)) who committed
a crime, not a criminal misdemeanour («преступление»). Whether the act and the person make the
case exceptional is the court's finding and is not asked. The consequences of that choice (the
ceilings, releases and shares of arts. 81-89 for this person) are not computed: the option says
only that the court may reach them. An unknown birth date leaves the option possible: the
assessment runs an age below 21 and one from 21, the ages the law names.
"""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.defaults import Exception_, Rule
from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, OptionStatus, code
from qaitu.law.variables.authoring import Row, enum_array, rule

YOUNG_ADULT_AS_MINOR = Rule(
    "young_adult_as_minor", "90", code(OptionStatus.unavailable), (
        Exception_("aged_18_to_21", "90", code(OptionStatus.only_exceptional)),
    ))


@rule(Charge, bool, "90")
def young_adult_crime_at_act(row: Row) -> np.ndarray:
    """90: of age at the act (not a minor of art. 80(1)) and under 21 («в возрасте от
    восемнадцати до двадцати одного года»), and the act is a crime («совершившим
    преступление»), not a criminal misdemeanour."""
    upper = value_on(row.law.general_part.art_090_young_adults.upper_age, row.law_date)
    crime = row.gravity != Gravity.misdemeanour
    return ~row.minor_at_act & (row.age_at_act < upper) & crime


@rule(Charge, int, "90")
def young_adult_as_minor_grounds(row: Row) -> np.ndarray:
    """Which grounds for applying the minors' section hold (bitmask over
    ``YOUNG_ADULT_AS_MINOR``)."""
    return YOUNG_ADULT_AS_MINOR.fired({"aged_18_to_21": row.young_adult_crime_at_act})


@rule(Charge, OptionStatus, "90", possible_values=OptionStatus)
def young_adult_as_minor(row: Row) -> object:
    """The minors' section is open to the court only in exceptional cases («В исключительных
    случаях … суд может применить») where the ground holds."""
    return enum_array(YOUNG_ADULT_AS_MINOR.outcome(row.young_adult_as_minor_grounds),
                      OptionStatus)
