"""Referrals that rest on the person's consent (``policy.referral_consent_refusals``), by
screen and by API: religious counselling is by consent only; a non-governmental partner
receives the person's data only with their consent (Law No. 94-V of 21.05.2013); the consent
must last the whole referral; revoking it ends the referral at once, and a consent no longer
in force ends it by the scheduled job, each with an audit record."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from conftest import sign_in_reading
from django.utils import timezone

from qaitu.web import policy
from qaitu.web.accounts.models import Agency, User
from qaitu.web.audit.models import AuditEntry
from qaitu.web.cases.models import Assignment
from qaitu.web.rehab.models import Consent, Referral
from qaitu.web.rehab.tasks import end_lapsed_referrals

TODAY = timezone.localdate()
REG = "QT-T0000a"
PAGE = f"/people/{REG}/programme/"
API = f"/api/programme/people/{REG}"
UNTIL = TODAY + dt.timedelta(days=60)


def _consent(world, shares, roles, until=UNTIL, given_on=TODAY):
    return Consent.objects.create(person=world["cases"]["a"].person, shares=shares,
                                  roles=roles, given_on=given_on, until=until,
                                  recorded_by=world["users"]["social_worker"])


def _refer_on_page(client, to, track, until=UNTIL):
    return client.post(f"{PAGE}referral/", {
        "to": to.pk, "track": track, "purpose": "counselling", "since": TODAY.isoformat(),
        "until": until.isoformat()})


def _error_beside(page: str, field: str) -> str:
    """The error paragraph the page shows beside the referral form's ``field``."""
    assert f'id="referral_{field}" ' in page or f'id="referral_{field}"' in page
    marker = f'<p class="error" id="referral_{field}-err">'
    assert marker in page, f"no error beside {field}"
    return html.unescape(page.split(marker, 1)[1].split("</p>", 1)[0])


@pytest.fixture
def ngo_psychologist(world):
    """A psychologist of an NGO's centre, assigned to nothing yet."""
    ngo = Agency.objects.create(name="Centre NGO", kind="ngo")
    return User.objects.create_user(username="ngo-psy", password="x", role="psychologist",
                                    agency=ngo)


@pytest.mark.parametrize("lang,words", [
    ("en", "needs the person's consent to religious counselling"),
    ("ru", "нужно согласие лица на религиозное консультирование"),
    ("kk", "діни кеңес беруге берген"),
])
def test_a_religious_counselling_referral_needs_the_persons_consent(world, client, lang,
                                                                    words):
    """The social worker's own consent to the track is there; the partner's role is not
    named: the page shows the reason beside the track, in the reader's language, and makes
    nothing; once the consent names the partner, the referral is made."""
    psych = world["users"]["psychologist"]
    _consent(world, ["religious"], ["social_worker"])
    sign_in_reading(client, world["users"]["social_worker"], lang)
    r = _refer_on_page(client, psych, "religious")
    assert r.status_code == 200
    page = r.content.decode()
    assert words in _error_beside(page, "track")
    assert 'aria-invalid="true"' in page and "<details open>" in page
    assert not Referral.objects.exists()
    assert AuditEntry.objects.filter(action="denied", object_type="referral",
                                     detail__reason="consent_required").exists()
    _consent(world, ["religious"], ["psychologist"])
    r = _refer_on_page(client, psych, "religious")
    assert r.status_code == 302
    assert Referral.objects.get().track == "religious"


def test_a_religious_counselling_referral_needs_the_persons_consent_by_api(world, client):
    body = {"to": "psychologist", "track": "religious", "purpose": "theologian",
            "until": UNTIL.isoformat()}
    _consent(world, ["religious"], ["social_worker"])
    client.force_login(world["users"]["social_worker"])
    r = client.post(f"{API}/referrals", body, content_type="application/json")
    assert r.status_code == 409
    [problem] = r.json()["detail"]
    assert problem["loc"] == ["body", "track"] and problem["type"] == "consent_required"
    assert "religious counselling" in problem["msg"] and "Psychologist" in problem["msg"]
    assert not Referral.objects.exists()
    _consent(world, ["religious"], ["psychologist"])
    r = client.post(f"{API}/referrals", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["track"] == "religious"


def test_a_religious_referral_is_made_only_by_a_role_the_consent_names(world, client):
    """As a religious goal: the track is seen by no role without consent, so the maker's
    role must be named too."""
    _consent(world, ["religious"], ["psychologist"])
    client.force_login(world["users"]["social_worker"])
    page = _refer_on_page(client, world["users"]["psychologist"], "religious").content.decode()
    assert "no consent in force names your role" in _error_beside(page, "track")
    r = client.post(f"{API}/referrals", {
        "to": "psychologist", "track": "religious", "purpose": "x",
        "until": UNTIL.isoformat()}, content_type="application/json")
    assert r.status_code == 409 and r.json()["detail"][0]["loc"] == ["body", "track"]
    assert not Referral.objects.exists()


@pytest.mark.parametrize("lang,words", [
    ("en", "works for a non-governmental organisation"),
    ("ru", "работает в неправительственной организации"),
    ("kk", "үкіметтік емес ұйымда жұмыс істейді"),
])
def test_a_referral_to_a_non_governmental_partner_needs_the_persons_consent(
        world, client, lang, words):
    """An NGO mentor receives the person's data only with the person's consent to it (Law
    No. 94-V): the reason beside the partner's field; a state psychologist needs none."""
    mentor = world["users"]["mentor"]
    Assignment.objects.filter(user=mentor).delete()
    _consent(world, ["plan"], ["mentor"])  # sharing the plan is not agreeing to a referral
    sign_in_reading(client, world["users"]["social_worker"], lang)
    page = _refer_on_page(client, mentor, "social").content.decode()
    assert words in _error_beside(page, "to")
    assert 'id="referral_track-err"' not in page
    assert not Referral.objects.exists()
    assert _refer_on_page(client, world["users"]["psychologist"], "psychological"
                          ).status_code == 302  # a state service: the legal minimum
    _consent(world, ["partner"], ["mentor"])
    assert _refer_on_page(client, mentor, "social").status_code == 302
    assert Referral.objects.filter(to=mentor).exists()


def test_a_partner_of_an_ngo_needs_the_consent_whatever_the_role(world, client,
                                                                 ngo_psychologist):
    client.force_login(world["users"]["probation"])
    body = {"to": "ngo-psy", "track": "psychological", "purpose": "trauma counselling",
            "until": UNTIL.isoformat()}
    r = client.post(f"{API}/referrals", body, content_type="application/json")
    assert r.status_code == 409
    assert [p["loc"] for p in r.json()["detail"]] == [["body", "to"]]
    _consent(world, ["partner"], ["psychologist"])
    r = client.post(f"{API}/referrals", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["to_non_state"] is True


def test_the_consent_must_last_the_whole_referral(world, client):
    """The partner's access lasts as long as the referral: a consent that ends sooner does
    not carry it; the reason names the term it must cover."""
    mentor = world["users"]["mentor"]
    _consent(world, ["partner"], ["mentor"], until=UNTIL - dt.timedelta(days=1))
    client.force_login(world["users"]["social_worker"])
    page = _refer_on_page(client, mentor, "social").content.decode()
    reason = _error_beside(page, "to")
    assert "in force from" in reason
    assert not Referral.objects.exists()
    _consent(world, ["partner"], ["mentor"], given_on=TODAY + dt.timedelta(days=1))
    assert "in force from" in _error_beside(
        _refer_on_page(client, mentor, "social").content.decode(), "to")
    _consent(world, ["partner"], ["mentor"], until=UNTIL)
    assert _refer_on_page(client, mentor, "social").status_code == 302


def test_revoking_the_consent_ends_the_referrals_resting_on_it_with_an_audit_record(
        world, client):
    """On the page: the mentor's referral ends the day the person revokes the consent (the
    mentor's access with it), says why, and the audit log has an entry for it; a referral to
    a state service, which needs no consent, runs on."""
    mentor, sw = world["users"]["mentor"], world["users"]["social_worker"]
    Assignment.objects.filter(user=mentor).delete()
    consent = _consent(world, ["partner"], ["mentor"])
    client.force_login(sw)
    _refer_on_page(client, mentor, "social")
    _refer_on_page(client, world["users"]["psychologist"], "psychological")
    client.force_login(mentor)
    assert client.get(PAGE).status_code == 200
    client.force_login(sw)
    r = client.post(f"{PAGE}revoke_consent/", {"consent": consent.pk}, follow=True)
    page = r.content.decode()
    assert "Referrals ended with it:" in page
    assert "the consent it rested on was revoked" in page
    mentors = Referral.objects.get(to=mentor)
    assert (mentors.ended_on, mentors.ended_because) == (TODAY, "consent_revoked")
    assert Referral.objects.get(to__role="psychologist").ended_on is None
    entry = AuditEntry.objects.get(action="update", object_type="end_referral")
    assert entry.object_id == str(mentors.pk) and entry.username == "social_worker"
    assert entry.detail["consent"] == consent.pk
    assert entry.detail["lacking"] == [["partner", "mentor"]]
    client.force_login(mentor)
    assert client.get(PAGE).status_code == 404
    assert client.get(f"{API}/referrals").status_code == 404


def test_revoking_one_of_two_consents_leaves_the_referral_the_other_carries(world, client):
    mentor = world["users"]["mentor"]
    first = _consent(world, ["partner"], ["mentor"])
    _consent(world, ["partner", "plan"], ["mentor"])
    client.force_login(world["users"]["social_worker"])
    _refer_on_page(client, mentor, "social")
    client.post(f"{PAGE}revoke_consent/", {"consent": first.pk})
    assert Referral.objects.get().ended_on is None
    assert not AuditEntry.objects.filter(object_type="end_referral").exists()


def test_consent_recorded_and_revoked_by_api_ends_the_referral_with_it(world, client):
    """By API as on the page: the consent is recorded, carries the referral, and its
    revocation lists and ends the referrals resting on it (409 when revoked twice)."""
    mentor = world["users"]["mentor"]
    Assignment.objects.filter(user=mentor).delete()
    client.force_login(world["users"]["social_worker"])
    r = client.post(f"{API}/consents", {"shares": ["partner", "religious"],
                                        "roles": ["mentor", "social_worker"],
                                        "until": UNTIL.isoformat()},
                    content_type="application/json")
    assert r.status_code == 201 and r.json()["active"] is True
    consent = r.json()["id"]
    assert client.post(f"{API}/consents", {"shares": ["partner"], "roles": ["mentor"],
                                           "until": (TODAY - dt.timedelta(days=1)).isoformat()},
                       content_type="application/json").status_code == 422
    assert client.post(f"{API}/consents", {"shares": ["gossip"], "roles": ["mentor"],
                                           "until": UNTIL.isoformat()},
                       content_type="application/json").status_code == 422
    ids = []
    for track in ("social", "religious"):
        r = client.post(f"{API}/referrals", {"to": "mentor", "track": track, "purpose": "x",
                                             "until": UNTIL.isoformat()},
                        content_type="application/json")
        assert r.status_code == 201, r.json()
        ids.append(r.json()["id"])
    r = client.post(f"{API}/consents/{consent}/revoke")
    assert r.status_code == 200
    assert r.json()["revoked_on"] == TODAY.isoformat() and r.json()["active"] is False
    assert sorted(r.json()["ended_referrals"]) == sorted(ids)
    assert client.post(f"{API}/consents/{consent}/revoke").status_code == 409
    # the revocation took the social worker's own sight of the religious track with it
    assert [x["id"] for x in client.get(f"{API}/referrals").json()] == [ids[0]]
    got = client.get(f"{API}/referrals/{ids[0]}").json()
    assert (got["ended_on"], got["ended_because"], got["active"]) == (
        TODAY.isoformat(), "consent_revoked", False)
    assert AuditEntry.objects.filter(object_type="end_referral", channel="api").count() == 2
    for role in ("mentor", "psychologist"):
        client.force_login(world["users"][role])
        assert client.post(f"{API}/consents/{consent}/revoke").status_code in (403, 404)


def test_a_referral_whose_consent_is_no_longer_in_force_ends_by_the_scheduled_job(world,
                                                                                  client):
    """A referral recorded before the rule, or whose consent ended otherwise than by a
    revocation, ends when the daily job finds its consent gone, with an audit entry; one
    whose consent is in force runs on."""
    mentor, sw = world["users"]["mentor"], world["users"]["social_worker"]
    person = world["cases"]["a"].person
    _consent(world, ["partner"], ["mentor"], given_on=TODAY - dt.timedelta(days=30),
             until=TODAY - dt.timedelta(days=1))
    lapsed = Referral.objects.create(person=person, to=mentor, track="social", purpose="old",
                                     since=TODAY - dt.timedelta(days=30), until=UNTIL,
                                     created_by=sw)
    running = Referral.objects.create(person=person, to=world["users"]["psychologist"],
                                      track="psychological", purpose="state service",
                                      since=TODAY, until=UNTIL, created_by=sw)
    client.force_login(mentor)
    assert client.get(PAGE).status_code == 200
    assert end_lapsed_referrals(TODAY) == {"ended": 1}
    lapsed.refresh_from_db()
    running.refresh_from_db()
    assert (lapsed.ended_on, lapsed.ended_because) == (TODAY, "consent_lapsed")
    assert running.ended_on is None
    entry = AuditEntry.objects.get(object_type="end_referral")
    assert entry.object_id == str(lapsed.pk) and entry.channel == "cli"
    assert entry.detail["lacking"] == [["partner", "mentor"]]
    assert client.get(PAGE).status_code == 404
    assert end_lapsed_referrals(TODAY) == {"ended": 0}


def test_a_religious_counselling_referral_is_hidden_from_readers_without_consent(world,
                                                                                 client):
    """The track is by consent only: its referral is not listed to a programme writer the
    consent does not name, on the page or by API, and cannot be ended by them."""
    _consent(world, ["religious"], ["social_worker", "psychologist"])
    client.force_login(world["users"]["social_worker"])
    _refer_on_page(client, world["users"]["psychologist"], "religious")
    ref = Referral.objects.get()
    client.force_login(world["users"]["probation"])
    page = client.get(PAGE)
    assert list(page.context["referrals"]) == []
    assert client.get(f"{API}/referrals").json() == []
    assert client.get(f"{API}/referrals/{ref.pk}").status_code == 404
    assert client.post(f"{PAGE}end_referral/", {"referral": ref.pk}).status_code == 404


def test_a_consent_is_refused_alike_on_the_page_and_by_api(world, client):
    """The API records a consent by the page's form: a consent ending before it is given, or
    sharing nothing, is refused with the field it is about, and nothing is recorded."""
    client.force_login(world["users"]["social_worker"])
    before, recorded = TODAY - dt.timedelta(days=1), Consent.objects.count()
    r = client.post(f"{API}/consents", {"shares": ["partner"], "roles": ["mentor"],
                                        "until": before.isoformat()},
                    content_type="application/json")
    assert r.status_code == 422 and r.json()["detail"].startswith("until: ")
    r = client.post(f"{API}/consents", {"shares": [], "roles": ["mentor"],
                                        "until": UNTIL.isoformat()},
                    content_type="application/json")
    assert r.status_code == 422 and r.json()["detail"].startswith("shares: ")
    r = client.post(f"{PAGE}consent/", {"shares": ["partner"], "roles": ["mentor"],
                                        "given_on": TODAY.isoformat(),
                                        "until": before.isoformat()}, follow=True)
    assert "The consent ends before it is given." in html.unescape(r.content.decode())
    assert Consent.objects.count() == recorded


@pytest.fixture
def two_ngos(world):
    """Two NGOs; the mentor works for the second."""
    first = Agency.objects.create(name="First NGO", kind="ngo")
    second = Agency.objects.create(name="Second NGO", kind="ngo")
    User.objects.filter(pk=world["users"]["mentor"].pk).update(agency=second)
    return first, second


@pytest.mark.parametrize("lang,words", [
    ("en", "only of other organisations (First NGO), not Second NGO"),
    ("ru", "только в других организациях (First NGO), а не в организации Second NGO"),
    ("kk", "тек басқа ұйымдарда (First NGO) көрсетеді"),
])
def test_a_referral_to_a_mentor_of_an_ngo_the_consent_does_not_name_is_refused(
        world, client, two_ngos, lang, words):
    """The person agreed to a referral to the mentors of the first NGO: a mentor of the
    second does not receive their data. The page says so beside the partner, naming the
    organisations the consent names, in the reader's language, and makes nothing; a consent
    naming the mentor's NGO carries the referral."""
    first, second = two_ngos
    mentor = world["users"]["mentor"]
    Assignment.objects.filter(user=mentor).delete()
    _consent(world, ["partner"], ["mentor"]).agencies.set([first])
    sign_in_reading(client, world["users"]["social_worker"], lang)
    page = _refer_on_page(client, mentor, "social").content.decode()
    assert words in _error_beside(page, "to")
    assert not Referral.objects.exists()
    _consent(world, ["partner"], ["mentor"]).agencies.set([first, second])
    assert _refer_on_page(client, mentor, "social").status_code == 302
    assert Referral.objects.get().to == mentor


def test_a_refusal_names_no_organisation_from_a_consent_its_reader_may_not_see(
        world, two_ngos, monkeypatch):
    """A consent names organisations, and a refusal says which, but only from the consents
    its reader may see (``policy.visible_consents``): a mentor of the second NGO, who does
    not see a consent naming the first NGO's mentors, is told no consent he may see names his
    role at his organisation (not that none in force names it, which would be false); a
    social worker, were the consents he sees to narrow to those naming him, is told what a
    referral needs, not the first NGO's name."""
    first, _second = two_ngos
    mentor, person = world["users"]["mentor"], world["cases"]["a"].person
    mentor.refresh_from_db()
    _consent(world, ["religious", "partner"], ["mentor"]).agencies.set([first])
    assert not policy.visible_consents(mentor, person).exists()
    said = policy.religious_refusal(mentor, person)
    assert said and "First NGO" not in said
    assert "no consent you may see names your role for it at your organisation" in said
    Assignment.objects.filter(user=mentor).delete()
    worker = world["users"]["social_worker"]
    monkeypatch.setattr(policy, "CONSENT_READ_ALL", policy.CONSENT_READ_ALL - {worker.role})
    assert not policy.visible_consents(worker, person).exists()
    refused = policy.referral_consent_refusals(worker, person, to=mentor, track="social",
                                               since=TODAY, until=UNTIL)
    assert "First NGO" not in str(refused)
    assert "Record the consent first" in " ".join(refused["to"])


def test_a_referral_to_a_mentor_of_an_ngo_the_consent_does_not_name_is_409_by_api(
        world, client, two_ngos):
    first, second = two_ngos
    Assignment.objects.filter(user=world["users"]["mentor"]).delete()
    _consent(world, ["partner"], ["mentor"]).agencies.set([first])
    client.force_login(world["users"]["social_worker"])
    body = {"to": "mentor", "track": "social", "purpose": "mentoring",
            "until": UNTIL.isoformat()}
    r = client.post(f"{API}/referrals", body, content_type="application/json")
    assert r.status_code == 409
    [problem] = r.json()["detail"]
    assert problem["loc"] == ["body", "to"] and problem["type"] == "consent_required"
    assert "not Second NGO" in problem["msg"]
    assert not Referral.objects.exists()
    _consent(world, ["partner"], ["mentor"]).agencies.set([second])
    r = client.post(f"{API}/referrals", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["consented"] == ["partner"]


def test_a_religious_referral_to_a_psychologist_of_another_organisation_is_refused(
        world, client, ngo_psychologist):
    """The consent to religious counselling names psychologists of one organisation: the
    state psychologist (of another) is not named, and the refusal is beside the track; the
    NGO's psychologist is (the consent names being referred to the NGO too)."""
    _consent(world, ["religious", "partner"], ["social_worker", "psychologist"]).agencies.set(
        [ngo_psychologist.agency, world["users"]["social_worker"].agency])
    client.force_login(world["users"]["social_worker"])
    psych = world["users"]["psychologist"]
    User.objects.filter(pk=psych.pk).update(agency=Agency.objects.create(
        name="State clinic", kind="health"))
    page = _refer_on_page(client, psych, "religious").content.decode()
    named = sorted([ngo_psychologist.agency.name, world["users"]["social_worker"].agency.name])
    assert f"only of other organisations ({', '.join(named)}), not State clinic" in (
        _error_beside(page, "track"))
    assert _refer_on_page(client, ngo_psychologist, "religious").status_code == 302


def test_a_consent_naming_no_organisation_carries_a_referral_to_any_ngos_mentor(
        world, client, two_ngos):
    Assignment.objects.filter(user=world["users"]["mentor"]).delete()
    _consent(world, ["partner"], ["mentor"])
    client.force_login(world["users"]["social_worker"])
    r = client.post(f"{API}/referrals", {"to": "mentor", "track": "social", "purpose": "x",
                                         "until": UNTIL.isoformat()},
                    content_type="application/json")
    assert r.status_code == 201


def test_revoking_the_consent_naming_the_mentors_ngo_ends_the_referral_another_ngos_does_not_carry(
        world, client, two_ngos):
    """A consent in force naming only another NGO does not keep the referral running: the
    revocation ends it, as when the consent left in force names another role."""
    first, second = two_ngos
    mentor = world["users"]["mentor"]
    Assignment.objects.filter(user=mentor).delete()
    _consent(world, ["partner"], ["mentor"]).agencies.set([first])
    named = _consent(world, ["partner"], ["mentor"])
    named.agencies.set([second])
    client.force_login(world["users"]["social_worker"])
    assert _refer_on_page(client, mentor, "social").status_code == 302
    r = client.post(f"{API}/consents/{named.pk}/revoke")
    assert r.status_code == 200 and len(r.json()["ended_referrals"]) == 1
    assert Referral.objects.get().ended_because == "consent_revoked"


def _referred_to_the_mentor_of(ngo, world, client):
    """The mentor, referred to under a consent to ``partner`` naming ``ngo`` alone."""
    mentor = world["users"]["mentor"]
    Assignment.objects.filter(user=mentor).delete()
    _consent(world, ["partner"], ["mentor"]).agencies.set([ngo])
    client.force_login(world["users"]["social_worker"])
    assert _refer_on_page(client, mentor, "social").status_code == 302
    return mentor


def test_a_referral_ends_by_the_scheduled_job_when_the_partner_moves_to_an_unnamed_ngo(
        world, client, two_ngos):
    """The consent names the mentor's NGO; the mentor moves to another: the consent no longer
    covers the partner, and the daily job ends the referral with the partner's access."""
    first, second = two_ngos
    mentor = _referred_to_the_mentor_of(second, world, client)
    assert end_lapsed_referrals(TODAY) == {"ended": 0}
    User.objects.filter(pk=mentor.pk).update(agency=first)
    assert end_lapsed_referrals(TODAY) == {"ended": 1}
    ref = Referral.objects.get()
    assert (ref.ended_on, ref.ended_because) == (TODAY, "consent_lapsed")
    assert AuditEntry.objects.get(object_type="end_referral", object_id=str(ref.pk)
                                  ).detail["lacking"] == [["partner", "mentor", first.pk]]
    client.force_login(mentor)
    assert client.get(PAGE).status_code == 404


def test_a_partner_who_moves_to_an_unnamed_ngo_loses_the_referral_at_once(world, client,
                                                                        two_ngos):
    """Saving the mentor's new organisation ends, that moment, the referral whose consent
    names only the old one (with its audit entry), not at the daily job's next run; a save
    that keeps the organisation ends nothing."""
    first, second = two_ngos
    mentor = _referred_to_the_mentor_of(second, world, client)
    mentor.refresh_from_db()
    mentor.first_name = "Renamed"
    mentor.save()
    assert Referral.objects.get().ended_on is None
    mentor.agency = first
    mentor.save()
    ref = Referral.objects.get()
    assert (ref.ended_on, ref.ended_because) == (TODAY, "consent_lapsed")
    entry = AuditEntry.objects.get(object_type="end_referral", object_id=str(ref.pk))
    # the consent still names mentors: what it lacks is the mentor's new organisation
    assert entry.detail["lacking"] == [["partner", "mentor", first.pk]]
    client.force_login(mentor)
    assert client.get(PAGE).status_code == 404


def test_a_consent_names_its_organisations_on_the_page_and_by_api(world, client, two_ngos):
    """Recorded on the page or by API alike, with the organisations chosen; the API gives
    their ids and names, the page lists them beside the roles; an organisation the form does
    not offer (a court) is refused with its field."""
    first, second = two_ngos
    client.force_login(world["users"]["social_worker"])
    page = client.get(PAGE).content.decode()
    assert "First NGO (Non-governmental organisation)" in page
    assert "Test agency" not in page.split('id="consent_agencies', 1)[1].split("</fieldset>")[0]
    r = client.post(f"{PAGE}consent/", {"shares": ["plan"], "roles": ["mentor"],
                                        "agencies": [first.pk], "given_on": TODAY.isoformat(),
                                        "until": UNTIL.isoformat()}, follow=True)
    assert "only at these organisations: First NGO" in html.unescape(r.content.decode())
    assert list(Consent.objects.get().agencies.all()) == [first]
    r = client.post(f"{API}/consents", {"shares": ["partner"], "roles": ["mentor"],
                                        "agencies": [second.pk], "until": UNTIL.isoformat()},
                    content_type="application/json")
    assert r.status_code == 201
    assert r.json()["agencies"] == [{"id": second.pk, "name": "Second NGO"}]
    court = Agency.objects.create(name="A court", kind="court")
    r = client.post(f"{API}/consents", {"shares": ["partner"], "roles": ["mentor"],
                                        "agencies": [court.pk], "until": UNTIL.isoformat()},
                    content_type="application/json")
    assert r.status_code == 422 and r.json()["detail"].startswith("agencies: ")
    listed = {c["id"]: c["agencies"] for c in client.get(f"{API}/consents").json()}
    assert sorted(map(len, listed.values())) == [1, 1]


def test_an_agency_a_consent_names_cannot_be_deleted(world, two_ngos):
    """Deleting it would widen the consent to every organisation."""
    from django.db.models import ProtectedError

    first, _second = two_ngos
    _consent(world, ["plan"], ["mentor"]).agencies.set([first])
    with pytest.raises(ProtectedError):
        first.delete()


@pytest.mark.django_db(transaction=True)
def test_a_consent_recorded_before_consents_named_organisations_keeps_covering_its_roles():
    """The migration adds no organisation to an earlier consent: it still covers the roles it
    names at any organisation, as it did."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from qaitu.web import policy
    from qaitu.web.people.models import Person

    before, after = [("rehab", "0007_referral_case")], [("rehab", "0008_consent_names_agencies")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    ngo = old.get_model("accounts", "Agency").objects.create(name="NGO", kind="ngo")
    writer = old.get_model("accounts", "User").objects.create(username="sw",
                                                              role="social_worker")
    person = old.get_model("people", "Person").objects.create(
        registry_number="QT-M0001", region="Astana", birth_year=1990, sex="male")
    old.get_model("rehab", "Consent").objects.create(
        person=person, shares=["partner", "plan"], roles=["mentor"], given_on=TODAY,
        until=UNTIL, recorded_by=writer)
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    try:
        consent = Consent.objects.get()
        assert list(consent.agencies.all()) == []
        person = Person.objects.get(pk=person.pk)
        for agency in (ngo.pk, None):
            assert policy.consented(person, "mentor", agency, "partner")
            assert policy.consented(person, "mentor", agency, "plan")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_religious_referral_refused_to_a_maker_named_only_at_another_organisation_says_so(
        world, client, ngo_psychologist):
    """The consent names the social worker's role for religious counselling, but only at the
    NGO: the refusal beside the track names it, and the social worker's own organisation,
    rather than saying no consent names the role."""
    _consent(world, ["religious", "partner"], ["social_worker", "psychologist"]).agencies.set(
        [ngo_psychologist.agency])
    client.force_login(world["users"]["social_worker"])
    page = _refer_on_page(client, ngo_psychologist, "religious").content.decode()
    reason = _error_beside(page, "track")
    assert "names your role only at Centre NGO, not at Test agency, where you work" in reason
    assert "no consent in force names your role" not in reason
    assert not Referral.objects.exists()


@pytest.mark.parametrize("lang,words", [
    ("en", "covers NGO mentor only at the organisations it names (First NGO), and"),
    ("ru", "только в названных в нём организациях (First NGO), а"),
    ("kk", "тек онда көрсетілген ұйымдарда (First NGO) қолданылады, ал"),
])
def test_a_referral_to_a_partner_of_no_organisation_under_a_consent_naming_some_says_so(
        world, client, two_ngos, lang, words):
    """The consent to a referral to a non-governmental partner names the mentors of the first
    NGO; the mentor belongs to no organisation: the refusal beside the partner says the
    consent covers only the organisations it names and the partner belongs to none."""
    first, _second = two_ngos
    mentor = world["users"]["mentor"]
    Assignment.objects.filter(user=mentor).delete()
    User.objects.filter(pk=mentor.pk).update(agency=None)
    _consent(world, ["partner"], ["mentor"]).agencies.set([first])
    sign_in_reading(client, world["users"]["social_worker"], lang)
    reason = _error_beside(_refer_on_page(client, mentor, "social").content.decode(), "to")
    assert words in reason
    assert {"en": "belongs to no organisation", "ru": "не состоит ни в одной организации",
            "kk": "ешбір ұйымға жатпайды"}[lang] in reason
    assert not Referral.objects.exists()
