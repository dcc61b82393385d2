"""The test run: fast hashing, mail and text messages kept in memory, Celery tasks run inline.

Integration tests that need a real worker start one themselves (tests/integration).
"""
from .base import *  # noqa: F401,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The sign-in lockout is off, so that tests may call authenticate() without a request and sign in
# as often as they like; tests/core/test_login_security.py switches it on for itself.
AXES_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The township is not kept in the cache: the cache outlives each test's rolled-back database, so a
# township cached by one test would head the pages of the next (tests/core/test_layout_cost.py
# turns it on).
TOWNSHIP_CACHE_SECONDS = 0
# Nor the suggestions' statistics and likely duplicates (motions/caching.py), for the same reason.
MOTIONS_CACHE_SECONDS = 0
# Pages are kept (core/pagecache.py) with or without Redis, so that every test that reads a page
# twice reads the kept copy the second time; tests/conftest.py empties the cache before each test,
# whose rolled-back database the kept pages would otherwise outlive. No allowance for clocks: one process.
PAGE_CACHE_SECONDS = 300
PAGE_CACHE_CLOCK_SKEW = 0
SMS_BACKEND = "core.sms.LocmemBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if not REDIS_URL:  # noqa: F405
    # A broker folder of the run's own, so that a `make run` worker never takes the tests' tasks.
    import tempfile

    _broker = tempfile.mkdtemp(prefix="portal-test-broker-")
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": _broker, "data_folder_out": _broker, "control_folder": _broker, "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{tempfile.mkdtemp(prefix='portal-test-results-')}"
