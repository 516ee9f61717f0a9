"""Special categories at rest: identity, notes, screening answers, the case facts and their
copies (assessment snapshots, intake drafts) are ciphertext in the database and plaintext to
the application; `qaitu keys rotate` re-encrypts them so that the old key can go; a wrong key
is named as such; the migrations encrypt rows stored before them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from typer.testing import CliRunner

from qaitu.cli import app
from qaitu.web import fieldcrypt
from qaitu.web.assessments.models import Assessment
from qaitu.web.assessments.service import run_assessment
from qaitu.web.audit.models import AuditEntry
from qaitu.web.cases.models import Case
from qaitu.web.intake.models import Draft
from qaitu.web.people.models import Identity, Person
from qaitu.web.privacy.export import subject_data
from qaitu.web.rehab.models import Note, Screening
from qaitu.web.rehab.services import record_screening


def _raw(table: str, column: str) -> list:
    with connection.cursor() as cur:
        cur.execute(f'SELECT "{column}" FROM "{table}" ORDER BY id')
        return [row[0] for row in cur.fetchall()]


@pytest.fixture
def screened(world):
    person = world["cases"]["a"].person
    Identity.objects.filter(person=person).update(birth_date=dt.date(1991, 4, 12),
                                                  address="12 Secret Street")
    record_screening(person, "phq9", [3, 2, 1, 0, 1, 2, 3, 1, 0], world["users"]["psychologist"])
    Draft.objects.create(created_by=world["users"]["prosecutor"],
                         identity={"full_name": "Draft Secret", "iin": "880101300999"},
                         answers={"person.birth_date": "1988-01-01"})
    run_assessment(world["users"]["prosecutor"], world["cases"]["a"])
    return world


def test_the_columns_hold_ciphertext_and_the_application_reads_plaintext(screened):
    raw = {(t, c): _raw(t, c) for t, c in [
        ("people_identity", "full_name"), ("people_identity", "iin"),
        ("people_identity", "birth_date"), ("people_identity", "address"),
        ("rehab_note", "text"), ("rehab_screening", "answers"), ("intake_draft", "identity"),
        ("intake_draft", "answers"), ("assessments_assessment", "facts")]}
    stored = json.dumps({str(k): v for k, v in raw.items()})
    for secret in ("Secret Name", "910412300123", "1991-04-12", "Secret Street", "note text",
                   "[3, 2, 1", "Draft Secret", "880101300999", "1988-01-01"):
        assert secret not in stored
    assert all(v.startswith("gAAAAA") for values in raw.values() for v in values if v)
    assert raw[("people_identity", "birth_date")].count(None) == 2  # no date: NULL
    ident = Identity.objects.get(person=screened["cases"]["a"].person)
    assert (ident.full_name, ident.iin, ident.birth_date, ident.address) == (
        "Secret Name A", "910412300123", dt.date(1991, 4, 12), "12 Secret Street")
    assert Screening.objects.get().answers == [3, 2, 1, 0, 1, 2, 3, 1, 0]
    assert Note.objects.filter(compartment="clinical").get().text == "clinical note text"
    assert Draft.objects.get().identity["iin"] == "880101300999"
    assert Draft.objects.get().answers == {"person.birth_date": "1988-01-01"}
    assert Assessment.objects.get().facts["person"]["birth_date"] == "1991-04-12"
    # the subject-access export, read by the administrator, shows the plaintext
    tables = {t["table"]: t["rows"] for t in subject_data(ident.person, "en")["tables"]}
    assert tables["people_identity"][0]["full_name"] == "Secret Name A"
    assert tables["rehab_screening"][0]["answers"] == [3, 2, 1, 0, 1, 2, 3, 1, 0]
    assert "clinical note text" in {n["text"] for n in tables["rehab_note"]}


def test_an_encrypted_column_cannot_be_searched(world):
    with pytest.raises(FieldError, match="Unsupported lookup"):
        list(Identity.objects.filter(full_name="Secret Name A"))
    with pytest.raises(FieldError, match="Unsupported lookup"):
        list(Note.objects.filter(text__contains="clinical"))
    assert Identity.objects.filter(birth_date__isnull=True).count() == 3


@pytest.fixture
def key_file(settings, tmp_path, monkeypatch):
    """The test database's key, in a key file of the test's own (rotation rewrites it)."""
    monkeypatch.delenv(fieldcrypt.ENV, raising=False)
    path = tmp_path / "field_keys"
    path.write_text("\n".join(fieldcrypt.keys()) + "\n")
    settings.QAITU_FIELD_KEY_FILE = path
    return path


def test_rotation_re_encrypts_everything_and_the_old_key_can_be_dropped(screened, key_file):
    old = key_file.read_text().split()
    before = _raw("people_identity", "full_name") + _raw("rehab_screening", "answers")
    done = CliRunner().invoke(app, ["keys", "rotate", "--new-key", "--drop-old"])
    assert done.exit_code == 0, done.output
    assert "people.Identity.full_name: 3 re-encrypted" in done.output
    assert "rehab.Screening.answers: 1 re-encrypted" in done.output
    assert "intake.Draft.identity: 1 re-encrypted" in done.output
    assert "rehab.Note.text: 5 re-encrypted" in done.output
    # the append-only snapshots too, with their protection back afterwards
    assert "assessments.Assessment.facts: 1 re-encrypted" in done.output
    Fernet(key_file.read_text().split()[0]).decrypt(
        _raw("assessments_assessment", "facts")[0].encode())
    with (pytest.raises(DatabaseError, match="append-only"), transaction.atomic(),
          connection.cursor() as cur):
        cur.execute("UPDATE assessments_assessment SET as_of = as_of")
    new = key_file.read_text().split()
    assert len(new) == 1 and new[0] not in old
    after = _raw("people_identity", "full_name") + _raw("rehab_screening", "answers")
    for token in after:
        assert token not in before
        Fernet(new[0]).decrypt(token.encode())
        for key in old:
            with pytest.raises(InvalidToken):
                Fernet(key).decrypt(token.encode())
    assert Identity.objects.get(person=screened["cases"]["a"].person).full_name == \
        "Secret Name A"
    assert Screening.objects.get().answers[0] == 3
    entry = AuditEntry.objects.filter(object_type="field_keys").get()
    assert entry.detail["re_encrypted"]["people.Identity.iin"] == 3


def test_old_keys_are_not_dropped_while_a_value_needs_them(world, key_file):
    fieldcrypt.add_key()  # a new key first, nothing re-encrypted yet
    with pytest.raises(fieldcrypt.FieldKeyError, match="people.Identity.full_name of row"):
        fieldcrypt.check_newest_only()
    assert len(key_file.read_text().split()) == 2  # both kept
    assert Identity.objects.filter(person=world["cases"]["b"].person).get().full_name == \
        "Secret Name B"  # the old key still decrypts


def test_a_wrong_key_is_named_as_such(world, monkeypatch):
    monkeypatch.setenv(fieldcrypt.ENV, Fernet.generate_key().decode())
    with pytest.raises(fieldcrypt.FieldKeyError,
                       match=r"people.Identity.full_name: cannot be decrypted with the 1 "
                             r"field key\(s\) from QAITU_FIELD_KEYS: a wrong or missing key"):
        Identity.objects.get(person=world["cases"]["a"].person)
    done = CliRunner().invoke(app, ["keys", "rotate"])
    assert done.exit_code == 1 and "a wrong or missing key" in done.output
    assert "Traceback" not in done.output
    monkeypatch.setenv(fieldcrypt.ENV, "not-a-key")
    with pytest.raises(fieldcrypt.FieldKeyError, match="key 1 is not a Fernet key"):
        Identity.objects.get(person=world["cases"]["a"].person)


@pytest.mark.django_db(transaction=True)
def test_the_migrations_encrypt_the_rows_stored_before_them():
    from qaitu.web.accounts.models import User

    person = Person.objects.create(registry_number="QT-M00001")
    author = User.objects.create_user(username="m-author", password="pw-m-author-long")
    call_command("migrate", "people", "0001", verbosity=0)
    call_command("migrate", "rehab", "0003", verbosity=0)
    try:
        with connection.cursor() as cur:
            cur.execute("INSERT INTO people_identity (person_id, full_name, iin, birth_date, "
                        "address, phone) VALUES (%s, 'Old Plain', '900101300111', %s, '', '')",
                        [person.pk, dt.date(1990, 1, 1)])
            cur.execute("INSERT INTO rehab_note (person_id, compartment, date, text, author_id,"
                        " created_at) VALUES (%s, 'clinical', %s, 'old clinical', %s, %s)",
                        [person.pk, dt.date(2025, 1, 1), author.pk, dt.datetime.now(dt.UTC)])
    finally:
        call_command("migrate", verbosity=0)
    assert _raw("people_identity", "full_name")[0].startswith("gAAAAA")
    assert "old clinical" not in _raw("rehab_note", "text")[0]
    ident = Identity.objects.get(person=person)
    assert (ident.full_name, ident.iin, ident.birth_date) == (
        "Old Plain", "900101300111", dt.date(1990, 1, 1))
    assert Note.objects.get(person=person).text == "old clinical"
    call_command("migrate", "people", "0001", verbosity=0)  # and back: plaintext again
    try:
        assert _raw("people_identity", "full_name") == ["Old Plain"]
    finally:
        call_command("migrate", verbosity=0)


def test_the_case_facts_are_ciphertext_and_read_back_whole(world):
    """The facts name the person's birth date: the raw row must not show it."""
    raw = _raw("cases_case", "facts")
    assert raw and all(v.startswith("gAAAAA") for v in raw)
    assert not any("1991-04-12" in v or "birth_date" in v for v in raw)
    case = Case.objects.get(pk=world["cases"]["a"].pk)
    assert case.facts["person"]["birth_date"] == "1991-04-12"
    # what needs the date reads it in Python, through the field
    births = {f["person"]["birth_date"] for f in Case.objects.values_list("facts", flat=True)}
    assert births == {"1991-04-12"}


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_the_case_facts_stored_before_it(world):
    number = world["cases"]["a"].number
    call_command("migrate", "cases", "0001", verbosity=0)
    try:
        plain = _raw("cases_case", "facts")
        assert any("1991-04-12" in json.dumps(v) for v in plain)  # the old, plaintext column
    finally:
        call_command("migrate", verbosity=0)
    assert not any("1991-04-12" in v for v in _raw("cases_case", "facts"))
    assert Case.objects.get(number=number).facts["person"]["birth_date"] == "1991-04-12"


@pytest.mark.django_db(transaction=True)
def test_the_migrations_encrypt_the_snapshots_and_drafts_stored_before_them(world):
    """Snapshots written before their facts were encrypted get encrypted, though the table is
    append-only; drafts' answers too; and back."""
    run_assessment(world["users"]["prosecutor"], world["cases"]["a"])
    Draft.objects.create(created_by=world["users"]["prosecutor"],
                         answers={"person.birth_date": "1988-01-01"})
    call_command("migrate", "assessments", "0004", verbosity=0)
    call_command("migrate", "intake", "0002", verbosity=0)
    try:
        assert "1991-04-12" in json.dumps(_raw("assessments_assessment", "facts"))
        assert "1988-01-01" in json.dumps(_raw("intake_draft", "answers"))
    finally:
        call_command("migrate", verbosity=0)
    assert not any("1991-04-12" in v for v in _raw("assessments_assessment", "facts"))
    assert not any("1988-01-01" in v for v in _raw("intake_draft", "answers"))
    assert Assessment.objects.get().facts["person"]["birth_date"] == "1991-04-12"
    assert Draft.objects.get().answers["person.birth_date"] == "1988-01-01"
    with (pytest.raises(DatabaseError, match="append-only"), transaction.atomic(),
          connection.cursor() as cur):
        cur.execute("DELETE FROM assessments_assessment")
