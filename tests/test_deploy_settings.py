"""The production settings are fit for a server: Django's deployment checklist passes with no
warning, and a server never starts on a default secret key.

Each test starts a fresh interpreter, because the settings module is read once per process and
this run already loaded config.settings.test.
"""
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Variables the settings read: the tests judge the settings' own defaults, not this shell's
# values. Without REDIS_URL nothing depends on a Redis server (the checks never connect anyway).
SETTINGS_VARIABLES = {
    "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL", "REDIS_URL",
    "EMAIL_URL", "DEFAULT_FROM_EMAIL", "SMS_BACKEND", "STATIC_ROOT", "MEDIA_ROOT", "LOG_LEVEL",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "PORTAL_BASE_URL",
    "TRUSTED_PROXY_COUNT", "LOGIN_FAILURE_LIMIT", "LOGIN_LOCKOUT_MINUTES", "SESSION_IDLE_HOURS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for their own process only
}


def production_environment(**overrides):
    """A copy of this process's environment set up for config.settings.production."""
    environment = {
        name: value for name, value in os.environ.items() if name not in SETTINGS_VARIABLES
    }
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    environment.update(overrides)
    return environment


def dotenv_defines(name):
    """Whether the developer's .env (read by config/settings/base.py) sets `name`."""
    dotenv = PROJECT_ROOT / ".env"
    if not dotenv.exists():
        return False
    pattern = re.compile(rf"^\s*(export\s+)?{re.escape(name)}\s*=", re.MULTILINE)
    return bool(pattern.search(dotenv.read_text(encoding="utf-8")))


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    environment = production_environment(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="renda.example.gov.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


@pytest.mark.skipif(dotenv_defines("SECRET_KEY"), reason="the project's .env sets SECRET_KEY")
def test_production_settings_refuse_to_start_without_a_secret_key():
    environment = production_environment(ALLOWED_HOSTS="renda.example.gov.cn")

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def production_settings(**overrides):
    """The production settings' security values, as a fresh interpreter reads them."""
    environment = production_environment(
        SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="renda.example.gov.cn", **overrides
    )
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({"
        "'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE,"
        "'session_httponly': s.SESSION_COOKIE_HTTPONLY, 'csrf_httponly': s.CSRF_COOKIE_HTTPONLY,"
        "'session_samesite': s.SESSION_COOKIE_SAMESITE, 'csrf_samesite': s.CSRF_COOKIE_SAMESITE,"
        "'session_age': s.SESSION_COOKIE_AGE, 'refresh': s.SESSION_REFRESH_SECONDS,"
        "'hasher': s.PASSWORD_HASHERS[0], 'frame': s.X_FRAME_OPTIONS, 'proxies': s.TRUSTED_PROXY_COUNT,"
        "'failure_limit': s.AXES_FAILURE_LIMIT, 'lockout_seconds': s.AXES_COOLOFF_TIME.total_seconds(),"
        "'axes': s.AXES_ENABLED, 'csp': [str(x) for x in s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src']]}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_sessions_passwords_and_lockout_are_safe_by_default():
    values = production_settings()
    assert values["session_secure"] and values["csrf_secure"]
    assert values["session_httponly"] and values["csrf_httponly"]
    assert values["session_samesite"] == values["csrf_samesite"] == "Lax"
    assert values["session_age"] == 8 * 60 * 60 and values["refresh"] == 5 * 60
    assert values["hasher"] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert values["frame"] == "DENY"
    assert values["axes"] and values["failure_limit"] == 5 and values["lockout_seconds"] == 30 * 60
    assert values["proxies"] == 0  # X-Forwarded-For is ignored unless a proxy is declared
    assert "'self'" in values["csp"] and "'unsafe-inline'" not in values["csp"]


def test_the_lockout_the_session_and_the_trusted_proxies_come_from_the_environment():
    values = production_settings(
        TRUSTED_PROXY_COUNT="1", LOGIN_FAILURE_LIMIT="8", LOGIN_LOCKOUT_MINUTES="15", SESSION_IDLE_HOURS="2",
    )
    assert values["proxies"] == 1
    assert values["failure_limit"] == 8 and values["lockout_seconds"] == 15 * 60
    assert values["session_age"] == 2 * 60 * 60
