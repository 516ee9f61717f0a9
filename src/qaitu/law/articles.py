"""The article parts Qaitu can qualify an episode under, in the Code's order.

Each member's name is the key of its parameter file in ``parameters/special_part``; its value is
the citation. The rules that decide whether a part applies live in ``variables/special_part``.
"""

from openfisca_core.indexed_enums import Enum


class Article(Enum):
    art_163_1 = "163(1)"
    art_164_1 = "164(1)"
    art_164_2 = "164(2)"
    art_165 = "165"
    art_170_1 = "170(1)"
    art_170_2 = "170(2)"
    art_170_3 = "170(3)"
    art_170_4 = "170(4)"
    art_171 = "171"
    art_172 = "172"
    art_182_1 = "182(1)"
    art_182_2 = "182(2)"
    art_255_1 = "255(1)"
    art_255_2 = "255(2)"
    art_255_3 = "255(3)"
    art_255_4 = "255(4)"
    art_256_1 = "256(1)"
    art_256_2 = "256(2)"
    art_257_1 = "257(1)"
    art_257_2 = "257(2)"
    art_257_3 = "257(3)"
    art_258_1 = "258(1)"
    art_259_1 = "259(1)"
    art_259_2 = "259(2)"
    art_260 = "260"
    art_267_1 = "267(1)"
    art_267_2 = "267(2)"


ARTICLES: tuple[Article, ...] = tuple(Article)

#: Chapter 4, crimes against the peace and security of mankind (arts. 160-174): jurisdiction over
#: acts abroad without double criminality (art. 8(1)) and no limitation (art. 71(6)).
CHAPTER_4 = frozenset({"163", "164", "165", "170", "171", "172"})


def article_number(article: Article) -> str:
    """``Article.art_170_3`` -> ``"170"``."""
    return str(article.name).split("_")[1]


def article_part(article: Article) -> str | None:
    """``Article.art_170_3`` -> ``"3"``; ``None`` for an article without parts."""
    parts = article.name.split("_")
    return parts[2] if len(parts) > 2 else None
