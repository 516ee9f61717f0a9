"""Enum values the rules compare: by a member of their own enum at once, otherwise as
OpenFisca's EnumArray compares them."""

from __future__ import annotations

import numpy as np
from openfisca_core.indexed_enums import EnumArray

from qaitu.law.enums import Gravity, OptionStatus
from qaitu.law.variables.authoring import enum_array

CODES = np.arange(len(Gravity), dtype=np.int16)


def test_enum_values_equal_a_member_of_their_enum_where_openfisca_s_do() -> None:
    ours, theirs = enum_array(CODES, Gravity), EnumArray(CODES, Gravity)
    for member in [*Gravity, *OptionStatus, 1, None, "1"]:
        assert np.array_equal(ours == member, theirs == member), member
        assert np.array_equal(ours != member, theirs != member), member


def test_enum_values_stay_enum_values_when_rows_are_taken() -> None:
    taken = enum_array(CODES, Gravity)[[0, 2]]
    assert (taken == list(Gravity)[2]).tolist() == [False, True]
