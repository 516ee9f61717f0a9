"""What each role may reach, by screen: object-level checks, identity, compartments."""

import pytest

from qaitu.web.audit.models import AuditEntry

SCREENS = {  # url -> roles that get 200 (others: 403 or a redirect to their home)
    "/cases/": {"prosecutor", "judge", "defence", "probation"},
    "/people/": {"prosecutor", "judge", "defence", "probation", "psychologist",
                 "social_worker", "mentor"},
    "/intake/": {"prosecutor", "defence"},
    # the caseload's cases by stage and article: not for a mentor (their few referrals)
    "/dashboards/": {"prosecutor", "judge", "defence", "probation", "psychologist",
                     "social_worker", "analyst"},
    "/dashboards/caseload.csv": {"prosecutor", "judge", "defence", "probation",
                                 "psychologist", "social_worker", "analyst"},
    "/outcomes/": {"analyst"},
    "/outcomes/outcomes.csv": {"analyst"},
    "/audit/": {"admin"},
    "/variants/": {"prosecutor", "judge", "defence", "probation", "analyst"},
}


@pytest.mark.parametrize("url,allowed", SCREENS.items())
def test_screens_by_role(world, client, url, allowed):
    for role in ["prosecutor", "judge", "defence", "probation", "psychologist",
                 "social_worker", "mentor", "analyst", "admin"]:
        client.force_login(world["users"][role])
        status = client.get(url).status_code
        assert status == (200 if role in allowed else 403), (role, url, status)


def test_case_page_needs_assignment(world, client):
    a, b = world["cases"]["a"], world["cases"]["b"]
    client.force_login(world["users"]["defence"])
    assert client.get(f"/cases/{a.number}/").status_code == 200
    # not their client: the case does not exist for them, and the attempt is logged
    assert client.get(f"/cases/{b.number}/").status_code == 404
    assert client.get(f"/people/{b.person.registry_number}/").status_code == 404
    assert AuditEntry.objects.filter(username="defence", action="denied",
                                     object_id=b.number).exists()
    client.force_login(world["users"]["defence2"])
    assert client.get(f"/cases/{b.number}/").status_code == 200
    assert client.get(f"/cases/{a.number}/").status_code == 404


def test_case_list_shows_only_caseload(world, client):
    client.force_login(world["users"]["defence"])
    body = client.get("/cases/").content.decode()
    assert "KZ-T-a" in body and "KZ-T-b" not in body and "KZ-T-c" not in body


def test_rehabilitation_roles_do_not_see_the_criminal_file(world, client):
    a = world["cases"]["a"]
    for role in ["psychologist", "social_worker", "mentor"]:
        client.force_login(world["users"][role])
        assert client.get(f"/cases/{a.number}/").status_code == 403
        assert client.get(f"/people/{a.person.registry_number}/").status_code == 200


def test_a_mentor_sees_the_person_but_not_their_cases_number_or_stage(world, client):
    """A mentor works from the referral: the person's page and the people list give no case
    number, stage or count; the programme's professionals still see them."""
    a = world["cases"]["a"]
    ref = a.person.registry_number
    client.force_login(world["users"]["mentor"])
    page = client.get(f"/people/{ref}/").content.decode()
    listing = client.get("/people/").content.decode()
    assert ref in page and ref in listing
    for body in (page, listing):
        assert a.number not in body and a.get_stage_display() not in body
        assert ">Cases<" not in body
    client.force_login(world["users"]["psychologist"])
    assert a.number in client.get(f"/people/{ref}/").content.decode()


def test_expired_referral_ends_mentor_access(world, client):
    c = world["cases"]["c"]
    client.force_login(world["users"]["mentor"])
    assert client.get(f"/people/{c.person.registry_number}/").status_code == 404


def test_identity_only_for_roles_that_need_it(world, client):
    a = world["cases"]["a"]
    url = f"/people/{a.person.registry_number}/"
    for role, sees in [("prosecutor", True), ("judge", True), ("defence", True),
                       ("probation", True), ("social_worker", True),
                       ("psychologist", False), ("mentor", False)]:
        client.force_login(world["users"][role])
        body = client.get(url).content.decode()
        assert ("Secret Name A" in body) is sees, role
    assert AuditEntry.objects.filter(action="read_identity", username="judge").exists()
    assert not AuditEntry.objects.filter(action="read_identity",
                                         username="psychologist").exists()


def test_clinical_notes_only_for_psychologists(world, client):
    url = f"/people/{world['cases']['a'].person.registry_number}/"
    expectations = {
        "psychologist": {"clinical", "psych_summary"},
        "probation": {"supervision", "psych_summary", "social", "mentoring"},
        "mentor": {"mentoring"},  # the summary only under the person's consent
        "social_worker": {"psych_summary", "social", "mentoring"},
        "prosecutor": {"supervision", "psych_summary"},
        "judge": set(),
    }
    for role, visible in expectations.items():
        client.force_login(world["users"][role])
        body = client.get(url).content.decode()
        for comp in ["clinical", "psych_summary", "supervision", "social", "mentoring"]:
            assert (f"{comp} note text" in body) is (comp in visible), (role, comp)


def test_judge_reads_but_cannot_write(world, client):
    a = world["cases"]["a"]
    client.force_login(world["users"]["judge"])
    r = client.post(f"/cases/{a.number}/events/", {"date": "2026-01-01", "kind": "hearing"})
    assert r.status_code == 403
    assert client.post(f"/cases/{a.number}/assess/", {}).status_code == 403
    assert client.get(f"/cases/{a.number}/intake/").status_code == 403
    assert a.events.count() == 1


def test_write_rules_for_notes(world, client):
    person = world["cases"]["a"].person
    url = f"/people/{person.registry_number}/notes/"
    client.force_login(world["users"]["mentor"])
    # a mentor cannot write into the clinical compartment, even by crafting the form
    client.post(url, {"compartment": "clinical", "date": "2026-11-01", "text": "x"})
    # the text is encrypted at rest: compare in Python, not in SQL
    assert "x" not in [n.text for n in person.notes.all()]
    client.post(url, {"compartment": "mentoring", "date": "2026-11-01", "text": "met"})
    assert "met" in [n.text for n in person.notes.filter(compartment="mentoring")]
    client.force_login(world["users"]["judge"])
    assert client.post(url, {"compartment": "supervision", "date": "2026-11-01",
                             "text": "y"}).status_code == 403


def test_anonymous_is_sent_to_login(world, client):
    r = client.get(f"/cases/{world['cases']['a'].number}/")
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_error_pages_leak_nothing(world, client):
    client.force_login(world["users"]["defence"])
    body = client.get(f"/cases/{world['cases']['b'].number}/").content.decode()
    assert "Secret Name" not in body and "Traceback" not in body


def test_a_consent_naming_organisations_covers_only_their_users_of_its_roles(world):
    """Law No. 94-V: a consent states to whom the data go. Naming none, it covers its roles
    at any organisation (a consent recorded before consents named organisations); naming
    some, only users of those, and never a user of no organisation."""
    import datetime as dt

    from django.utils import timezone

    from qaitu.web import policy
    from qaitu.web.accounts.models import Agency
    from qaitu.web.rehab.models import Consent

    person = world["cases"]["a"].person
    ngo, other = (Agency.objects.create(name=n, kind="ngo") for n in ("NGO", "Other"))
    until = timezone.localdate() + dt.timedelta(days=30)
    Consent.objects.create(person=person, shares=["plan"], roles=["mentor"], until=until,
                           recorded_by=world["users"]["social_worker"])
    Consent.objects.create(person=person, shares=["partner"], roles=["mentor"], until=until,
                           recorded_by=world["users"]["social_worker"]).agencies.set([ngo])
    for agency in (ngo.pk, other.pk, None):
        assert policy.consented(person, "mentor", agency, "plan")
        assert not policy.consented(person, "psychologist", agency, "plan")
    assert policy.consented(person, "mentor", ngo.pk, "partner")
    assert not policy.consented(person, "mentor", other.pk, "partner")
    assert not policy.consented(person, "mentor", None, "partner")


def test_a_consent_says_whether_a_role_is_named_at_all_or_only_for_other_organisations():
    """One rule answers both questions a refusal asks: is the reader's role named, and is it
    named for the reader's organisation (a user of no organisation is never named by a
    consent naming organisations); the best of the consents sharing the category counts."""
    from qaitu.web.policy import ConsentTerms, Naming, naming

    ngo = ConsentTerms(["partner"], ["mentor"], frozenset({1}))
    anywhere = ConsentTerms(["plan"], ["mentor"], frozenset())
    assert ngo.naming("mentor", 1) is Naming.NAMED
    assert ngo.naming("mentor", 2) is Naming.ELSEWHERE
    assert ngo.naming("mentor", None) is Naming.ELSEWHERE
    assert ngo.naming("psychologist", 1) is Naming.NOT
    assert anywhere.naming("mentor", None) is Naming.NAMED
    assert naming([ngo, anywhere], "mentor", 2, "partner") is Naming.ELSEWHERE
    assert naming([ngo, anywhere], "mentor", 2, "plan") is Naming.NAMED
    assert naming([ngo, anywhere], "mentor", 2, "religious") is Naming.NOT
