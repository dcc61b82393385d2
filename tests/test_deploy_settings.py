"""The production settings are fit for a server: Django's deployment checklist passes with no
warning, and a server never starts on a default secret key.

Each test starts a fresh interpreter, because the settings module is read once per process and
this run already loaded config.settings.test.
"""
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
