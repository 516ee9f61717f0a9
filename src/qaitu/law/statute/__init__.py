"""The Criminal Code's own words for the articles the variants amend (``texts.yaml``).

A bill's comparative table shows, beside each proposed wording, the article as it stands in the
language of the bill. The texts are verbatim copies of the consolidated Code with their source
(repository, path, commit) and redaction date; :func:`article_text` gives one, :func:`source`
says where it comes from.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

TEXTS = Path(__file__).parent / "texts.yaml"
Lang = Literal["ru", "kk"]


class MissingText(KeyError):
    """No stored text for this article in this language; what is missing and what is stored
    are kept as data, so that a layer with sentences can say it in the reader's language."""

    def __init__(self, article: str, lang: str) -> None:
        self.article, self.lang, self.stored = article, lang, stored_articles()
        super().__init__(f"no stored text of art. {article} in {lang}; stored: "
                         + ", ".join(self.stored))


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TEXTS.read_text(encoding="utf-8"))
    return data


def stored_articles() -> list[str]:
    return sorted(_data()["articles"], key=lambda a: [int(x) for x in a.split("-")])


def article_text(article: str, lang: Lang) -> str:
    """The article's full current text (heading, parts, sanctions; without the footnotes)."""
    try:
        return str(_data()["articles"][article][lang])
    except KeyError:
        raise MissingText(article, lang) from None


def source(lang: Lang) -> dict[str, str]:
    """Where the ``lang`` texts were read: repo, path, commit, redaction date, official URL."""
    return {k: str(v) for k, v in _data()["sources"][lang].items()}


#: A numbered part's first line in the Code: «1. …», «3-1. …» (a part inserted after part 3).
_PART = re.compile(r"^(?P<part>\d+(?:-\d+)?)\. ", re.M)


def part_key(part: str) -> tuple[int, ...]:
    """The Code's order of part numbers: ``3`` < ``3-1`` < ``3-2`` < ``4``."""
    return tuple(int(x) for x in part.split("-"))


def parts(article: str, lang: Lang = "ru") -> list[str]:
    """The numbers of the article's parts as the Code writes them (``["1", "2", "3-1"]``), in
    order; ``[]`` for an article whose text is one unnumbered part (art. 172)."""
    return [m["part"] for m in _PART.finditer(article_text(article, lang))]


def part_text(article: str, part: str, lang: Lang) -> str:
    """One numbered part's text, from its number to the next part (its sanction included)."""
    text = article_text(article, lang)
    starts = {m["part"]: m.start() for m in _PART.finditer(text)}
    if part not in starts:
        raise KeyError(part)
    later = [s for s in starts.values() if s > starts[part]]
    return text[starts[part]:min(later, default=len(text))].strip()


def new_parts(article: str, added: tuple[str, ...] = ()) -> list[str]:
    """The numbers a new part of ``article`` may take, once the parts ``added`` (by the same
    amendment, in the Code's order) are in: the next free number after the last part, and
    an inserted part N-k after each part N but the last, k one above the highest N-k there
    is, so that no part is renumbered. The amending Law of 22 December 2016 No. 28-VI inserts
    so: «дополнить частью 11-1 следующего содержания» / «мынадай мазмұндағы 11-1-бөлікпен
    толықтырылсын» (art. 191 of the Code of Criminal Procedure, between its parts 11 and 12:
    quyse/kz-laws rus/108408.md and kaz/108408.md, art. 1(2)(2)). An article of one
    unnumbered part (art. 172) has its text as part one, and takes part 2."""
    numbered = parts(article)
    have = sorted({*(numbered or ["1"]), *added}, key=part_key)
    mains = sorted({part_key(p)[0] for p in have})
    out = [str(mains[-1] + 1)]
    for n in mains[:-1]:
        subs = [part_key(p)[1] for p in have if part_key(p)[0] == n and len(part_key(p)) == 2]
        out.append(f"{n}-{max(subs, default=0) + 1}")
    return sorted(out, key=part_key)
