"""Settings of the peer: django-helpdesk 2.6 as its documentation installs it, served
the way Clientdesk is served in `make bench` (DEBUG off, PostgreSQL with the same
persistent connections, database sessions, the cached template loader that Django
turns on when DEBUG is off).

Only what django-helpdesk needs is added to a plain `startproject`; its own
defaults (knowledge base on, attachments on, ...) are kept, because the peer is
measured as it ships. Everything comes from the environment set by
bench/peer/run.py; nothing here is secret, the server listens on loopback only.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PEER_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("PEER_SECRET_KEY", "bench-peer-not-a-secret-loopback-only")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # What django-helpdesk 2.6 needs besides the defaults (its installation guide).
    "django.contrib.sites",
    "django.contrib.humanize",
    "rest_framework",
    "django_cleanup.apps.CleanupConfig",
    "helpdesk",
    # Ours: the ceiling pages, the query-count header and the ticket loader.
    "peer_site",
]

MIDDLEWARE = [
    # First, so that its count covers every query of the request.
    "peer_site.middleware.QueryCountMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "peer_site.urls"
WSGI_APPLICATION = "peer_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database_from_url(url: str) -> dict:
    """The DATABASES entry for a postgres:// URL (the peer venv has no dj-database-url)."""
    parts = urlsplit(url)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # As Clientdesk's settings: a connection kept for 60 s, not one per request.
        "CONN_MAX_AGE": 60,
    }


DATABASES = {
    "default": _database_from_url(
        os.environ.get(
            "PEER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clientdesk_bench_peer"
        )
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS: list[dict] = []

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

# Nothing is mailed during a GET, but a misstep must not reach the outside.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# django-helpdesk's own required settings (STACK.md, its installation guide).
SITE_ID = 1
LOGIN_URL = "helpdesk:login"
LOGIN_REDIRECT_URL = "helpdesk:home"
HELPDESK_TEAMS_MODE_ENABLED = False
