"""Who may see and do what: the one place where access is decided.

Every screen and every API endpoint asks this module; nothing else filters by role. The rules:

* Casework roles reach a case only through an active assignment to it (a defence lawyer's
  assignments are their clients; a mentor's assignment expires with the referral).
* Judges read, and write only the court's own decisions on their cases (a verdict with its
  sentence, parole, an appeal ruling, detention, a procedural agreement approved): an order
  of probation control is created from such a recorded decision. Ministry analysts see
  aggregates only. Administrators manage
  accounts and read the audit log, not case files.
* Identity (name, IIN, address) is a separate compartment for the roles that need it.
* Rehabilitation notes live in compartments: clinical notes are for psychologists alone.
* Probation control (orders, appointments, EM alerts, breaches, submissions): the probation
  officer writes; the prosecutor (oversight of legality) and the judge read.
* The court's answer to a probation submission (extension 64(2), revocation 64(3), replacement
  44(3), parole revoked 72(7), early cancellation 64(1), or refusal) is the court's own act:
  the judge assigned to the order's case records it. Where no judge is assigned to the case
  (the court does not work in Qaitu for it), the probation officer records the answer as
  served on the service, as the prosecutor records the court's decisions served on him
  (:func:`court_answer_recorders`; docs/probation.md, "The court's answer").
* Screening answers and scores, safety alerts and clinical notes: psychologists alone (medical
  secrecy). Licensed risk outcomes: the psychologist records; probation and prosecutor read.
* Consent gates what goes beyond the legal minimum: a mentor sees the plan, conferences and
  the psychological summary only under the person's active consent naming mentors; the
  religious-counselling track is seen by nobody without consent naming their role.
* A referral that hands the person to someone the law does not already open the file to rests
  on the person's consent (:func:`referral_consent_refusals`): a referral to the
  religious-counselling track (by consent only, issue 11 §6) and any referral to a
  non-governmental partner (the person's data go to a third party: Law No. 94-V of 21.05.2013,
  consent or a statutory basis per data flow). When that consent is revoked, or is no longer
  in force, the referral ends with it (``rehab.services.end_referrals_without_consent``).
* A mentor's access lasts as long as the referral (its assignment expires with it), and
  reaches what the referral needs: the person's pseudonymous record, the programme and the
  mentoring notes. Which cases a person has (number, stage) and the caseload dashboards,
  which count those cases by stage and article, are not for the mentor.
* The policy lab (drafting variants, projections, bill packs): legislative drafters and
  ministry analysts. A draft is its author's alone until shared; shared drafts are read by the
  other lab users and written by the author only. No case file is shown in the lab: the
  preview runs on the shipped example cases and, for analysts (aggregates only), counts how
  the variant changes the cases of a stage, with small counts suppressed; drafters count no
  case.
* Objects a user may not see answer 404, never 403 with details (no leakage); attempts are
  logged as ``denied``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qaitu.web.accounts.models import Agency, Role
from qaitu.web.audit import log
from qaitu.web.cases.models import Assignment, Case, Stage
from qaitu.web.people.models import Person
from qaitu.web.supervision.models import Order

R = Role
CASEWORK = {R.PROSECUTOR, R.JUDGE, R.DEFENCE, R.PROBATION, R.PSYCHOLOGIST, R.SOCIAL_WORKER,
            R.MENTOR}
# Criminal-law side of a case: facts, timeline, decisions, assessments.
LEGAL_READERS = {R.PROSECUTOR, R.JUDGE, R.DEFENCE, R.PROBATION}
IDENTITY_READERS = {R.PROSECUTOR, R.JUDGE, R.DEFENCE, R.PROBATION, R.SOCIAL_WORKER}
FACT_EDITORS = {R.PROSECUTOR}
# Decisions on a case: the prosecutor records every kind (his own, and the court's as served on
# him); the judge the court's own (COURT_DECISIONS), from which probation control starts.
DECISION_RECORDERS = {R.PROSECUTOR, R.JUDGE}
COURT_DECISIONS = ("pretrial_detention", "plea_approved", "verdict", "appeal_ruling", "parole")
TIMELINE_EDITORS = {R.PROSECUTOR, R.PROBATION}
ASSESSORS = {R.PROSECUTOR, R.DEFENCE}
REVIEWERS = {R.PROSECUTOR}
NEW_CASE = {R.PROSECUTOR}
INTAKE_ON_CASE = {R.PROSECUTOR, R.DEFENCE}
# Who sees which cases a person has, by number and stage: the criminal side and the
# programme's professionals, who plan around the proceedings; a mentor (an NGO partner) works
# from the referral alone, its purpose and term (issue 11, §6).
CASE_INDEX = CASEWORK - {R.MENTOR}
# A person's violations and new offences among their programme outcomes: probation control's
# facts, counted for the programme's professionals; a mentor's consent to the plan does not
# reach them.
OFFENDING_OUTCOMES = CASE_INDEX
# The dashboards count the caseload's cases by stage and article: a mentor's caseload is the
# few people referred, whose counts would be their stages.
AGGREGATES = CASE_INDEX | {R.ANALYST}
AUDIT_READERS = {R.ADMIN}
# The programme's outcomes by formation kind, eligibility, region and year: the ministry's
# analysts (aggregated, small cells protected; web/dashboards/disclosure.py).
OUTCOMES = {R.ANALYST}
LAB = {R.DRAFTER, R.ANALYST}
# Who may run a lab preview over the stored cases: counts only, like the dashboards.
LAB_CASELOAD = {R.ANALYST}
# Subject-access exports (Law No. 94-V): the administrator alone, acting on a verified request
# from the person or their representative (docs/privacy.md); a case role never exports.
SUBJECT_EXPORTERS = {R.ADMIN}

COMPARTMENT_READ = {
    "supervision": {R.PROBATION, R.PROSECUTOR},
    "clinical": {R.PSYCHOLOGIST},
    "psych_summary": {R.PSYCHOLOGIST, R.PROBATION, R.SOCIAL_WORKER, R.MENTOR, R.PROSECUTOR},
    "social": {R.SOCIAL_WORKER, R.PROBATION},
    "mentoring": {R.MENTOR, R.PROBATION, R.SOCIAL_WORKER},
}
COMPARTMENT_WRITE = {
    "supervision": {R.PROBATION},
    "clinical": {R.PSYCHOLOGIST},
    "psych_summary": {R.PSYCHOLOGIST},
    "social": {R.SOCIAL_WORKER},
    "mentoring": {R.MENTOR},
}
NOTE_WRITERS = {role for roles in COMPARTMENT_WRITE.values() for role in roles}
PLAN_READ = {R.PROBATION, R.SOCIAL_WORKER, R.PSYCHOLOGIST, R.MENTOR, R.PROSECUTOR}
PLAN_WRITE = {R.PROBATION, R.SOCIAL_WORKER, R.PSYCHOLOGIST}
CONTACT_READ = {R.PROBATION, R.PROSECUTOR}
CONTACT_WRITE = {R.PROBATION}
ORDER_READ = {R.PROBATION, R.PROSECUTOR, R.JUDGE}
ORDER_WRITE = {R.PROBATION}
# The court's answer to a submission: the judge assigned to the case; the officer only where
# no judge is (court_answer_recorders).
COURT_ANSWER = {R.JUDGE}
COURT_ANSWER_SERVED = {R.PROBATION}
SCREENING = {R.PSYCHOLOGIST}  # answers, scores, alerts: medical secrecy
RISK_READ = {R.PSYCHOLOGIST, R.PROBATION, R.PROSECUTOR}
RISK_WRITE = {R.PSYCHOLOGIST}
PROGRAMME_READ = {R.PROBATION, R.SOCIAL_WORKER, R.PSYCHOLOGIST, R.MENTOR}
PROGRAMME_WRITE = {R.PROBATION, R.SOCIAL_WORKER}  # consent, referrals, closure, family
# Referrals: made and ended by PROGRAMME_WRITE, to a partner of these roles; read by their
# makers and, for their own (visible_referrals), by the mentor while the referral lasts.
REFERRAL_READ = PROGRAMME_WRITE | {R.MENTOR}
REFERRAL_TO = {R.MENTOR, R.SOCIAL_WORKER, R.PSYCHOLOGIST}
CONFERENCE_WRITE = {R.PROBATION, R.SOCIAL_WORKER, R.PSYCHOLOGIST}
SESSION_WRITE = {R.PSYCHOLOGIST, R.SOCIAL_WORKER, R.MENTOR, R.PROBATION}

#: The printable documents (``qaitu.web.reports``): who may download each, and the consent a
#: role named in CONSENT_NEEDED must have given for it. Inside a document every section asks
#: the rules above (orders, plan, conferences, screenings), as the screens do.
REPORTS = {
    "pre_sentence": LEGAL_READERS,  # for the court: the parties, the judge, probation
    "review": {R.PROBATION, R.PSYCHOLOGIST, R.SOCIAL_WORKER, R.MENTOR},  # the case conference
    "closure": {R.PROBATION, R.PSYCHOLOGIST, R.SOCIAL_WORKER, R.MENTOR, R.PROSECUTOR},
}
REPORT_CONSENT = {"pre_sentence": None, "review": "conference", "closure": "plan"}

#: What a person can agree to share beyond the legal minimum. ``partner``: being referred to a
#: non-governmental partner of the roles the consent names, who then receives what the
#: referral needs (:func:`referral_consent_refusals`).
CONSENT_CATEGORIES = ("plan", "conference", "psych_summary", "religious", "partner")
#: Who needs the person's consent to see a category (everyone else reads it by law or not at
#: all, as the sets above say). Religious counselling: every role.
CONSENT_NEEDED = {
    "plan": {R.MENTOR},
    "conference": {R.MENTOR},
    "psych_summary": {R.MENTOR},
    "religious": set(Role.values),
}


def role_of(user) -> str:
    return getattr(user, "role", "") if user is not None and user.is_authenticated else ""


def has(user, roles: set[str]) -> bool:
    return role_of(user) in roles


# --- what a user can list ------------------------------------------------------------------

def _running(assignments):
    today = timezone.localdate()
    return assignments.filter(Q(until__isnull=True) | Q(until__gte=today))


def _active_assignments(user):
    return _running(Assignment.objects.filter(user=user))


def visible_cases(user) -> QuerySet[Case]:
    if not has(user, CASEWORK):
        return Case.objects.none()
    mine = _active_assignments(user).filter(case=OuterRef("pk"))
    return Case.objects.filter(Exists(mine))


def person_cases(user, person: Person) -> QuerySet[Case] | None:
    """The cases of ``person`` the user may list by number and stage; None for the roles that
    see no case of a person (:data:`CASE_INDEX`)."""
    return visible_cases(user).filter(person=person) if has(user, CASE_INDEX) else None


def visible_people(user) -> QuerySet[Person]:
    if not has(user, CASEWORK):
        return Person.objects.none()
    mine = _active_assignments(user).filter(case__person=OuterRef("pk"))
    return Person.objects.filter(Exists(mine))


def visible_drafts(user):
    """The lab user's own drafts and the drafts others shared."""
    from qaitu.web.lab.models import Draft

    if not has(user, LAB):
        return Draft.objects.none()
    return Draft.objects.filter(Q(owner=user) | Q(shared=True))


def get_draft(request, pk: int, write: bool = False):
    """A draft the user may see (404 otherwise); writing is for its author alone."""
    draft = visible_drafts(request.user).filter(pk=pk).select_related("owner").first()
    if draft is None:
        log.record(request, "denied", "draft", str(pk), detail={"write": write})
        raise Http404
    if write and draft.owner_id != request.user.pk:
        log.record(request, "denied", "draft", str(pk), detail={"write": write})
        raise PermissionDenied
    return draft


def lab_caseload(request, stage: str) -> QuerySet[Case]:
    """The cases a lab preview counts: every case of ``stage`` ("" for all) for the roles of
    ``LAB_CASELOAD``, who see aggregates only; 404 for anyone else. The read is audited."""
    if not has(request.user, LAB_CASELOAD) or stage not in ("", *Stage.values):
        log.record(request, "denied", "caseload", stage, detail={"lab": True})
        raise Http404
    log.record(request, "read", "caseload", stage or "all",
               purpose="lab preview (aggregate counts)")
    cases = Case.objects.all()
    return cases.filter(stage=stage) if stage else cases


def visible_projections(user):
    """Projections the user started, and those of drafts they may see or shipped variants
    run by other lab users (results carry no personal data)."""
    from qaitu.web.lab.models import Projection

    if not has(user, LAB):
        return Projection.objects.none()
    return Projection.objects.filter(Q(owner=user) | Q(draft__shared=True)
                                     | Q(draft__isnull=True))


def visible_orders(user) -> QuerySet[Order]:
    """Supervision orders on the user's cases, for the roles that read probation control."""
    if not has(user, ORDER_READ):
        return Order.objects.none()
    mine = _active_assignments(user).filter(case=OuterRef("case"))
    return Order.objects.filter(Exists(mine))


# --- decisions about one object ------------------------------------------------------------

@dataclass(frozen=True)
class Grant:
    """Why access was given: written to the audit log as the purpose."""

    purpose: str


def _assignment_for(user, case: Case):
    return _active_assignments(user).filter(case=case).only("since").first()


def _purpose(user, what: str, since) -> str:
    return f"{role_of(user)} assigned to {what} since {since.isoformat()}"


def case_grant(request, case: Case, roles: set[str], action: str = "view") -> Grant:
    """Allow ``request.user`` on ``case`` if their role is in ``roles`` and they are assigned.

    Raises Http404 when the case is not theirs at all (so its existence does not leak),
    PermissionDenied when they are assigned but their role may not do this.
    """
    user = request.user
    assignment = _assignment_for(user, case) if has(user, CASEWORK) else None
    if assignment is None:
        log.record(request, "denied", "case", case.number, case.person.registry_number,
                   detail={"action": action})
        raise Http404
    if role_of(user) not in roles:
        log.record(request, "denied", "case", case.number, case.person.registry_number,
                   detail={"action": action})
        raise PermissionDenied
    return Grant(_purpose(user, f"case {case.number}", assignment.since))


def get_case(request, number: str, roles: set[str] = LEGAL_READERS, action: str = "view",
             queryset: QuerySet[Case] | None = None) -> tuple[Case, Grant]:
    qs = (queryset if queryset is not None else Case.objects).select_related("person")
    case = qs.filter(number=number).first()
    if case is None:
        raise Http404
    return case, case_grant(request, case, roles, action)


def get_order(request, pk: int, roles: set[str] | Callable[[Case], set[str]] = ORDER_READ,
              action: str = "view") -> tuple[Order, Grant]:
    """An order and the grant through its case (404 outside the caseload, 403 for another
    role); ``roles`` may be a function of the case, for a step whose roles depend on it."""
    order = Order.objects.select_related("case", "person", "officer", "decision").filter(
        pk=pk).first()
    if order is None:
        raise Http404
    granted = roles(order.case) if callable(roles) else roles
    return order, case_grant(request, order.case, granted, action)


def court_answer_recorders(case: Case) -> set[str]:
    """Who records the court's answer to a probation submission on ``case``: the judge
    (:data:`COURT_ANSWER`) when an active judge is assigned to the case, since the answer is
    the court's act; otherwise the court works outside Qaitu for this case and the probation
    officer records the answer as served on the service (:data:`COURT_ANSWER_SERVED`)."""
    judged = _running(Assignment.objects.filter(case=case, user__role=R.JUDGE,
                                                user__is_active=True)).exists()
    return set(COURT_ANSWER) if judged else COURT_ANSWER | COURT_ANSWER_SERVED


def get_order_for_court_answer(request, pk: int) -> tuple[Order, Grant]:
    """An order whose submission the court answers, for those who record the answer
    (:func:`court_answer_recorders`): 404 outside the caseload, 403 for another role."""
    return get_order(request, pk, court_answer_recorders, "court_decision")


def person_grant(request, person: Person, roles: set[str] = CASEWORK, action: str = "view"
                 ) -> Grant:
    user = request.user
    assignment = None
    if has(user, CASEWORK):
        assignment = (_active_assignments(user).filter(case__person=person)
                      .order_by("since").only("since").first())
    if assignment is None:
        log.record(request, "denied", "person", person.registry_number, person.registry_number,
                   detail={"action": action})
        raise Http404
    if role_of(user) not in roles:
        log.record(request, "denied", "person", person.registry_number, person.registry_number,
                   detail={"action": action})
        raise PermissionDenied
    return Grant(_purpose(user, f"person {person.registry_number}", assignment.since))


def get_person(request, registry_number: str, roles: set[str] = CASEWORK, action: str = "view"
               ) -> tuple[Person, Grant]:
    person = Person.objects.filter(registry_number=registry_number).first()
    if person is None:
        raise Http404
    return person, person_grant(request, person, roles, action)


def can_see_identity(user) -> bool:
    return has(user, IDENTITY_READERS)


class Naming(IntEnum):
    """How a consent names a user of a role at an agency, the weakest first: a refusal says
    which (the role not named at all, or named only for other organisations)."""

    NOT = 0  # the role is not named
    ELSEWHERE = 1  # the role is named, but only for organisations other than the user's
    NAMED = 2


@dataclass(frozen=True)
class ConsentTerms:
    """What one consent opens while in force: the categories it ``shares`` with the users of
    ``roles`` of the ``agencies`` (ids) it names, or of any agency when it names none."""

    shares: list[str]
    roles: list[str]
    agencies: frozenset[int]

    def naming(self, role: str, agency: int | None) -> Naming:
        """How the consent names a user of ``role`` of the agency ``agency`` (None: a user of
        no agency, whom only a consent naming no organisation names)."""
        if role not in self.roles:
            return Naming.NOT
        return Naming.NAMED if not self.agencies or agency in self.agencies else Naming.ELSEWHERE


def _terms_of(consents: QuerySet) -> dict[int, ConsentTerms]:
    """The terms of each of ``consents`` by its id, in one query (a row per agency a consent
    names, one with None for a consent naming none)."""
    rows: dict[int, tuple[list[str], list[str], set[int]]] = {}
    for pk, shares, roles, agency in consents.order_by("pk").values_list(
            "pk", "shares", "roles", "agencies"):
        named = rows.setdefault(pk, (shares, roles, set()))[2]
        if agency is not None:
            named.add(agency)
    return {pk: ConsentTerms(shares, roles, frozenset(named))
            for pk, (shares, roles, named) in rows.items()}


def consent_terms(person: Person, on=None, until=None, among: QuerySet | None = None
                  ) -> list[ConsentTerms]:
    """The terms of each consent of the person in force on ``on`` (today) and, with
    ``until``, on every day from ``on`` to ``until``; with ``among``, of those of these
    consents only (:func:`visible_consents`)."""
    from qaitu.web.rehab.models import Consent

    day = on or timezone.localdate()
    last = until or day
    consents = Consent.objects.filter(person=person) if among is None else among
    return list(_terms_of(
        consents.filter(given_on__lte=day, until__gte=last)
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=last))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=last))).values())


def naming(terms: list[ConsentTerms], role: str, agency: int | None, category: str
           ) -> Naming:
    """How the consents of ``terms`` that share ``category`` name a user of ``role`` of the
    agency ``agency``, the best of them (:meth:`ConsentTerms.naming`)."""
    return max((t.naming(role, agency) for t in terms if category in t.shares),
               default=Naming.NOT)


def consented(person: Person, role: str, agency: int | None, category: str, on=None,
              until=None, terms: list[ConsentTerms] | None = None) -> bool:
    """One consent of the person in force (:func:`consent_terms`, or ``terms`` read already)
    shares ``category`` with the users of ``role`` of the agency ``agency`` (an id; a
    consent naming no organisation names every agency's)."""
    rows = consent_terms(person, on, until) if terms is None else terms
    return naming(rows, role, agency, category) is Naming.NAMED


def _named_agencies(user, person: Person, role: str, category: str, on=None, until=None
                    ) -> str:
    """The organisations the consents of ``person`` in force from ``on`` to ``until``
    (:func:`consent_terms`) sharing ``category`` name for ``role``, by name: what a refusal
    to ``user`` says when the role is named only for other organisations. Only of the
    consents ``user`` may see (:func:`visible_consents`), so that a refusal never names an
    organisation from a consent kept from its reader; empty where they may see none."""
    terms = consent_terms(person, on, until, among=visible_consents(user, person))
    ids = set().union(*(t.agencies for t in terms if category in t.shares and role in t.roles))
    return ", ".join(Agency.objects.filter(pk__in=ids).order_by("name")
                     .values_list("name", flat=True))


class ConsentRefused(PermissionDenied):
    """A step refused for want of the person's consent, with the reason in the reader's
    language: the reader is already granted the person, so the 403 page and the API's
    ``detail`` say it (``errors.forbidden``, the API's handler) rather than the bare
    "not allowed"."""


def religious_refusal(user, person: Person, on=None) -> str | None:
    """Why ``user`` (already granted the person) may not add to the person's
    religious-counselling track (a goal, a conference's decision, a referral) on ``on``
    (today), None when they may: the track is by the person's consent only (issue 11 §6,
    :func:`may_see`). Said apart: no consent in force names the user's role, or one names it
    only for other organisations (which, by name), or only for organisations while the user
    belongs to none. The organisations a consent the user may not see names are not said
    (:func:`_named_agencies`), nor is it said that no consent names the role."""
    if may_see(user, person, "religious", on):
        return None
    role = role_of(user)
    elsewhere = naming(consent_terms(person, on), role, user.agency_id,
                       "religious") is Naming.ELSEWHERE
    agencies = _named_agencies(user, person, role, "religious", on) if elsewhere else ""
    if elsewhere and not agencies:  # named at organisations in consents hidden from the user
        return _("Religious counselling is by the person's consent only, and no consent you "
                 "may see names your role for it at your organisation.")
    if not agencies:
        return _("Religious counselling is by the person's consent only, and no consent in "
                 "force names your role for it.")
    ctx = {"agencies": agencies}
    if user.agency is None:
        return _("Religious counselling is by the person's consent only, and the consent in "
                 "force names your role only at %(agencies)s; you belong to no "
                 "organisation.") % ctx
    return _("Religious counselling is by the person's consent only, and the consent in force "
             "names your role only at %(agencies)s, not at %(agency)s, where you work.") % {
        "agency": user.agency.name, **ctx}


def require_religious_consent(user, person: Person, domain: str) -> None:
    """Raise :class:`ConsentRefused` with :func:`religious_refusal`'s reason where ``user``
    adds to the religious-counselling track (``domain``) of a person whose consent does not
    allow it: the one check of a goal and a conference's decision, by page and by API."""
    if domain == "religious" and (why := religious_refusal(user, person)):
        raise ConsentRefused(why)


def non_state_partner(user) -> bool:
    """Whether ``user`` works for a non-governmental partner: an NGO mentor (the role), or
    anyone of an agency of the NGO kind (a psychologist of an NGO's centre). The Law on
    Probation lets public associations give social-legal assistance, but what a referral
    hands them is the person's data going to a third party, which Law No. 94-V of 21.05.2013
    allows on the person's consent or a statutory basis; probation control has the latter,
    an NGO's service the former (/work/shared/reference/rehabilitation-and-probation.md,
    §6.1 "Lawful basis per data flow", "Consent content": whether data go to third parties)."""
    agency = getattr(user, "agency", None)
    return role_of(user) == R.MENTOR or (agency is not None and agency.kind == "ngo")


@dataclass(frozen=True)
class ConsentWanted:
    """A consent a referral rests on: the person shares ``category`` with ``role`` of the
    partner's ``agency`` (an id, None for a partner of no agency). ``field`` is the
    referral's field that calls for it (``track`` or ``to``), where a refusal is shown."""

    field: str
    category: str
    role: str
    agency: int | None


def referral_consents(to, track: str) -> list[ConsentWanted]:
    """The consents a referral of ``track`` to the partner ``to`` rests on, for as long as it
    runs:

    * the religious-counselling track is by consent only (issue 11 §6; the track, its goals
      and sessions are seen by no role without it, :data:`CONSENT_NEEDED`): consent to
      ``religious`` naming the partner's role;
    * a non-governmental partner (:func:`non_state_partner`): consent to ``partner`` naming
      the partner's role, since the referral sends the person's data to that organisation
      (Law No. 94-V: consent for each flow to a third party without a statutory basis).

    A consent that names organisations carries only a referral to a partner of one of them
    (:func:`consented`).

    A referral to a state service (the probation service's or the akimat's psychologist or
    social worker) for the legal, psychological or social track needs none: it is the
    individual programme of social-legal assistance the Law on Probation of 30.12.2016
    No. 38-VI provides for, within the legal minimum."""
    wanted = []
    if track == "religious":
        wanted.append(ConsentWanted("track", "religious", role_of(to), to.agency_id))
    if non_state_partner(to):
        wanted.append(ConsentWanted("to", "partner", role_of(to), to.agency_id))
    return wanted


def referral_consent_refusals(user, person: Person, *, to, track: str, since, until,
                              today=None) -> dict[str, list[str]]:
    """Why ``user`` may not refer ``person`` to ``to`` for ``track`` from ``since`` to
    ``until`` for want of the person's consent, by the referral's field (``track``, ``to``);
    empty when nothing is missing. The one rule the screen and the API apply
    (``rehab.services.refer``):

    * each consent of :func:`referral_consents` must be in force on every day of the
      referral (given by its start, lasting to its end, neither revoked nor ended before),
      since the partner's access lasts as long as the referral;
    * a religious-counselling referral is made only by a role the person's consent names for
      religious counselling on the day it is made (``today``, the application's by default),
      as a religious goal is added (:func:`religious_refusal`).
    """
    out: dict[str, list[str]] = {}
    term = {"since": date_format(since, "SHORT_DATE_FORMAT"),
            "until": date_format(until, "SHORT_DATE_FORMAT")}
    if track == "religious" and (why := religious_refusal(user, person, today)):
        out.setdefault("track", []).append(why)
    terms = consent_terms(person, since, until)
    for want in referral_consents(to, track):
        named = naming(terms, want.role, want.agency, want.category)
        if named is Naming.NAMED:
            continue
        role = Role(want.role).label
        agencies = (_named_agencies(user, person, want.role, want.category, since, until)
                    if named is Naming.ELSEWHERE else "")  # empty: said as no consent
        if agencies and to.agency is None:
            ctx = {"partner": str(to), "role": role, **term, "agencies": agencies}
            if want.category == "religious":
                msg = _("The person's consent to religious counselling in force from "
                        "%(since)s to %(until)s covers %(role)s only at the organisations it "
                        "names (%(agencies)s), and %(partner)s belongs to no organisation. "
                        "Refer to a partner of one of them, or record a consent naming no "
                        "organisation first.") % ctx
            else:
                msg = _("The person's consent to a referral to a non-governmental partner in "
                        "force from %(since)s to %(until)s covers %(role)s only at the "
                        "organisations it names (%(agencies)s), and %(partner)s belongs to no "
                        "organisation. Refer to a partner of one of them, or record a consent "
                        "naming no organisation first.") % ctx
        elif agencies:
            ctx = {"partner": str(to), "agency": to.agency.name, "role": role, **term,
                   "agencies": agencies}
            if want.category == "religious":
                msg = _("The person's consent to religious counselling in force from "
                        "%(since)s to %(until)s names %(role)s only of other organisations "
                        "(%(agencies)s), not %(agency)s, for which %(partner)s works. Record "
                        "a consent naming %(agency)s first.") % ctx
            else:
                msg = _("The person's consent to a referral to a non-governmental partner in "
                        "force from %(since)s to %(until)s names %(role)s only of other "
                        "organisations (%(agencies)s), not %(agency)s, for which %(partner)s "
                        "works. Record a consent naming %(agency)s first.") % ctx
        elif want.category == "religious":
            msg = _("A referral to religious counselling needs the person's consent to "
                    "religious counselling naming %(role)s, in force from %(since)s to "
                    "%(until)s. Record the consent first.") % {"role": role, **term}
        else:
            msg = _("%(partner)s works for a non-governmental organisation: the person's data "
                    "go to it only with the person's consent to a referral to a "
                    "non-governmental partner naming %(role)s, in force from %(since)s to "
                    "%(until)s. Record the consent first.") % {
                "partner": str(to), "role": role, **term}
        out.setdefault(want.field, []).append(msg)
    return out


def referral_consent_lapsed(referral, on) -> list[tuple[ConsentWanted, Naming]]:
    """The consents an open ``referral`` rests on (:func:`referral_consents`) that are not in
    force on ``on`` (revoked, expired, ended with the programme), or no longer name the
    partner's organisation (the partner moved): the referral must end. Each with how the
    consents in force name the partner, :data:`Naming.ELSEWHERE` where the organisation is
    what is missing."""
    terms = consent_terms(referral.person, on)
    lacking = ((w, naming(terms, w.role, w.agency, w.category))
               for w in referral_consents(referral.to, referral.track))
    return [(w, named) for w, named in lacking if named is not Naming.NAMED]


#: Who reads every consent the person gave (the programme's professionals, who keep and act
#: on them); any other reader of the programme (a mentor) sees only the consents naming their
#: role: a consent given to the psychologist is not the mentor's business.
CONSENT_READ_ALL = PROGRAMME_READ - {R.MENTOR}


def visible_consents(user, person: Person):
    """The consents of ``person`` that ``user`` (already granted the person) may see: all of
    them for :data:`CONSENT_READ_ALL`, those naming the reader (their role, and their agency
    where the consent names organisations: :meth:`ConsentTerms.naming`) for the other
    programme readers, none for anyone else."""
    from qaitu.web.rehab.models import Consent

    role = role_of(user)
    consents = Consent.objects.filter(person=person)
    if role in CONSENT_READ_ALL:
        return consents
    if role not in PROGRAMME_READ:
        return consents.none()
    return consents.filter(pk__in=[pk for pk, terms in _terms_of(consents).items()
                                   if terms.naming(role, user.agency_id) is Naming.NAMED])


def visible_referrals(user, person: Person):
    """The referrals of ``person`` that ``user`` (already granted the person) may see: all of
    them for :data:`PROGRAMME_WRITE`, who make and end them; for a mentor, as
    :func:`visible_consents` keeps to the consents naming mentors, only the referrals to the
    mentor and to the other mentors of the mentor's own partner (``agency``), not those to
    other partners or services; none for anyone else. A religious-counselling referral only
    to a reader the person's consent names for the track (:func:`may_see`)."""
    from django.db.models import Q

    referrals = person.referrals.all()
    role = role_of(user)
    if not may_see(user, person, "religious"):  # the track is by consent only
        referrals = referrals.exclude(track="religious")
    if role in PROGRAMME_WRITE:
        return referrals
    if role != R.MENTOR:
        return referrals.none()
    own = Q(to=user)
    if user.agency_id is not None:
        own |= Q(to__role=R.MENTOR, to__agency_id=user.agency_id)
    return referrals.filter(own)


def may_see(user, person: Person, category: str, on=None) -> bool:
    """Whether ``user`` (already granted the person) may see ``category`` of their programme
    on ``on`` (today): the role must read it, and where the category needs consent for that
    role, consent in force that day."""
    role = role_of(user)
    readers = {"plan": PLAN_READ, "conference": PROGRAMME_READ,
               "psych_summary": COMPARTMENT_READ["psych_summary"],
               "religious": PROGRAMME_READ}[category]
    if role not in readers:
        return False
    return role not in CONSENT_NEEDED[category] or consented(person, role, user.agency_id,
                                                              category, on)


def visible_tracks(user, person: Person) -> list[str]:
    """The plan's tracks ``user`` (already granted the person) may see: the legal,
    psychological and social ones to the plan's readers, the religious-counselling one only
    to a programme reader with the person's consent where the role needs it."""
    out = ["legal", "psychological", "social"] if may_see(user, person, "plan") else []
    if may_see(user, person, "religious"):
        out.append("religious")
    return out


def may_read_session_summary(user, person: Person, track: str) -> bool:
    """Whether ``user`` (already granted the person's plan) may read what a session of ``track``
    says: a psychological session's summary is the psychologist's summary (the
    ``psych_summary`` category, which the mentor reads only with the person's consent); the
    plan's other tracks are read with the plan."""
    return track != "psychological" or may_see(user, person, "psych_summary")


def may_download(user, person: Person, report: str) -> bool:
    """Whether ``user`` (already granted the person) may download ``report`` about them: the
    role must be one the report is for and, where the role needs the person's consent for
    what the report mostly holds, that consent must be active."""
    role = role_of(user)
    category = REPORT_CONSENT[report]
    if role not in REPORTS[report]:
        return False
    return (category is None or role not in CONSENT_NEEDED[category]
            or consented(person, role, user.agency_id, category))


def readable_compartments(user, person: Person | None = None) -> list[str]:
    """Note compartments the user reads; for a given person, the consent-gated ones only under
    consent (a mentor's view of the psychological summary)."""
    role = role_of(user)
    out = [c for c, roles in COMPARTMENT_READ.items() if role in roles]
    if person is not None and "psych_summary" in out and not may_see(user, person,
                                                                        "psych_summary"):
        out.remove("psych_summary")
    return out


def writable_compartments(user) -> list[str]:
    role = role_of(user)
    return [c for c, roles in COMPARTMENT_WRITE.items() if role in roles]


def visible_assessments(user, qs):
    """Private (defence work-product) assessments are seen by their author alone."""
    return qs.filter(Q(private=False) | Q(created_by=user))


def decision_kinds(user) -> tuple[str, ...]:
    """The kinds of decision ``user`` may record on a case they reach (:data:`COURT_DECISIONS`
    for a judge, every kind for the prosecutor, none for the others)."""
    from qaitu.web.cases.models import Decision

    if has(user, FACT_EDITORS):
        return tuple(Decision.Kind.values)
    if has(user, {R.JUDGE}):
        return COURT_DECISIONS
    return ()


def require(request, roles: set[str], what: str = "screen") -> None:
    """A role check for screens that show no single person (dashboards, audit, intake start)."""
    if not has(request.user, roles):
        log.record(request, "denied", what, detail={"path": request.path})
        raise PermissionDenied
