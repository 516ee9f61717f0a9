"""Every date the API reads is a day written YYYY-MM-DD: pydantic's own date reads a number as
seconds since 1970 (``0`` as 1 January 1970, ``"1514764800"`` as 1 January 2018) and a
midnight time of day as its day, so a decision, a breach or a judgment date could be recorded
on a day nobody wrote."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from qaitu.web.api.api import api

NOT_A_DAY = [0, 1514764800, 1514764800.0, "1514764800", "2024-01-01T10:00", "2024-01-01T00:00",
             True, "2024", "2024-03", "unknown"]


def _has_date(annotation: Any) -> bool:
    if annotation is dt.date:
        return True
    return any(_has_date(a) for a in typing.get_args(annotation))


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for a in typing.get_args(annotation):
        yield from _models(a)


def _date_fields() -> list[tuple[str, Any]]:
    """Every field of every operation's input (bodies, queries, paths, nested models) that
    holds a date, as (where, its type with its validators)."""
    found: dict[str, Any] = {}
    seen: set[type[BaseModel]] = set()

    def walk(model: type[BaseModel], where: str) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, field in model.model_fields.items():
            if _has_date(field.annotation):
                found[f"{where}.{name}"] = Annotated[(field.annotation, *field.metadata)] \
                    if field.metadata else field.annotation
            for inner in _models(field.annotation):
                walk(inner, f"{where}.{name}")

    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for op in view.operations:
                for model in op.models:
                    walk(model, f"{'/'.join(op.methods)} {prefix}{path}")
    return sorted(found.items())


DATE_FIELDS = _date_fields()


def test_the_api_reads_dates():
    """The walk finds the API's date fields (else the test below would pass on nothing)."""
    where = [w for w, _ in DATE_FIELDS]
    assert any(w.endswith("body.date") and "/decisions" in w for w in where), where
    assert any(w.endswith("body.as_of") for w in where), where
    assert any(w.endswith("body.sentence.start") for w in where), where


@pytest.mark.parametrize(("where", "kind"), DATE_FIELDS, ids=[w for w, _ in DATE_FIELDS])
def test_every_date_the_api_reads_is_a_day_written_yyyy_mm_dd(where, kind):
    reads = TypeAdapter(kind)
    assert reads.validate_python("2024-02-29") == dt.date(2024, 2, 29)
    for value in NOT_A_DAY:
        with pytest.raises(ValidationError):
            reads.validate_python(value)
            pytest.fail(f"{where} read {value!r}")


@pytest.mark.parametrize("written", [0, "1514764800", "2024-01-01T00:00"])
def test_a_decision_dated_by_a_number_is_refused_naming_the_field(world, client, written):
    """A decision's day (and a sentence's start, which dates the term, art. 62) written as a
    number was recorded as 1 January 1970 or 2018: refused 422 as the API refuses any bad
    field, its path in ``loc``, and nothing recorded."""
    from qaitu.web.cases.models import Decision

    client.force_login(world["users"]["judge"])
    before = Decision.objects.count()
    r = client.post("/api/cases/KZ-T-a/decisions",
                    {"date": written, "kind": "charge", "authority": "Court"},
                    content_type="application/json")
    assert r.status_code == 422, r.content
    [error] = r.json()["detail"]
    assert error["loc"][-1] == "date" and error["msg"] == "expected a date YYYY-MM-DD"
    assert Decision.objects.count() == before


def _born(birth: str, episodes: list[dict[str, Any]]) -> dict[str, Any]:
    from tests.web.conftest import FACTS

    return {**FACTS, "person": {**FACTS["person"], "birth_date": birth}, "episodes": episodes}


def test_facts_of_a_person_born_after_the_act_are_refused_at_the_birth_date(world, client):
    """Nobody acts before being born (the age at the act, art. 15, would be made of the typo):
    the API refuses the facts as the case file reader does, at ``person.birth_date``, both
    days given as values for programs and said in the reader's words."""
    client.force_login(world["users"]["prosecutor"])
    facts = _born("2024-12-01", [{"country": "UA", "start": "2024-03-10", "end": "2024-11-20"}])
    r = client.put("/api/cases/KZ-T-a/facts", facts, content_type="application/json",
                   HTTP_ACCEPT_LANGUAGE="ru")
    assert r.status_code == 422, r.content
    [found] = r.json()["problems"]
    assert (found["path"], found["code"]) == ("person.birth_date", "born_after_act")
    assert found["values"] == {"birth": "2024-12-01", "act": "2024-11-20", "episode": 1}
    assert found["message"] == ("дата рождения (1 декабря 2024 г.) позже деяния по эпизоду 1 "
                                "(20 ноября 2024 г.)")


def test_a_judgment_date_before_the_birth_is_refused_at_the_birth_date(world, client):
    """An assessment asked as of a day before the person was born is refused (422) at the
    date of birth, as ``as_of`` in the facts themselves would be."""
    client.force_login(world["users"]["prosecutor"])
    r = client.post("/api/assessments/cases/KZ-T-a",
                    {"facts": _born("2020-01-01", []), "as_of": "2019-06-01"},
                    content_type="application/json")
    assert r.status_code == 422, r.content
    [found] = r.json()["problems"]
    assert (found["path"], found["code"]) == ("person.birth_date", "born_after_judgment")
    assert (found["values"]["birth"], found["values"]["as_of"]) == ("2020-01-01", "2019-06-01")
