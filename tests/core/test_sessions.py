"""Sessions stay Django's database sessions, read by plain SQL (core/sessions.py)."""
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from core.sessions import SessionStore
from tests.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db


def test_a_saved_session_reads_back_in_one_query(django_assert_num_queries):
    session = SessionStore()
    session["answer"] = "四十二"
    session.save()
    again = SessionStore(session.session_key)
    with django_assert_num_queries(1):
        assert again["answer"] == "四十二"
    assert again.session_key == session.session_key


def test_an_expired_unknown_or_malformed_key_reads_as_a_new_empty_session():
    session = SessionStore()
    session["answer"] = 42
    session.save()
    Session.objects.filter(session_key=session.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    for key in (session.session_key, "x" * 32, "short", None):
        store = SessionStore(key)
        assert store.load() == {}
        assert store.session_key is None
    fresh = SessionStore(session.session_key)
    fresh["answer"] = 43
    fresh.save()  # an expired key is not taken up again
    assert fresh.session_key != session.session_key


def test_sign_in_and_sign_out_go_through_it(client):
    user_with_role(Role.STAFF, username="staff")
    assert client.post(reverse("login"), {"username": "staff", "password": PASSWORD}).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    assert Session.objects.count() == 1
    client.post(reverse("logout"))
    assert Session.objects.count() == 0
    assert client.get(reverse("dashboard")).status_code == 302
