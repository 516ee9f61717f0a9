"""Public figures used as reference lines (with their sources; see shared/reference). The
article is data, cited in the reader's language where a figure is shown (``public_figures``)."""

from django.utils.translation import gettext_lazy as _

# (article, year, count, label, source)
PUBLIC_FIGURES = [
    ("172", 2023, 23, _("cases registered (MP's request, 4 Mar 2026)"),
     "en.tengrinews.kz/laws_initiatives/mp-proposes-easing-punishment-for-participants-in-foreign-271128"),
    ("172", 2024, 36, _("cases registered (MP's request, 4 Mar 2026)"),
     "en.tengrinews.kz/laws_initiatives/mp-proposes-easing-punishment-for-participants-in-foreign-271128"),
    ("172", 2025, 141, _("cases registered (MP's request, 4 Mar 2026)"),
     "en.tengrinews.kz/laws_initiatives/mp-proposes-easing-punishment-for-participants-in-foreign-271128"),
    ("172", 2025, 709, _("cases (Mediazona, judicial statistics)"),
     "en.zona.media/article/2025/12/30/kazakhstan"),
    ("170", 2025, 28, _("cases (Mediazona, judicial statistics)"),
     "en.zona.media/article/2025/12/30/kazakhstan"),
]


def public_figures(article) -> list[tuple[int, int, str, str]]:
    """Year, count, label and source of each figure, the label led by its article as
    ``article`` cites it (``ст. 172: …``)."""
    return [(year, n, f"{article(art)}: {text}", src) for art, year, n, text, src in PUBLIC_FIGURES]
