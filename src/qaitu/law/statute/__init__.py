"""The Criminal Code's own words for the articles the variants amend (``texts.yaml``).

A bill's comparative table shows, beside each proposed wording, the article as it stands in the
language of the bill. The texts are verbatim copies of the consolidated Code with their source
(repository, path, commit) and redaction date; :func:`article_text` gives one, :func:`source`
says where it comes from.
"""

from __future__ import annotations

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
