"""People: the pseudonymous list and the person page (identity, cases, rehabilitation)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from qaitu.web import policy
from qaitu.web.audit import log
from qaitu.web.rehab.forms import ContactForm, GoalForm, NoteForm
from qaitu.web.rehab.models import Compartment, Goal


@login_required
def person_list(request):
    policy.require(request, policy.CASEWORK, "person_list")
    qs = policy.visible_people(request.user)
    counts = policy.has(request.user, policy.CASE_INDEX)  # how many cases: not the mentor's
    if counts:
        qs = qs.annotate(n_cases=Count("cases", distinct=True))
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(registry_number__icontains=q) | Q(region__icontains=q))
    page = Paginator(qs.order_by("registry_number"), 50).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    log.record_many(request, "read", "person_list",
                    [(p.registry_number, p.registry_number) for p in rows],
                    purpose=f"caseload of {request.user.role}")
    return render(request, "people/list.html", {"page": page, "rows": rows, "q": q,
                                                "counts": counts})


def _goals(user, person):
    goals = person.goals.all()
    if not policy.may_see(user, person, "religious"):
        goals = goals.exclude(domain=Goal.Domain.RELIGIOUS)
    return goals


@login_required
def person_detail(request, registry_number):
    person, grant = policy.get_person(request, registry_number)
    user = request.user
    identity = None
    if policy.can_see_identity(user):
        identity = getattr(person, "identity", None)
        if identity is not None:
            log.record(request, "read_identity", "identity", person.registry_number,
                       person.registry_number, grant.purpose)
    log.record(request, "read", "person", person.registry_number, person.registry_number,
               grant.purpose)
    compartments = policy.readable_compartments(user, person)
    writable = policy.writable_compartments(user)
    notes = person.notes.filter(compartment__in=compartments).select_related("author")
    labels = dict(Compartment.choices)
    return render(request, "people/detail.html", {
        "person": person, "identity": identity,
        "cases": policy.person_cases(user, person),
        "legal_reader": policy.has(user, policy.LEGAL_READERS),
        "notes": notes, "compartments": [(c, labels[c]) for c in compartments],
        "note_form": NoteForm(compartments=[(c, labels[c]) for c in writable]) if writable
        else None,
        "goals": _goals(user, person) if policy.may_see(user, person, "plan") else None,
        "goal_form": GoalForm() if policy.has(user, policy.PLAN_WRITE) else None,
        "contacts": person.contacts.all() if policy.has(user, policy.CONTACT_READ) else None,
        "orders": policy.visible_orders(user).filter(person=person)
        if policy.has(user, policy.ORDER_READ) else None,
        "programme_link": policy.has(user, policy.PROGRAMME_READ | {policy.R.PROSECUTOR}),
        "contact_form": ContactForm() if policy.has(user, policy.CONTACT_WRITE) else None,
        "today": timezone.localdate(),
    })
