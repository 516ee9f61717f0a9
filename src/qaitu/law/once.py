"""Work done once per object: a rulebook's thresholds, a parameter's versions, a variant's inputs.

Rulebooks and parameter trees are built once and kept, and lookups on them recur on every run;
so their derived tables are memoised by the object's identity. The object is kept beside its
entry, so that a new object at a freed address is never given another's result. A long-running
server parses drafted variants into new rulebooks, so each memo keeps at most :data:`KEPT`
objects (every parameter of some dozens of rulebooks) and forgets the oldest first.

>>> calls = []
>>> @once_per_object
... def size(items: list[int]) -> int:
...     calls.append(1)
...     return len(items)
>>> a = [1, 2]
>>> size(a), size(a), len(calls)
(2, 2, 1)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

_T = TypeVar("_T")
_K = TypeVar("_K")
_V = TypeVar("_V")

#: Entries one memo keeps at most: a rulebook has some hundreds of parameters.
KEPT = 16384


def keep(memo: dict[_K, _V], key: _K, value: _V, most: int = KEPT) -> _V:
    """``memo[key] = value``, forgetting the oldest entry past ``most``.

    >>> memo: dict[int, str] = {}
    >>> for i in range(4):
    ...     _ = keep(memo, i, str(i), most=3)
    >>> sorted(memo)
    [1, 2, 3]
    """
    memo[key] = value
    if len(memo) > most:
        del memo[next(iter(memo))]
    return value


def once_per_object(fn: Callable[[Any], _T]) -> Callable[[Any], _T]:
    """``fn(obj)`` computed once per object (by identity, the object kept alive)."""
    found: dict[int, tuple[Any, _T]] = {}

    @wraps(fn)
    def wrapper(obj: Any) -> _T:
        hit = found.get(id(obj))
        if hit is None or hit[0] is not obj:
            hit = keep(found, id(obj), (obj, fn(obj)))
        return hit[1]

    return wrapper
