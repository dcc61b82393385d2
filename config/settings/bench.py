"""The performance suite (`make bench`): the production settings' behaviour on plain http over loopback.

DEBUG off, the cached template loader, WhiteNoise's hashed and compressed static files (collected to
var/bench-static by bench/run.py), the real cache (Redis when REDIS_URL is set, else in memory) and
quiet logs. What production.py adds for HTTPS behind nginx — the redirect, HSTS, secure cookies, a
required SECRET_KEY — does not apply: gunicorn is reached directly on 127.0.0.1 by the load generator.
The URLconf is config.urls plus the framework floor, bench/floor/ (bench/urls.py).
"""
from .base import *  # noqa: F401,F403
from .base import TEMPLATES, VAR_DIR

DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "bench.urls"

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Django uses the cached loader whenever the loaders are not given; spelled out so that it stays so.
TEMPLATES = [{**TEMPLATES[0], "APP_DIRS": False, "OPTIONS": {
    **TEMPLATES[0]["OPTIONS"],
    "loaders": [("django.template.loaders.cached.Loader", [
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ])],
}}]

STATIC_ROOT = VAR_DIR / "bench-static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Only warnings and errors: a log line per request would be measured along with the page.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "weasyprint": {"level": "ERROR"},
                "fontTools": {"level": "ERROR"}},
}

# Nothing the bench does is meant to reach anybody: mail is dropped, and without Redis the tasks the
# seeding queues go to a broker folder of the bench's own, which no `make run` worker reads.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
if not REDIS_URL:  # noqa: F405
    _broker = VAR_DIR / "bench-celery"
    for _folder in ("broker", "processed", "results", "control"):
        (_broker / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker / "broker"), "data_folder_out": str(_broker / "broker"),
        "processed_folder": str(_broker / "processed"), "control_folder": str(_broker / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{_broker / 'results'}"
