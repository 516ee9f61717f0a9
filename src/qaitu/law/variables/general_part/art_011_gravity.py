"""Arts. 10-11 and the sanction: the statutory range and the class of the crime."""

import datetime as dt
from typing import Any, NamedTuple

import numpy as np

from qaitu.law.dated import keyed_on, keyed_start, start_on, value_dtype, value_on
from qaitu.law.entities import Charge
from qaitu.law.enums import Gravity, code
from qaitu.law.variables.amendments.state_forces_distinction import state_forces_bound
from qaitu.law.variables.authoring import Row, enum_array, first_of, rule
from qaitu.law.variables.general_part.art_006_time import ARTICLE_KEYS, article_codes


def _sanction(row: Row, leaf: str) -> np.ndarray:
    return keyed_on(row.law.special_part, ARTICLE_KEYS, article_codes(row), leaf, row.law_date)


@rule(Charge, int, "special part")
def statutory_min_months(row: Row) -> np.ndarray:
    """Lower bound of imprisonment in the article's sanction, in the version applied."""
    return state_forces_bound(row, "min_months", _sanction(row, "imprisonment_min_months"))


@rule(Charge, int, "special part")
def statutory_max_months(row: Row) -> np.ndarray:
    """Upper bound of imprisonment in the article's sanction (life aside)."""
    return state_forces_bound(row, "max_months", _sanction(row, "imprisonment_max_months"))


@rule(Charge, bool, "special part")
def sanction_includes_life(row: Row) -> np.ndarray:
    """The sanction includes life imprisonment."""
    return _sanction(row, "life_imprisonment").astype(bool)


@rule(Charge, bool, "special part")
def sanction_includes_restriction_of_freedom(row: Row) -> np.ndarray:
    """The sanction names restriction of freedom as an alternative to imprisonment."""
    return _sanction(row, "restriction_of_freedom").astype(bool)


@rule(Charge, dt.date, "special part")
def law_version(row: Row) -> np.ndarray:
    """First day of the version of the sanction applied (for citing it)."""
    return keyed_start(row.law.special_part, ARTICLE_KEYS, article_codes(row),
                       "imprisonment_max_months", row.law_date)


@rule(Charge, Gravity, "11", possible_values=Gravity)
def gravity(row: Row) -> object:
    """Class of the crime by the maximum of its sanction, art. 11(2)-(5) (intentional crimes).

    Up to 2 years: minor; up to 5: medium; up to 12: grave; more, or life: especially grave.
    """
    p = row.law.general_part.art_011_gravity
    mx = row.statutory_max_months
    cls = first_of(
        [row.sanction_includes_life | (mx > value_on(p.grave_max_months, row.law_date)),
         mx > value_on(p.medium_max_months, row.law_date),
         mx > value_on(p.minor_max_months, row.law_date)],
        [code(Gravity.especially_grave), code(Gravity.grave), code(Gravity.medium)],
        code(Gravity.minor),
    )
    return enum_array(cls, Gravity)


#: Keys (``"grave"`` …) of parameters that vary by class, by code.
GRAVITY_KEYS = tuple(g.name for g in Gravity)


def by_gravity(row: Row, node: object, on: np.ndarray | None = None) -> np.ndarray:
    """A parameter that varies by class (``node.grave`` …), on each row's date ``on`` (by
    default its law date)."""
    return keyed_on(node, GRAVITY_KEYS, np.asarray(row.gravity.view(np.ndarray), dtype=np.intp),
                    None, row.law_date if on is None else on)


_DAY = np.dtype("datetime64[D]")


class Dated(NamedTuple):
    """A value of the law per row and, where asked (``since`` not None), the first day of the
    version of the parameter it was read from: the version shown beside a date that uses it
    (the parole share's, :func:`~.art_072_parole.parole_fraction_since`). Choosing between two
    values chooses their versions with them, so the version shown is the one that decided.
    (A named tuple: made some hundred times a run, at a third of a frozen dataclass's cost.)"""

    value: np.ndarray
    since: np.ndarray | None = None

    def where(self, cond: Any, other: "Dated") -> "Dated":
        """``other`` where ``cond`` holds, this elsewhere."""
        since = (None if self.since is None or other.since is None
                 else np.where(cond, other.since, self.since))
        return Dated(np.where(cond, other.value, self.value), since)

    def unchanged_beside(self, dtype: np.dtype) -> "Dated":
        """:meth:`where` with a condition that holds on no row, given only the dtype of the
        other value: this one, in new arrays of the dtype ``np.where`` would give."""
        return Dated(self.value.astype(np.result_type(self.value, dtype)),
                     None if self.since is None else self.since.astype(
                         np.result_type(self.since, _DAY)))

    def lower(self, other: "Dated", where: Any = True) -> "Dated":
        """The lower of the two values where ``where`` holds (this one on a tie), else this."""
        return self.where(np.asarray(where) & (other.value < self.value), other)


def dated(param: Any, on: np.ndarray, since: bool) -> Dated:
    """One parameter on each row's date ``on``, with its version's first day if ``since``."""
    return Dated(value_on(param, on), start_on(param, on) if since else None)


def by_gravity_dated(row: Row, node: object, on: np.ndarray, since: bool) -> Dated:
    """:func:`by_gravity` on ``on``, with its version's first day if ``since``."""
    codes = np.asarray(row.gravity.view(np.ndarray), dtype=np.intp)
    return Dated(by_gravity(row, node, on),
                 keyed_start(node, GRAVITY_KEYS, codes, None, on) if since else None)


def on_life_or_health_share(row: Row, share: np.ndarray, node: object,
                            on: np.ndarray | None = None) -> np.ndarray:
    """``share``, replaced by ``node.grave`` / ``node.especially_grave`` for a grave or
    especially grave crime «связанного с посягательством на жизнь или здоровье человека» (the
    words of arts. 55(2)-(3) and 72(3) as consolidated to 16.09.2025).

    L: read as ``attack_on_life`` (art. 86's reading: a killing, or deaths in the facts); an
    attack on health alone is not among the facts. ``on``: each row's date (its law date by
    default).
    """
    return on_life_or_health_dated(row, Dated(share), node, on).value


def on_life_or_health_dated(row: Row, share: Dated, node: object,
                            on: np.ndarray | None = None) -> Dated:
    """:func:`on_life_or_health_share` with the version of the share chosen (where
    ``share.since`` is given)."""
    on = row.law_date if on is None else on
    for gravity, key in ((Gravity.grave, "grave"), (Gravity.especially_grave, "especially_grave")):
        connected = (row.gravity == gravity) & row.attack_on_life
        param = getattr(node, key)
        if np.count_nonzero(connected):
            share = share.where(connected, dated(param, on, share.since is not None))
        else:  # no row takes it: not looked up (the same values, dtype and fresh arrays)
            share = share.unchanged_beside(value_dtype(param))
    return share
