"""Public figures used as reference lines (with their sources; see shared/reference)."""

from django.utils.translation import gettext_lazy as _

# (article, year, count, label, source)
PUBLIC_FIGURES = [
    ("172", 2023, 23, _("art. 172 cases registered (MP's request, 4 Mar 2026)"),
     "en.tengrinews.kz/laws_initiatives/mp-proposes-easing-punishment-for-participants-in-foreign-271128"),
    ("172", 2024, 36, _("art. 172 cases registered (MP's request, 4 Mar 2026)"),
     "en.tengrinews.kz/laws_initiatives/mp-proposes-easing-punishment-for-participants-in-foreign-271128"),
    ("172", 2025, 141, _("art. 172 cases registered (MP's request, 4 Mar 2026)"),
     "en.tengrinews.kz/laws_initiatives/mp-proposes-easing-punishment-for-participants-in-foreign-271128"),
    ("172", 2025, 709, _("art. 172 cases (Mediazona, judicial statistics)"),
     "en.zona.media/article/2025/12/30/kazakhstan"),
    ("170", 2025, 28, _("art. 170 cases (Mediazona, judicial statistics)"),
     "en.zona.media/article/2025/12/30/kazakhstan"),
]
