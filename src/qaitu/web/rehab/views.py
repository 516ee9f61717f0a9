"""Writing rehabilitation and supervision records (notes, plan goals, contacts)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qaitu.web import policy
from qaitu.web.audit import log
from qaitu.web.rehab.forms import ContactForm, GoalForm, NoteForm
from qaitu.web.rehab.models import Compartment


def _report(request, form):
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errs)}")


@login_required
@require_POST
def add_note(request, registry_number):
    writable = policy.writable_compartments(request.user)
    person, grant = policy.get_person(request, registry_number, policy.NOTE_WRITERS, "add_note")
    labels = dict(Compartment.choices)
    form = NoteForm(request.POST, compartments=[(c, labels[c]) for c in writable])
    if form.is_valid():
        note = form.save(commit=False)
        note.person, note.author = person, request.user
        note.save()
        log.record(request, "create", "note", note.pk, person.registry_number, grant.purpose,
                   {"compartment": note.compartment})
        messages.success(request, _("Note saved."))
    else:
        _report(request, form)
    return redirect("person_detail", registry_number=person.registry_number)


@login_required
@require_POST
def add_goal(request, registry_number):
    person, grant = policy.get_person(request, registry_number, policy.PLAN_WRITE, "add_goal")
    form = GoalForm(request.POST)
    if form.is_valid():
        policy.require_religious_consent(request.user, person, form.cleaned_data["domain"])
        goal = form.save(commit=False)
        goal.person, goal.created_by = person, request.user
        goal.save()
        log.record(request, "create", "goal", goal.pk, person.registry_number, grant.purpose)
        messages.success(request, _("Goal added to the plan."))
    else:
        _report(request, form)
    return redirect("person_detail", registry_number=person.registry_number)


@login_required
@require_POST
def add_contact(request, registry_number):
    person, grant = policy.get_person(request, registry_number, policy.CONTACT_WRITE,
                                      "add_contact")
    form = ContactForm(request.POST)
    if form.is_valid():
        contact = form.save(commit=False)
        contact.person, contact.recorded_by = person, request.user
        contact.save()
        log.record(request, "create", "contact", contact.pk, person.registry_number,
                   grant.purpose)
        messages.success(request, _("Contact recorded."))
    else:
        _report(request, form)
    return redirect("person_detail", registry_number=person.registry_number)
