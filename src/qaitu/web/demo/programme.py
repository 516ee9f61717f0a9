"""Demo of probation control and the programme: orders from the recorded verdicts (and parole
for some of the released), check-ins, EM alerts, violations at every stage of the breach
workflow, early cancellation, programmes with consent, referrals, conferences, sessions,
screenings (one PHQ-9 alert open), licensed risk outcomes and family links.

Free text in its author's language, as in :mod:`qaitu.web.demo.load`: the probation officer
and the social worker write Kazakh, the psychologist and the mentor Russian, courts Russian."""

from __future__ import annotations

import datetime as dt
import random

from qaitu.web.cases.models import Assignment, Case, Decision
from qaitu.web.people.models import Person
from qaitu.web.rehab import services as rehab
from qaitu.web.rehab.models import (
    Consent,
    Contact,
    Goal,
    Programme,
    Relative,
    RiskRecord,
    Session,
)
from qaitu.web.supervision import services
from qaitu.web.supervision.models import EMAlert

#: A contact's outcomes that mean the person came (or was excused): a check-in.
ATTENDED = {"attended", "acceptable_absence"}
COURT = "Специализированный межрайонный суд по уголовным делам (демо)"
VIOLATIONS = [  # violation, the officer's words (Kazakh)
    ("missed_registration", "Белгіленген күні тіркеуге келмеді, себебін хабарламады."),
    ("unannounced_move", "Пробация қызметін хабардар етпей тұрғылықты жерін ауыстырды."),
    ("admin_offence", "Қоғамдық тәртіпті бұзғаны үшін әкімшілік жазаға тартылды."),
    ("em_damage", "Электрондық бақылау құралын әдейі зақымдады."),
    ("duty_failure", "Сот жүктеген міндетті орындамады: емделу курсынан өтпеді."),
]
# Stages the demo's violations reach, in turn: every stage of the workflow is shown.
STAGES = ["recorded", "warned", "submitted", "overdue", "extended", "refused", "no_action",
          "revoked"]


def _breach(rng, order, user, stage, today, judge=None):
    pick = rng.randrange(len(VIOLATIONS))
    if stage == "revoked":
        pick = 4
    # only a violation the order's kind knows: EM damage on an order with monitoring alone
    known = dict(services.violations(order))
    violation, text = next(VIOLATIONS[(pick + k) % len(VIOLATIONS)] for k in range(
        len(VIOLATIONS)) if VIOLATIONS[(pick + k) % len(VIOLATIONS)][0] in known)
    if order.kind == "restriction_of_freedom":
        violation, text = "evasion", "Бас бостандығын шектеуді өтеуден қасақана жалтарды."
    elif order.kind == "parole":
        violation, text = VIOLATIONS[0]
    ago = rng.randint(20, 60)
    # a violation still awaiting the officer's step (an open one) happened days ago, not
    # weeks: the caseload showed each overdue for a month or two
    occurred = today - dt.timedelta(days=ago // 10 if stage in services.OPEN_BREACH else ago)
    failed = Contact.objects.create(person=order.person, order=order, date=occurred,
                                    kind="office", outcome="failed", recorded_by=user,
                                    note="Келмеді")
    b = services.record_breach(order, violation=violation, occurred_on=occurred,
                               description=text, user=user, contact=failed)
    if stage == "recorded" or not b.grounds:
        return
    if stage == "no_action":
        services.close_without_submission(
            b, "Себебі дәлелді деп танылды: құжатпен расталған науқастық, сотқа ұсыну "
               "қажет емес.")
        return
    services.warn(b, on=occurred + dt.timedelta(days=2),
                  text="Сот үкімін орындамағаны үшін жазбаша ескерту жасалды.")
    if stage == "warned":
        return
    submitted = occurred + dt.timedelta(days=7)
    deadline = submitted + dt.timedelta(days=10 if stage == "overdue" else 60)
    s = services.submit(order, ground=b.grounds[0], on=submitted, court=COURT,
                        deadline=deadline, user=user, breach=b)
    if stage in ("submitted", "overdue"):
        return
    outcome = {"extended": "extended", "refused": "refused", "revoked": "revoked"}[stage]
    allowed = services.OUTCOMES[services.law.BY_CODE[s.ground].consequence]
    if outcome not in allowed:
        outcome = sorted(allowed)[0]
    # the court's answer, recorded by the judge assigned to the case (as the screens ask,
    # policy.court_answer_recorders)
    services.decide(s, on=submitted + dt.timedelta(days=14), outcome=outcome,
                    extension_months=6 if outcome == "extended" else None,
                    note="Постановление суда (демо)", by=judge)


def next_appointment(n: int) -> dt.timedelta:
    """When the next appointment is, from today, for the ``n``-th person or order: in turn a
    few days past with its outcome not yet recorded (overdue on the caseload), this week, and
    later in the month (by a number, so that the seeded draws of the demo stay as they are)."""
    return dt.timedelta(days=(-1 - n % 4, n % 6, 10 + n % 18)[n % 3])


def _months_between(release: dt.date, start: dt.date, months: int) -> int:
    """Whole months (at least one) from ``release`` to the end of a sentence of ``months``
    from ``start``: the unserved part."""
    end_month = start.year * 12 + start.month - 1 + months
    return max(1, end_month - (release.year * 12 + release.month - 1))


#: How long ago the demo's newcomer's sentence started (load.py): the ten days to report for
#: registration after the verdict's entry into force (law.supervision.registration_due) have
#: passed, by about a week, and its order is made here, not reported for.
NEWCOMER_DAYS = 18


def newcomer_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=NEWCOMER_DAYS)


def awaiting_order(cases: list[Case], today: dt.date) -> Case | None:
    """The case whose recorded verdict the officer turns into an order on the screen (none is
    made for it here): the latest conditional sentence or restriction of freedom on a case in
    the officer's caseload, so that its probation control still runs; not the newcomer's,
    whose order shows a registration overdue."""
    waiting = [c for c in cases if c.stage in ("sentenced", "serving")
               and (s := c.sentences.first()) is not None and s.start is not None
               and s.type in services.SENTENCE_KINDS and s.start != newcomer_start(today)]
    return max(waiting, key=lambda c: (c.sentences.first().start, c.pk), default=None)


def supervision(rng: random.Random, cases: list[Case], users: dict, today: dt.date) -> int:
    officer = users["probation"]
    n = running = 0  # orders; orders running today (their violations go through the stages)
    waiting = awaiting_order(cases, today)
    for case in cases:
        verdict = case.decisions.filter(kind="verdict").first()
        sentence = case.sentences.first()
        if verdict is None or sentence is None or sentence.start is None or case == waiting:
            continue
        if sentence.type in services.SENTENCE_KINDS and case.stage in ("serving", "released",
                                                                         "sentenced"):
            decision, term = verdict, sentence.probation_months or sentence.months
            start = sentence.start
        elif sentence.type == "imprisonment" and case.stage == "released":
            release = case.events.filter(
                kind="released", description__startswith="Условно-досрочное").values_list(
                "date", flat=True).first()
            if release is None:  # served to the end: no parole, no order
                continue
            decision = Decision.objects.create(
                case=case, date=release, kind="parole", authority=COURT, created_by=officer,
                summary="Условно-досрочное освобождение; пробационный контроль на неотбытую "
                        "часть наказания")
            # probation control for the unserved part (72(2)): never beyond the sentence
            unserved = _months_between(release, sentence.start, sentence.months)
            start, term = release, min(rng.choice([12, 18, 24]), unserved)
        else:
            continue
        order = services.create_order(
            decision=decision, officer=officer, term_months=term, start=start,
            duties=sentence.duties or "Тұрғылықты жерін пробация қызметін хабардар етпей "
            "ауыстырмау; айына бір рет тіркеуге келу",
            electronic_monitoring=n % 3 == 0, today=today)
        # an order whose registration fell due within the last month (the newcomer's,
        # NEWCOMER_DAYS) has not been reported for yet: the caseload shows it overdue.
        # Not longer: whoever had not reported for years would be a hiding person's breach,
        # and the caseload showed registrations overdue since 2023
        registered = (order.registration_due is None
                      or order.registration_due < today - dt.timedelta(days=30))
        if registered:
            order.registered_on = start + dt.timedelta(days=rng.randint(2, 8))
            order.save(update_fields=["registered_on"])
        n += 1
        if order.ends_on < today:
            continue  # ended before today: a completed order, no recent contacts or violations
        contacts = Contact.objects.filter(person=case.person, order__isnull=True,
                                          date__gte=start)  # none before the order
        if not registered:  # whoever never reported came to no check-in under the order
            contacts = contacts.exclude(outcome__in=ATTENDED)
        contacts.update(order=order)
        # the running orders' next appointments in turn overdue, this week and later, so that
        # the caseload shows each whichever people the orders are for
        order.contacts.filter(outcome="planned").update(date=today + next_appointment(running))
        if not registered:  # weeks old, nothing under it yet: no alert, no violation
            running += 1
            continue
        if order.electronic_monitoring:
            EMAlert.objects.create(order=order, at=dt.datetime.combine(
                today - dt.timedelta(days=rng.randint(1, 20)), dt.time(23, 10),
                tzinfo=dt.UTC), kind=rng.choice(["zone", "curfew", "signal"]),
                outcome=rng.choice(["open", "explained"]), recorded_by=officer,
                note="Мониторинг орталығының хабарламасы")
        _breach(rng, order, officer, STAGES[running % len(STAGES)], today, users["judge"])
        order.refresh_from_db()
        if order.closed_on:  # revoked or replaced: the person reports no more under it
            order.contacts.filter(date__gt=order.closed_on).update(order=None)
        proposed = today - dt.timedelta(days=5)
        # every second order's proposal is made, the others' left due on the caseload; not
        # one due for over a month, which an officer would have made (the history drawn
        # closer to an early load day can open one long before it: load.PERIOD)
        long_due = (order.early_cancellation_from is not None
                    and order.early_cancellation_from < today - dt.timedelta(days=30))
        if (running % 2 == 0 or long_due) and services.early_cancellation_offered(order,
                                                                                    proposed):
            services.submit(order, ground="64(1)", on=proposed, court=COURT,
                            deadline=today + dt.timedelta(days=25), user=officer)
        running += 1
    services.complete_ended(today)
    return n


SCREEN_SERIES = [  # (instrument, answers then, answers now)
    ("phq9", [2, 2, 1, 2, 1, 1, 1, 1, 0], [1, 1, 1, 1, 0, 1, 0, 0, 0]),
    ("gad7", [2, 2, 2, 1, 1, 2, 1], [1, 1, 1, 1, 0, 1, 0]),
    ("pcl5", [2, 3, 2, 2, 3, 2, 2, 1, 2, 2, 3, 2, 1, 2, 2, 3, 2, 1, 2, 2],
     [1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 2, 1, 0, 1, 1, 2, 1, 1, 1, 1]),
    ("audit", [2, 1, 1, 0, 0, 0, 1, 0, 0, 0], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
]


def _complete(prog: Programme, closed_on: dt.date) -> None:
    """Close ``prog`` as completed the way the screen does (:func:`rehab.close`, under its
    rule :func:`rehab.completion_unmet`): its goals done, every third one dropped with its
    reason, and what the programme opened (referrals, consents) ended with it."""
    for n, goal in enumerate(prog.person.goals.order_by("pk")):
        if n % 3 == 2 and goal.status != "done":
            rehab.set_goal_status(goal, "dropped", "Қажет болмады: мәселе басқа жолмен шешілді.")
        else:
            rehab.set_goal_status(goal, "done")
    rehab.close(prog, closed_on=closed_on, outcome="completed", employed_at_exit=True,
                note="Бағдарлама мақсаттары орындалды.")


def enrolled_ago(k: int) -> dt.timedelta:
    """How long ago the ``k``-th person enrolled: spread over the past year, each before the
    programme's first conference and screenings (120 days ago), so that the outcomes count
    enrolments of two years and the reviews fall due at different times (by a number, so
    that the seeded draws of the demo stay as they are)."""
    return dt.timedelta(days=130 + k * 97 % 236)


def programmes(rng: random.Random, people: list[Person], users: dict, today: dt.date) -> int:
    social, psych, mentor = users["social"], users["psychologist"], users["mentor"]
    running = 0  # mentor referrals still running today, in turn
    for k, person in enumerate(people):
        closed = k % 7 == 6
        enrolled = today - enrolled_ago(k)
        prog = Programme.objects.create(
            person=person, lead=social, status="active",
            referred_on=enrolled - dt.timedelta(days=10), enrolled_on=enrolled,
            review_every_days=90,
            exit_criteria="Құжаттар қалпына келтірілді; тұрақты жұмыс; отбасымен байланыс")
        if k % 2 == 0:
            Consent.objects.create(person=person, shares=["plan", "conference",
                                                          "psych_summary"],
                                   roles=["mentor"], until=today + dt.timedelta(days=180),
                                   given_on=max(prog.referred_on,
                                                today - dt.timedelta(days=190)),
                                   recorded_by=social,
                                   note="Жазбаша келісім, қолы қойылған")
        # The mentor's access is a referral's (policy), and a referral to an NGO mentor rests
        # on the person's consent to it for its whole term (policy.referral_consents): the
        # consent is recorded first, then the referral through the rule, as the screen does.
        assigned = Assignment.objects.filter(case__person=person, user=mentor).first()
        if k % 4 == 1:
            religious = Consent.objects.create(
                person=person, shares=["religious"],
                roles=["probation", "social_worker", "mentor"],
                until=today + dt.timedelta(days=180),
                given_on=min(today - dt.timedelta(days=150),
                             assigned.since if assigned else today), recorded_by=social)
            Goal.objects.create(person=person, domain="religious", created_by=social,
                                owner=social,
                                goal="Дінтанушымен кеңес (өз келісімі бойынша)",
                                responsible="«Ақниет» орталығы (демо)",
                                due=today + dt.timedelta(days=60))
        if assigned is not None and assigned.until >= assigned.since:
            partner = Consent.objects.create(
                person=person, shares=["partner"], roles=["mentor"], given_on=assigned.since,
                until=assigned.until, recorded_by=social,
                note="Жазбаша келісім: ҮЕҰ тәлімгеріне жолдау")
            partner.agencies.set([mentor.agency])  # the mentor's NGO by name, as signed
            ref = rehab.refer(person, assigned.case, to=mentor, track="social",
                              purpose="Наставничество", since=assigned.since,
                              until=assigned.until, by=social, today=today)
            # of the referrals still running, every fifth from the third is ended by hand and
            # every fifth from the second by the person revoking the consent it rests on
            running += ref.until > today
            turn = running % 5 if ref.until > today else -1
            if k % 4 == 1 and turn != 3 and ref.until > today and religious.until >= ref.until:
                rehab.refer(person, assigned.case, to=mentor, track="religious",
                            purpose="Дінтанушымен кеңеске ілесу", since=assigned.since,
                            until=assigned.until, by=social, today=today)
            if turn == 3:
                rehab.end_referral(ref, today - dt.timedelta(days=10))
            elif turn == 2:  # the person withdrew: the referrals resting on it end
                rehab.revoke_consent(partner, today - dt.timedelta(days=5))
        rehab.hold_conference(
            person, date=today - dt.timedelta(days=120), chaired_by=social,
            attendees="пробация, психолог, әкімдік, «Қайту» қоры",
            minutes="Жеке бағдарлама талқыланды; құжаттар мен жұмыс мәселесі басым.",
            next_review=today + dt.timedelta(days=rng.choice([-5, 3, 40])),
            decisions=[("employment", "Кәсіптік оқуға жолдама", "Жұмыспен қамту орталығы",
                        today + dt.timedelta(days=30))])
        Session.objects.create(person=person, track="psychological", by=psych,
                               date=today - dt.timedelta(days=14),
                               summary="Индивидуальная консультация, техники стабилизации")
        Session.objects.create(person=person, track="social", by=social,
                               date=today - dt.timedelta(days=30), attended=k % 3 != 0,
                               summary="Жұмыс жәрмеңкесі")
        for code, then, now in SCREEN_SERIES[: 2 + k % 3]:
            rehab.record_screening(person, code, then, psych, today - dt.timedelta(days=120))
            rehab.record_screening(person, code, now, psych, today - dt.timedelta(days=20))
        if k in (1, 4):  # item 9 above 0: one alert open, one acknowledged
            s = rehab.record_screening(person, "phq9", [2, 2, 2, 1, 1, 2, 1, 1, 1], psych,
                                       today - dt.timedelta(days=1))
            if k == 4:
                rehab.acknowledge(s.alert, "Проведена оценка риска, составлен план безопасности")
        if closed:
            _complete(prog, today - dt.timedelta(days=10))
        if k % 6 == 0:
            RiskRecord.objects.create(person=person, instrument="vera2r",
                                      outcome=rng.choice(["low", "moderate"]),
                                      assessor="Сертифицированный эксперт (демо)",
                                      date=today - dt.timedelta(days=100), recorded_by=psych)
    for a, b in zip(people[::5], people[1::5], strict=False):  # families that came back
        Relative.objects.get_or_create(person=a, relative=b, defaults={"relation": "spouse"})
        Relative.objects.get_or_create(person=b, relative=a, defaults={"relation": "spouse"})
    return len(people)
