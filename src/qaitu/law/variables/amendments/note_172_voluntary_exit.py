"""A proposed note to art. 172: release from liability on voluntary exit and return.

Modelled on the note to art. 208 of Russia's Criminal Code and Tajikistan's 2015 note: a person
who voluntarily stopped taking part, came back, and (by default) surrendered weapons and came to
the authorities is released, if the acts contain no other crime.
"""

import numpy as np

from qaitu.law.articles import Article
from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.variables.authoring import Row, rule


@rule(Charge, bool, "172 (proposed note)")
def note_172_voluntary_exit(row: Row) -> np.ndarray:
    """The proposed release note holds for this charge."""
    p = row.law.amendments.note_172_voluntary_exit
    weapons = ~value_on(p.requires_weapons_surrender, row.law_date).astype(bool) | (
        row.weapons_surrendered)
    reported = ~value_on(p.requires_self_report, row.law_date).astype(bool) | (
        row.case.self_reported)
    return (value_on(p.in_effect, row.law_date).astype(bool)
            & (row.article == Article.art_172) & row.voluntarily_stopped
            & row.case.returned_voluntarily & weapons & reported
            & row.no_other_crime)
