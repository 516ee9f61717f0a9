"""Art. 72: parole (условно-досрочное освобождение)."""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.enums import Cooperation
from qaitu.law.variables._rule import Row, rule
from qaitu.law.variables.general_part.art_011_gravity import by_gravity


@rule(Charge, bool, "72(1), 72(8)")
def parole_excluded(row: Row) -> np.ndarray:
    """No parole for a terrorist or extremist crime unless the convict actively helps prevent
    or solve such crimes (72(1)); never where the crime caused deaths (72(8))."""
    extremist_or_terrorist = row.terrorist_crime | row.extremist_crime
    return (extremist_or_terrorist & (row.case.cooperation != Cooperation.active)) | (
        extremist_or_terrorist & row.deaths_caused)


@rule(Charge, float, "72(3)")
def parole_fraction(row: Row) -> np.ndarray:
    """Share of the term to serve before parole: 1/3 (minor, medium), 1/2 (grave), 2/3
    (especially grave); after a fulfilled procedural agreement 1/3 (grave), 1/2 (especially
    grave). 0 where parole is excluded."""
    p = row.law.general_part.art_072_parole
    share = np.where(row.procedural_agreement_fulfilled,
                     by_gravity(row, p.fraction_after_agreement), by_gravity(row, p.fraction))
    return np.where(row.parole_excluded, 0.0, share)
