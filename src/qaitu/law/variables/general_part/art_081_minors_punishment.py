"""Art. 81: the punishments a person under 18 at the act can receive.

81(6): restriction of freedom «на срок до двух лет». 81(7): imprisonment «на срок не свыше
десяти лет, а за убийство при отягчающих обстоятельствах или акт терроризма либо по совокупности
уголовных правонарушений, одним из которых является убийство при отягчающих обстоятельствах или
акт терроризма, – двенадцати лет», and none at all for «преступление небольшой тяжести или
преступление средней тяжести, не связанное с причинением смерти». 81(7) sets no minimum: where
the ceiling falls under the sanction's minimum, the reachable range closes at the ceiling (see
``reachable_min_months``).

Not modelled: fines, corrective labour, community work and deprivation of a right (81(2)-(5)),
which Qaitu does not report; the institution for minors (81(8)) is art. 46(2)'s, in
``institution_security``.
"""

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, code
from qaitu.law.variables.authoring import Row, case_rule, rule
from qaitu.law.variables.general_part.art_003_definitions import listed


@rule(Charge, bool, "81(7)")
def twelve_year_crime(row: Row) -> np.ndarray:
    """The crime is one 81(7) lets a minor be imprisoned for up to twelve years: «убийство при
    отягчающих обстоятельствах или акт терроризма» (among the candidates, art. 255)."""
    return listed(row, row.law.general_part.art_081_minors_punishment.twelve_year_articles)


@rule(Charge, bool, "81(7)")
def minor_imprisonment_excluded(row: Row) -> np.ndarray:
    """81(7), second sentence: no imprisonment for a person under 18 at the act who committed a
    crime of minor gravity, or of medium gravity «не связанное с причинением смерти».

    L: a crime is read as connected with causing death where the facts record deaths
    (``deaths_caused``, which also covers other grave consequences), so in doubt imprisonment is
    kept open. A misdemeanour carries no imprisonment in any case (art. 10(3)).
    """
    light = np.asarray(row.gravity.view(np.ndarray)) <= code(Gravity.minor)
    medium = row.gravity == Gravity.medium
    return row.minor_at_act & (light | (medium & ~row.deaths_caused))


@rule(Charge, int, "81(7)")
def minor_imprisonment_cap_months(row: Row) -> np.ndarray:
    """The longest term art. 81(7) allows for this crime: ten years for a person under 18 at the
    act, twelve for an act of terrorism; for an adult, the sanction's maximum (no cap)."""
    p = row.law.general_part.art_081_minors_punishment
    cap = np.where(row.twelve_year_crime,
                   value_on(p.imprisonment_max_months_twelve, row.law_date),
                   value_on(p.imprisonment_max_months, row.law_date))
    return np.where(row.minor_at_act, cap, row.statutory_max_months)


@case_rule(int, "81(7)")
def set_minor_imprisonment_cap_months(row: Row) -> np.ndarray:
    """The longest final term 81(7) allows for the set: ten years, or twelve where one crime of
    the set is an act of terrorism; 0 (no cap) unless every applicable charge was committed
    under 18.

    L: 81(7) speaks of a minor's set; a set mixing crimes before and after the 18th birthday is
    left to art. 58 alone.
    """
    applies = row.charges("applies")
    all_minor = (row.over_charges.all(~applies | row.charges("minor_at_act"))
                 & row.over_charges.any(applies))
    twelve = row.over_charges.any(applies & row.charges("twelve_year_crime"))
    p = row.law.general_part.art_081_minors_punishment
    cap = np.where(twelve, value_on(p.imprisonment_max_months_twelve, row.judgment_date),
                   value_on(p.imprisonment_max_months, row.judgment_date))
    return np.where(all_minor, cap, 0)


@case_rule(bool, "81(7)")
def case_minor_imprisonment_excluded(row: Row) -> np.ndarray:
    """Every applicable charge is one 81(7) bars imprisonment for: none can be imposed."""
    applies = row.charges("applies")
    return (row.over_charges.all(~applies | row.charges("minor_imprisonment_excluded"))
            & row.over_charges.any(applies))
