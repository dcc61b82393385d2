"""Settings shared by every environment, read from the environment with django-environ.

Only what differs between a developer's machine, the test run and a server lives in
local.py, test.py and production.py.
"""
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "simple_history",
    "axes",
    "csp",
    # The portal's apps, in the order their imports run (STYLE.md): each imports only those above it.
    "core",
    "deputies",
    "congress",
    "motions",
    "supervision",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so static files go out without a policy; pages get one with a fresh nonce.
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A body too big for any form gets the portal's page, unread (core/files.py).
    "core.files.UploadSizeLimitMiddleware",
    # Every page needs a signed-in user unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "core.middleware.SlidingSessionMiddleware",
    # Records the signed-in user as the author of each change kept in the history tables (core/history.py).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a sign-in refused for too many failures into the sign-in page with the reason.
    "axes.middleware.AxesMiddleware",
    # Last, around the view alone: serves a page kept since no table it read was written (core/pagecache.py).
    "core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

# The database: a SQLite file under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share the file: wait for locks and take the write lock up front.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    # Keep a connection for a minute between requests, but check it before each request uses it: after
    # PostgreSQL restarts, the first request reconnects instead of failing on a dead connection.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT: the portal's queries are short, and the statistics' aggregates (many conditional
    # counts over correlated subqueries) cost enough to cross jit_above_cost, where compiling them
    # took 0.9 s of a 1.1 s query at county scale (issue 9). The server's setting is left alone.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out person or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "core.backends.PhoneOrUsernameBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
# Run by every form and command that sets a password (password change, the admin's add-user and
# set-password forms, createsuperuser, changepassword). Eight characters with letters and digits is
# what 等保 2.0 (GB/T 22239-2019) practice asks of a password; longer would mostly push deputies on
# phones to write it down, and guessing online is stopped by the lockout below, offline by Argon2.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "core.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.validators.LettersAndDigitsValidator"},
]
# Argon2 first: new and changed passwords are stored with it, and a password stored with one of the
# others is re-hashed with Argon2 the next time its owner signs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Sessions end after SESSION_IDLE_HOURS without a request: core.middleware.SlidingSessionMiddleware
# restarts the clock, at most every five minutes so that pages do not write the session each time.
SESSION_COOKIE_AGE = int(env.float("SESSION_IDLE_HOURS", default=8) * 60 * 60)
SESSION_REFRESH_SECONDS = 5 * 60
# In the database, never in the cache: a Redis outage must not sign anybody out. Django's database
# sessions, read by plain SQL (core/sessions.py).
SESSION_ENGINE = "core.sessions"
SESSION_COOKIE_HTTPONLY = True
# Lax, not Strict: a link in a notification e-mail must open the page signed in.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script reads the token from the cookie: forms carry it

# Repeated failed sign-ins lock the person (whichever of user name or mobile number was typed,
# core.security.lockout_username) and, separately, the address they came from. core.security
# documents the rules; staff unlock in the admin (访问尝试) or with `manage.py axes_reset_username`.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "core.security.lockout_username"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_VERBOSE = False  # no banner on every manage.py command; failures are still logged
AXES_RESET_ON_SUCCESS = False  # else one's own account would reset an address's count of failures
# How many reverse proxies stand in front of the portal and append to X-Forwarded-For: 0 for
# `make run` (the header is then ignored, so nobody can fake their address), 1 behind deploy/nginx.conf.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Content Security Policy (django-csp 4): only the portal's own files run or style a page. A script
# or <style> written into a template needs nonce="{{ request.csp_nonce }}"; style="..." attributes
# are refused, so widths and colours come from classes (static/css/portal.css, core/static/core/meters.js).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],  # Bootstrap draws its form controls' icons as data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# core.middleware.PermissionsPolicyMiddleware: browser features no page of the portal uses.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Where `manage.py backup` writes its folders unless given --output (core/backup.py).
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")
# The largest request body: ten 10 MB attachments and the form. deploy/nginx.conf's
# client_max_body_size is the same figure; a file over 10 MB is refused by its form (core/files.py).
UPLOAD_MAX_REQUEST_BYTES = 110 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The admin shows each record's change history but may not roll a record back to an earlier version:
# every change goes through the services, which check the workflow (core/history.py).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Redis, when REDIS_URL is set, is the Celery broker, its result store and the cache. Without it
# the portal still runs worker and beat on one machine: Celery's file-system broker under var/.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # A Redis outage turns the cache into misses instead of 500s (core.cache).
    CACHES = {"default": {"BACKEND": "core.cache.ForgivingRedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    CELERY_DIR = VAR_DIR / "celery"
    for folder in ("broker", "processed", "results", "control"):
        (CELERY_DIR / folder).mkdir(parents=True, exist_ok=True)
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DIR / "broker"),
        "data_folder_out": str(CELERY_DIR / "broker"),
        "processed_folder": str(CELERY_DIR / "processed"),
        "control_folder": str(CELERY_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_DIR / 'results'}"
# Every page shows the township: Township.current() keeps it this long in the cache, which saving it
# clears (only in the worker's own memory without Redis: other workers see a change that much later).
TOWNSHIP_CACHE_SECONDS = env.int("TOWNSHIP_CACHE_SECONDS", default=60)
# The suggestion pages' figures over many items (a year's statistics, the review queue's likely
# duplicates) are cached until the next change to what they count, and at most this long (motions/caching.py).
MOTIONS_CACHE_SECONDS = env.int("MOTIONS_CACHE_SECONDS", default=300)
# Rendered pages are kept until a table they read is written, and at most this long (core/pagecache.py).
# Only with Redis: the tables' generations must be shared by every web worker and the Celery worker.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300 if REDIS_URL else 0)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {}

# Mail: EMAIL_URL such as smtp+tls://user:password@mail.example.gov.cn:587; printed to the console by default.
globals().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="人大主席团办公室 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Text messages go through a pluggable backend; the default only writes them to the log.
SMS_BACKEND = env("SMS_BACKEND", default="core.sms.LogBackend")

PORTAL_NAME = _("Township People's Congress Presidium Portal")
# The address people open the portal at, for links in e-mails sent from background jobs.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every step of a render at INFO.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"},
                "fontTools": {"level": "WARNING"}},
}

# The daily chase of handling (SPEC §4 "Chasing overdue handling"); core.chase_engine documents the rules.
CHASE_ACKNOWLEDGE_WORKING_DAYS = env.int("CHASE_ACKNOWLEDGE_WORKING_DAYS", default=3)
CHASE_DUE_SOON_DAYS = env.int("CHASE_DUE_SOON_DAYS", default=7)
CHASE_OVERDUE_REPEAT_DAYS = env.int("CHASE_OVERDUE_REPEAT_DAYS", default=7)
CHASE_RATING_DAYS = env.int("CHASE_RATING_DAYS", default=15)
CHASE_HOUR = env.int("CHASE_HOUR", default=8)

# A request never waits on the broker: publishing gives up within seconds when Redis is down, and
# the sweep below sends what could not be queued (core.services.notifications_publish_on_commit).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5, "max_retries": 0}
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
    CELERY_REDIS_SOCKET_TIMEOUT = 5

from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "chase-overdue-daily": {
        "task": "core.tasks.chase_overdue",
        "schedule": crontab(hour=CHASE_HOUR, minute=0),  # CELERY_TIMEZONE: Asia/Shanghai
    },
    "deliver-pending-notifications": {
        "task": "core.tasks.deliver_pending_notifications",
        "schedule": 5 * 60.0,
    },
    "requeue-export-jobs": {  # export jobs asked for while the broker was down
        "task": "core.tasks_exports.requeue_export_jobs",
        "schedule": 5 * 60.0,
    },
}
