"""Art. 78 (amnesty) and art. 79 (criminal record)."""

import datetime as dt

import numpy as np

from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, Recidivism
from qaitu.law.variables.authoring import Row, on_dates, rule
from qaitu.law.variables.general_part.art_006_time import milder_general_part_date
from qaitu.law.variables.general_part.art_011_gravity import (
    by_gravity,
    on_life_or_health_share,
)


@rule(Charge, bool, "78(2)")
def amnesty_excluded(row: Row) -> np.ndarray:
    """Art. 78(2), second paragraph: no amnesty for terrorist or extremist crimes or for
    recidivists."""
    return row.terrorist_crime | row.extremist_crime | (row.case.recidivism != Recidivism.none)


@rule(Charge, bool, "78(2)")
def amnesty_may_release(row: Row) -> np.ndarray:
    """An amnesty may release from liability or punishment for a criminal misdemeanour or a
    minor or medium crime; for grave and especially grave crimes it may only shorten the term
    (78(2), first paragraph; 78(1) only says that Parliament issues the act of amnesty). As
    consolidated to 16.09.2025 (Law 210-VIII) 78(2) names no class: «лица, совершившие
    уголовные правонарушения, могут быть освобождены от уголовной ответственности и
    наказания» (``releases_any_gravity``). An amnesty is issued under the Code in force when it
    is, and the change is milder (art. 6(1)): read at the date of the assessment."""
    light = (row.gravity == Gravity.minor) | (row.gravity == Gravity.medium) | (
        row.gravity == Gravity.misdemeanour)
    any_gravity = value_on(row.law.general_part.art_078_amnesty.releases_any_gravity,
                           row.case.judgment_date).astype(bool)
    return (light | any_gravity) & ~row.amnesty_excluded


@rule(Charge, int, "79(2), 79(3), 6(3), 89")
def record_years_after_imprisonment(row: Row) -> np.ndarray:
    """Years after serving imprisonment before the record is spent: 3 (minor, medium),
    6 (grave), 8 (especially grave) (79(3)(3)-(5)), and from 16.09.2025 8 for a grave and 10
    for an especially grave crime connected with an attack on life or health (79(3)(5)-(5-1),
    version ``record_law_date``); for a crime committed under 18, 1, 2 or 3 (art. 89). A
    conditional sentence's record ends with probation (79(3)(1)); a criminal misdemeanour
    leaves no record at all (79(2)): 0."""
    adult = _adult_years(row, row.record_law_date)
    return np.where(row.minor_at_act, row.minor_record_years_after_imprisonment, adult)


@rule(Charge, dt.date, "6(1), 6(3)")
def record_law_date(row: Row) -> np.ndarray:
    """The version of art. 79(3) whose terms apply: the one at the act, or a later one in force
    by the assessment with a shorter term (art. 6(1) and 6(3),
    :func:`milder_general_part_date`). The terms of 16.09.2025 are longer, so an earlier act
    keeps its own."""
    return milder_general_part_date(row, row.law.general_part.art_079_criminal_record,
                                    _adult_years)


@on_dates
def _adult_years(row: Row, on: np.ndarray) -> np.ndarray:
    """79(3)'s term in its version in force on ``on``; from 16.09.2025 «за тяжкие преступления,
    связанные с посягательством на жизнь или здоровье человека, или за особо тяжкие
    преступления, – по истечении восьми лет» and «за особо тяжкие преступления, связанные с
    посягательством на жизнь или здоровье человека, – по истечении десяти лет» (read as
    ``attack_on_life``, L)."""
    p = row.law.general_part.art_079_criminal_record
    years = on_life_or_health_share(row, by_gravity(row, p.years_after_imprisonment, on),
                                    p.years_after_imprisonment_attack_on_life, on)
    return np.asarray(years).astype(np.int64)
