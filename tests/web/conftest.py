"""Django set-up for the web tests only: other test folders need no Django.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL points there.
"""

from __future__ import annotations

import datetime as dt
import os

from django.utils import timezone

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qaitu.web.settings")

import django  # noqa: E402
import django.test  # noqa: E402
import pytest  # noqa: E402

# pytest-django reads DJANGO_SETTINGS_MODULE before this folder's conftest is imported (the
# project's pytest options do not set it, so that other folders stay Django-free): set up now.
django.setup()

# Every fixture user's password is hashed once; the production hasher's 10^6 rounds cost about
# a second each on a loaded machine and made the world fixture most of the suite's time. The
# hasher itself is Django's, tested upstream; what the tests check is who may sign in.
django.conf.settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's Chromium through Playwright")


_FORCE_LOGIN = django.test.Client.force_login


def sign_in_reading(client, user, lang):
    """Sign ``user`` in with ``lang`` as their own language, as a reader chooses it in their
    profile (the language the pages are said in)."""
    user.language = lang
    user.save(update_fields=["language"])
    client.force_login(user)
    return client


def verified_login(client, user):
    """Sign ``user`` in with both factors: the session, then a confirmed TOTP device verified
    the way the code page does (django_otp.login). Every role must pass the second factor."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _FORCE_LOGIN(client, user, backend="django.contrib.auth.backends.ModelBackend")
    device = (TOTPDevice.objects.filter(user=user, confirmed=True).first()
              or TOTPDevice.objects.create(user=user, name="test", confirmed=True))
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture(scope="session", autouse=True)
def _flush_lifts_the_audit_triggers():
    """Tests on a live server (transactional_db) end with a flush, which deletes the audit log
    like a retention purge by the owner would: lift the append-only triggers around it."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from qaitu.web.audit.migrations import _append_only as ao

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        conn = self.connection
        tables = ("audit_auditentry", "assessments_assessment")  # both append-only
        with conn.cursor() as cur:
            for table in tables:
                for sql in ao.statements(ao.UNPROTECT, conn.vendor, table):
                    cur.execute(sql)
        original(self, sql_list)
        with conn.cursor() as cur:
            for table in tables:
                for sql in ao.statements(ao.PROTECT, conn.vendor, table):
                    cur.execute(sql)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = original


@pytest.fixture(autouse=True)
def _each_test_keeps_its_own_lab_parts(settings, tmp_path):
    """Tests on parallel workers number their projections from 1 alike: each keeps the
    shares it writes in its own folder, so none merges or counts another's."""
    settings.QAITU_LAB_PARTS_DIR = tmp_path / "lab-parts"


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language():
    """A request leaves its language active in the thread (LocaleMiddleware activates it): a
    Russian page viewed by one test must not turn the next test's labels Russian."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _force_login_passes_otp(monkeypatch):
    """``client.force_login`` in these tests means a fully signed-in user (both factors);
    the tests of the second factor itself sign in through /login/ and /otp/."""
    from django.test import Client

    monkeypatch.setattr(Client, "force_login",
                        lambda self, user, backend=None: verified_login(self, user))


FACTS = {
    "schema": "qaitu.case/1",
    "as_of": "2026-03-01",
    "person": {"birth_date": "1991-04-12", "sex": "male", "citizenship": ["KZ"],
               "stateless_resident_of_kz": False, "recidivism": "none", "pregnant": False,
               "children_under_3": False, "has_young_children": True,
               "disability_group": "none"},
    "episodes": [{
        "country": "UA", "start": "2024-03-10", "end": "2024-11-20",
        "formation": {"kind": "state_armed_forces", "name": "Armed Forces", "state": "RU",
                      "recognized_terrorist_in_kz": False},
        "member_of_formation": True, "role": "combatant", "recruitment": "deception",
        "material_reward": True, "specially_recruited": False, "war_crimes": "none",
        "deaths_caused": False, "terrorist_training": False, "exit": "voluntary",
        "weapons_surrendered": True}],
    "return": {"status": "returned", "date": "2024-12-02", "mode": "voluntary",
               "self_reported": True, "cooperation": "active"},
    "proceedings": {"stage": "trial", "plea_agreement": "guilty_plea",
                    "plea_agreement_fulfilled": True, "accelerated_investigation": False,
                    "pretrial_detention_days": 95},
    "circumstances": {"mitigating": ["sincere_repentance", "active_cooperation"]},
}

ROLES = ["prosecutor", "judge", "defence", "probation", "psychologist", "social_worker",
         "mentor", "analyst", "admin"]


@pytest.fixture
def world(db):
    """Agencies, one user per role (+ a second defence lawyer), three cases:

    * ``a``: everyone assigned (the mentor until next month);
    * ``b``: the prosecutor and ``defence2`` only (not ``defence``'s client);
    * ``c``: the mentor's referral expired.
    """
    from qaitu.web.accounts.models import Agency, User
    from qaitu.web.cases.models import Assignment, Case, Event
    from qaitu.web.people.models import Identity, Person
    from qaitu.web.rehab.models import Note

    agency = Agency.objects.create(name="Test agency", kind="prosecution")
    users = {}
    for role in [*ROLES, "defence2"]:
        users[role] = User.objects.create_user(
            username=role, password="pw-" + role, role=role.rstrip("2"), agency=agency)
    cases = {}
    for key in "abc":
        person = Person.objects.create(registry_number=f"QT-T0000{key}", region="Astana",
                                       birth_year=1991, sex="male")
        Identity.objects.create(person=person, full_name=f"Secret Name {key.upper()}",
                                iin="910412300123")
        case = Case(number=f"KZ-T-{key}", person=person, primary_article="172",
                    articles=["172"], opened_on=dt.date(2025, 1, 10), stage="trial")
        case.set_facts(dict(FACTS))
        case.save()
        Event.objects.create(case=case, date=dt.date(2025, 1, 10), kind="opened",
                             stage="investigation")
        cases[key] = case
    today = timezone.localdate()
    for role in ROLES[:7]:
        until = today + dt.timedelta(days=30) if role == "mentor" else None
        Assignment.objects.create(case=cases["a"], user=users[role], until=until)
    Assignment.objects.create(case=cases["b"], user=users["prosecutor"])
    Assignment.objects.create(case=cases["b"], user=users["defence2"])
    Assignment.objects.create(case=cases["c"], user=users["mentor"],
                              until=today - dt.timedelta(days=1))
    for comp, author in [("clinical", "psychologist"), ("psych_summary", "psychologist"),
                         ("supervision", "probation"), ("social", "social_worker"),
                         ("mentoring", "mentor")]:
        Note.objects.create(person=cases["a"].person, compartment=comp, author=users[author],
                            text=f"{comp} note text")
    return {"users": users, "cases": cases}


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client
    return as_user


@pytest.fixture
def dates_page(world, client):
    """The assessment page of case a run on ``facts``, as a judge reads it in ``lang``: its
    sentence-dates section and the whole page."""
    from django.conf import settings

    from qaitu.web.assessments.service import run_assessment

    def read(facts, lang):
        case = world["cases"]["a"]
        case.facts = facts
        case.save()
        snap = run_assessment(world["users"]["prosecutor"], case, [])
        client.force_login(world["users"]["judge"])
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        body = client.get(f"/assessments/{snap.pk}/").content.decode()
        section = body[body.index('class="sentence-dates"'):]
        return section[:section.index("</section>")], body
    return read
