"""The sign-in, second-factor, lockout and password pages speak Kazakh and Russian: no English
word reaches them, the errors (Django's own included) neither."""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.web.test_security import _code

#: Latin words a page may carry in any language: the product's name, the user names signed in
#: with here (shown in the header), and the abbreviation of the interface integrations use.
KEPT = {"Qaitu", "API", "judge", "prosecutor"}


def english(body: str) -> set[str]:
    """Latin words in what a reader sees: the text of the page, scripts, styles and the
    one-time secret (a code, not words) left out."""
    main = body.split("<body", 1)[1]
    main = re.sub(r"(?is)<(script|style|code)\b.*?</\1>", " ", main)
    text = html.unescape(re.sub(r"(?s)<[^>]+>", " ", main))
    return {w for w in re.findall(r"[A-Za-z]{3,}", text)} - KEPT


def pages(client, world, lang: str) -> dict[str, str]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    out = {"sign-in": client.get("/login/")}
    bad = {"username": "judge", "password": "wrong"}
    out["wrong password"] = client.post("/login/", bad, REMOTE_ADDR="10.1.0.1")
    for _ in range(5):
        out["lockout"] = client.post("/login/", bad, REMOTE_ADDR="10.1.0.1")
    client.post("/login/", {"username": "judge", "password": "pw-judge"},
                REMOTE_ADDR="10.1.0.2")
    out["code setup"] = client.get("/otp/")
    device = TOTPDevice.objects.get(user=world["users"]["judge"])
    wrong = "000000" if _code(device) != "000000" else "111111"
    out["code setup, wrong code"] = client.post("/otp/", {"token": wrong})
    for _ in range(3):
        out["code setup, too many codes"] = client.post("/otp/", {"token": wrong})
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    TOTPDevice.objects.create(user=world["users"]["prosecutor"], name="phone", confirmed=True)
    client.post("/login/", {"username": "prosecutor", "password": "pw-prosecutor"},
                REMOTE_ADDR="10.1.0.3")
    out["code"] = client.get("/otp/")
    out["code, wrong code"] = client.post("/otp/", {"token": wrong})
    client.force_login(world["users"]["prosecutor"])  # both factors (conftest)
    out["password change"] = client.get("/password/")
    for name, new1, new2 in [("short", "short-pw", "short-pw"),
                             ("numeric", "123456789012", "123456789012"),
                             ("common", "password123456", "password123456"),
                             ("like the name", "prosecutor-1", "prosecutor-1"),
                             ("mismatch", "quiet-river-lamp-42", "quiet-river-lamp-43")]:
        out[f"password change, {name}"] = client.post(
            "/password/", {"old_password": "wrong", "new_password1": new1,
                           "new_password2": new2})
    out["password changed"] = client.post(
        "/password/", {"old_password": "pw-prosecutor", "new_password1": "quiet-river-lamp-42",
                       "new_password2": "quiet-river-lamp-42"}, follow=True)
    return {k: r.content.decode() for k, r in out.items()}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_on_the_sign_in_and_password_pages(world, client, lang):
    seen = pages(client, world, lang)
    assert 'id="otp-secret"' in seen["code setup"]
    assert 'role="alert"' in seen["lockout"] and 'role="alert"' in seen["code, wrong code"]
    for page in ("wrong password", "code setup, wrong code", "code, wrong code",
                 "password change, short", "password change, mismatch"):
        assert 'class="error" role="alert"' in seen[page], page  # the error is shown
    leaks = {page: sorted(english(body)) for page, body in seen.items() if english(body)}
    assert not leaks, leaks
