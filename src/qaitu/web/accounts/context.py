"""Navigation entries for the current user's role (from the access policy)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qaitu.web import policy

#: Pages whose address lies under another entry's (a person's programme is under /people/) or
#: under none (an order), by URL name: the entry they belong to.
SECTION = {"programme_detail": "programme", "programme_act": "programme",
           "screening_detail": "programme", "alert_acknowledge": "programme",
           "risk_report": "programme", "order_detail": "caseload", "order_new": "caseload"}


def nav(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    items = []
    if policy.has(user, policy.LEGAL_READERS):
        items.append(("case_list", _("Cases")))
    if policy.has(user, policy.CASEWORK):
        items.append(("person_list", _("People")))
    if policy.has(user, policy.ORDER_WRITE):
        items.append(("caseload", _("Caseload")))
    if policy.has(user, policy.PROGRAMME_READ):
        items.append(("programme", _("Programme")))
    if policy.has(user, policy.INTAKE_ON_CASE):
        items.append(("intake_start", _("Intake")))
    if policy.has(user, policy.AGGREGATES):
        items.append(("dashboard", _("Dashboards")))
    if policy.has(user, policy.OUTCOMES):
        items.append(("outcomes", _("Programme outcomes")))
    if policy.has(user, policy.LEGAL_READERS | {"analyst"}):
        items.append(("variant_list", _("Variants")))
    if policy.has(user, policy.LAB):
        items.append(("lab", _("Policy lab")))
    if policy.has(user, policy.AUDIT_READERS):
        items.append(("audit_log", _("Audit log")))
    if getattr(user, "is_account_admin", False):
        items.append(("admin:index", _("Accounts")))
    items.append(("tokens", _("API tokens")))
    items.append(("password_change", _("Password")))
    path = request.path
    match = getattr(request, "resolver_match", None)
    section = SECTION.get(match.url_name) if match is not None else None
    return {"nav": [{"url": reverse(n), "label": label,
                     "active": n == section if section else path.startswith(reverse(n))}
                    for n, label in items]}
