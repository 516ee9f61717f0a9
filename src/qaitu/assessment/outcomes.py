"""Every outcome of one variant's ``qaitu.assessment/1`` entry, flat and comparable: the one
reading shared by the variant-vs-current diff (:mod:`.diff`) and the web's comparison of two
runs of a case.

A key names an outcome in no language:

- ``("liability",)`` — criminal liability;
- ``("qualification", citation, episode, field)`` — a qualification's ``status``, ``class``,
  ``statutory_range`` or ``reachable_range``; the episode keeps apart two qualifications under
  the same article in different episodes;
- ``("option", name)`` and ``("option", name, "grounds")`` — an option's status and grounds;
- ``("parole",)``, ``("limitation",)`` and ``("sentence", name)`` — the parole fraction, the
  limitation period (years; 0 where none applies) and each date the law sets for a sentence; a
  share or date that holds on a condition (``parole_condition``, and in the sentence block
  ``replacement_condition`` too) comes with it, ``(value, condition)``.

Each value comes with the reasons the entry gives for it. Words come last:
:func:`outcome_name` names a key and :func:`outcome_text` says a value in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from qaitu.assessment.explain import (
    cite,
    date_condition,
    duration,
    on_condition,
    range_text,
    say,
    sentence_value,
)
from qaitu.assessment.outputs import OPTIONS
from qaitu.law.glossary import has, label

Key = tuple[str | int, ...]

#: The order outcomes are listed in: the case as a whole first, each qualification last.
KINDS = ("liability", "option", "parole", "limitation", "sentence", "qualification")
RANGES = ("statutory_range", "reachable_range")
_FIELD_NAMES = {"status": "diff.status", "class": "diff.class",
                "statutory_range": "diff.statutory", "reachable_range": "diff.reachable"}


class Outcome(NamedTuple):
    value: Any
    because: tuple[str, ...]


#: What an entry without the outcome holds: no value, no reasons.
NONE = Outcome(None, ())


def _span(found: Mapping[str, Any] | None) -> dict[str, int] | None:
    """The bounds of a range that its words say (:func:`range_text`), nothing else."""
    if not found:
        return None
    return {k: int(found[k]) for k in ("min_months", "max_months", "exceptional_min_months")
            if found.get(k) is not None}


def _limitation_years(found: Mapping[str, Any]) -> int | None:
    if found.get("applies") is False:
        return 0
    return found.get("years") if found.get("applies") else None


def _in_canonical_order(names: Mapping[str, Any], order: tuple[str, ...] = ()) -> list[str]:
    """``names`` in ``order``, the rest by name: never in the order a mapping happens to hold
    (PostgreSQL's ``jsonb`` stores an object's keys in an order of its own)."""
    return sorted(names, key=lambda n: (order.index(n) if n in order else len(order), n))


def outcomes(entry: Mapping[str, Any]) -> dict[Key, Outcome]:
    """Every outcome of a variant entry by its key, with the reasons given for it. Parts an
    entry lacks (a result stored under an older schema) are left out, never guessed."""
    out: dict[Key, Outcome] = {}
    if "criminal_liability" in entry:
        out[("liability",)] = Outcome(entry["criminal_liability"], ())
    options = entry.get("options") or {}
    for name in _in_canonical_order(options, OPTIONS):  # a stored JSON may reorder its keys
        option = options[name] or {}
        because = tuple(option.get("because") or ())
        out[("option", name)] = Outcome(option.get("status"), because)
        if "grounds" in option:
            out[("option", name, "grounds")] = Outcome(tuple(option["grounds"]) or None, because)
    if "parole_after_fraction" in entry:
        out[("parole",)] = Outcome(_on_condition(entry["parole_after_fraction"],
                                                 entry.get("parole_condition")),
                                   tuple(entry.get("parole_because") or ()))
    limitation = entry.get("limitation") or {}
    if limitation:
        out[("limitation",)] = Outcome(_limitation_years(limitation),
                                       tuple(limitation.get("because") or ()))
    sentence = entry.get("sentence") or {}
    for name in _in_canonical_order(sentence.get("rules") or {}):  # the dates the law sets
        out[("sentence", name)] = Outcome(_on_condition(sentence.get(name),
                                                        date_condition(sentence, name)),
                                          tuple(sentence.get("because") or ()))
    for q in entry.get("qualifications") or []:
        where = (citation(q), int(q.get("episode") or 0))
        ranges = tuple(q.get("range_because") or ())
        out[("qualification", *where, "status")] = Outcome(q.get("status"),
                                                            tuple(q.get("because") or ()))
        out[("qualification", *where, "class")] = Outcome(
            q.get("gravity") if q.get("status") != "excluded" else None, ranges)
        for field in RANGES:
            out[("qualification", *where, field)] = Outcome(_span(q.get(field)), ranges)
    return out


def _on_condition(value: Any, condition: str | None) -> Any:
    """A share or date with the condition it holds on, ``(value, condition)``, so that a
    variant that adds or lifts the condition differs; the value alone where there is none."""
    return (value, condition) if condition else value


def citation(q: Mapping[str, Any]) -> str:
    """A qualification's article and part, ``172`` or ``164(2)`` (from ``article`` and ``part``
    where a stored result has no ``citation``)."""
    return q.get("citation") or (
        f"{q.get('article')}" + (f"({q.get('part')})" if q.get("part") else ""))


def in_order(keys: list[Key]) -> list[Key]:
    """``keys`` by :data:`KINDS`, each kind in the order given."""
    return sorted(keys, key=lambda k: KINDS.index(str(k[0])))


def outcome_name(key: Key, lang: str) -> str:
    """The reader's name for an outcome: ``art. 172 (episode 2): class``, ``parole after``."""
    kind = key[0]
    if kind == "qualification":
        cited, episode, field = key[1:]
        where = cite(cited, lang) + (
            f" ({say('diff.episode', lang, n=int(episode) + 1)})" if episode else "")
        return say(_FIELD_NAMES[str(field)], lang, article=where)
    if kind == "option":
        option = label("option", str(key[1]), lang)
        return say("diff.grounds", lang, option=option) if len(key) > 2 else option
    if kind == "sentence":
        return say(f"sentence_label.{key[1]}", lang)
    if kind == "limitation":
        return say("report.limitation", lang)
    return say(f"diff.{kind}", lang)  # liability, parole


def coded(key: Key) -> str | None:
    """The glossary group an outcome's value is a code of (a status, a class of crime), or
    None where the value is a number, a range, a date or a list."""
    if key[0] == "qualification":
        return {"status": "qualification", "class": "gravity"}.get(str(key[3]))
    if key[0] == "option":
        return "option_status" if len(key) == 2 else None
    return "qualification" if key[0] == "liability" else None


def outcome_text(key: Key, value: Any, lang: str) -> str | None:
    """An outcome's value (as :func:`outcomes` gives it) in the reader's words; None stays
    None: the outcome does not exist there."""
    if value is None:
        return None
    group = coded(key)
    if group:
        return label(group, str(value), lang) if has(group, str(value)) else str(value)
    if key[0] == "qualification":
        return range_text(value, lang)
    if key[0] == "option":
        return ", ".join(value)
    if key[0] == "limitation":
        if not value:
            return say("sentence_label.not_set", lang)  # none applies
        return duration(round(float(value) * 12), lang)
    if isinstance(value, tuple):  # a share or date on a condition (72(1) ¶3, 73(2))
        return on_condition(outcome_text(key, value[0], lang) or "", value[1], lang)
    if key[0] == "sentence":
        return sentence_value(str(key[1]), value, lang)
    return str(value)
