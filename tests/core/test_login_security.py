"""Signing in safely: repeated failures lock the person and the address, passwords are stored with
Argon2 and must mix letters and digits, sessions end when idle, and every page carries a Content
Security Policy with a fresh nonce."""
import re
import time
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AdminPasswordChangeForm, SetPasswordForm
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from config.settings import base
from core.middleware import SESSION_REFRESHED_AT
from core.roles import Role
from core.security import client_ip
from tests.factories import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
NGINX_ADDRESS = "127.0.0.1"
LOCKOUT_MESSAGE = (
    "Too many failed sign-ins for this account or from this address. Signing in is locked for "
    "%(minutes)s minutes, until %(time)s. Try again then, or ask the presidium office to unlock it."
)


@pytest.fixture
def lockout(settings):
    """The lockout as configured in base.py (test.py switches it off for everyone else)."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = base.AXES_FAILURE_LIMIT
    settings.TRUSTED_PROXY_COUNT = 0
    return settings


def sign_in(client, login, password, address="10.0.0.1", **headers):
    return client.post(reverse("login"), {"username": login, "password": password}, REMOTE_ADDR=address, **headers)


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, login, times, address="10.0.0.1", **headers):
    for _ in range(times):
        assert sign_in(client, login, "wrong-password", address, **headers).status_code in (200, 429)


# --- Lockout -------------------------------------------------------------------------------------

def test_the_defaults_lock_after_five_failures_for_thirty_minutes():
    assert base.AXES_FAILURE_LIMIT == 5
    assert base.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert base.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert base.TRUSTED_PROXY_COUNT == 0


def test_four_failures_still_let_the_right_password_in(client, lockout):
    UserFactory(username="chenxm")
    fail(client, "chenxm", 4)
    assert sign_in(client, "chenxm", PASSWORD).status_code == 302
    assert signed_in(client)


def test_five_failures_lock_the_account_even_from_another_address_with_the_right_password(client, lockout):
    UserFactory(username="chenxm")
    fail(client, "chenxm", 5, address="10.0.0.1")

    response = sign_in(client, "chenxm", PASSWORD, address="10.0.0.2")

    assert response.status_code == 429
    assert not signed_in(client)


def test_failures_count_for_the_person_whichever_login_was_typed(client, lockout):
    UserFactory(username="chenxm", phone="13907310004")
    fail(client, "chenxm", 2, address="10.0.0.1")
    fail(client, "ChenXM", 1, address="10.0.0.2")
    fail(client, "13907310004", 2, address="10.0.0.3")

    assert sign_in(client, "13907310004", PASSWORD, address="10.0.0.4").status_code == 429
    assert not signed_in(client)


def test_five_failures_from_one_address_lock_it_for_every_account(client, lockout):
    UserFactory(username="chenxm")
    for login in ["a1", "a2", "a3", "a4", "a5"]:
        fail(client, login, 1, address="10.0.0.9")

    assert sign_in(client, "chenxm", PASSWORD, address="10.0.0.9").status_code == 429
    assert sign_in(client, "chenxm", PASSWORD, address="10.0.0.10").status_code == 302


def test_the_locked_page_is_the_sign_in_page_saying_why_and_for_how_long(english, lockout):
    UserFactory(username="chenxm")
    fail(english, "chenxm", 5)

    response = sign_in(english, "chenxm", PASSWORD)

    body = response.content.decode()
    assert response.status_code == 429
    assert "data-lockout" in body and 'name="password"' in body
    assert "Signing in is locked for 30 minutes, until " in body
    assert 'value="chenxm"' in body


def test_the_locked_page_says_it_in_the_portal_language(client, lockout):
    """Whatever the catalogue holds (tests/test_translations.py keeps it complete), the page shows
    the message as translated for Chinese."""
    UserFactory(username="chenxm")
    fail(client, "chenxm", 5)

    body = sign_in(client, "chenxm", PASSWORD).content.decode()

    with translation.override("zh-hans"):
        expected = gettext(LOCKOUT_MESSAGE) % {"minutes": 30, "time": "HH:MM"}
    before, after = expected.split("HH:MM")
    assert re.search(re.escape(before) + r"\d\d:\d\d" + re.escape(after), body)
    assert '<html lang="zh-hans">' in body


def test_a_forged_x_forwarded_for_is_ignored_without_a_trusted_proxy(client, lockout):
    UserFactory(username="chenxm")
    for n in range(5):
        fail(client, f"guess{n}", 1, address="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    response = sign_in(client, "chenxm", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert response.status_code == 429


def test_behind_one_proxy_the_address_nginx_saw_counts_and_not_the_clients_claim(client, lockout):
    lockout.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="chenxm")
    for n in range(5):
        # The attacker at 198.51.100.7 claims a new address each time; nginx appends the real one.
        fail(client, f"guess{n}", 1, address=NGINX_ADDRESS, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7")

    from_attacker = sign_in(client, "chenxm", PASSWORD, address=NGINX_ADDRESS, HTTP_X_FORWARDED_FOR="198.51.100.7")
    from_colleague = sign_in(client, "chenxm", PASSWORD, address=NGINX_ADDRESS, HTTP_X_FORWARDED_FOR="198.51.100.8")

    assert from_attacker.status_code == 429
    assert from_colleague.status_code == 302


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.5", "10.0.0.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 192.168.1.2", "203.0.113.5"),
        (2, "203.0.113.5", "203.0.113.5"),
        (1, "", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_the_client_address_trusts_x_forwarded_for_only_as_far_as_the_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_staff_unlock_a_person_with_axes_reset_username(client, lockout):
    UserFactory(username="chenxm", phone="13907310004")
    fail(client, "13907310004", 5)
    assert sign_in(client, "chenxm", PASSWORD, address="10.0.0.2").status_code == 429

    call_command("axes_reset_username", "chenxm")

    assert sign_in(client, "chenxm", PASSWORD, address="10.0.0.2").status_code == 302


def test_office_staff_unlock_a_person_in_the_admin(client, lockout):
    from axes.models import AccessAttempt

    UserFactory(username="chenxm")
    fail(client, "chenxm", 5)
    attempt = AccessAttempt.objects.get(username="chenxm")
    client.force_login(user_with_role(Role.STAFF, is_staff=True))

    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200
    client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})

    assert not AccessAttempt.objects.exists()
    assert sign_in(client, "chenxm", PASSWORD, address="10.0.0.2").status_code == 302


# --- Password hashing ----------------------------------------------------------------------------

def test_the_base_settings_hash_passwords_with_argon2():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_password_stored_by_an_older_hasher_verifies_and_is_rehashed_with_argon2_on_sign_in(client, settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    user = UserFactory(username="chenxm")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha1")
    user.save(update_fields=["password"])

    assert sign_in(client, "chenxm", PASSWORD).status_code == 302

    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert user.check_password(PASSWORD)


# --- Password rules ------------------------------------------------------------------------------

@pytest.mark.parametrize("password", ["qingshanzhen", "2026072615", "Qs-2026", "password1"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        password_validation.validate_password(password)


def test_a_password_of_letters_only_is_refused_for_lacking_digits():
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password("qingshanzhen")
    assert "password_no_letters_and_digits" in [e.code for e in error.value.error_list]


def test_eight_characters_mixing_letters_and_digits_pass():
    password_validation.validate_password("qshan2026")


def test_djangos_own_rules_speak_chinese():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        password_validation.validate_password("12345678")
    assert {"这个密码太常见了。", "密码只包含数字。"} <= set(error.value.messages)


def test_the_length_rule_says_it_in_words_the_portal_translates():
    """Django 5.2's own message for it has no zh_Hans translation (its wording changed)."""
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        password_validation.validate_password("a1b2")
    with translation.override("zh-hans"):
        expected = gettext("This password is too short. It must contain at least %(min_length)s characters.")
    assert error.value.messages == [expected % {"min_length": 8}]


def test_the_password_change_page_applies_the_rules(english):
    user = UserFactory(username="chenxm")
    english.force_login(user)

    response = english.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "qingshanzhen", "new_password2": "qingshanzhen",
    })

    assert response.status_code == 200
    assert "This password must contain both letters and digits." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("form_class", [SetPasswordForm, AdminPasswordChangeForm])
def test_the_set_password_forms_of_the_admin_apply_the_rules(form_class):
    user = UserFactory(username="chenxm")
    form = form_class(user, {"new_password1": "qingshanzhen", "new_password2": "qingshanzhen",
                             "password1": "qingshanzhen", "password2": "qingshanzhen"})
    assert not form.is_valid()


def test_the_changepassword_command_applies_the_rules():
    UserFactory(username="chenxm")
    with mock.patch("getpass.getpass", return_value="qingshanzhen"), pytest.raises(CommandError):
        call_command("changepassword", "chenxm", stdout=mock.MagicMock(), stderr=mock.MagicMock())


# --- Sessions ------------------------------------------------------------------------------------

def test_a_session_ends_after_eight_idle_hours():
    assert base.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert base.SESSION_COOKIE_HTTPONLY is True


def test_a_request_after_five_minutes_restarts_the_sessions_clock(client):
    client.force_login(user_with_role(Role.STAFF))
    session = client.session
    session[SESSION_REFRESHED_AT] -= 5 * 60
    session.save()

    response = client.get(reverse("notification_list"))

    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60
    assert time.time() - client.session[SESSION_REFRESHED_AT] < 60


def test_requests_within_five_minutes_do_not_write_the_session(client):
    client.force_login(user_with_role(Role.STAFF))

    response = client.get(reverse("notification_list"))

    assert "sessionid" not in response.cookies


# --- Content Security Policy and the other headers ------------------------------------------------

def nonce_of(response):
    policy = response.headers["Content-Security-Policy"]
    match = re.search(r"'nonce-([^']+)'", policy)
    assert match, policy
    return policy, match.group(1)


def test_the_sign_in_page_carries_the_policy_with_a_nonce_its_scripts_use(client):
    response = client.get(reverse("login"))

    policy, nonce = nonce_of(response)
    assert f'nonce="{nonce}"' in response.content.decode()
    for directive in ["default-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'",
                      "form-action 'self'", "object-src 'none'", "base-uri 'self'"]:
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize("url, status", [
    ("dashboard", 200), ("notification_list", 200), ("supervision:item_list", 403), ("/no-such-page/", 404),
])
def test_every_kind_of_page_carries_the_policy_with_a_fresh_nonce(client, url, status):
    client.force_login(user_with_role(Role.DEPUTY))
    url = reverse(url) if status != 404 else url

    first, second = client.get(url), client.get(url)

    assert first.status_code == status
    assert nonce_of(first)[1] != nonce_of(second)[1]
    assert f'nonce="{nonce_of(first)[1]}"' in first.content.decode()


def test_the_other_security_headers_are_sent(client):
    response = client.get(reverse("login"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_no_template_served_to_browsers_has_inline_script_or_style():
    """The policy refuses them; WeasyPrint's PDF templates are never served to a browser."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        if "pdf" in path.relative_to(TEMPLATES).parts:
            continue
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "nonce=" not in tag:
                offenders.append(f"{path.name}: {tag}")
        if re.search(r"\sstyle\s*=|<style\b|\son[a-z]+\s*=", text):
            offenders.append(f"{path.name}: style or event attribute")
    assert offenders == []
