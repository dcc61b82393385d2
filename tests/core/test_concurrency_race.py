"""The races of core.concurrency on PostgreSQL, each with two threads, two browsers and one barrier.

Two people open the same deputy's record and save at the same moment: the row lock taken before
the comparison lets exactly one save, and the other is told. One person's double click sends the
same create form twice at once: one record, and both answers lead to it. Whatever order the two
threads end up in, the outcome is the same, so no timing decides the result.
"""
import re
import threading

import pytest
from django.db import close_old_connections, connection, connections
from django.test import Client
from django.urls import reverse

from core.roles import Role
from deputies.models import Deputy
from motions.models import Suggestion
from tests.factories import DeputyFactory, user_with_role

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="Row locks only matter on PostgreSQL; SQLite lets one writer in at a time "
                              "(IMMEDIATE transactions). Run with DATABASE_URL=postgres://… to exercise this."),
    pytest.mark.django_db(transaction=True),
]

WAIT_LIMIT = 30  # seconds: a safety net, never reached when the code works


def token(response, name):
    return re.search(rf'name="{name}" value="([^"]+)"', response.content.decode()).group(1)


def race(*posts):
    """Run each `post()` in its own thread, all released together; returns their responses."""
    barrier = threading.Barrier(len(posts))
    responses, errors = [None] * len(posts), []

    def run(index, post):
        try:
            barrier.wait(WAIT_LIMIT)
            responses[index] = post()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, post)) for index, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_LIMIT)
    close_old_connections()
    assert errors == []
    return responses


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_two_people_saving_the_same_record_at_once_one_succeeds_the_other_is_told():
    deputy = DeputyFactory(name="张三", phone="13900000001")
    first, second = (logged_in(user_with_role(Role.STAFF, username=name)) for name in ("staff1", "staff2"))
    url = reverse("deputies:deputy_update", args=[deputy.pk])
    tokens = [token(client.get(url), "edit_token") for client in (first, second)]
    assert tokens[0] == tokens[1]

    def save(client, edit_token, phone):
        data = {"name": deputy.name, "gender": deputy.gender, "ethnicity": deputy.ethnicity,
                "political_status": deputy.political_status, "occupation": deputy.occupation,
                "phone": phone, "edit_token": edit_token}
        return lambda: client.post(url, data)

    responses = race(save(first, tokens[0], "13900000002"), save(second, tokens[1], "13900000003"))

    codes = sorted(response.status_code for response in responses)
    assert codes == [200, 302]
    refused = next(response for response in responses if response.status_code == 200)
    assert "changed by someone else after you opened it" in refused.content.decode()
    winner = "13900000002" if responses[0].status_code == 302 else "13900000003"
    assert Deputy.objects.get(pk=deputy.pk).phone == winner
    assert f"it now reads: {winner}" in refused.content.decode()


def test_the_same_create_form_sent_twice_at_once_creates_one_record():
    user = user_with_role(Role.DEPUTY, username="deputy")
    DeputyFactory(user=user, name="张德福")
    first, second = logged_in(user), logged_in(user)
    url = reverse("motions:deputy_create")
    once = token(first.get(url), "submit_token")
    data = {"kind": Suggestion.Kind.SUGGESTION, "title": "修通青山村的机耕路",
            "period": Suggestion.Period.BETWEEN_SESSIONS, "submit_token": once}

    responses = race(lambda: first.post(url, data), lambda: second.post(url, data))

    assert Suggestion.objects.count() == 1
    page = reverse("motions:deputy_item", args=[Suggestion.objects.get().pk])
    assert [response.status_code for response in responses] == [302, 302]
    assert {response["Location"] for response in responses} == {page}
