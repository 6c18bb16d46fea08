"""Django settings, all read from the environment (one file, as in healthchecks).

NETTONOLL_ENV: `production` (what `nettonoll serve` runs), `demo` (`nettonoll demo`) or
`development` (default: tests and `nettonoll manage`). Only production refuses to run without
SECRET_KEY; the others keep a generated key in the data folder.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from nettonoll.paths import data_dir

BASE_DIR = Path(__file__).resolve().parent
ENV = os.environ.get("NETTONOLL_ENV", "development")
IS_PRODUCTION = ENV == "production"
IS_DEMO = ENV == "demo"
DATA_DIR = data_dir()


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _generated_secret_key() -> str:
    path = DATA_DIR / "secret_key.txt"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if IS_PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY saknas: produktionsläget startar inte utan en hemlig nyckel. "
            "/ SECRET_KEY is missing: production mode does not start without a secret key."
        )
    SECRET_KEY = _generated_secret_key()

DEBUG = os.environ.get("NETTONOLL_DEBUG", "0") == "1"
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "" if IS_PRODUCTION else "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "treebeard",
    "simple_history",
    "axes",
    "nettonoll.common",  # before django_tasks_db: its `db_worker` command is Nettonoll's worker
    "django_tasks",
    "django_tasks_db",
    "nettonoll.accounts",
    "nettonoll.organisations",
    "nettonoll.indicators",
    "nettonoll.emissions",
    "nettonoll.plans",
    "nettonoll.registers",
    "nettonoll.estate",
    "nettonoll.procurement",
    "nettonoll.circular",
    "nettonoll.finance",
    "nettonoll.solar",
    "nettonoll.adaptation",
    "nettonoll.energy_feedback",
    "nettonoll.budgets",
    "nettonoll.reports",
    "nettonoll.publication",
    "nettonoll.kolada",
    "nettonoll.api",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "nettonoll.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "nettonoll.common.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nettonoll.common.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nettonoll.urls"
WSGI_APPLICATION = "nettonoll.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "nettonoll.common.context_processors.installation",
            ],
        },
    }
]

# --- Database: DATABASE_URL, otherwise SQLite (WAL) under the data folder ---
# Timeouts: a database that accepts but never answers must give a 503 within seconds, not hang
# every thread (connect timeout; PostgreSQL statement timeout; SQLite busy timeout).
DB_CONNECT_TIMEOUT = int(os.environ.get("NETTONOLL_DB_CONNECT_TIMEOUT", "5"))
DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("NETTONOLL_DB_STATEMENT_TIMEOUT_MS", "30000"))
_default_sqlite = f"sqlite:///{DATA_DIR / 'nettonoll.sqlite3'}"


def database_config(url: str) -> dict[str, object]:
    """Django's settings for the database at `url`, with the timeouts above."""
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
        config["OPTIONS"] = {
            "connect_timeout": DB_CONNECT_TIMEOUT,
            "options": f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}",
        }
    return config


DATABASES = {"default": database_config(os.environ.get("DATABASE_URL", _default_sqlite))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users ---
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = int(os.environ.get("NETTONOLL_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# --- E-mail: console in demo and development, SMTP when configured ---
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if IS_PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "nettonoll@localhost")
# the site's address in e-mails (links back to a page): scheme and host, no trailing slash
NETTONOLL_BASE_URL = os.environ.get("NETTONOLL_BASE_URL", "http://localhost:8000").rstrip("/")

# --- Language and formats: Swedish first, English second ---
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Grouping is asked for where a figure is shown (floatformat:"…g" gives "1 234,5"); a global
# separator would also group ids and years inside URLs and form values ("?year=2 023").
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["nettonoll.formats"]

# --- Static and stored files ---
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "files"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION or IS_DEMO
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not (IS_PRODUCTION or IS_DEMO)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Background work (Django Tasks): the database backend and its `db_worker` (started and restarted
# by `nettonoll demo` and `nettonoll serve`; `nettonoll manage db_worker` sets NETTONOLL_TASKS);
# in development and tests tasks run at once (after the transaction commits).
TASKS_IN_DATABASE = IS_PRODUCTION or IS_DEMO or os.environ.get("NETTONOLL_TASKS") == "database"
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_IN_DATABASE
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    }
}
# A running job's worker renews its lease every HEARTBEAT seconds; a job whose lease (LEASE
# seconds) ran out lost its worker: it is run again, at most MAX_ATTEMPTS times in all.
NETTONOLL_JOB_HEARTBEAT_SECONDS = int(os.environ.get("NETTONOLL_JOB_HEARTBEAT_SECONDS", "30"))
NETTONOLL_JOB_LEASE_SECONDS = int(os.environ.get("NETTONOLL_JOB_LEASE_SECONDS", "600"))
NETTONOLL_JOB_MAX_ATTEMPTS = int(os.environ.get("NETTONOLL_JOB_MAX_ATTEMPTS", "3"))
# Kolada's API v3 (docs/kolada.md): where it answers, how long to wait for it, and how often the
# worker fetches every organisation's chosen KPIs again (the demo never fetches).
NETTONOLL_KOLADA_URL = os.environ.get("NETTONOLL_KOLADA_URL", "https://api.kolada.se/v3")
NETTONOLL_KOLADA_TIMEOUT_SECONDS = float(os.environ.get("NETTONOLL_KOLADA_TIMEOUT_SECONDS", "20"))
NETTONOLL_KOLADA_FETCH_DAYS = int(os.environ.get("NETTONOLL_KOLADA_FETCH_DAYS", "7"))
# An activity-data file larger than this is imported in the background with a progress bar;
# activity-data files may be this large (a year of a region's ledger and travel exports).
NETTONOLL_BACKGROUND_IMPORT_BYTES = int(
    os.environ.get("NETTONOLL_BACKGROUND_IMPORT_BYTES", str(2 * 1024 * 1024))
)
NETTONOLL_MAX_ACTIVITY_UPLOAD_BYTES = int(
    os.environ.get("NETTONOLL_MAX_ACTIVITY_UPLOAD_BYTES", str(1024 * 1024 * 1024))
)
NETTONOLL_MAX_UPLOAD_BYTES = int(
    os.environ.get("NETTONOLL_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024))
)

# --- Security ---
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("NETTONOLL_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("NETTONOLL_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# The REST API (/api/v1/, docs/api.md): bearer keys or a session, pages of 50 (at most 500),
# rate limits per key or user (429 with Retry-After).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "nettonoll.api.rest.auth.BearerKeyAuthentication",
        "nettonoll.api.rest.auth.SessionWithAccessAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["nettonoll.api.rest.auth.KeyOrUserRequired"],
    "DEFAULT_PAGINATION_CLASS": "nettonoll.api.rest.limits.Pages",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "nettonoll.api.rest.limits.PerCallerReadThrottle",
        "nettonoll.api.rest.limits.PerCallerWriteThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "api_read": os.environ.get("NETTONOLL_API_RATE", "1200/min"),
        "api_write": os.environ.get("NETTONOLL_API_WRITE_RATE", "120/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "nettonoll.api.rest.renderers.RawFormsBrowsableAPIRenderer",
    ],
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Nettonoll API",
    "DESCRIPTION": "Läs och skriv Nettonolls data med samma behörigheter som på webben. "
    "Se docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "nettonoll.api.rest.schema.add_error_responses",
    ],
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "nettonoll.common.logging.OneLineForRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line_refusals"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("NETTONOLL_LOG_LEVEL", "WARNING")},
}
