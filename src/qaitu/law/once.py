"""Work done once per object: a rulebook's thresholds, a parameter's versions, a variant's inputs.

Rulebooks and parameter trees are built once and kept, and lookups on them recur on every run;
so their derived tables are memoised by the object's identity. The object is kept beside its
entry, so that a new object at a freed address is never given another's result.

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


def once_per_object(fn: Callable[[Any], _T]) -> Callable[[Any], _T]:
    """``fn(obj)`` computed once per object (by identity, the object kept alive)."""
    found: dict[int, tuple[Any, _T]] = {}

    @wraps(fn)
    def wrapper(obj: Any) -> _T:
        hit = found.get(id(obj))
        if hit is None or hit[0] is not obj:
            hit = found[id(obj)] = (obj, fn(obj))
        return hit[1]

    return wrapper
