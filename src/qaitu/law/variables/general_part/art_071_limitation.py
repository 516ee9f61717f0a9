"""Art. 71: limitation of criminal liability."""

import numpy as np

from qaitu.law.entities import Charge
from qaitu.law.variables.authoring import Row, rule
from qaitu.law.variables.general_part.art_003_definitions import in_chapter_4
from qaitu.law.variables.general_part.art_011_gravity import by_gravity


@rule(Charge, bool, "71(6)")
def limitation_excluded(row: Row) -> np.ndarray:
    """Art. 71(6): no limitation for crimes against the peace and security of mankind
    (chapter 4) or for terrorist and extremist crimes."""
    return in_chapter_4(row) | row.terrorist_crime | row.extremist_crime


@rule(Charge, float, "71(1), 88")
def limitation_years(row: Row) -> np.ndarray:
    """Limitation period by class of crime, in years: halved for a crime committed under 18
    (art. 88), so 2.5 or 7.5 years may occur; 0 where art. 71(6) excludes limitation."""
    years = by_gravity(row, row.law.general_part.art_071_limitation.years) * row.limitation_share
    return np.where(row.limitation_excluded, 0.0, years)
