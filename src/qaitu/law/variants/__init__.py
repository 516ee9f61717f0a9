"""Amendment variants: the law as a proposal would change it, as OpenFisca reforms.

A variant is a YAML file (shipped ones live beside this module; the format is in
``docs/variants.md``): metadata, the draft wording, the jurisdictions behind it, and one or more
*provisions*, each a set of parameter changes. Structural provisions are rules in
``qaitu.law.variables.amendments`` switched on by an ``in_effect`` parameter. ``current`` is the
law as in force. Changes apply from 2015-01-01 unless a change gives ``from``: a variant is
read "as if in force at the act" unless its author dates it.

``variant[provision]`` (e.g. ``amantayuly-2026[differentiated_assessment]``) is the variant
with only that provision in force, so the effect of each design option can be run on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from openfisca_core.reforms import Reform
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from qaitu.law.system import current_law, parameters_under
from qaitu.located import Date, InputError, Problem, keyed_problems, load_yaml, read_input

SHIPPED = Path(__file__).parent
Text = dict[Literal["en", "ru", "kk"], str]
#: The longest short title: it heads a column beside current law.
SHORT_TITLE_MAX = 40
ShortText = dict[Literal["en", "ru", "kk"],
                 Annotated[str, Field(min_length=1, max_length=SHORT_TITLE_MAX)]]
#: Current law's names, as a variant's metadata gives them.
CURRENT_TITLE = {"en": "Current law", "ru": "Действующий закон", "kk": "Қолданыстағы заң"}
CURRENT_SHORT_TITLE = {"en": "current law", "ru": "действующий закон", "kk": "қолданыстағы заң"}


class VariantError(InputError):
    """A variant that cannot be loaded; ``problems`` say what and where."""


def _problem(source: str, path: str, line: int | None, key: str, **values: Any) -> Problem:
    """A problem named by its sentence ``input.<key>`` and the values filling it, no words:
    the sentences sit above the law (:func:`qaitu.assessment.casefile.problem_text` says it)."""
    return Problem(source, path, line, "", key, values)


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: bool | int | float | str | list[str]
    from_: Date = Field(default=dt.date(2015, 1, 1), alias="from")


def _change(value: Any) -> Any:
    return value if isinstance(value, dict) else {"value": value}


class Provision(BaseModel):
    """One provision of a variant: what it amends and the parameters it sets."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    article: str
    title: Text
    #: This provision's own draft wording, where the variant amends several elements (each
    #: part its own words); without it the provision is worded by the variant's ``text``.
    text: Text = Field(default_factory=dict)
    parameters: dict[str, Annotated[Change, Field()]]

    @field_validator("parameters", mode="before")
    @classmethod
    def _values(cls, v: Any) -> Any:
        return {k: _change(x) for k, x in v.items()} if isinstance(v, dict) else v


class VariantFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Text
    #: The variant's name in a few words, for a column beside current law; where a language
    #: has none, :func:`variant_name` falls back to the title.
    short_title: ShortText = Field(default_factory=dict)
    author: str | Text  # a plain string is the same in every language
    date: Date
    status: Literal["proposal", "draft", "enacted"]
    summary: Text
    text: Text = Field(default_factory=dict)
    jurisdictions: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(
        default_factory=list)
    provisions: list[Provision] = Field(min_length=1)


class Variant:
    """A loaded variant: its file, its rulebook, and one rulebook per provision alone."""

    def __init__(self, name: str, system: TaxBenefitSystem, spec: VariantFile | None):
        self.name = name
        self.system = system
        self.spec = spec

    def meta(self) -> dict[str, Any]:
        if self.spec is None:
            return {"name": "current", "title": dict(CURRENT_TITLE),
                    "short_title": dict(CURRENT_SHORT_TITLE), "status": "enacted"}
        s = self.spec
        return {"name": self.name, "title": s.title, "short_title": s.short_title,
                "status": s.status, "date": s.date.isoformat(),
                # qaitu.assessment/1 keeps the author one string: the file's English
                "author": s.author if isinstance(s.author, str) else s.author.get("en", ""),
                "summary": s.summary, "jurisdictions": s.jurisdictions,
                "provisions": [{"id": p.id, "article": p.article, "title": p.title}
                               for p in s.provisions]}

    def first_day(self) -> dt.date | None:
        """The earliest day any change of the variant is dated from (None for current law);
        2015-01-01 for an undated variant, read as in force at the act."""
        days = [c.from_ for p in self.provisions for c in p.parameters.values()]
        return min(days) if days else None

    @property
    def provisions(self) -> list[Provision]:
        return self.spec.provisions if self.spec else []

    def provision_system(self, provision_id: str) -> TaxBenefitSystem:
        """The rulebook with only this provision of the variant in force (for attribution)."""
        provision = next(p for p in self.provisions if p.id == provision_id)
        return _reform([provision], f"{self.name}:{provision_id}")


def variant_name(meta: Mapping[str, Any], lang: str, short: bool = False) -> str:
    """A variant as a reader of ``lang`` is shown it, from its metadata (:meth:`Variant.meta`,
    or a result's ``variant``): its title, or with ``short`` its short title (for a column
    beside current law). Where the file gives no short title in ``lang``, the title in
    ``lang``; where it gives no title in ``lang``, the English one; where none, the id (what
    ``--variant`` takes), the one name every variant has."""
    def text(key: str, *langs: str) -> str:
        value = meta.get(key)
        if not isinstance(value, Mapping):
            return str(value or "")
        return next((str(value[code]) for code in langs if value.get(code)), "")

    said = (text("short_title", lang) if short else "") or text("title", lang, "en")
    return said or str(meta.get("name", ""))


#: ``variant[provision]``: one provision of a variant alone.
_ALONE = re.compile(r"^(?P<variant>[^\[\]]+)\[(?P<provision>[^\[\]]*)\]$")


def provision_variants(name: str) -> list[str]:
    """The names of ``name``'s provisions each alone (``variant[provision]``)."""
    return [f"{name}[{p.id}]" for p in load_variant(name).provisions]


def split_provision(name: str) -> tuple[str, str | None]:
    """``("v", "p")`` for ``v[p]``, ``(name, None)`` for a whole variant."""
    m = _ALONE.match(name)
    return (m["variant"], m["provision"]) if m else (name, None)


def _alone(name: str, provision_id: str) -> Variant:
    """Variant ``name`` with only ``provision_id`` in force; titled by the provision."""
    whole = load_variant(name)
    ids = [p.id for p in whole.provisions]
    if whole.spec is None or provision_id not in ids:
        raise VariantError([_problem(
            f"{name}[{provision_id}]", "", None, "no_provision" if ids else "no_provisions",
            variant=name, provision=repr(provision_id), provisions=", ".join(ids))])
    provision = whole.provisions[ids.index(provision_id)]
    title = {lang: f"{text}: {provision.title.get(lang, provision_id)}"
             for lang, text in whole.spec.title.items()}
    short = {lang: f"{whole.spec.short_title[lang]}: {provision.title.get(lang, provision_id)}"
             for lang in whole.spec.short_title}
    spec = whole.spec.model_copy(update={"provisions": [provision], "title": title,
                                         "short_title": short})
    return Variant(f"{name}[{provision_id}]", whole.provision_system(provision_id), spec)


def shipped_names() -> list[str]:
    return ["current", *sorted(p.stem for p in SHIPPED.glob("*.yaml"))]


def _child(node: Any, path: str) -> Any:
    """The parameter at a dotted path, or None."""
    for part in path.split("."):
        node = getattr(node, "children", {}).get(part)
        if node is None:
            return None
    return node


def near_parameters(path: str, n: int = 3) -> list[str]:
    """The rulebook's parameters whose names come closest to ``path``, a name that is not one
    (``art_172.max_months`` → ``special_part.art_172.imprisonment_max_months``, …), so that a
    drafter is told what to write: those holding at least half of its telling words (not the
    words most names share, such as «special», «part», «art»), the most first, then the most
    alike as strings. None where no name holds them."""
    from difflib import SequenceMatcher

    leaves = [p.name for p in parameters_under(current_law().parameters)]
    parts = {leaf: set(re.split(r"[._]", leaf)) for leaf in leaves}
    rare = {w for w in set(re.split(r"[._]", path)) - {""}
            if sum(w in p for p in parts.values()) <= len(leaves) // 10}
    if not rare:
        return []
    scored = [(len(rare & parts[leaf]) / len(rare), SequenceMatcher(None, path, leaf).ratio(),
               leaf) for leaf in leaves]
    return [leaf for share, _, leaf in sorted(scored, reverse=True) if share >= 0.5][:n]


def _check(spec: VariantFile, source: str, lines: dict[tuple[str, ...], int]) -> None:
    """Every parameter a provision sets exists and gets a value of its type."""
    base = current_law().parameters
    problems = []
    for i, provision in enumerate(spec.provisions):
        for path, change in provision.parameters.items():
            loc = ("provisions", str(i), "parameters", path)
            param = _child(base, path)
            if param is None or not hasattr(param, "values_list"):
                near = near_parameters(path)
                problems.append(_problem(source, ".".join(loc), lines.get(loc),
                                         "no_parameter_near" if near else "no_parameter",
                                         parameter=repr(path), near=", ".join(near)))
                continue
            current = param.values_list[0].value
            if type(current) is not type(change.value) and not (
                    isinstance(current, float) and isinstance(change.value, int)):
                problems.append(_problem(source, ".".join(loc), lines.get(loc), "like_current",
                                         current=repr(current), got=repr(change.value)))
    if problems:
        raise VariantError(problems)


#: The first day of the 2014 Code (art. 467(1)); no version of a provision starts before it.
CODE_IN_FORCE = dt.date(2015, 1, 1)
#: Art. 11(2)-(4): the ceilings of the classes of crime, which must rise with the class.
GRAVITY_CEILINGS = ("minor_max_months", "medium_max_months", "grave_max_months")


def _versions_from(*params: Any) -> list[str]:
    """Every day a version of any of ``params`` starts, from the Code's first day."""
    return sorted({v.instant_str for p in params for v in p.values_list
                   if v.instant_str >= CODE_IN_FORCE.isoformat()} | {CODE_IN_FORCE.isoformat()})


def _in_order(params: list[tuple[str, Any]]) -> dict[str, Any] | None:
    """Why the values of ``params`` (path, parameter) do not rise in the given order on some
    day (the day, the lower and the higher parameter and their values), or None where they
    always do (a value left empty, as "none", is not compared)."""
    for day in _versions_from(*(p for _, p in params)):
        values = [(path, p(day)) for path, p in params]
        known = [(path, v) for path, v in values if isinstance(v, int | float)]
        for (lo_path, lo), (hi_path, hi) in zip(known, known[1:], strict=False):
            if lo > hi:
                return {"date": day, "low": lo_path, "low_value": lo, "high": hi_path,
                        "high_value": hi}
    return None


def _check_invariants(spec: VariantFile, system: TaxBenefitSystem, source: str,
                      lines: dict[tuple[str, ...], int]) -> None:
    """The variant as a whole keeps the law's invariants: no version before the Code's first
    day; every minimum at most its maximum (a sanction's imprisonment_min/max_months, and any
    other min/max pair) on every day either changes; the ceilings of art. 11 rising with the
    class. Each problem is reported at the change that breaks it."""
    params = system.parameters
    problems = []
    for i, provision in enumerate(spec.provisions):
        for path, change in provision.parameters.items():
            loc = ("provisions", str(i), "parameters", path)
            where = ".".join(loc)
            if change.from_ < CODE_IN_FORCE:
                problems.append(_problem(source, where, lines.get(loc), "change_before_code",
                                         date=change.from_.isoformat(),
                                         in_force=CODE_IN_FORCE.isoformat()))
            head, _, leaf = path.rpartition(".")
            if "min" in leaf.split("_") or "max" in leaf.split("_"):
                words = leaf.split("_")
                partner = "_".join({"min": "max", "max": "min"}.get(w, w) for w in words)
                low, high = (leaf, partner) if "min" in words else (partner, leaf)
                pair = [(f"{head}.{k}", _child(params, f"{head}.{k}")) for k in (low, high)]
                if all(hasattr(p, "values_list") for _, p in pair):
                    why = _in_order(pair)
                    if why:
                        problems.append(_problem(source, where, lines.get(loc),
                                                 "min_exceeds_max", **why))
            if head == "general_part.art_011_gravity" and leaf in GRAVITY_CEILINGS:
                why = _in_order([(f"{head}.{k}", _child(params, f"{head}.{k}"))
                                 for k in GRAVITY_CEILINGS])
                if why:
                    problems.append(_problem(source, where, lines.get(loc), "ceilings_rise",
                                             **why))
    if problems:
        raise VariantError(problems)


def _reform(provisions: Sequence[Provision], name: str) -> TaxBenefitSystem:
    changes = [(path, c) for p in provisions for path, c in p.parameters.items()]

    def modify(parameters: Any) -> Any:
        for path, change in changes:
            _child(parameters, path).update(start=change.from_.isoformat(), value=change.value)
        return parameters

    class VariantReform(Reform):  # type: ignore[misc]
        def apply(self) -> None:
            self.modify_parameters(modifier_function=modify)

    VariantReform.name = name
    return VariantReform(current_law())


def parse_variant(text: str, source: str) -> Variant:
    """A variant from YAML text; raises :class:`VariantError` with located problems."""
    try:
        data, lines = load_yaml(text, source)
    except InputError as exc:
        raise VariantError(exc.problems) from None
    if not isinstance(data, dict):
        raise VariantError([_problem(source, "", 1, "variant_not_a_mapping")])
    try:
        spec = VariantFile.model_validate(data)
    except ValidationError as exc:
        raise VariantError(keyed_problems(exc, source, lines, data, case_file=False)) from None
    _check(spec, source, lines)
    system = _reform(spec.provisions, spec.name)
    _check_invariants(spec, system, source, lines)
    return Variant(spec.name, system, spec)


@lru_cache(maxsize=32)
def load_variant(name_or_path: str) -> Variant:
    """``current``, a shipped variant's name, or a path to a variant YAML file."""
    if name_or_path == "current":
        return Variant("current", current_law(), None)
    whole, provision = split_provision(name_or_path)
    if provision is not None:
        return _alone(whole, provision)
    path = Path(name_or_path)
    if not path.suffix:
        path = SHIPPED / f"{name_or_path}.yaml"
    if not path.is_file():
        raise VariantError([_problem(name_or_path, "", None, "no_such_variant",
                                     shipped=", ".join(shipped_names()))])
    try:
        text = read_input(path)
    except InputError as exc:
        raise VariantError(exc.problems) from None
    return parse_variant(text, str(path))
