"""A proposed lower sanction for service in a foreign state's regular armed forces.

The Norwegian and Georgian pattern: service in another state's army is treated apart from
joining non-state formations. Under the proposal art. 172 carries the sanction of
``amendments.state_forces_distinction`` for that service.
"""

import numpy as np

from qaitu.law.articles import Article
from qaitu.law.dated import value_on
from qaitu.law.entities import Charge
from qaitu.law.enums import FormationKind
from qaitu.law.variables.authoring import Row, rule


@rule(Charge, bool, "172 (proposed part)")
def state_forces_sanction_applies(row: Row) -> np.ndarray:
    """The proposal is in effect and the charge is art. 172 for service in a state's army."""
    p = row.law.amendments.state_forces_distinction
    return (value_on(p.in_effect, row.law_date).astype(bool)
            & (row.article == Article.art_172)
            & (row.formation_kind == FormationKind.state_armed_forces))


def state_forces_bound(row: Row, leaf: str, base: np.ndarray) -> np.ndarray:
    """``base`` (the sanction's bound) or, where the proposal applies, its own bound."""
    p = row.law.amendments.state_forces_distinction.children[leaf]
    return np.where(row.state_forces_sanction_applies, value_on(p, row.law_date), base)
