"""Sentences a lawyer would write, from rule codes (``reasons.yaml``), in English, Russian and
Kazakh.

Every entry of ``reasons.yaml`` has ``en``, ``ru`` and ``kk`` texts. The Kazakh ones follow the
wording and the citation style of the Code's official Kazakh text: ``172-бап``, ``63-баптың
6-бөлігі``, ``3-баптың 15-тармағы``. An entry without a Kazakh text would fall back to Russian,
the other language of the Code's official text (and one without a Russian text to English).

A provision a sentence names is a value said by the one citation formatter (:func:`cite`, a
:class:`Citation`; in the findings a ``$cite`` record), never «ст.», "art." or «-бап» typed
before a placeholder: ``{article}`` reads ``art. 170(3)``, ``ч. 3 ст. 170``, ``170-баптың
3-бөлігі``, and a Kazakh template asks for the case it needs (``{article:gen} санкциясында``:
«170-баптың 3-бөлігінің санкциясында»). A date or term a Kazakh sentence declines says its
case (``{value:abl} бастап``, :func:`kk_case`): the Kazakh text has the date in words with its
ending («2031 жылғы 22 наурыздан бастап»), where English and Russian keep ISO dates for the
display to write (:func:`dates_text`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from string import Formatter
from typing import Any

import yaml

# A day as its reader writes it lives below the comparative data, which writes days too.
from qaitu.law.written_days import day_text as day_text
from qaitu.law.written_days import ru_form
from qaitu.located import os_error

LANGS = ("en", "ru", "kk")
#: The language to use where an entry lacks the requested one.
FALLBACK = {"kk": "ru", "ru": "en"}


@lru_cache(maxsize=2)
def _reasons(file: str = "reasons.yaml") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (Path(__file__).parent / file).read_text(encoding="utf-8"))
    return data


def text_language(lang: str) -> str:
    """The language reasons are written in for a requested language."""
    return lang


def _template(node: dict[str, Any], lang: str) -> tuple[str, str]:
    """The text of ``node`` in ``lang``, else in its fallbacks, else English; and its language."""
    seen = lang
    while seen:
        if node.get(seen):
            return str(node[seen]), seen
        seen = FALLBACK.get(seen, "")
    return str(node["en"]), "en"


# --- Kazakh case endings ------------------------------------------------------------------------

#: The case endings a Kazakh template asks for (``{value:abl} бастап``): ablative (-дан, with
#: «бастап», «кейін», «аспайтын»), dative (-ға, with «дейін»), locative (-да, a day something
#: happens on), the locative adjective (-дағы, «2017 жылғы 1 қаңтардағы редакциясы»), the
#: genitive (-дың, a citation that owns what follows: «63-баптың») and the accusative (-ды, a
#: citation a verb acts on: «172-бапты таңдай алады»).
KK_CASES = ("abl", "dat", "loc", "attr", "gen", "acc")
_KK_BACK, _KK_FRONT = set("аоұыяё"), set("әеөүіэ")
_KK_NASAL = set("мнң")
# б, в, г, д are devoiced at the end of a word, so they take the endings of the voiceless.
_KK_VOICELESS = set("кқпстфхцчшщбвгд")
_KK_ENDINGS = {  # case -> (after a nasal, after a voiceless sound, after anything else)
    "abl": ("нан", "тан", "дан"), "dat": ("ға", "қа", "ға"),
    "loc": ("да", "та", "да"), "attr": ("дағы", "тағы", "дағы"),
    "gen": ("ның", "тың", "дың"), "acc": ("ды", "ты", "ды")}
_KK_FRONTED = str.maketrans({"а": "е", "ғ": "г", "қ": "к", "ы": "і"})
_KK_UNITS = ("нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
_KK_TENS = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")


def _kk_number_word(n: int) -> str:
    """The last word of the number ``n`` read aloud, which decides its case ending
    (``2026`` is «...алты», ``10`` «он», ``300`` «жүз»)."""
    if n % 10 or n == 0:
        return _KK_UNITS[n % 10]
    if n % 100:
        return _KK_TENS[n % 100 // 10]
    for unit, word in ((1000, "жүз"), (10**6, "мың"), (10**9, "миллион")):
        if n % unit:
            return word
    return "миллиард"


def kk_ending(word: str, case: str) -> str:
    """The ending of ``case`` (:data:`KK_CASES`) for a Kazakh ``word`` by vowel harmony (its
    last back or front vowel) and its final sound: ``желтоқсан`` -> ``нан``, ``шілде`` ->
    ``ден``, ``қыркүйек`` -> ``тен``, ``наурыз`` -> ``ға``."""
    vowel = next((c for c in reversed(word.lower()) if c in _KK_BACK | _KK_FRONT), "а")
    last = word[-1].lower()
    nasal, voiceless, other = _KK_ENDINGS[case]
    after_vowel = last in _KK_BACK | _KK_FRONT | {"и"}
    after_nasal = last in _KK_NASAL or (case == "gen" and after_vowel)
    ending = nasal if after_nasal else voiceless if last in _KK_VOICELESS else other
    if case == "acc" and after_vowel:  # -ны after a vowel (-ды after м, н, ң)
        ending = "ны"
    return ending.translate(_KK_FRONTED) if vowel in _KK_FRONT else ending


_KK_LAST_WORD = re.compile(r"([^\W\d_]+|\d+)$")


def kk_case(text: Any, case: str) -> str:
    """``text`` in a Kazakh case: a date as :func:`day_text` writes it, with the ending on the
    month (``2026 жылғы 6 желтоқсаннан``); other words with the ending on the last word, after
    a hyphen if that is a number (``5-тен``). Text that ends in neither is left as it is."""
    if case not in KK_CASES:
        raise ValueError(f"Kazakh case: expected one of {', '.join(KK_CASES)}; got {case!r}")
    words = day_text(text, "kk")
    m = _KK_LAST_WORD.search(words)
    if m is None:
        return words
    last = m.group(1)
    if last.isdigit():
        return f"{words}-{kk_ending(_kk_number_word(int(last)), case)}"
    return words + kk_ending(last, case)


def _kk_words(value: Any) -> Any:
    """A value of a Kazakh template, which may put it in a case (``{value:abl}``): a citation
    says its case itself (:class:`Citation`), anything else through :class:`_KkWords`."""
    return value if isinstance(value, Citation | _Law) else _KkWords(value)


class _KkWords(str):
    """A value of a Kazakh template, which says which case it stands in: ``{value:abl}``."""

    value: Any

    def __new__(cls, value: Any) -> _KkWords:
        made = super().__new__(cls, value)
        made.value = value
        return made

    def __format__(self, spec: str) -> str:
        return kk_case(self.value, spec) if spec else format(self.value)


def law_citation(name: str) -> str:
    """A citation of the law by name, for a sentence that cites more than its own provision:
    a rule's (``mercenary`` -> ``3(15)``, its ``CITES``), one provision of it (``complicit.0``
    -> ``28``), an option's rule (``rule.conditional_sentence`` -> ``63(1)``), a parameter's
    reference (``param.general_part.art_072_parole.min_served_months`` -> ``72(5)``), a part
    Qaitu qualifies under (``art_170_4`` -> ``170(4)``) or its article (``art_170`` ->
    ``170``)."""
    from qaitu.law import variables  # the import registers every rule's citation in CITES
    from qaitu.law.articles import ARTICLES, article_number
    from qaitu.law.variables.authoring import CITES

    assert variables
    rule, _, which = name.partition(".")
    if rule == "rule":  # an option's rule (RULES): the citation of its default
        from qaitu.assessment.outputs import RULES

        return RULES[which].cite
    if rule == "param":
        found = parameter_citation(which)
        if found is None:
            raise KeyError(f"reasons.yaml: {{law[{name}]}} names no parameter with a reference")
        return found
    if rule in CITES:
        provisions = CITES[rule].split(", ")
        return provisions[int(which)] if which else CITES[rule]
    for article in ARTICLES:
        if name == article.name:
            return str(article.value)
        if name == f"art_{article_number(article)}":
            return article_number(article)
    raise KeyError(f"reasons.yaml: {{law[{name}]}} names no rule, part or article of the law")


@lru_cache(maxsize=64)
def parameter_citation(path: str) -> str | None:
    """The provision a parameter of the law in force rests on, from the reference of its latest
    value (``general_part.art_072_parole.min_served_months`` -> ``72(5)``); None where ``path``
    names no parameter or its value gives no article."""
    from openfisca_core.parameters import Parameter

    from qaitu.law.dated import reference_citation
    from qaitu.law.system import current_law

    node: Any = current_law().parameters
    for step in path.split("."):
        node = getattr(node, "children", {}).get(step)
    if not isinstance(node, Parameter) or not node.values_list:
        return None
    return reference_citation((node.values_list[0].metadata or {}).get("reference"))


class _Law:
    """``{law[name]}`` in a sentence: the citation :func:`law_citation` names, said in the
    reader's style (a :class:`Citation`, which a Kazakh template may put in a case). Several
    joined by ``+`` are cited as one list (``{law[cite+jurisdiction]}``: ``arts. 55(6) and
    46(3)``), ``cite`` among them being the sentence's own citation."""

    def __init__(self, lang: str, own: Any = None) -> None:
        self.lang, self.own = lang, own

    def __getitem__(self, name: str) -> Citation:
        own = getattr(self.own, "law", self.own)  # a Citation, or the law's words for it
        return Citation(", ".join(own if part == "cite" else law_citation(part)
                                  for part in name.split("+")), self.lang)


def say(key: str, lang: str = "en", **values: Any) -> str:
    """The sentence for ``key`` (dotted, e.g. ``option.conditional_sentence.terrorist_crime``);
    ``{cite}`` in it is the reason's own citation (the record's, see :mod:`.render`) and
    ``{law[...]}`` any other provision it cites (:func:`law_citation`)."""
    return _filled(*_sentence(key, lang), lang, values)


def say_stored(key: str, lang: str = "en", **values: Any) -> str:
    """:func:`say` for findings stored by an earlier run (the web keeps them, in no language,
    and says them on every view): a sentence reasons.yaml no longer has is read from
    ``reasons_retired.yaml``, with the words it was found with; a value a sentence has come to
    name since, which the stored finding lacks, is said as not recorded. A finding of this run
    is said by :func:`say`, which allows neither."""
    return _filled(*_sentence(key, lang, retired=True), lang, values,
                   say("report.not_recorded", lang))


def _filled(template: str, written_in: str, lang: str, values: dict[str, Any],
            missing: str | None = None) -> str:
    """``template`` (in the language ``written_in``) said with ``values``: its own citation
    and the law's (``{law[...]}``), a Kazakh template's values ready for its case endings; a
    value it names but ``values`` lacks, said as ``missing`` (KeyError where None)."""
    values.setdefault("law", _Law(lang, values.get("cite") or missing))
    said: Any = missing
    if written_in == "kk":
        values = {k: _kk_words(v) for k, v in values.items()}
        said = _kk_words(missing) if missing is not None else None
    return template.format_map(values if said is None else _Recorded(values, said))


class _Recorded(dict[str, Any]):
    """A stored finding's values; one it lacks, said as ``missing``."""

    def __init__(self, values: Mapping[str, Any], missing: Any):
        super().__init__(values)
        self.missing = missing

    def __missing__(self, name: str) -> Any:
        return self.missing


def _sentence(key: str, lang: str, retired: bool = False) -> tuple[str, str]:
    """The template of sentence ``key`` for a reader of ``lang``, and the language it is in;
    ``retired``: else from ``reasons_retired.yaml`` (:func:`say_stored`)."""
    try:
        node = _leaf(_reasons(), key)
    except KeyError:
        if not retired:
            raise
        node = _leaf(_reasons("reasons_retired.yaml"), key)
    return _template(node, text_language(lang))


def _leaf(tree: dict[str, Any], key: str) -> dict[str, Any]:
    """The entry ({lang: text}) of dotted ``key`` in ``tree``; KeyError where it has none."""
    node: Any = tree
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(key)
        node = node[part]
    if not isinstance(node, dict) or "en" not in node:
        raise KeyError(key)
    return node


#: A confidence mark closing a sentence's clause: «(…; толкование Qaitu, M)», «(L)».
_MARK = re.compile(r"(?:[;,] |\()[ML]\)")


def marked(key: str, values: Mapping[str, Any], lang: str = "en") -> bool:
    """Whether sentence ``key``, said with ``values`` (records of :mod:`.findings`) for a
    reader of ``lang``, tells that Qaitu is less sure of a provision or of its reading there: a
    mark M or L written in it, or in a reason it says within (high confidence, H, is not
    marked). Its reader is then told what the marks mean (``report.marks``)."""
    own, used = _marks_and_names(key, lang)
    return own or any(_said_marked(values[name], lang) for name in used if name in values)


def _said_marked(value: Any, lang: str) -> bool:
    """Whether a value said in a sentence is, or holds, a reason written with a mark."""
    if isinstance(value, list):
        return any(_said_marked(v, lang) for v in value)
    if not isinstance(value, dict):
        return False
    if "$reason" in value:
        return marked(value["$reason"], value["values"], lang)
    return "$join" in value and _said_marked(value["parts"], lang)


@lru_cache(maxsize=1024)
def _marks_and_names(key: str, lang: str) -> tuple[bool, frozenset[str]]:
    """Whether sentence ``key``'s template for ``lang`` is written with a mark; the values it
    says (``{role}``, ``{date:abl}``; ``{law[...]}`` is the law's, not a value)."""
    template = _sentence(key, lang)[0]
    return bool(_MARK.search(template)), frozenset(
        re.split(r"[.\[]", name)[0] for _, name, _, _ in Formatter().parse(template) if name)


@lru_cache(maxsize=4096)  # a result cites the same few provisions some hundred times
def cite(citation: str, lang: str, case: str = "") -> str:
    """A rule's citation as the law gives it (``"63(6)"``, ``"79(3)(2)"``, ``"72(3)-(4)"``,
    ``"3(15), 170(1)"``, ``"182 note"``, ``"UPK 612(1)(1)"``) as the reader of ``lang`` writes
    it: ``art. 63(6)``, ``ч. 6 ст. 63``, ``63-баптың 6-бөлігі``. ``case``: the Kazakh case the
    sentence needs (:data:`KK_CASES`: ``dat`` -> ``63-баптың 6-бөлігіне``), taken by the last
    provision of a list; the other languages write a citation the same in every case."""
    if case and case not in KK_CASES:
        raise ValueError(f"Kazakh case: expected one of {', '.join(KK_CASES)}; got {case!r}")
    items = citation.split(", ")
    said = [_provision(c, lang, case if n == len(items) - 1 else "")
            for n, c in enumerate(items)]
    if len(said) == 1:
        return said[0]
    arts = lang == "en" and all(s.startswith("art. ") for s in said)  # arts. 3(15) and 170(1)
    if arts:
        said = [s[len("art. "):] for s in said]
    listed = say("cite_list", lang, items=", ".join(said[:-1]), last=said[-1])
    return "arts. " + listed if arts else listed


#: A variant's new part as the variant format names it ("172 (proposed part 2)", or "170
#: (proposed part 3-1)" for a part inserted after part 3); the bill pack words its number
#: (:func:`qaitu.bill.part_names`).
PROPOSED_PART = re.compile(
    r"(?P<article>\d+(?:-\d+)?) \(proposed part (?P<part>\d+(?:-\d+)?)\)")
_ONE_PROVISION = re.compile(r"(\d+(?:-\d+)?)(?:\((\d+(?:-\d+)?)\)(?:-\((\d+)\))?)?(?:\((\d+)\))?")
#: A code other than the Criminal Code, by its abbreviation in the law's citations.
_OTHER_CODE = {"UPK": {"en": "UPK {}", "ru": "{} УПК", "kk": "ҚПК {}"},
               "PEC": {"en": "Penal Enforcement Code, {}",
                       "ru": "Уголовно-исполнительный кодекс, {}",
                       "kk": "Қылмыстық-атқару кодексі, {}"}}


def _provision(citation: str, lang: str, case: str) -> str:
    """One provision of a citation (see :func:`cite`)."""
    code, _, rest = citation.partition(" ")
    if code in _OTHER_CODE and rest:
        form = _OTHER_CODE[code].get(lang, _OTHER_CODE[code]["en"])
        return form.format(_provision(rest, lang, case))
    proposed_part = PROPOSED_PART.fullmatch(citation)
    if proposed_part:  # a variant's new part ("172 (proposed part 2)")
        said = say("cite_proposed_part", lang, article=proposed_part["article"],
                   part=proposed_part["part"])
        if case and lang == "kk" and said.endswith("бөлігі"):  # the possessive's own ending
            return said + _kk_possessive("бөлігі", case)[len("бөлігі"):]
        return said
    for suffix, key in ((" (proposed note)", "cite_proposed_note"), (" note", "cite_note")):
        if citation.endswith(suffix):
            said = say(key, lang, article=citation[: -len(suffix)])
            return kk_case(said, case) if case and lang == "kk" else said
    m = _ONE_PROVISION.fullmatch(citation)
    if m is None:  # words ("special part notes"): as the "cite" sentence says them
        return say("cite", lang, article=citation)
    article, part, last_part, item = m.groups()
    paragraphs = article == "3"  # article 3 consists of numbered paragraphs, not parts
    if lang == "ru":
        parts = f"{part}-{last_part}" if last_part else part
        return " ".join(x for x in (f"п. {item}" if item else "",
                                    f"{'п.' if paragraphs else 'ч.'} {parts}" if part else "",
                                    f"ст. {article}") if x)
    if lang == "kk":
        if not part:
            said = f"{article}-{'баптар' if '-' in article else 'бап'}"
            return kk_case(said, case) if case else said
        if item:
            return f"{article}-баптың {part}-бөлігінің {item}) {_kk_possessive('тармағы', case)}"
        word = ("тармақтары" if paragraphs else "бөліктері") if last_part else (
            "тармағы" if paragraphs else "бөлігі")
        parts = f"{part}-{last_part}" if last_part else part
        return f"{article}-баптың {parts}-{_kk_possessive(word, case)}"
    return f"{'arts.' if '-' in article else 'art.'} {citation}"


def _kk_possessive(word: str, case: str) -> str:
    """A Kazakh noun with the possessive ending (``бөлігі``, ``тармағы``) in ``case``:
    ``бөлігіне``, ``тармағының``."""
    front = word[-1] == "і"
    ending = {"": "", "gen": "нің" if front else "ның", "dat": "не" if front else "на",
              "loc": "нде" if front else "нда", "abl": "нен" if front else "нан",
              "attr": "ндегі" if front else "ндағы", "acc": "н"}[case]
    return word + ending


class Citation(str):
    """A citation said in the reader's style (:func:`cite`); a Kazakh template may put it in a
    case: ``{cite:dat} сәйкес`` -> «63-баптың 6-бөлігіне сәйкес»."""

    law: str
    lang: str

    def __new__(cls, law: str, lang: str) -> Citation:
        made = super().__new__(cls, cite(law, lang))
        made.law, made.lang = law, lang
        return made

    def __format__(self, spec: str) -> str:
        return cite(self.law, self.lang, spec) if spec else str(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return Citation, (self.law, self.lang)


def _parts(months: int) -> tuple[int, int]:
    return divmod(max(int(months), 0), 12)


def duration(months: int, lang: str, case: str = "nom") -> str:
    """A term of whole months as years and months.

    ``case`` matters for Russian (``gen`` after от/до) and Kazakh (``abl`` -дан, ``dat`` -ға,
    attached to the last word, which is always жыл or ай and takes these forms).
    """
    years, months_left = _parts(months)
    words: list[str] = []
    if lang == "ru":
        gen = case == "gen"
        if years:
            unit = (
                ru_form(years, "года", "лет", "лет")
                if gen
                else ru_form(years, "год", "года", "лет")
            )
            words.append(f"{years} {unit}")
        if months_left or not years:
            unit = (
                ru_form(months_left, "месяца", "месяцев", "месяцев")
                if gen
                else ru_form(months_left, "месяц", "месяца", "месяцев")
            )
            words.append(f"{months_left} {unit}")
        return " ".join(words)
    if lang == "kk":
        if years:
            words.append(f"{years} жыл")
        if months_left or not years:
            words.append(f"{months_left} ай")
        text = " ".join(words)
        return kk_case(text, case) if case in KK_CASES else text
    if years:
        words.append(f"{years} year{'s' if years != 1 else ''}")
    if months_left or not years:
        words.append(f"{months_left} month{'s' if months_left != 1 else ''}")
    return " ".join(words)


_ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")


def dates_text(text: Any, lang: str) -> str:
    """``text`` with every ISO date in it (``ред. 2017-01-01``) written by :func:`day_text`."""
    return _ISO_DATE.sub(lambda m: day_text(m.group(0), lang), "" if text is None else str(text))


def term_range(min_months: int, max_months: int, lang: str) -> str:
    """A range of imprisonment; a minimum of 0 means there is no lower bound."""
    if min_months <= 0:
        return {
            "ru": f"до {duration(max_months, 'ru', 'gen')}",
            "kk": f"{duration(max_months, 'kk', 'dat')} дейін",
            "en": f"up to {duration(max_months, 'en')}",
        }[lang]
    return {
        "ru": f"от {duration(min_months, 'ru', 'gen')} до {duration(max_months, 'ru', 'gen')}",
        "kk": f"{duration(min_months, 'kk', 'abl')} {duration(max_months, 'kk', 'dat')} дейін",
        "en": f"{duration(min_months, 'en')} to {duration(max_months, 'en')}",
    }[lang]


def range_text(span: Mapping[str, Any] | None, lang: str) -> str | None:
    """A ``{"min_months", "max_months"}`` range of an assessment in words (None stays None);
    a reachable range also says how low exceptional circumstances reach (art. 55(4))."""
    if not span:
        return None
    text = term_range(int(span["min_months"]), int(span["max_months"]), lang)
    lowest = span.get("exceptional_min_months")
    if lowest is not None and int(lowest) < int(span["min_months"]):
        case = "gen" if lang == "ru" else "nom"  # от шести месяцев; kk: the template's case
        text += " " + say("report.exceptional_from", lang,
                          min=duration(int(lowest), lang, case))
    return text


#: The dates of a ``sentence`` block that may hold only on a condition, and the key beside
#: each that names it (``qaitu.assessment/1``): parole (art. 72(1) ¶3) and replacement of the
#: unserved part by a milder punishment (art. 73(2)), each only on active help for a terrorist
#: or extremist crime.
CONDITION_OF = {"parole_eligible_on": "parole_condition",
                "milder_punishment_from": "replacement_condition"}


def sentence_rows(block: dict[str, Any], lang: str = "en") -> list[tuple[str, str, str]]:
    """The sentence block of a variant as (what, value, provision) rows in the reader's
    language, in the block's order; dates as the reader writes them (:func:`day_text`), a date
    that holds on a condition with it (:data:`CONDITION_OF`)."""
    return [(say(f"sentence_label.{name}", lang),
             on_condition(sentence_value(name, value, lang), date_condition(block, name), lang),
             provisions(str(rule["cite"]), lang) + (f" ({mark})" if mark else ""))
            for name, value, rule, mark in shown_rules(block)]


def date_condition(block: Mapping[str, Any], name: str) -> str | None:
    """The condition the date ``name`` of a sentence block holds on (:data:`CONDITION_OF`), or
    None where it holds outright or there is no date."""
    key = CONDITION_OF.get(name)
    return block.get(key) if key and block.get(name) is not None else None


def condition_text(condition: str | None, lang: str = "en") -> str:
    """The condition parole or replacement is open on (``parole_condition``,
    ``replacement_condition`` of ``qaitu.assessment/1``: ``active_help``, arts. 72(1) ¶3 and
    73(2)) as a clause after the share or the date; empty where there is none."""
    return say(f"report.condition.{condition}", lang) if condition else ""


def os_reason(error: OSError | str, lang: str = "en", system_words: str = "") -> str:
    """Why the system refused to read or write a file (``error``, or its errno's name such as
    ``ENOENT``), in the reader's words (``report.os_error``); the system's own words, a value,
    for a reason Qaitu does not name."""
    if isinstance(error, OSError):
        found = os_error(error)
        error, system_words = found["os_error"], found["reason"]
    named = error in _reasons()["report"]["os_error"]
    return say(f"report.os_error.{error}", lang) if named else system_words


def on_condition(text: str, condition: str | None, lang: str = "en") -> str:
    """``text`` (a parole share, a parole or replacement date) with the condition it holds on
    after it (:func:`condition_text`), or as it is where there is none: every rendering says a
    conditional share or date so."""
    return f"{text}, {condition_text(condition, lang)}" if condition else text


def shown_rules(block: dict[str, Any]) -> list[tuple[str, Any, dict[str, Any], str]]:
    """The rules a sentence block's table shows, in its order: (name, value, rule, mark), the
    mark the rule's confidence where it is not high (M, L), else empty; the art. 6(2) limit
    only where it cut the term."""
    return [(name, block.get(name), rule,
             "" if rule.get("confidence") in (None, "", "H") else str(rule["confidence"]))
            for name, rule in block.get("rules", {}).items()
            if name != "serving_limit_months" or block.get(name) is not None]


def sentence_value(name: str, value: Any, lang: str = "en") -> str:
    """One value of a sentence block (a date, the art. 6(2) limit, the evasion rule, the days
    of custody credited) in the reader's words."""
    if value is None:
        return say("sentence_label.not_set", lang)
    if name in ("serving_limit_months", "parole_probation_months"):
        return duration(int(value), lang)
    if name == "evasion_replacement":
        return say("sentence_label.evasion_value", lang)
    return day_text(value, lang)  # a number (the days credited) stays as it is


def sentence_heading(block: dict[str, Any], lang: str = "en") -> str:
    """"Sentence: imprisonment, 6 years, from 13 Aug 2025" in the reader's language."""
    kind = block.get("type") or "unknown"
    months = block.get("months")
    return say("sentence_label.sentence", lang,
               type=say(f"sentence_label.type.{kind}", lang),
               months=duration(months, lang) if months is not None
               else say("sentence_label.for_life", lang) if kind == "life_imprisonment"
               else "—",
               start=day_text(block["start"], lang) if block.get("start") else "—")


def provisions(cites: str, lang: str = "en") -> str:
    """A rule's comma-separated provisions (``63(3), 62(1)``), each said by :func:`cite`,
    joined by semicolons (a table's column)."""
    return "; ".join(cite(c.strip(), lang) for c in cites.split(","))


def number(x: float, lang: str, digits: int = 0) -> str:
    """``12 345,6``: a space groups thousands and a comma marks decimals in ru and kk
    (``12 345.6`` in English); the bill pack and the simulation report both say numbers so.

    >>> number(12345.6, "ru", 1), number(12345.6, "en", 1), number(-3, "kk")
    ('12\xa0345,6', '12\xa0345.6', '−3')
    """
    text = f"{x:,.{digits}f}".replace(",", "\u00a0")
    if lang != "en":
        text = text.replace(".", ",")
    return text.replace("-", "−")
