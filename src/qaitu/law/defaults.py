"""General rules with explicit exceptions, in the manner of Catala's default logic.

A :class:`Rule` has a default outcome and named exceptions, each citing its provision. When
several exceptions fire on the same row and lead to *different* outcomes, and neither is declared
to override the other, the row is in **conflict**: the conflict is reported, never resolved
silently. Exceptions that agree (several grounds excluding a conditional sentence) are not a
conflict; all of them are reported as reasons.

>>> import numpy as np
>>> rule = Rule("demo", "63(1)", 0, (
...     Exception_("terrorist_crime", "63(6)", 2),
...     Exception_("new_note", "172 note", 0, overrides=("terrorist_crime",)),
...     Exception_("other_note", "170 note", 0),
... ))
>>> fired = rule.fired({"terrorist_crime": np.array([True, True, True]),
...                     "new_note": np.array([False, True, False]),
...                     "other_note": np.array([False, False, True])})
>>> rule.outcome(fired).tolist(), rule.conflict(fired).tolist()
([2, 0, 2], [False, False, True])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Exception_:
    """An exception to a rule: where ``code`` holds, the outcome is ``value`` (an enum index)."""

    code: str
    cite: str
    value: int
    overrides: tuple[str, ...] = ()
    #: Judged on the term the sentence imposed (art. 74(1)'s «осужденным … на срок свыше
    #: пяти лет»), which its reason then names.
    on_term_imposed: bool = False


@dataclass(frozen=True)
class Rule:
    """A default ``value`` (citing ``cite``) with exceptions; fired exceptions form a bitmask."""

    name: str
    cite: str
    default: int
    exceptions: tuple[Exception_, ...] = field(default=())

    def bit(self, code: str) -> int:
        if code not in self._bits:
            raise ValueError(f"rule {self.name}: no exception named {code!r}")
        return self._bits[code]

    @cached_property
    def _bits(self) -> dict[str, int]:
        """Each exception's bit, by code (found once: rules and explanations ask for bits some
        hundred times per assessment)."""
        bits: dict[str, int] = {}
        for i, e in enumerate(self.exceptions):
            bits.setdefault(e.code, 1 << i)  # a code listed twice: its first bit
        return bits

    def fired(self, conditions: Mapping[str, NDArray[np.bool_]]) -> NDArray[np.int64]:
        """Bitmask of the exceptions whose condition holds on each row."""
        unknown = conditions.keys() - self._bits
        if unknown:
            raise KeyError(f"rule {self.name}: no exception named {sorted(unknown)}")
        n = len(next(iter(conditions.values())))
        bits = np.zeros(n, dtype=np.int64)
        for code, holds in conditions.items():  # in place: its bit where it holds (a masked
            # ufunc costs a third more than a product on an assessment's rows)
            bits |= np.asarray(holds, dtype=bool) * self._bits64[code]
        return bits

    @cached_property
    def _bits64(self) -> dict[str, np.int64]:
        """:attr:`_bits` as the bitmask's own integers."""
        return {code: np.int64(bit) for code, bit in self._bits.items()}

    def _effective(self, fired: NDArray[np.int64]) -> list[tuple[Exception_, NDArray[np.bool_]]]:
        """Fired exceptions, less those overridden by another fired exception."""
        active = []
        for e in self.exceptions:
            on = (fired & self.bit(e.code)) != 0
            for other in self.exceptions:
                if e.code in other.overrides:
                    on = on & ((fired & self.bit(other.code)) == 0)
            active.append((e, on))
        return active

    @cached_property
    def _by_mask(self) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        """Outcome and conflict for every possible bitmask of fired exceptions (a rule has
        few exceptions), so that many rows cost one lookup each."""
        if len(self.exceptions) > 16:
            raise ValueError(f"rule {self.name}: more than 16 exceptions; split the rule")
        masks = np.arange(1 << len(self.exceptions), dtype=np.int64)
        out = np.full(len(masks), -1, dtype=np.int64)
        lo = np.full(len(masks), np.iinfo(np.int64).max)
        for e, on in self._effective(masks):
            out = np.where(on, np.maximum(out, e.value), out)
            lo = np.where(on, np.minimum(lo, e.value), lo)
        return np.where(out < 0, self.default, out), (out >= 0) & (lo != out)

    def outcome(self, fired: NDArray[np.int64]) -> NDArray[np.int64]:
        """The outcome: the default, or what the effective exceptions say.

        Where effective exceptions disagree (a conflict), the most restrictive value (the
        highest index) is returned so that nothing is granted on a conflicted rule; callers
        report the conflict through :meth:`conflict`.
        """
        return np.asarray(self._by_mask[0][fired])

    def conflict(self, fired: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Rows where two effective exceptions lead to different outcomes."""
        return np.asarray(self._by_mask[1][fired])

    def effective_codes(self, fired: int) -> list[Exception_]:
        """The exceptions that decide one row (for explanations): :meth:`_effective` on one
        bitmask as a plain int, since an explanation asks for some dozens of rows one by one
        and numpy on a single value costs more than the bit tests."""
        return [e for e, bit, overridden_by in self._overrides
                if fired & bit and not fired & overridden_by]

    @cached_property
    def _overrides(self) -> tuple[tuple[Exception_, int, int], ...]:
        """Each exception, its bit, and the bits of the exceptions that override it."""
        return tuple((e, self.bit(e.code), sum({self.bit(o.code) for o in self.exceptions
                                                 if e.code in o.overrides}))
                     for e in self.exceptions)
