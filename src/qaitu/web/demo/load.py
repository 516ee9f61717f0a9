"""A realistic synthetic demo: agencies, one login per role, dozens of people across every
stage and formation kind, with timelines, decisions, sentences, rehabilitation records and
assessments. Every name and number is invented.

Free text is in the language its author would write it in Kazakhstan: each user's notes in
that user's language (Russian or Kazakh), court and prosecution records in Russian."""

from __future__ import annotations

import datetime as dt
import random
from base64 import b32encode
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from qaitu.assessment.casefile import KeyedError, parse_mapping
from qaitu.law.sentence_dates import term_last_day
from qaitu.web import assessing
from qaitu.web.accounts.models import Agency, Role, User
from qaitu.web.assessments.models import Review
from qaitu.web.assessments.service import run_assessment
from qaitu.web.cases.models import Assignment, Case, Decision, Event, Sentence
from qaitu.web.demo import programme
from qaitu.web.people.models import Identity, Person
from qaitu.web.rehab.models import Contact, Goal, Note

PASSWORD = "qaitu-demo-2026"

#: The day the demo's history (births, episodes, returns: the art. 172 cohort's from March 2022,
#: the Zhusan returns from January 2019) is written for. Loaded on a later day, all of it moves
#: by as many days, so that the cases, sentences and orders it leads to stand to that day as
#: they stood to this one: fixed, it aged with the calendar, and loaded in 2029 the caseload
#: held an early cancellation open since 2026; every date already counted from ``today``
#: (appointments, the newcomer's sentence, consents) keeps its place. Loaded on an earlier day
#: (a test of a past day), see :data:`PERIOD`.
WRITTEN_FOR = dt.date(2026, 12, 7)
#: The start of the art. 172 cohort's episodes, the conflict's period. Loaded on a day before
#: :data:`WRITTEN_FOR`, the history does not move back by as many days (the episodes of a load
#: in January 2026 began in March 2021, before the conflict): what it places after this day is
#: drawn towards it in proportion, so that :data:`WRITTEN_FOR` falls on the load day, and what
#: lies before it (births, the Zhusan episodes and returns) stays where it was written.
PERIOD = dt.date(2022, 3, 1)
#: The earliest day the demo loads on. Drawn closer to :data:`PERIOD` (:func:`_placed`), the
#: history needs time after it for the returns, the cases opened on them, the sentences and
#: their orders: loaded in 2023 it kept its order but not its caseload (six registrations
#: overdue at once, no violation warned about, stages missing from the officer's dashboard);
#: from this day on tests/web/test_demo.py holds of it.
EARLIEST = dt.date(2024, 1, 1)


class DemoError(KeyedError):
    """A demo that cannot be loaded: the sentence ``admin.<key>`` of ``reasons.yaml`` with its
    values (said in the command's ``--lang``)."""

    SECTION = "admin"

AGENCIES = [  # names as each body writes them: Russian, or Kazakh (the akimat, the NGO)
    ("Прокуратура города Астаны (демо)", "prosecution", "Астана"),
    ("Специализированный межрайонный суд по уголовным делам города Астаны (демо)", "court",
     "Астана"),
    ("Коллегия адвокатов города Астаны (демо)", "bar", "Астана"),
    ("Служба пробации Департамента полиции города Астаны (демо)", "probation", "Астана"),
    ("Региональный центр реабилитации (демо)", "health", "Астана"),
    ("Астана қаласы әкімдігінің Жұмыспен қамту және әлеуметтік бағдарламалар басқармасы (демо)",
     "social", "Астана"),
    ("«Қайту» тәлімгерлер қоғамдық қоры (демо ҮЕҰ)", "ngo", "Астана"),
    ("Департамент аналитики Министерства внутренних дел (демо)", "ministry", "Астана"),
    ("Служба информационной безопасности (демо)", "it", "Астана"),
    ("Департамент законодательства Министерства юстиции (демо)", "ministry", "Астана"),
]
PROSECUTION, COURT = AGENCIES[0][0], AGENCIES[1][0]

USERS = [  # username, first, last, role, agency index, language
    ("prosecutor", "Айгерим", "Нурланова", Role.PROSECUTOR, 0, "ru"),
    ("prosecutor2", "Данияр", "Сейтқали", Role.PROSECUTOR, 0, "kk"),
    ("judge", "Серик", "Абенов", Role.JUDGE, 1, "ru"),
    ("defence", "Мадина", "Тулегенова", Role.DEFENCE, 2, "ru"),
    ("defence2", "Арман", "Беков", Role.DEFENCE, 2, "kk"),
    ("probation", "Ерлан", "Жақсыбеков", Role.PROBATION, 3, "kk"),
    ("psychologist", "Дана", "Оспанова", Role.PSYCHOLOGIST, 4, "ru"),
    ("social", "Гүлнар", "Ахметова", Role.SOCIAL_WORKER, 5, "kk"),
    ("mentor", "Тимур", "Искаков", Role.MENTOR, 6, "ru"),
    ("analyst", "Алия", "Каримова", Role.ANALYST, 7, "en"),
    ("drafter", "Жанна", "Әбдірахманова", Role.DRAFTER, 9, "ru"),
    ("admin", "Нурбол", "Садыков", Role.ADMIN, 8, "en"),
]

REGIONS = ["Астана", "Алматы", "Шымкент", "Карагандинская область", "Актюбинская область",
           "Мангистауская область", "Восточно-Казахстанская область", "Туркестанская область",
           "Павлодарская область"]
MALE = ["Нурлан", "Ербол", "Аскар", "Бауыржан", "Даулет", "Жандос", "Марат", "Азамат",
        "Руслан", "Кайрат", "Санжар", "Олжас", "Ержан", "Алибек", "Нурсултан", "Дмитрий",
        "Сергей", "Алексей"]
FEMALE = ["Айжан", "Сауле", "Жанар", "Айнур", "Гульмира", "Динара", "Асель", "Камила"]
SURNAMES = ["Тулеубаев", "Сулейменов", "Жумабаев", "Омаров", "Касымов", "Баймуханов",
            "Есенов", "Мухамеджанов", "Утепов", "Кенжебаев", "Сарсенов", "Иванов",
            "Петренко", "Абилов", "Джаксыбеков", "Каримов"]


@dataclass
class Profile:
    cohort: str
    kind: str
    country: str
    state: str | None
    name: str | None
    articles: list[str]


def _profile(rng: random.Random, i: int) -> Profile:
    """Cycle through every formation kind; most of the new cohort served a state's forces."""
    kinds = ["state_armed_forces", "state_armed_forces", "state_affiliated_pmc",
             "non_state_armed_group", "terrorist_organization", "none",
             "state_armed_forces", "state_affiliated_pmc"]
    kind = kinds[i % len(kinds)]
    if kind == "state_armed_forces":
        return Profile("art172", kind, "UA", "RU", "Вооружённые силы Российской Федерации",
                       ["172"])
    if kind == "state_affiliated_pmc":
        arts = ["170"] if rng.random() < 0.3 else ["172"]
        return Profile("art172", kind, "UA", "RU", "частная военная компания", arts)
    if kind == "non_state_armed_group":
        return Profile("art172", kind, "UA", "UA", "добровольческий батальон", ["172"])
    if kind == "terrorist_organization":
        return Profile("zhusan", kind, rng.choice(["SY", "IQ"]), None, "ИГИЛ",
                       ["257", "260"] if rng.random() < 0.5 else ["257"])
    return Profile("zhusan", kind, "SY", None, None, ["257"])


STAGES = ["pre_investigation", "investigation", "trial", "sentenced", "serving", "released"]


def _facts(rng: random.Random, p: Profile, stage: str, sex: str, birth: dt.date,
           start: dt.date, end: dt.date, ret: dt.date, sentence: dict | None) -> dict:
    unknown = rng.random() < 0.35  # some files still miss a fact or two
    episode: dict[str, Any] = {
        "country": p.country, "start": start.isoformat(), "end": end.isoformat(),
        "formation": {"kind": p.kind, "name": p.name, "state": p.state,
                      "recognized_terrorist_in_kz": p.kind == "terrorist_organization"},
        "member_of_formation": p.kind != "none",
        "role": "none" if p.kind == "none" else rng.choice(
            ["combatant", "combatant", "combatant", "support", "medical"]),
        "recruitment": rng.choice(["deception", "economic", "economic", "ideological", "family"]
                                  if p.cohort == "art172" else ["ideological", "family"]),
        "material_reward": p.kind in ("state_armed_forces", "state_affiliated_pmc"),
        "specially_recruited": "170" in p.articles,
        "war_crimes": "unknown" if unknown else "none",
        "deaths_caused": False,
        "terrorist_training": "260" in p.articles,
        "exit": rng.choice(["voluntary", "voluntary", "wounded", "contract_ended", "captured"]),
        "weapons_surrendered": True if p.kind != "none" else "unknown",
    }
    if p.kind == "none":
        episode["formation"] = {"kind": "none"}
    facts: dict[str, Any] = {
        "schema": "qaitu.case/1",
        "person": {"birth_date": birth.isoformat(), "sex": sex, "citizenship": ["KZ"],
                   "stateless_resident_of_kz": False, "recidivism": "none",
                   "pregnant": False, "children_under_3": rng.random() < 0.2,
                   "has_young_children": rng.random() < 0.5, "disability_group": "none"},
        "episodes": [episode],
        "return": {"status": "returned", "date": ret.isoformat(),
                   "mode": "repatriated_by_state" if p.cohort == "zhusan" else rng.choice(
                       ["voluntary", "voluntary", "deported"]),
                   "self_reported": rng.random() < 0.4,
                   "cooperation": rng.choice(["none", "partial", "active"])},
        "proceedings": {"stage": stage,
                        "plea_agreement": rng.choice(["none", "none", "guilty_plea"]),
                        "accelerated_investigation": False,
                        "pretrial_detention_days": rng.choice([0, 30, 60, 95, 120]),
                        "damage_repaired": "unknown" if unknown else True},
        "circumstances": {"mitigating": rng.sample(
            ["sincere_repentance", "active_cooperation", "has_young_children",
             "coercion_or_dependence"], k=rng.randint(0, 2)), "aggravating": []},
    }
    if facts["proceedings"]["plea_agreement"] != "none":
        facts["proceedings"]["plea_agreement_fulfilled"] = stage in STAGES[3:]
    if sentence:
        facts["proceedings"]["sentence"] = sentence
    # keep the document canonical (as the intake would store it)
    return parse_mapping(facts, "demo").to_json()


def _users() -> dict[str, User]:
    agencies = [Agency.objects.get_or_create(name=n, defaults={"kind": k, "region": r})[0]
                for n, k, r in AGENCIES]
    users = {}
    for username, first, last, role, ai, lang in USERS:
        u = User(username=username, first_name=first, last_name=last, role=role,
                 agency=agencies[ai], language=lang, is_superuser=False)
        u.set_password(PASSWORD)
        u.save()
        # Pre-enrolled second factor: a random key per database, printed by `qaitu serve`.
        TOTPDevice.objects.create(user=u, name="demo", confirmed=True)
        users[username] = u
    return users


def totp_secret(user: User) -> str | None:
    """The base32 key of the user's authenticator (what an app's "enter a key" asks for)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return b32encode(device.bin_key).decode() if device else None


@transaction.atomic
def load(n_people: int = 60, seed: int = 2026, assess: bool = True, progress=None,
         today: dt.date | None = None) -> dict:
    """The demo, dated relative to ``today`` (the application's, by default): appointments
    due, overdue and later, reviews and deadlines fall where a caseload shows them."""
    today = today or timezone.localdate()
    if today < EARLIEST:
        raise DemoError("demo_too_early", date=today, earliest=EARLIEST)
    rng = random.Random(seed)
    users = _users()
    cases: list[Case] = []
    in_programme: list[Person] = []
    newcomer = True  # the first non-custodial sentence that can, starts a few weeks ago
    for i in range(n_people):
        p = _profile(rng, i)
        stage = STAGES[(i * 7 // 3) % len(STAGES)] if p.cohort == "art172" else rng.choice(
            ["serving", "released", "released", "sentenced"])
        sex = "male" if p.cohort == "art172" or rng.random() < 0.3 else "female"
        birth = dt.date(rng.randint(1972, 2003), rng.randint(1, 12), rng.randint(1, 28))
        if p.cohort == "art172":
            start = PERIOD + dt.timedelta(days=rng.randint(0, 900))
        else:
            start = dt.date(2014, 6, 1) + dt.timedelta(days=rng.randint(0, 1200))
        end = start + dt.timedelta(days=rng.randint(60, 500) if p.cohort == "art172"
                                   else rng.randint(700, 1600))
        ret = end + dt.timedelta(days=rng.randint(5, 60))
        if p.cohort == "zhusan":
            ret = max(ret, dt.date(2019, 1, 7) + dt.timedelta(days=rng.randint(0, 700)))
        birth, start, end, ret = (_placed(d, today) for d in (birth, start, end, ret))
        opened = min(ret + dt.timedelta(days=rng.randint(3, 40)), today - dt.timedelta(days=30))
        sentence = None
        s_type = None
        if STAGES.index(stage) >= 3:
            s_type = rng.choice(["imprisonment", "imprisonment", "conditional",
                                 "restriction_of_freedom"])
            months = rng.choice([36, 48, 60, 66, 72]) if s_type != "restriction_of_freedom" \
                else rng.choice([24, 36, 48])
            s_start = opened + dt.timedelta(days=rng.randint(150, 300))
            if s_start > today:
                s_start = today - dt.timedelta(days=20)
            if (newcomer and s_type != "imprisonment"
                    and opened <= today - dt.timedelta(days=programme.NEWCOMER_DAYS + 150)):
                # the history puts every sentence's start months or years back, and so every
                # order's registration: one starts weeks ago, so that its order awaits a
                # registration just overdue (programme.supervision); 150 days from the case's
                # opening at least, as any sentence here
                s_start, newcomer = programme.newcomer_start(today), False
            sentence = {"type": s_type, "months": months, "start": s_start.isoformat()}
            stage = _stage_on(stage, s_type, s_start, months, today)
        person = Person.objects.create(
            registry_number=f"QT-{i + 1:06d}", cohort=p.cohort, region=rng.choice(REGIONS),
            birth_year=birth.year, sex=sex)
        names = MALE if sex == "male" else FEMALE
        surname = rng.choice(SURNAMES)
        if sex == "female" and surname.endswith(("ов", "ев")):
            surname += "а"
        Identity.objects.create(
            person=person, full_name=f"{surname} {rng.choice(names)}",
            iin=f"{birth:%y%m%d}{rng.randint(0, 999999):06d}", birth_date=birth,
            address=f"{person.region}, ул. Демонстрационная, д. {rng.randint(1, 200)}",
            phone=f"+7 70{rng.randint(0, 9)} 000 {rng.randint(1000, 9999)}")
        facts = _facts(rng, p, stage, sex, birth, start, end, ret, sentence)
        release = None
        if s_type == "imprisonment" and stage == "released":
            release = _release(rng, facts, today)
            if release is None:  # neither paroled nor served by today: still in prison
                stage = facts["proceedings"]["stage"] = "serving"
        elif stage == "released" and sentence:  # probation control ended (_stage_on)
            release = (min(_last_day(s_start, months) + dt.timedelta(days=1),
                           today - dt.timedelta(days=1)), False)
        case = Case(number=f"KZ-{opened.year}-{i + 1:06d}", person=person,
                    primary_article=p.articles[0], articles=p.articles, opened_on=opened,
                    region=person.region, stage=stage)
        case.set_facts(facts)
        case.save()
        cases.append(case)
        _timeline(rng, case, users, stage, ret, opened, sentence, p, today, release)
        _assign(rng, i, case, users, stage, p, s_type, today)
        if p.cohort == "zhusan" or stage in ("sentenced", "serving", "released"):
            _rehab(rng, person, users, stage, today)
            in_programme.append(person)
    orders = programme.supervision(rng, cases, users, today)
    programme.programmes(rng, in_programme, users, today)
    assessed = 0
    if assess:
        for j, case in enumerate(cases):
            if j % 4 == 3:
                continue  # some cases not assessed yet
            variants = assessing.usable_variants() if j % 3 == 0 else []
            a = run_assessment(users["prosecutor"], case, variants, facts=case.facts)
            assessed += 1
            if j % 5 == 0:
                Review.objects.create(assessment=a, reviewer=users["prosecutor"],
                                      verdict="agreed", note="Соответствует материалам дела.")
            if j % 11 == 0 and Assignment.objects.filter(case=case,
                                                         user=users["defence"]).exists():
                run_assessment(users["defence"], case, variants, facts=case.facts)
            if progress:
                progress(j + 1, len(cases))
    return {"people": len(cases), "assessments": assessed, "orders": orders,
            "users": list(users)}


def _placed(written: dt.date, today: dt.date) -> dt.date:
    """A date of the history, written for :data:`WRITTEN_FOR`, for the demo loaded on
    ``today``: as many days later on a later day; on an earlier day, a date after
    :data:`PERIOD` as much closer to it as the load day is (the order of the dates kept), an
    earlier date where it was written."""
    if today >= WRITTEN_FOR:
        return written + (today - WRITTEN_FOR)
    if written <= PERIOD:
        return written
    share = (today - PERIOD) / (WRITTEN_FOR - PERIOD)
    return PERIOD + dt.timedelta(days=round((written - PERIOD).days * share))


def _last_day(start: dt.date, months: int) -> dt.date:
    """The last day of a term of ``months`` from ``start``, as the law core counts it."""
    return term_last_day(np.array([start], dtype="datetime64[D]"), [months])[0].item()


def _stage_on(stage: str, s_type: str, start: dt.date, months: int, today: dt.date) -> str:
    """The stage the sentence's own dates give on ``today``: a term that ended before today is
    served (released, never still "serving"); a conditional sentence or restriction of freedom
    whose term still runs is being served (not yet "released", which for them means the end
    of probation control)."""
    ended = _last_day(start, months) < today
    if stage == "serving" and ended:
        return "released"
    if stage == "released" and not ended and s_type != "imprisonment":
        return "serving"
    return stage


def _release(rng: random.Random, facts: dict, today: dt.date) -> tuple[dt.date, bool] | None:
    """When a person sentenced to imprisonment left prison, and whether on parole: the law
    core's dates for the case's sentence under current law (the assessment's
    ``sentence.parole_eligible_on``, art. 72 with 72(3)-(5) and the custody credited, 62(3),
    and ``sentence.ends_on``). Those eligible are paroled a few weeks after the day 72
    opens (the court hears the application); everyone whose parole is closed or not yet
    open leaves the day after the term ends. None when neither
    day has come by ``today``. Where the core's dates depend on a fact the file leaves
    unknown (``depends_on``), no parole is assumed and the term ends on its last day without
    credit (:func:`_last_day`). A date open only on the active help of art. 72(1) ¶3
    (``parole_condition``) is taken only where the case records active cooperation, as the
    simulation takes it: the demo has no court to judge the help on the day."""
    found = assessing.run(facts, [], None)["variants"]["current"].get("sentence") or {}
    sentence = facts["proceedings"]["sentence"]
    ends = dt.date.fromisoformat(found["ends_on"]) if found.get("ends_on") else _last_day(
        dt.date.fromisoformat(sentence["start"]), sentence["months"])
    eligible = found.get("parole_eligible_on")
    helps = (facts.get("return") or {}).get("cooperation") == "active"
    if eligible and (found.get("parole_condition") is None or helps):
        on = dt.date.fromisoformat(eligible) + dt.timedelta(days=rng.randint(14, 90))
        if on < today and on < ends:
            return on, True
    if ends < today - dt.timedelta(days=1):
        return ends + dt.timedelta(days=1), False
    return None


def _timeline(rng, case, users, stage, ret, opened, sentence, p, today, release=None):
    pros = users["prosecutor"]
    ev = [Event(case=case, date=ret, kind="returned", description="")]
    ev.append(Event(case=case, date=opened, kind="opened", stage="pre_investigation",
                    description="Зарегистрировано в Едином реестре досудебных расследований"))
    decisions = [Decision(case=case, date=opened, kind="initiation", articles=p.articles,
                          authority=PROSECUTION, created_by=pros)]
    si = STAGES.index(stage)
    d = opened
    if si >= 1:
        d += dt.timedelta(days=rng.randint(5, 20))
        ev.append(Event(case=case, date=d, kind="charged", stage="investigation"))
        decisions.append(Decision(case=case, date=d, kind="charge", articles=p.articles,
                                  authority="Следователь (демо)", created_by=pros))
    if si >= 2:
        d += dt.timedelta(days=rng.randint(40, 120))
        ev.append(Event(case=case, date=d, kind="indicted", stage="trial"))
    if si >= 3 and sentence:
        s_start = dt.date.fromisoformat(sentence["start"])
        verdict = s_start - dt.timedelta(days=rng.randint(10, 40))
        verdict = max(verdict, d + dt.timedelta(days=1))
        ev.append(Event(case=case, date=verdict, kind="verdict", stage="sentenced"))
        with translation.override("ru"):
            punishment = str(Sentence.Type(sentence["type"]).label).lower()
        dec = Decision(case=case, date=verdict, kind="verdict", articles=p.articles,
                       authority=COURT, created_by=pros,
                       summary=f"Обвинительный приговор; {punishment}, {sentence['months']} мес.")
        decisions.append(dec)
        Decision.objects.bulk_create(decisions)
        decisions = []
        Sentence.objects.create(case=case, decision=dec, type=sentence["type"],
                                months=None if sentence["type"] == "restriction_of_freedom"
                                else sentence["months"],
                                probation_months=sentence["months"] if sentence["type"] in (
                                    "conditional", "restriction_of_freedom") else None,
                                start=s_start,
                                duties="Являться на регистрацию в службу пробации; не выезжать "
                                "за пределы области без уведомления пробации"
                                if sentence["type"] != "imprisonment" else "")
        if si >= 4:
            kind = "sentence_start" if sentence["type"] == "imprisonment" else \
                "probation_registered"
            ev.append(Event(case=case, date=s_start, kind=kind, stage="serving"))
        if si >= 5 and release is not None:
            # from imprisonment: on parole once art. 72 opens, or the day after the term
            # (_release, from the law core's dates)
            rel, parole = release
            ev.append(Event(case=case, date=rel, kind="released", stage="released",
                            description="Условно-досрочное освобождение" if parole
                            else "Освобождение по отбытии срока"))
    if decisions:
        Decision.objects.bulk_create(decisions)
    for e in ev:
        e.created_by = pros
    Event.objects.bulk_create(ev)


def _assign(rng, i, case, users, stage, p, s_type, today):
    names = []
    if i % 6 != 5:
        names.append("prosecutor")
    else:
        names.append("prosecutor2")
    if stage in ("trial", "sentenced", "serving", "released"):
        names.append("judge")
    if i % 3 == 0:
        names.append("defence")
    elif i % 3 == 1:
        names.append("defence2")
    supervised = stage in ("serving", "released") or s_type in ("conditional",
                                                                 "restriction_of_freedom")
    if supervised or p.cohort == "zhusan":
        names += ["probation", "psychologist", "social"]
        if i % 2 == 0:
            names.append("mentor")
    rows = []
    for n in names:
        until = None
        if n == "mentor" and i % 8 == 0:
            until = today - dt.timedelta(days=10)  # an expired referral
        elif n == "mentor":
            until = today + dt.timedelta(days=180)
        rows.append(Assignment(case=case, user=users[n], since=case.opened_on, until=until))
    Assignment.objects.bulk_create(rows)


NOTES = [  # compartment, author, what that author might write (in the author's language)
    ("supervision", "probation", [
        "Есепке алынды: сот жүктеген міндеттер түсіндірілді, қолхат алынды.",
        "Белгіленген күні келді; тұрғылықты жері мен жұмыс орны өзгерген жоқ.",
    ]),
    ("clinical", "psychologist", [
        "PHQ-9: 11 баллов (умеренная депрессия). Нарушения сна; повторный приём через 2 недели.",
        "PCL-5: 38 баллов, признаки ПТСР. Начата когнитивно-поведенческая терапия.",
    ]),
    ("psych_summary", "psychologist", [
        "Идёт на контакт; умеренный дистресс; острых рисков не выявлено.",
        "Посещает консультации регулярно; состояние стабильное.",
    ]),
    ("social", "social", [
        "Жаңа жеке куәлік қажет; ХҚКО-ға жолдама берілді.",
        "Отбасы тұрғын үй көмегіне өтініш берді; құжаттар жиналып жатыр.",
    ]),
    ("mentoring", "mentor", [
        "Первая встреча: обсудили поиск работы и связь с семьёй.",
        "Помог составить резюме; в четверг собеседование на складе.",
    ]),
]


def _rehab(rng, person, users, stage, today):
    goals = [  # written by the probation officer, in Kazakh
        ("documents", "Жеке куәлікті қалпына келтіру, тұрғылықты жері бойынша тіркеу",
         "Халыққа қызмет көрсету орталығы"),
        ("employment", "Кәсіптік оқу курсы және жұмысқа орналастыру",
         "Әкімдіктің жұмыспен қамту орталығы"),
        ("psychological", "Психологиялық кеңес беру, 8 сессия", "Оңалту орталығы"),
        ("family", "Туыстарымен отбасылық кездесу өткізу", "«Қайту» қоры (демо ҮЕҰ)"),
        ("housing", "Уақытша баспанамен қамтамасыз ету", "Әкімдік"),
    ]
    for dom, text, who in rng.sample(goals, k=3):
        Goal.objects.create(person=person, domain=dom, goal=text, responsible=who,
                            due=today + dt.timedelta(days=rng.randint(-30, 120)),
                            status=rng.choice(["open", "in_progress", "done"]),
                            created_by=users["probation"],
                            owner=users["psychologist" if dom == "psychological" else "social"])
    for comp, who, texts in NOTES:
        Note.objects.create(person=person, compartment=comp, text=rng.choice(texts),
                            author=users[who], date=today - dt.timedelta(days=rng.randint(1, 90)))
    for k in range(3):
        Contact.objects.create(
            person=person, date=today - dt.timedelta(days=7 * (k + 1)),
            kind=rng.choice(["office", "home", "remote"]),
            outcome=rng.choice(["attended", "attended", "attended", "acceptable_absence",
                                "failed"]), recorded_by=users["probation"])
    number = int(person.registry_number.rsplit("-", 1)[1])
    Contact.objects.create(person=person, date=today + programme.next_appointment(number),
                           kind="office", outcome="planned", recorded_by=users["probation"])
