"""Clientdesk settings: everything comes from environment variables.

Three modes, chosen by CLIENTDESK_ENV:
- ``embedded`` (default): SQLite and the job queue under ``var/``, a secret key
  generated once and kept in ``var/secret_key``, mail written to ``var/mail/``
  unless EMAIL_HOST is set. Meant for ``make run`` on a laptop.
- ``production``: refuses to start without SECRET_KEY, ALLOWED_HOSTS and
  DATABASE_URL; secure cookies, HSTS and HTTPS redirects are on.
- ``test``: set by the test suite (fast hashing, jobs run immediately).
"""

import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import bootstrap
import dj_database_url
import phonenumbers
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from huey import RedisHuey, SqliteHuey

from clientdesk import keys
from clientdesk.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CLIENTDESK_VAR_DIR") or BASE_DIR / "var")

ENV = env_str("CLIENTDESK_ENV", "embedded")
if ENV not in {"embedded", "production", "test"}:
    raise ImproperlyConfigured(f"CLIENTDESK_ENV must be embedded, production or test, not {ENV!r}.")
PRODUCTION = ENV == "production"
TESTING = ENV == "test" or "pytest" in sys.modules

DEBUG = env_bool("DEBUG", False)


SECRET_KEY = keys.secret_key(production=PRODUCTION, var_dir=VAR_DIR)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("CLIENTDESK_ENV=production needs ALLOWED_HOSTS.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The address people use to reach Clientdesk; links in e-mails are built on it,
# because jobs that send mail run outside any request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "axes",
    "simple_history",
    "huey.contrib.djhuey",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Our apps, from the ground floor up: each imports only the apps above it
    # in this list (common/tests/test_layers.py holds us to it).
    "common",
    "events",
    "deadlines",
    "api",
    "accounts",
    "clients",
    "notifications",
    "webhooks",
    "quality",
    "service_requests",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "common.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "common.middleware.PrivateCacheMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clientdesk.urls"
FORM_RENDERER = "common.forms.BootstrapFormRenderer"
WSGI_APPLICATION = "clientdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "common.context_processors.navigation",
                "notifications.context_processors.bell",
            ],
        },
    },
]

# Database: embedded SQLite unless DATABASE_URL says otherwise.
DATABASE_URL = env_str("DATABASE_URL")
if PRODUCTION and not DATABASE_URL:
    raise ImproperlyConfigured("CLIENTDESK_ENV=production needs DATABASE_URL (PostgreSQL).")
if DATABASE_URL:
    try:
        # Tests drop their databases at the end; a kept connection would block that.
        DATABASES = {
            "default": dj_database_url.parse(DATABASE_URL, conn_max_age=0 if TESTING else 60)
        }
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from None
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "DATABASE_PREPARED_STATEMENTS", True
    ):
        # A query that a connection runs for the fifth time is prepared, so
        # PostgreSQL plans it once: a list's joins cost as much to plan as to
        # run (bench/README.md, sixth pass). Off behind a pooler that cannot
        # keep a connection's prepared statements (PgBouncer's transaction mode).
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=5
        )
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "clientdesk.sqlite3"),
            "OPTIONS": {
                # WAL and a busy timeout let the web server and the job consumer
                # write to the same file without "database is locked" errors.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Invitation and password-reset links stop working after three days, and at
# once after they have been used (the token covers the password hash).
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Login throttling: five wrong passwords lock that account *from that address*
# for 30 minutes. Keyed on both, so nobody can lock a colleague out from
# elsewhere, and an office behind one address is not locked out by one typist.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_LOCKOUT_CALLABLE = "accounts.views.auth.locked_out"
AXES_USERNAME_CALLABLE = "accounts.backends.axes_username"
# The address is the client's, not the reverse proxy's (see TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_address"
AXES_VERBOSE = False
# How many reverse proxies in front of the app append to X-Forwarded-For; the
# client's address is that many entries from its right end (the left end is
# whatever the client wrote). Production runs behind one (see README).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 1 if PRODUCTION else 0)

SESSION_COOKIE_AGE = 14 * 24 * 3600
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("et", "Eesti"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["clientdesk.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Tallinn")
USE_I18N = True
USE_TZ = True

# Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Bootstrap comes from the bootstrap-wrapper package (its official dist files),
# htmx from django-htmx: nothing is loaded from the internet at run time.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", Path(next(iter(bootstrap.__path__)))),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if TESTING:
    # WhiteNoise warns about a missing STATIC_ROOT; tests serve from the finders.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Content-Security-Policy: nothing inline, nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# E-mail. Without EMAIL_HOST, embedded mode writes every message to var/mail/
# so nothing is lost and the demo can be followed; production needs SMTP.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Clientdesk <clientdesk@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_email_host = env_str("EMAIL_HOST")
if _email_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER") or None,
                "password": env_str("EMAIL_HOST_PASSWORD") or None,
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": env_int("EMAIL_TIMEOUT", 20),
            },
        }
    }
elif PRODUCTION:
    raise ImproperlyConfigured("CLIENTDESK_ENV=production needs EMAIL_HOST.")
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }

# The REST API (see api/). API_RATE_LIMIT is per token, e.g. "600/minute".
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/minute")
# How many days a new API token works unless its owner chooses otherwise.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
if not 1 <= API_TOKEN_DAYS <= 3650:
    raise ImproperlyConfigured("API_TOKEN_DAYS must be a number of days from 1 to 3650.")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        # The portal's own calls: the browser session, with the CSRF check on writes.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsActiveUser", "api.permissions.TokenScope"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Cursor",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["api.filtering.FilterBackend", "api.filtering.OrderingFilter"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handle",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": API_RATE_LIMIT},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Clientdesk API",
    "DESCRIPTION": (
        "Everything the portal and the desk do. Authenticate with a personal token "
        "(profile page) as `Authorization: Bearer cd_…`. Lists use cursor pagination. "
        "POST accepts an `Idempotency-Key` header. Errors share one shape: "
        '`{"error": {"code", "message", "fields"}}`.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "accounts.roles.Role.choices",
        "ClientRoleEnum": "accounts.roles.CLIENT_ROLE_CHOICES",
        "LanguageEnum": "clientdesk.settings.LANGUAGES",
        "SiteStatusEnum": "clients.models.Site.Status",
        "CallStatusEnum": "webhooks.models.Call.Status",
        "InspectionStatusEnum": "quality.models.Inspection.Status",
        "CorrectiveActionStatusEnum": "quality.models.CorrectiveAction.Status",
    },
}
# The rate limit is counted in the cache: Redis when configured, otherwise
# files under var/ that every web worker of this machine shares. Parts of
# pages kept rendered (common/fragments.py) have a cache of their own, so
# that culling them never drops a rate limit's count; files are per machine,
# so a deployment with more than one web machine sets REDIS_URL.
REDIS_URL = env_str("REDIS_URL")
_BACKENDS = "django.core.cache.backends."
_default: dict[str, Any]
if REDIS_URL:
    _default = {"BACKEND": _BACKENDS + "redis.RedisCache", "LOCATION": REDIS_URL}
    _fragments = {**_default, "KEY_PREFIX": "fragments"}
elif TESTING:
    _default = {"BACKEND": _BACKENDS + "locmem.LocMemCache"}
    _fragments = {**_default, "LOCATION": "fragments"}
else:
    _default = {
        "BACKEND": _BACKENDS + "filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    }
    # Each set lists the directory: a few thousand files, not every site's.
    _fragments = {
        **_default,
        "LOCATION": str(VAR_DIR / "fragments"),
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
CACHES = {"default": _default, "fragments": _fragments}

# Webhook receivers must be public addresses in production (no calls into the
# provider's own network); the embedded mode and tests allow loopback. The
# address is checked when the call connects (webhooks/delivery.py).
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", not PRODUCTION)
WEBHOOK_SECRET_KEYS = keys.webhook_secret_keys(
    production=PRODUCTION, testing=TESTING, var_dir=VAR_DIR
)

# SMS: an HTTP gateway (see notifications/sms.py for what it receives). Without
# one, embedded mode writes messages to var/sms/ and production offers no SMS.
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL")
if SMS_GATEWAY_URL and not SMS_GATEWAY_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("SMS_GATEWAY_URL must be an http:// or https:// address.")
SMS_GATEWAY_USERNAME = env_str("SMS_GATEWAY_USERNAME")
SMS_GATEWAY_PASSWORD = env_str("SMS_GATEWAY_PASSWORD")
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN")
SMS_GATEWAY_TIMEOUT = env_int("SMS_GATEWAY_TIMEOUT", 10)
SMS_SENDER = env_str("SMS_SENDER", "Clientdesk")
SMS_MAX_LENGTH = env_int("SMS_MAX_LENGTH", 160)
SMS_FILE_PATH = None if PRODUCTION or TESTING else str(VAR_DIR / "sms")

# Phone numbers typed without a country code are numbers of this region
# (ISO 3166 code); all are stored in international format.
PHONE_DEFAULT_REGION = env_str("PHONE_DEFAULT_REGION", "EE").upper()
if PHONE_DEFAULT_REGION not in phonenumbers.SUPPORTED_REGIONS:
    raise ImproperlyConfigured(
        "PHONE_DEFAULT_REGION must be a two-letter region code such as EE, "
        f"not {PHONE_DEFAULT_REGION!r}."
    )

# Notifications: a message that cannot be sent is retried with growing pauses
# for this many hours, then marked failed for administrators to see. Daily
# digests leave at DIGEST_HOUR local time.
NOTIFICATION_RETRY_HOURS = env_int("NOTIFICATION_RETRY_HOURS", 24)
if NOTIFICATION_RETRY_HOURS < 1:
    raise ImproperlyConfigured("NOTIFICATION_RETRY_HOURS must be at least 1.")
DIGEST_HOUR = env_int("DIGEST_HOUR", 7)
if not 0 <= DIGEST_HOUR <= 23:
    raise ImproperlyConfigured("DIGEST_HOUR must be an hour from 0 to 23.")

# Retention: the nightly jobs delete finished records older than these (the
# README's retention table says what each covers); nothing still waiting or
# being retried is deleted.


def _at_least_one(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be at least 1, not {value}.")
    return value


NOTIFICATION_RETENTION_DAYS = _at_least_one("NOTIFICATION_RETENTION_DAYS", 365)
OUTBOX_RETENTION_DAYS = _at_least_one("OUTBOX_RETENTION_DAYS", 90)
WEBHOOK_LOG_RETENTION_DAYS = _at_least_one("WEBHOOK_LOG_RETENTION_DAYS", 30)
EVENT_LOG_RETENTION_DAYS = _at_least_one("EVENT_LOG_RETENTION_DAYS", 730)
IDEMPOTENCY_RETENTION_HOURS = _at_least_one("IDEMPOTENCY_RETENTION_HOURS", 24)

# Uploaded pictures (common/images.py): larger files, and pictures of more
# pixels, are refused before they are decoded (phones take 3–8 MB, 12–50 MP).
# QUALITY_PHOTO_MAX_MB is the older name of IMAGE_MAX_MB and still read.
IMAGE_MAX_MB = env_int("IMAGE_MAX_MB", env_int("QUALITY_PHOTO_MAX_MB", 15))
if not 1 <= IMAGE_MAX_MB <= 100:
    raise ImproperlyConfigured(f"IMAGE_MAX_MB must be from 1 to 100 (MB), not {IMAGE_MAX_MB}.")
IMAGE_MAX_MEGAPIXELS = env_int("IMAGE_MAX_MEGAPIXELS", 50)
# Pillow itself refuses pictures beyond about 89 megapixels.
if not 1 <= IMAGE_MAX_MEGAPIXELS <= 80:
    raise ImproperlyConfigured(
        f"IMAGE_MAX_MEGAPIXELS must be from 1 to 80, not {IMAGE_MAX_MEGAPIXELS}."
    )
# Uploaded files no record refers to (left by a failed save, say) are deleted
# by a nightly job once they are this old, so an upload in progress is safe.
ORPHAN_FILE_GRACE_HOURS = env_int("ORPHAN_FILE_GRACE_HOURS", 24)
if ORPHAN_FILE_GRACE_HOURS < 1:
    raise ImproperlyConfigured(
        f"ORPHAN_FILE_GRACE_HOURS must be at least 1, not {ORPHAN_FILE_GRACE_HOURS}."
    )

# Background jobs: Huey on SQLite under var/ by default, Redis when configured.
if REDIS_URL:
    HUEY = RedisHuey("clientdesk", url=REDIS_URL, immediate=TESTING)
else:
    HUEY = SqliteHuey("clientdesk", filename=str(VAR_DIR / "huey.sqlite3"), immediate=TESTING)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"one_line_refusals": {"()": "common.log_filters.OneLineRefusals"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # 403, 404 and other refusals: one line each, without a traceback.
        "django.request": {"filters": ["one_line_refusals"]},
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # The consumer prints through its own handler already.
        "huey": {"level": "INFO", "propagate": False},
        # WeasyPrint reports every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = True

if TESTING:
    # Argon2 is deliberately slow; tests create hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
