"""Art. 46(2), (5): the institution in which a term of imprisonment is served.

The text is the 2019 one (art. 46 as worded by Law of 18.04.2017 No. 58-VI; the Kazakh text
of 2022 sends the candidates' cases to the same institutions). Every candidate article is an
intentional crime outside chapters 7-9, 12, 13 and 15, whose non-violent crimes 46(5)(1) sends to
minimum security; the 2014 Code knows no «особо опасный рецидив», which Qaitu treats as
dangerous recidivism. Not modelled: part of a term of more than five years for an especially
grave crime may be served in full security (46(6), at the court's discretion), which art. 62(3)(1)
credits like maximum security.
"""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.enums import Gravity, InstitutionSecurity, Recidivism, Sex, code
from qaitu.law.variables.authoring import Row, case_rule, enum_array, first_of, one_of

MINIMUM, MEDIUM, MAXIMUM, EXTREME = (code(s) for s in InstitutionSecurity)


def _gravest(row: Row) -> np.ndarray:
    """The class (code) of the case's gravest applicable charge; -1 where none applies."""
    gravity = np.asarray(row.charges("gravity").view(np.ndarray)).astype(np.int64)
    return row.over_charges.max(np.where(row.charges("applies"), gravity, -1))


def _minor_at_judgment(row: Row) -> np.ndarray:
    """Under 18 at the judgment: a medium-security institution for minors (46(2))."""
    adult = value_on(row.law.general_part.art_080_minors.adult_age, row.judgment_date)
    return row.age_at_judgment < adult


def _up_to_two_years(months: np.ndarray, row: Row) -> np.ndarray:
    """A term of at most two years (46(5)(1): «на срок до двух лет»)."""
    return months <= value_on(
        row.law.general_part.art_046_imprisonment.minimum_security_max_months, row.judgment_date)


def _first_term_decided_by_length(row: Row) -> np.ndarray:
    """An adult with no recidivism convicted of no especially grave crime: 46(5)(1) or (2)
    then turns on the length of the term."""
    return (~_minor_at_judgment(row) & (row.recidivism == Recidivism.none)
            & (_gravest(row) != code(Gravity.especially_grave)))


@case_rule(InstitutionSecurity, "46(2), 46(5)", possible_values=InstitutionSecurity)
def institution_security(row: Row) -> object:
    """The institution in which a term of imprisonment for the case would be served.

    - Under 18 at the judgment: medium security for minors (46(2)).
    - Dangerous recidivism: extreme security for men (46(5)(4)), maximum for women (46(5)(3):
      «женщинам – при опасном рецидиве»).
    - Recidivism: maximum security for men (46(5)(3)), medium for women (46(5)(2)).
    - An especially grave crime: maximum security for men «впервые осужденным» (46(5)(3)),
      medium for women «совершившим особо тяжкое преступление» (46(5)(2)).
    - Otherwise (an intentional minor, medium or grave crime): minimum security for a first
      term of up to two years (46(5)(1)), medium for a longer one (46(5)(2)). The term is not
      known before the judgment: see ``term_over_two_years_assumed``.

    M: the facts do not say whether the person served imprisonment before; see
    ``earlier_imprisonment_assumed``.
    """
    male = row.sex == Sex.male
    dangerous = one_of(row.recidivism, Recidivism.dangerous, Recidivism.especially_dangerous)
    recidivism = row.recidivism == Recidivism.recidivism
    especially_grave = _gravest(row) == code(Gravity.especially_grave)
    short = _up_to_two_years(row.cumulative_max_months, row)
    security = first_of(
        [_minor_at_judgment(row), dangerous & male,
         dangerous | ((recidivism | especially_grave) & male), recidivism | especially_grave,
         short],
        [MEDIUM, EXTREME, MAXIMUM, MEDIUM, MINIMUM], MEDIUM)
    return enum_array(security, InstitutionSecurity)


@case_rule(bool, "46(5)(3)")
def earlier_imprisonment_assumed(row: Row) -> np.ndarray:
    """The institution rests on the person not having served imprisonment for an intentional
    crime before, which the facts do not say (M: Qaitu assumes it). After such a term 46(5)(3)
    sends an adult to maximum security («лицам, осужденным к лишению свободы, ранее отбывавшим
    лишение свободы за совершение умышленного преступления»)."""
    lenient = one_of(row.institution_security, InstitutionSecurity.minimum_security,
                     InstitutionSecurity.medium_security)
    return lenient & ~_minor_at_judgment(row)


@case_rule(bool, "46(5)(1), 46(5)(2)")
def term_over_two_years_assumed(row: Row) -> np.ndarray:
    """The institution turns on the length of a term the law leaves on both sides of two years
    (46(5)(1)-(2)), and Qaitu takes it to be longer: medium security, the smaller credit
    (M: a term of up to two years would mean minimum security)."""
    both_sides = (_up_to_two_years(row.cumulative_min_months, row)
                  & ~_up_to_two_years(row.cumulative_max_months, row))
    return _first_term_decided_by_length(row) & both_sides
