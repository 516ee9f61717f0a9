"""Django settings for the Qaitu casework application.

Defaults need no set-up: SQLite under ``var/`` in the repository. ``DATABASE_URL`` switches to
PostgreSQL (or any database dj-database-url knows). ``DEBUG`` is off unless ``QAITU_DEBUG=1``:
users never see a traceback page.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

WEB_DIR = Path(__file__).resolve().parent
REPO_DIR = WEB_DIR.parents[2]
VAR_DIR = Path(os.environ.get("QAITU_VAR_DIR", REPO_DIR / "var"))


def _secret_key() -> str:
    key = os.environ.get("QAITU_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except OSError:
        pass
    key = secrets.token_urlsafe(50)
    try:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(key)
        path.chmod(0o600)
    except OSError:
        pass  # read-only checkout: a per-process key (sessions end at restart)
    return key


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("QAITU_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get(
    "QAITU_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver"
).split(",")

INSTALLED_APPS = [
    "qaitu.web.accounts.apps.QaituAdminConfig",  # django.contrib.admin for the admin role
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "qaitu.web.accounts",
    "qaitu.web.audit",
    "qaitu.web.people",
    "qaitu.web.cases",
    "qaitu.web.assessments",
    "qaitu.web.intake",
    "qaitu.web.rehab",
    "qaitu.web.supervision",
    "qaitu.web.lab",
    "django_q",
    "qaitu.web.dashboards",
    "qaitu.web.api",
    "ninja",  # serves Swagger UI from its own static files (no CDN)
]
# Sign-in hardening and headers (see docs/security.md).
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "axes", "csp"]

MIDDLEWARE = [
    "qaitu.web.security.RefuseTraceMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "qaitu.web.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "qaitu.web.accounts.middleware.RequireOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "qaitu.web.urls"
WSGI_APPLICATION = "qaitu.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "qaitu.web.accounts.context.nav",
            ],
        },
    }
]

_default_db = f"sqlite:///{VAR_DIR / 'qaitu.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_db, conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # IMMEDIATE: a transaction takes the write lock at BEGIN, so the audit chain's
    # read-previous-then-append cannot interleave between two processes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20, transaction_mode="IMMEDIATE")
else:
    # Connections are closed at the end of each request (CONN_MAX_AGE 0); the production
    # settings pool them instead (a bounded psycopg pool per process).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No just-in-time compilation: it pays off on long analytical queries, not on a page's.
    # PostgreSQL compiles any query whose estimated cost passes jit_above_cost, and a page
    # query over a few thousand people does; compiling took 45-60 ms of the outcomes page's
    # one 70-130 ms query (EXPLAIN ANALYZE, bench/bench_web.py's 10,000 people).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out user name + address first
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one user name from one address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]  # the proxy sets REMOTE_ADDR (see docs)
OTP_TOTP_ISSUER = "Qaitu"
# Strict by default: scripts and everything else from this origin only (Plotly is served from
# /vendor/plotly.js); inline style attributes stay allowed for Plotly's and the admin's layout.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "qaitu_language"
LOCALE_PATHS = [WEB_DIR / "locale"]
FORMAT_MODULE_PATH = ["qaitu.web.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [WEB_DIR / "static"]

DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Jobs (qaitu.web.jobs, docs/jobs.md): django-q2 on the database broker; Redis when
# QAITU_REDIS_URL is set. Long jobs (simulations) fit in the timeout; retry must exceed it.
Q_CLUSTER = {
    "name": "qaitu",
    "workers": int(os.environ.get("QAITU_WORKERS", "2")),
    "timeout": 1800,
    "retry": 3600,
    "max_attempts": 1,
    "catch_up": False,
    "poll": 2,
    "save_limit": 2000,
    "label": "Jobs",
}
if os.environ.get("QAITU_REDIS_URL"):
    Q_CLUSTER["redis"] = os.environ["QAITU_REDIS_URL"]
else:
    Q_CLUSTER["orm"] = "default"

# Assessments asked for on the screens or with the API's `Prefer: respond-async` are worked by
# the job runner (`qaitu worker`), off the request path; without a runner, in the request.
QAITU_ASSESS_IN_BACKGROUND = os.environ.get("QAITU_ASSESS_IN_BACKGROUND", "0") == "1"

# A lab projection of 1,000 draws or more is shared among this many runner tasks.
QAITU_LAB_PARTS = int(os.environ.get("QAITU_LAB_PARTS", Q_CLUSTER["workers"]))
# Where the shares of a projection split into parts wait to be merged: beside the rest of
# this deployment's state, not in the machine's shared temporary folder.
QAITU_LAB_PARTS_DIR = Path(os.environ.get("QAITU_LAB_PARTS_DIR", VAR_DIR / "lab-parts"))
# The variant files of lab drafts, as the core's loader reads them (an unshared draft is its
# author's alone: kept with the deployment's state, not in the machine's shared /tmp).
QAITU_LAB_DRAFTS_DIR = Path(os.environ.get("QAITU_LAB_DRAFTS_DIR", VAR_DIR / "lab-drafts"))
# A running lab job whose heartbeat is older than this many seconds has lost its worker.
QAITU_LAB_STALE = float(os.environ.get("QAITU_LAB_STALE", "180"))

# Counts below this are shown as "<N" to aggregate-only roles (small-cell suppression).
QAITU_SMALL_CELL = int(os.environ.get("QAITU_SMALL_CELL", "5"))

# Field-level encryption (qaitu.web.fieldcrypt): QAITU_FIELD_KEYS (newest first), else this
# file, created with one key on first use. Keep a copy apart from the database and its backups.
QAITU_FIELD_KEY_FILE = Path(os.environ.get("QAITU_FIELD_KEY_FILE", VAR_DIR / "field_keys"))
# The analysts' pseudonymised export (qaitu.web.privacy.analyst): HMAC key, same rules.
QAITU_PSEUDONYM_KEY_FILE = Path(os.environ.get("QAITU_PSEUDONYM_KEY_FILE",
                                               VAR_DIR / "pseudonym_key"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
