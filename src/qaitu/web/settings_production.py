"""Production settings: ``DJANGO_SETTINGS_MODULE=qaitu.web.settings_production``.

Used by ``qaitu serve --production`` (gunicorn, several workers). Everything comes from the
environment; nothing has an insecure default:

* ``DATABASE_URL`` — PostgreSQL, as the application role (INSERT/SELECT only on the audit
  log); ``QAITU_MIGRATE_DATABASE_URL`` — the owner role that runs migrations.
* ``QAITU_SECRET_KEY`` — at least 50 random characters.
* ``QAITU_ALLOWED_HOSTS`` — the public host names, comma-separated (never ``*``).
* The server sits behind a TLS-terminating proxy that sets ``X-Forwarded-Proto: https``
  and strips any client-supplied copy of that header (docs/security.md shows an nginx block).
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from qaitu.web.settings import *  # noqa: F403
from qaitu.web.settings import DATABASES


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production (see docs/security.md)")
    return value


DEBUG = False
SECRET_KEY = _required("QAITU_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("QAITU_ALLOWED_HOSTS").split(",") if h.strip()]
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("QAITU_ALLOWED_HOSTS must name the hosts, not '*'")
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if not h.startswith(".")]

if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured("production runs on PostgreSQL: set DATABASE_URL=postgres://...")
# A bounded pool per worker process: workers × max_size connections at most, whatever the load.
# QAITU_DB_POOL_SIZE=0 (set by `qaitu worker`): no pool, a connection per task, closed after it.
POOL_SIZE = int(os.environ.get("QAITU_DB_POOL_SIZE", "2"))
DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool, not Django, keeps connections
if POOL_SIZE > 0:
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1, "max_size": POOL_SIZE, "timeout": 10}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The job runner (`qaitu worker`) runs with the server in production: assessments go to it.
QAITU_ASSESS_IN_BACKGROUND = os.environ.get("QAITU_ASSESS_IN_BACKGROUND", "1") == "1"

# Demo accounts (published password) must never exist here: checked at start.
QAITU_REFUSE_DEMO = True
