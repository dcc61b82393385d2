"""Every page asks for a signed-in user, except the few that must work before signing in."""
import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PUBLIC = {"login", "set_language", "public_list", "public_detail", "public_report", "upload_too_large"}


def named_patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin site has its own sign-in
            yield from named_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name, prefix + str(entry.pattern), entry.callback


def sample_path(route):
    import re

    return "/" + re.sub(r"<(?:\w+:)?\w+>", "1", route)


def test_every_named_page_but_the_public_ones_sends_anonymous_users_to_sign_in(client):
    checked = 0
    for name, route, callback in named_patterns():
        response = client.get(sample_path(route))
        if name in PUBLIC:
            assert getattr(callback, "login_required", True) is False or response.status_code != 302, name
            continue
        assert response.status_code == 302, name
        assert response.url.startswith("/accounts/login/"), name
        checked += 1
    assert checked >= 5
