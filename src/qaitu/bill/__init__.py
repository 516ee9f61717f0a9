"""The bill pack: the documents a bill amending the Criminal Code is tabled with.

For a variant (``qaitu.law.variants``) and a cohort scenario (``qaitu.simulation``) it builds,
in Russian or Kazakh:

* the draft law «О внесении изменений и дополнений в Уголовный кодекс Республики Казахстан»:
  article 1 lists one amendment per provision of the variant, worded from the variant's draft
  text; article 2 is the entry into force (the ten-day formula, or the variant's first date);
* the comparative table: structural element | current wording (the Code's text as stored in
  ``qaitu.law.statute`` with its redaction) | proposed wording | justification;
* the explanatory note: purpose, the problem in figures (the scenarios' registered cases with
  their sources), international practice (``qaitu.comparative``), the expected effects and the
  financial-economic justification, every figure read from the projection's tables
  (:func:`qaitu.simulation.tables.totals`) and every unit cost with its source or the word
  "assumption".

Legal basis. The pack follows the Law of 6 April 2016 No. 480-V «О правовых актах», read in
quyse/kz-laws ``rus/100890.md`` (commit 0ae36ee, the redaction with the amendments of 24 May
2018): the explanatory note and the comparative table accompany a draft amending a legislative
act (art. 18(8)); the financial-economic justification, since the draft changes state spending
(art. 21(1)); no preamble in an amending law and a note as a structural element (art. 23(6),
(8)); the title begins with «изменений» (art. 26(1)); an amended element is set out in its new
wording (art. 26(6)); entry into force ten calendar days after the first official publication
(art. 42(3)(1)). It does not give the Code's official publications in brackets (art. 26(2)).
Of the Government's rules of law-making work (decree of 29 December 2016 No. 907) only the
opening was found: point 1 puts in their scope the drafts of the Government's own legislative
initiative; their requirements for the documents were not read, and the pack is not checked
against them. :data:`BASIS` carries
this into each document's metadata; ``regulations`` in ``labels.yaml`` says it in the pack's
language. The amendment and entry-into-force formulas follow the amending Law of 22 December
2016 No. 28-VI, which amended art. 172 itself (quyse/kz-laws ``rus/108408.md``, quoted in the
art. 172 parameter file).

The view model is plain data; :mod:`qaitu.bill.render` lays it out as HTML, PDF or DOCX.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml

from qaitu.assessment.casefile import KeyedError
from qaitu.assessment.explain import number
from qaitu.assessment.findings import citation, enum_label
from qaitu.law import rulebook
from qaitu.law.statute import MissingText, article_text, new_parts, part_key, part_text
from qaitu.law.statute import parts as statute_parts
from qaitu.law.statute import source as statute_source
from qaitu.law.variants import Provision, Variant, load_variant
from qaitu.law.written_days import day_text, partial_day_text
from qaitu.simulation.uncertain import said

Lang = Literal["ru", "kk"]
#: The languages the figures (:func:`effects`, :func:`finance`) are said in: the pack's, and
#: English for the lab's English pages.
Reader = Literal["ru", "kk", "en"]

#: What the pack follows, for each document's metadata (see the module's docstring).
BASIS = ("Law 480-V (kz-laws rus/100890.md @0ae36ee, to 24.05.2018): art. 18(8), 21(1), "
         "23(6), 23(8), 26(1), 26(6), 42(3)(1); not 26(2). Decree 907: opening only (point 1: "
         "Government bills), requirements not read")
LANGS: tuple[Lang, ...] = ("ru", "kk")
LABELS = Path(__file__).parent / "labels.yaml"
DEFAULT_SCENARIO = "deputy-141"
#: The scenario whose registered cases for the latest year conflict with the default's.
COURT_STATISTICS = "court-stats-709"
#: Sums over the projection the note reports: (label key, metric in ``totals``).
EFFECTS = (("m_affected", "flow.affected"), ("m_prison", "years.prison"),
           ("m_probation", "years.probation"), ("m_rehab", "years.rehabilitation"),
           ("m_pretrial", "years.pretrial_custody"))
COSTS = (("m_cost", "cost.total"), ("m_cost_marginal", "cost.total_marginal"),
         ("m_cost_discounted", "cost.total_discounted"))
UNIT_COSTS = ("prison_per_day", "prison_marginal_per_day", "pretrial_per_day",
              "probation_per_year", "rehabilitation_per_year", "discount_rate")
_URL = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:kz|org|com|ru|net|info|media|ua|uk|gov)"
                  r"(?:/[^\s;,)\"]*)?", re.I)


class BillError(KeyedError):
    """A pack that cannot be made (current law, no draft wording, an article without stored
    text): the sentence ``input.bill_*`` of ``reasons.yaml`` with its values."""


@cache
def _labels_file() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    return data


def labels(lang: Reader) -> dict[str, str]:
    words: dict[str, str] = _labels_file()[lang]
    return words


def part_words(lang: Lang) -> dict[int, tuple[str, ...]]:
    """A part's number in words, parts 1 to 20, as ``labels.yaml`` gives them (its source
    there): in Russian ``(nominative, instrumental, accusative)``, ``{3: ("третья", "третьей",
    "третью")}``; in Kazakh one word, whose ordinal does not change («үшінші бөлікпен»),
    ``{3: ("үшінші",)}``."""
    data: dict[int, str | list[str]] = {1: _labels_file()["part_one"][lang],
                                        **_labels_file()["part_words"][lang]}
    return {n: (w,) if isinstance(w, str) else tuple(w) for n, w in data.items()}


def say(lang: Reader, key: str, **values: Any) -> str:
    return labels(lang)[key].format(**values)


def urls(text: str | None) -> list[str]:
    """The web addresses named in a free-text source (scenario files cite sources in prose)."""
    return [u.rstrip(".") for u in _URL.findall(text or "")]


def band(mid: float, lo: float, hi: float, lang: Reader, scale: float = 1.0,
         digits: int = 0) -> str:
    sep = " … " if min(lo, hi) < 0 else "–"  # a dash between negative numbers misreads
    return (f"{number(mid / scale, lang, digits)} "
            f"({number(lo / scale, lang, digits)}{sep}{number(hi / scale, lang, digits)})")


# --- what each provision amends ------------------------------------------------------------

def amended_article(provision: Provision) -> str:
    """The article number a provision amends: ``172`` from ``172 (proposed note)``."""
    match = re.match(r"\s*(\d+(?:-\d+)?)", provision.article)
    if not match:
        raise BillError("bill_no_article", provision=provision.id,
                        article=repr(provision.article))
    return match.group(1)


Operation = Literal["note", "part", "changed", "wording"]
#: An existing part of an article, as the law's citations write it: «170(3)», «170(3-1)».
_CHANGED_PART = re.compile(r"\s*(?P<article>\d+(?:-\d+)?)\((?P<part>\d+(?:-\d+)?)\)\s*")


def operation(provision: Provision) -> Operation:
    """How the provision changes the article: a new note, a new part, a new wording of one
    of its parts («170(3)»), or a new wording of the whole article."""
    where = provision.article.lower()
    if "note" in where:
        return "note"
    if "part" in where:
        return "part"
    if _CHANGED_PART.fullmatch(where):
        return "changed"
    return "wording"


def part_of(provision: Provision) -> str:
    """The number of the part a provision adds or sets out anew («2», «3-1»); a part named
    without a number is refused (:class:`BillError` ``bill_part_number``)."""
    from qaitu.assessment.explain import PROPOSED_PART

    match = (PROPOSED_PART.fullmatch(provision.article.strip())
             or _CHANGED_PART.fullmatch(provision.article))
    if match is None:
        words = part_words("ru")
        raise BillError("bill_part_number", provision=provision.id,
                        article=repr(provision.article), low=FIRST_NEW_PART, high=max(words))
    return match["part"]


#: A new part follows the article's text, its part one: the first number a new part takes.
FIRST_NEW_PART = 2


def part_names(part: str, lang: Lang) -> dict[str, str]:
    """The words for a part's number that fill ``op_part``, ``el_part``, ``absent_part``,
    ``op_changed`` and ``el_changed`` of ``labels.yaml``. Law 28-VI names a part by its
    number in words, and an inserted part by its digits: «дополнить частью третьей» / «часть
    первую … изложить» / «дополнить частью 11-1»; «мынадай мазмұндағы үшінші бөлікпен» /
    «бірінші бөлігі мынадай редакцияда» / «мынадай мазмұндағы 11-1-бөлікпен» (art. 1(4)(14),
    1(1)(1) and 1(2)(2)). Russian: ``nom``, ``ins``, ``acc`` are the number's word (``Nom``
    capitalised); Kazakh, whose ordinal does not change, gives the part with its noun:
    ``nom`` «үшінші бөлік», ``poss`` «үшінші бөлігі», ``ins`` «үшінші бөлікпен»."""
    inserted = "-" in part
    if lang == "ru":
        nom, ins, acc = (part, part, part) if inserted else part_words("ru")[int(part)]
        out = {"nom": nom, "ins": ins, "acc": acc, "poss": nom}
    else:
        word = f"{part}-" if inserted else part_words("kk")[int(part)][0] + " "
        out = {"nom": f"{word}бөлік", "poss": f"{word}бөлігі", "ins": f"{word}бөлікпен"}
        out["acc"] = out["nom"]
    out["Nom"] = out["nom"][:1].upper() + out["nom"][1:]
    return out


def new_part(provision: Provision, lang: Lang) -> dict[str, str]:
    """The words for the number of the new part a provision adds (``172 (proposed part 3)``,
    ``170 (proposed part 3-1)``): see :func:`part_names`; a part named without a number, or
    with one that has no word in :func:`part_words` (parts 2 to 20), is refused
    (:class:`BillError` ``bill_part_number``)."""
    part = part_of(provision)
    words = part_words(lang)
    if "-" not in part and not FIRST_NEW_PART <= int(part) <= max(words):
        raise BillError("bill_part_number", provision=provision.id,
                        article=repr(provision.article), low=FIRST_NEW_PART, high=max(words))
    return part_names(part, lang)


def replaced_whole(variant: Variant) -> list[str]:
    """The articles the variant sets out in a new wording as a whole («изложить в следующей
    редакции», art. 26(6) of Law 480-V): the format names no narrower element than the
    article for such a provision, so its draft wording replaces everything after the
    article's heading, disposition and sanction alike."""
    return list(dict.fromkeys(amended_article(p) for p in variant.provisions
                              if operation(p) == "wording"))


def drafter_notes(variant: Variant, lang: Reader) -> list[str]:
    """What the drafter must know before tabling: for each article replaced as a whole, that
    a wording giving only a new sanction would drop the article's disposition (shown in the
    pack, by ``qaitu bill`` and on the lab's page of the variant)."""
    return [say(lang, "whole_article", a=a) for a in replaced_whole(variant)]


@dataclass
class Amendment:
    element: str
    operation: str
    article: str
    current: str
    proposed: str
    why: str
    #: The operation said inside «в статье N:» / «N-бапта:», where one article is amended in
    #: several elements (``sub_*`` of ``labels.yaml``); empty for a whole article.
    sub_operation: str = ""


def paragraphs(text: str) -> str:
    """A draft wording's paragraphs, each on one line, one blank line between them (as the
    Code sets a disposition and its sanction apart); a line break inside a paragraph is a
    space."""
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())


def _wording(variant: Variant, provision: Provision, lang: Lang) -> str:
    """The provision's own draft wording in ``lang``, or else the variant's."""
    assert variant.spec is not None
    text = provision.text.get(lang) or variant.spec.text.get(lang)
    if not text:
        raise BillError("bill_no_wording", variant=variant.name, code=lang,
                        language=enum_label("in_language", lang))
    return paragraphs(text)


def _order(provision: Provision) -> tuple[Any, ...]:
    """The Code's order of what provisions amend: by article, within one the whole article,
    then its parts by number (a new part among the others), then its note."""
    article = amended_article(provision)
    op = operation(provision)
    rank = {"wording": 0, "changed": 1, "part": 1, "note": 2}[op]
    part = part_key(part_of(provision)) if op in ("part", "changed") else ()
    return (part_key(article), rank, part)


def in_code_order(variant: Variant) -> list[Provision]:
    """The variant's provisions in the Code's order (:func:`_order`), checked: a part to be
    set out anew exists in the Code's text (``bill_no_part``); a new part takes a number
    that is free and leaves no gap (``bill_part_not_free``, with the numbers it may take:
    :func:`qaitu.law.statute.new_parts`); no element is amended twice, nor an article
    replaced as a whole and amended in one of its elements besides (``bill_twice``)."""
    ordered = sorted(variant.provisions, key=_order)
    added: dict[str, tuple[str, ...]] = {}
    seen: dict[str, dict[str, str]] = {}  # article -> element -> the provision amending it
    for p in ordered:
        article, op = amended_article(p), operation(p)
        if op == "part":
            new_part(p, "ru")  # a number the bill can say, before where it goes
        part = part_of(p) if op in ("part", "changed") else ""
        mine = seen.setdefault(article, {})
        # the same element twice, or the whole article and one of its elements (a new part
        # with a number the Code has is refused below, by new_parts)
        clash = mine.get(f"{op}{part}") or mine.get("wording") or (
            next(iter(mine.values()), None) if op == "wording" else None)
        if clash:
            raise BillError("bill_twice", provision=p.id, other=clash, article=repr(p.article))
        mine[f"{op}{part}"] = p.id
        if op not in ("part", "changed"):
            continue
        with _stored_text():
            have = statute_parts(article)
            free = new_parts(article, added.get(article, ()))
        listed = ", ".join(have) if have else "—"
        if op == "changed" and part not in have:
            raise BillError("bill_no_part", provision=p.id, article=repr(p.article),
                            where=citation(f"{article}({part})"), parts=listed)
        if op == "part" and part not in free:
            raise BillError("bill_part_not_free", provision=p.id, article=repr(p.article),
                            a=citation(article), part=part, parts=listed, free=", ".join(free))
        if op == "part":
            added[article] = (*added.get(article, ()), part)
    return ordered


def _numbered(provision: Provision, wording: str, lang: Lang) -> None:
    """A part's wording begins with its number, as the Code's parts do («2. …»)."""
    part = part_of(provision)
    if not wording.startswith(f"{part}. "):
        raise BillError("bill_part_wording", provision=provision.id, part=part, code=lang,
                        language=enum_label("in_language", lang),
                        begins=" ".join(wording.split()[:4]))


def check(variant: Variant) -> None:
    """What the pack would refuse of the variant's elements, said before any projection (the
    lab's draft form): :func:`in_code_order`, and the wording of each part in each language
    the variant words it in (:func:`_numbered`)."""
    for p in in_code_order(variant):
        if operation(p) not in ("part", "changed"):
            continue
        for lang in LANGS:
            text = p.text.get(lang) or (variant.spec.text.get(lang) if variant.spec else "")
            if text:
                _numbered(p, paragraphs(text), lang)


@contextmanager
def _stored_text() -> Iterator[None]:
    """Reading the Code's text inside: an article whose text is not stored is refused as
    ``bill_no_text``, naming it, the language and the articles that are stored."""
    try:
        yield
    except MissingText as exc:
        raise BillError("bill_no_text", article=exc.article,
                        language=enum_label("in_language", exc.lang),
                        stored=", ".join(exc.stored)) from None


def unnumbered(article: str) -> bool:
    """The article's present text is one part without a number (art. 172): a new part
    then sets the whole article out anew (:func:`restated`)."""
    with _stored_text():
        return not statute_parts(article)


def restated(article: str, additions: list[str], lang: Lang) -> str:
    """The new wording of an article whose present text has no parts and to which a variant
    adds parts (and a note): its heading, its present text numbered as part one («1. …»),
    then the wordings added, in the Code's order.

    Law 480-V «О правовых актах» (quyse/kz-laws rus/100890.md): a code's articles «как
    правило, подразделяются на части …, которые нумеруются арабскими цифрами» (art. 23(3)); a
    new element takes the number after the last one of its kind (art. 26(7)); and «При
    внесении изменений и (или) дополнений в структурный элемент нормативного правового акта
    такой структурный элемент излагается в новой редакции» (art. 26(6)). A part two beside
    an unnumbered text would leave the Code with a «2.» and no «1.»; numbering the present
    text changes the article itself, so the article is the element amended and is set out in
    its new wording: «статью 172 изложить в следующей редакции» / «172-бап мынадай
    редакцияда жазылсын», as Law 28-VI sets out whole articles with their numbered parts
    («статьи 436 и 484 изложить в следующей редакции», art. 1(4)(6), quyse/kz-laws
    rus/108408.md). The stored sources hold no law amending the Criminal Code that added a
    part to an article without parts, so this is Qaitu's reading of art. 26(6) (M; docs/bill.md).
    """
    heading, _, body = article_text(article, lang).partition("\n\n")
    return "\n\n".join([heading, f"1. {body.strip()}", *additions])


def amendments(variant: Variant, lang: Lang) -> list[Amendment]:
    """One row per provision, in the Code's order: the element, the Code's current text (of
    the part set out anew, or of the whole article), the proposed wording. The wording of a
    part begins with its number, as the Code's parts do («2. …»), or is refused
    (``bill_part_wording``). The parts (and note) a variant adds to an article whose present
    text has no parts make one row, the article set out anew (:func:`restated`)."""
    assert variant.spec is not None
    out: list[Amendment] = []
    whole: dict[str, tuple[Amendment, list[str], list[str]]] = {}
    for p in in_code_order(variant):
        article = amended_article(p)
        op = operation(p)
        with _stored_text():
            current = article_text(article, lang)
        proposed = _wording(variant, p, lang)
        if op in ("part", "note") and (article in whole or (op == "part" and unnumbered(article))):
            if op == "part":
                _numbered(p, proposed, lang)
            title = p.title.get(lang) or ""
            row, added, whys = whole.get(article) or (Amendment(
                element=say(lang, "el_article", a=article),
                operation=say(lang, "op_wording", a=article), article=article,
                current=current, proposed="", why=""), [], [])
            if article not in whole:
                whole[article] = (row, added, whys)
                out.append(row)
            added.append(proposed)
            whys.append(f"{title[:1].upper()}{title[1:]}.")
            row.proposed = restated(article, added, lang)
            summary = " ".join((variant.spec.summary.get(lang) or "").split())
            row.why = " ".join([*whys, summary]).strip()
            continue
        part = new_part(p, lang) if op == "part" else (
            part_names(part_of(p), lang) if op == "changed" else {})
        if op in ("part", "changed"):
            _numbered(p, proposed, lang)
        if op == "wording":
            heading = current.split("\n", 1)[0]
            proposed = f"{heading}\n\n{proposed}"
        elif op == "changed":
            current = part_text(article, part_of(p), lang)
        else:
            current += "\n\n" + say(lang, f"absent_{op}", **part)
        title = p.title.get(lang) or ""
        summary = " ".join((variant.spec.summary.get(lang) or "").split())
        out.append(Amendment(
            element=say(lang, f"el_{'article' if op == 'wording' else op}", a=article, **part),
            operation=say(lang, f"op_{op}", a=article, **part), article=article, current=current,
            proposed=proposed, why=f"{title[:1].upper()}{title[1:]}. {summary}".strip(),
            sub_operation="" if op == "wording" else say(lang, f"sub_{op}", **part)))
    return out


def law_items(rows: list[Amendment], lang: Lang) -> list[dict[str, Any]]:
    """Article 1's numbered items: one per amended element, and one per article amended in
    several elements, its elements below it («в статье 170: часть третью изложить …;
    дополнить частью 3-1 …» / «170-бапта: …»), as Law 28-VI amends art. 191 of the Code of
    Criminal Procedure (art. 1(2)(2)). Each quoted wording ends «…»; the last «…».; ``rows``
    are in the Code's order (:func:`amendments`)."""
    items: list[dict[str, Any]] = []
    for i, a in enumerate(rows):
        quoted = {"text": a.proposed, "end": "." if i == len(rows) - 1 else ";"}
        several = sum(r.article == a.article for r in rows) > 1
        if not several:
            items.append({"op": a.operation, **quoted, "subs": []})
        elif items and items[-1].get("article") == a.article:
            items[-1]["subs"].append({"op": a.sub_operation, **quoted})
        else:
            items.append({"op": say(lang, "in_article", a=a.article), "text": "", "end": "",
                          "article": a.article,
                          "subs": [{"op": a.sub_operation, **quoted}]})
    return items


def entry_into_force(variant: Variant, lang: Lang) -> str:
    """The ten-day formula, unless the variant dates its changes (then from that day)."""
    first = variant.first_day()
    if first is None or first <= dt.date(2015, 1, 1):
        return say(lang, "in_force_days")
    return say(lang, "in_force_date", d=day_text(first, lang, in_full=True))


# --- figures from the projection -------------------------------------------------------------

@dataclass
class Figures:
    """The numbers the note reports, read from one projection run (never typed)."""

    scenario: str
    draws: int
    start_year: int
    end_year: int
    price_year: int
    discount_rate: float
    #: metric -> {"current": (p50, p5, p95), "variant": (...), "diff": (...)}
    totals: dict[str, dict[str, tuple[float, float, float]]]
    #: unit cost key -> {"central", "low", "high", "unit", "urls", "assumption"}
    unit_costs: dict[str, dict[str, Any]]
    rulebook_hash: str
    seed: int
    years: int = field(init=False)

    def __post_init__(self) -> None:
        self.years = self.end_year - self.start_year

    def to_json(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figures:
        data = {k: v for k, v in data.items() if k != "years"}
        data["totals"] = {m: {k: tuple(b) for k, b in row.items()}
                          for m, row in data["totals"].items()}
        return cls(**data)


def figures(result: Any, variant: str) -> Figures:
    """The note's figures for ``variant`` (against current law) from a simulation result;
    ``variant`` is as the run was given it (a shipped name or a file's path)."""
    from qaitu.simulation.tables import totals

    tot = totals(result)
    s = result.scenario
    out: dict[str, dict[str, tuple[float, float, float]]] = {}
    for _, metric in (*EFFECTS, *COSTS):
        row: dict[str, tuple[float, float, float]] = {}
        for who in ("current", variant):
            r = tot.filter((tot["variant"] == who) & (tot["metric"] == metric)).row(0, named=True)
            key = "current" if who == "current" else "variant"
            row[key] = (r["p50"], r["p5"], r["p95"])
            if who == variant:
                row["diff"] = (r["diff_p50"], r["diff_p5"], r["diff_p95"])
        out[metric] = row
    units = {}
    for key in UNIT_COSTS:
        q = getattr(s.costs, key)
        lo, hi = q.support()
        units[key] = {"central": q.central(), "low": lo, "high": hi, "unit": said(q.unit, "en"),
                      "urls": urls(said(q.source, "en")),
                      "assumption": bool(q.assumption and not q.source)}
    return Figures(scenario=s.name, draws=s.simulation.draws, start_year=result.timeline.start_year,
                   end_year=result.timeline.end_year, price_year=s.costs.price_year,
                   discount_rate=s.costs.discount_rate.central(), totals=out, unit_costs=units,
                   rulebook_hash=rulebook()["hash"], seed=s.simulation.seed)


def project(variant: str, scenario: str = DEFAULT_SCENARIO, draws: int | None = None,
            pool_size: int | None = None, workers: int | None = None) -> Figures:
    """Run the scenario with current law and the variant, and read the note's figures."""
    from qaitu.simulation.run import run
    from qaitu.simulation.scenario_files import load_scenario, resolve

    s = load_scenario(scenario).with_settings(draws=draws, pool_size=pool_size,
                                              variants=["current", variant])
    result = run(s, str(resolve(scenario) or scenario), workers=workers)
    return figures(result, variant)  # the run keys the variant by the name or path given


# --- the three documents ----------------------------------------------------------------------

def _history(name: str) -> list[dict[str, Any]]:
    from qaitu.simulation.scenario_files import load_scenario

    return [{"year": h.year, "cases": h.cases, "urls": urls(said(h.source, "en")),
             "assumption": not h.source}
            for h in load_scenario(name).admissions.history]


def _scenario_label(name: str, lang: Lang) -> str:
    from qaitu.simulation.report import scenario_label

    return scenario_label(name, lang) or name


def problem(scenario: str, lang: Lang) -> dict[str, Any]:
    """Registered cases by year from the scenario, and the court statistics' conflicting
    count for the latest year when it differs (both with their sources)."""
    rows = [r for r in _history(scenario) if not r["assumption"]]
    conflict = None
    other = DEFAULT_SCENARIO if scenario == COURT_STATISTICS else COURT_STATISTICS
    theirs = {r["year"]: r for r in _history(other) if not r["assumption"]}
    for r in rows[-1:]:
        alt = theirs.get(r["year"])
        if alt and alt["cases"] != r["cases"]:
            conflict = {"row": alt, "text": say(lang, "problem_conflict", y=alt["year"],
                                                 n=alt["cases"],
                                                 s=_scenario_label(scenario, lang))}
    return {"rows": rows, "conflict": conflict}


def practice(variant: Variant, lang: Lang) -> dict[str, Any]:
    """The variant's jurisdictions, each with numbered references (``[1–3]``) to one list of
    their sources below the table: a dozen addresses in a table cell are unreadable."""
    from qaitu.comparative import by_code, table_rows
    from qaitu.comparative.display import unverified_text

    rows: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    numbered: dict[str, int] = {}
    for code in variant.spec.jurisdictions if variant.spec else []:
        j = by_code(code)
        refs = []
        for s in j.sources:
            if s.url not in numbered:
                numbered[s.url] = len(sources) + 1
                sources.append({"n": numbered[s.url], "site": site(s.url),
                                "date": partial_day_text(s.date, lang, in_full=True)
                                if s.date else "", "url": s.url})
            refs.append(numbered[s.url])
        rows.append({"name": j.name.get(lang), "penalty": table_rows(lang, [j])[0]["penalty"],
                     "summary": j.summary.get(lang), "refs": references(refs),
                     "unverified": unverified_text(j, lang)})
    return {"rows": rows, "sources": sources}


def site(url: str) -> str:
    """A source's short name: its host without ``www.``, ``m.`` or a final dot."""
    host = urlsplit(url).hostname or url
    return re.sub(r"^(?:www|m)\.", "", host).rstrip(".")


def references(numbers: list[int]) -> str:
    """``[1–3, 5]``: runs of consecutive numbers as ranges."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "[" + ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r))
                           for r in runs) + "]"


def effects(f: Figures, lang: Reader) -> list[dict[str, str]]:
    rows = []
    for key, metric in EFFECTS:
        t = f.totals[metric]
        scale = f.years if metric == "flow.affected" else 1.0
        digits = 1 if metric == "flow.affected" else 0
        rows.append({"label": say(lang, key), "metric": metric,
                     **{who: band(*t[who], lang, scale, digits)
                        for who in ("current", "variant", "diff")}})
    return rows


def finance(f: Figures, lang: Reader) -> dict[str, Any]:
    rate = number(f.discount_rate * 100, lang, 0) + "\u00a0%"
    rows = [{"label": say(lang, key, r=rate), "metric": metric,
             **{who: band(*f.totals[metric][who], lang, 1e9, 2)
                for who in ("current", "variant", "diff")}}
            for key, metric in COSTS]
    units = []
    for key in UNIT_COSTS:
        u = f.unit_costs[key]
        pct = key == "discount_rate"
        value = (number(u["central"] * 100, lang, 0) + "\u00a0%") if pct else number(
            u["central"], lang)
        spread = "—" if u["low"] == u["high"] else (
            f"{number(u['low'] * 100, lang)}–{number(u['high'] * 100, lang)}\u00a0%" if pct
            else f"{number(u['low'], lang)}–{number(u['high'], lang)}")
        units.append({"label": say(lang, f"u_{key}"), "value": value, "range": spread,
                      "source": say(lang, "assumption") if u["assumption"] or not u["urls"]
                      else "; ".join(u["urls"])})
    return {"intro": say(lang, "finance_intro", a=f.start_year, b=f.end_year - 1,
                         p=f.price_year), "rows": rows, "units": units}


def build(variant_name: str, f: Figures, lang: Lang) -> dict[str, Any]:
    """The pack's view model in ``lang``: the draft law, the table and the note."""
    v = load_variant(variant_name)
    if v.spec is None:
        raise BillError("bill_current")
    law_title = say(lang, "law_title")
    rows = amendments(v, lang)
    src = statute_source(lang)
    redaction = day_text(src["redaction"], lang, in_full=True)
    return {
        "lang": lang,
        "variant": v.name,
        "law": {"project": say(lang, "project"), "kind": say(lang, "law_kind"),
                "title": law_title,
                "notes": drafter_notes(v, lang),
                "articles": [
                    {"head": say(lang, "article", n=1), "intro": say(lang, "amend_intro"),
                     "items": law_items(rows, lang)},
                    {"head": say(lang, "article", n=2), "intro": entry_into_force(v, lang),
                     "items": []}],
                "president": say(lang, "president")},
        "table": {"title": say(lang, "table_title"),
                  "subtitle": say(lang, "table_subtitle", t=law_title),
                  "columns": [say(lang, k) for k in ("col_element", "col_current",
                                                     "col_proposed", "col_why")],
                  "rows": [a.__dict__ for a in rows],
                  "source": say(lang, "current_source", d=redaction),
                  "source_url": src["official"]},
        "note": {"title": say(lang, "note_title"),
                 "subtitle": say(lang, "note_subtitle", t=law_title),
                 "purpose": " ".join((v.spec.summary.get(lang) or "").split()),
                 "problem": problem(f.scenario, lang),
                 "practice": practice(v, lang),
                 "effects_intro": say(lang, "effects_intro", y=f.years, a=f.start_year,
                                      b=f.end_year - 1, d=f.draws,
                                      s=_scenario_label(f.scenario, lang)),
                 "effects": effects(f, lang),
                 "finance": finance(f, lang),
                 "regulations": say(lang, "regulations")},
        "labels": labels(lang),
        "meta": {"rulebook": f.rulebook_hash, "scenario": f.scenario, "draws": f.draws,
                 "seed": f.seed, "basis": BASIS},
    }
