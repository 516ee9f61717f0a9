from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from qaitu.web import policy
from qaitu.web.audit import log
from qaitu.web.audit.models import AuditEntry


@login_required
def audit_log(request):
    policy.require(request, policy.AUDIT_READERS, "audit")
    qs = AuditEntry.objects.all()
    filters = {}
    for key, field in (("person", "person_ref"), ("user", "username"), ("action", "action")):
        value = request.GET.get(key, "").strip()
        if value:
            qs = qs.filter(**{field: value})
            filters[key] = value
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    log.record(request, "read", "audit_log", detail=filters)
    return render(request, "audit/list.html", {
        "page": page, "filters": filters, "actions": AuditEntry.Action.choices,
        "querystring": "&".join(f"{k}={v}" for k, v in filters.items())})
