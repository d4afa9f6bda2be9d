"""quanze settings: one file, driven by environment variables (see README)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from quanze.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("QUANZE_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", False)
_INSECURE_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = envstr("SECRET_KEY", _INSECURE_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from static files, not a CDN (CSP)
    "axes",
    # Before django_tasks_db: its `db_worker` command is quanze.core's (stale-job recovery).
    "quanze.core",
    "django_tasks_db",
    "quanze.org",
    "quanze.catalog",
    "quanze.delegation",
    "quanze.duties",
    "quanze.dispatch",
    "quanze.enforcement",
    "quanze.evaluation",
    "quanze.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "quanze.core.sessions.SessionIdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "quanze.core.pages.Chinese404Middleware",
]

ROOT_URLCONF = "quanze.urls"
WSGI_APPLICATION = "quanze.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "quanze.core.notice_views.unread_badge",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'quanze.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the background worker imports.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # A 64 MB page cache (default 2 MB): bulk writes into large indexed tables
        # (publishing to every township, imports) touch many more pages than that.
        # Checkpoint the WAL every 10,000 pages (40 MB; default 1,000): each checkpoint
        # syncs the database file, and pages written again before it are copied once.
        # An import of 500 township lists spent 14 s in its commits at 1,000, 8 s at
        # 10,000 (docs/performance.md).
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
            "PRAGMA wal_autocheckpoint=10000;"
        ),
    }

# Read replicas (quanze/core/dbrouting.py, docs/deployment.md): PostgreSQL streaming
# standbys of `default`, comma-separated URLs. Unset: no router, no middleware, every
# query on `default` as before. Reads that tolerate lag (the views matched by
# QUANZE_REPLICA_VIEWS, code in `using_replica()`) go to a replica whose replay lags less
# than DATABASE_REPLICA_MAX_LAG_SECONDS (checked at most every
# DATABASE_REPLICA_CHECK_SECONDS per process); a user's reads stay on the primary for
# DATABASE_REPLICA_PIN_SECONDS after their write, which must outlast the lag bound and the
# check interval so a write has reached any replica the user is sent to afterwards.
DATABASE_REPLICA_MAX_LAG_SECONDS = envint("DATABASE_REPLICA_MAX_LAG_SECONDS", 5, minimum=0)
DATABASE_REPLICA_CHECK_SECONDS = envint("DATABASE_REPLICA_CHECK_SECONDS", 2, minimum=0)
DATABASE_REPLICA_PIN_SECONDS = envint("DATABASE_REPLICA_PIN_SECONDS", 15, minimum=1)
QUANZE_REPLICA_ALIASES = []
for _number, _url in enumerate(envlist("DATABASE_REPLICA_URLS", []), start=1):
    _replica = dj_database_url.parse(_url, conn_max_age=envint("DB_CONN_MAX_AGE", 0))
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or (
        _replica["ENGINE"] != "django.db.backends.postgresql"
    ):
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URLS needs PostgreSQL: DATABASE_URL and every replica URL "
            "must be postgres:// (replicas are streaming standbys of the primary)"
        )
    # A down replica must fail its health check fast; in tests a replica reads the
    # primary's test database (a standby replays it), so it is that database's mirror.
    _replica["OPTIONS"] = {"connect_timeout": 2, **_replica.get("OPTIONS", {})}
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_number}"] = _replica
    QUANZE_REPLICA_ALIASES.append(f"replica{_number}")
if QUANZE_REPLICA_ALIASES:
    if DATABASE_REPLICA_PIN_SECONDS <= (
        DATABASE_REPLICA_MAX_LAG_SECONDS + DATABASE_REPLICA_CHECK_SECONDS
    ):
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_PIN_SECONDS must be greater than DATABASE_REPLICA_MAX_LAG_SECONDS "
            "+ DATABASE_REPLICA_CHECK_SECONDS (a user's own reads must stay on the primary "
            "until their write has reached every replica they may be sent to)"
        )
    DATABASE_ROUTERS = ["quanze.core.dbrouting.ReplicaRouter"]
    # Outside the session middleware, so the session saved with the response counts as a
    # write of the request (and pins it).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "quanze.core.dbrouting.ReplicaMiddleware",
    )
# Views (resolved "namespace:name", shell patterns) whose GETs may read from a replica:
# the public portal and Open311, the published public pages, and reports.
QUANZE_REPLICA_VIEWS = envlist(
    "QUANZE_REPLICA_VIEWS",
    [
        "portal:*",
        "open311:*",
        "enforcement:public_*",
        "enforcement:stats_*",
        "enforcement:staffing_report",
        "enforcement:training_report",
        "dispatch:measures",
        "duties:dutylist_report",
        "delegation:claim_stats",
        "evaluation:round_report*",
    ],
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
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
LOGOUT_REDIRECT_URL = "home"

# Repeated failed logins: after AXES_FAILURE_LIMIT failures for one username
# from one address, that pair must wait AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = envbool("AXES_ENABLED", True)

LANGUAGE_CODE = "zh-hans"
# The one language: a browser that prefers English must not get Django's own strings
# ("This field is required.") in English beside the Chinese interface.
LANGUAGES = [("zh-hans", "简体中文")]
# Chinese for what Django's own zh_Hans translation lacks (quanze/locale/: compile the .po
# with `msgfmt -o django.mo django.po` after editing it).
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
# ISO dates first, as `<input type="date">` needs them (quanze/core/formats/zh_Hans).
FORMAT_MODULE_PATH = ["quanze.core.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
# Serve app static files without collectstatic in development and tests.
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", DEBUG)

TASKS = {
    "default": {
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Uploads: Excel imports may be large; the importer checks unpacked size itself.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
QUANZE_IMPORT_MAX_BYTES = envint("QUANZE_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
# The area one sheet may cover (quanze/core/spreadsheets.py): a cell holding a value
# beyond these is refused by its position before the sheet is read.
QUANZE_IMPORT_MAX_ROWS = envint("QUANZE_IMPORT_MAX_ROWS", 100_000)
QUANZE_IMPORT_MAX_COLUMNS = envint("QUANZE_IMPORT_MAX_COLUMNS", 256)
# Uploaded import files of finished or abandoned jobs are deleted after this many days
# (`quanze sweep-jobs`); a rejected upload is deleted at once.
QUANZE_IMPORT_RETENTION_DAYS = envint("QUANZE_IMPORT_RETENTION_DAYS", 30)
# Citizen requests on the portal and through Open311 (quanze/portal/requests/guard.py):
# per network address and hour (counted in the cache), and how long the same text for
# the same township counts as a duplicate.
QUANZE_PORTAL_REQUESTS_PER_HOUR = envint("QUANZE_PORTAL_REQUESTS_PER_HOUR", 10, minimum=1)
QUANZE_PORTAL_DUPLICATE_HOURS = envint("QUANZE_PORTAL_DUPLICATE_HOURS", 24, minimum=0)
# Caches. "default" is each process's own memory: the portal keeps what never changes
# there (a published version's rows and pages, keyed exactly; docs/portal.md, "Caching").
# "shared" is seen by every gunicorn worker (and every host on the same database): the
# citizen requests' per-address counts (portal/requests/guard.py) live there. Its table is
# made by `quanze migrate` (portal migration 0002) or `quanze createcachetable`.
CACHES = {
    # Per process: the portal's pages (a few to a few tens of KB each) and small lookups;
    # Django's default of 300 entries would hold the item pages of one township's list.
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    },
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "quanze_cache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
# The open data's licence (dct:license of the DCAT catalogue, each dataset and file) and
# the catalogue's publisher (docs/portal.md, "Bulk open data").
QUANZE_PORTAL_DATA_LICENSE = envstr(
    "QUANZE_PORTAL_DATA_LICENSE", "https://creativecommons.org/licenses/by/4.0/"
)
QUANZE_PORTAL_DATA_PUBLISHER = envstr("QUANZE_PORTAL_DATA_PUBLISHER", "权责清单公开平台")
# Imports with more rows than this run as a background task.
QUANZE_BACKGROUND_IMPORT_ROWS = envint("QUANZE_BACKGROUND_IMPORT_ROWS", 2000)
# A queued or running background job (import, publication) older than this counts as
# stale: the office or its owner may mark it failed, and `quanze sweep-jobs` does.
QUANZE_JOB_STALE_MINUTES = envint("QUANZE_JOB_STALE_MINUTES", 30)
# A running job beats this often; one silent for 6 beats (60 s) is dead (core/heartbeat.py).
QUANZE_JOB_HEARTBEAT_SECONDS = envint("QUANZE_JOB_HEARTBEAT_SECONDS", 10, minimum=1)

# Mail for notices (core/notice_mail.py, sent by the background worker, never in a
# request), through Django 6.1's MAILERS: the console in development, SMTP otherwise
# (EMAIL_HOST etc.); tests get Django's locmem outbox. A failed send is logged and
# recorded on the notice, and never fails the action that caused it.
_MAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": _MAIL_BACKEND}}
if _MAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": envstr("EMAIL_HOST", "localhost"),
        "port": envint("EMAIL_PORT", 25),
        "username": envstr("EMAIL_HOST_USER", ""),
        "password": envstr("EMAIL_HOST_PASSWORD", ""),
        "use_tls": envbool("EMAIL_USE_TLS", False),
        "use_ssl": envbool("EMAIL_USE_SSL", False),
        "timeout": envint("EMAIL_TIMEOUT", 10),
    }
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "quanze@localhost")
# The site's address, put before a notice's link in its e-mail (links are paths).
QUANZE_SITE_URL = envstr("QUANZE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Content-Security-Policy on every response (Django's own middleware, see
# docs/operations.md): scripts, styles, fonts and images from this site only (htmx and
# ECharts are vendored under static/), no inline scripts or <style> blocks, no plugins,
# no framing. Style attributes stay allowed: ECharts writes them into its tooltips.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Sessions end after QUANZE_SESSION_IDLE_MINUTES without a request (requests renew
# them, at most once a minute: quanze/core/sessions.py), and when the browser closes.
SESSION_COOKIE_AGE = envint("QUANZE_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
