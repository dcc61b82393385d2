"""Pages kept until a table they read is written (core/pagecache.py): a kept page is served only
while it is what rendering would show, to the same user, in the same language, on the same day, with
this request's CSRF token and CSP nonce."""
import datetime
import re
import time

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.test import Client
from django.urls import reverse

from core import pagecache
from core.models import Notification
from core.roles import Role
from tests.factories import DeputyFactory, HolidayFactory, NotificationFactory, TownshipFactory, user_with_role

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'nonce="([^"]+)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture
def office(client, staff_user):
    TownshipFactory()
    client.force_login(staff_user)
    return client


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def _kept(response):
    return getattr(response, "page_cached", False)


def test_a_page_read_twice_is_served_kept_the_second_time_without_its_queries(office):
    DeputyFactory(name="张三")
    url = reverse("deputies:deputy_list")
    first = _get(office, url)
    assert not _kept(first)
    statements = []
    with connection.execute_wrapper(lambda execute, sql, *args: statements.append(sql) or execute(sql, *args)):
        second = _get(office, url)
    assert _kept(second)
    assert len(statements) == 1, statements  # the session; the user is kept too, and nothing the page reads
    assert TOKEN.sub("", NONCE.sub("", second.content.decode())) == TOKEN.sub("", NONCE.sub("", first.content.decode()))
    assert "张三" in second.content.decode()


def test_a_row_written_to_a_table_the_page_read_retires_it(office):
    DeputyFactory(name="张三")
    url = reverse("deputies:deputy_list")
    _get(office, url)
    DeputyFactory(name="李四")
    again = _get(office, url)
    assert not _kept(again) and "李四" in again.content.decode()


def test_an_update_in_raw_sql_retires_the_page_too(office):
    deputy = DeputyFactory(name="张三")
    url = reverse("deputies:deputy_list")
    _get(office, url)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {deputy._meta.db_table} SET name = %s WHERE id = %s", ["赵六", deputy.pk])
    again = _get(office, url)
    assert not _kept(again) and "赵六" in again.content.decode()


def test_a_write_to_a_table_the_page_did_not_read_leaves_it_kept(office):
    DeputyFactory(name="张三")
    url = reverse("deputies:deputy_list")
    _get(office, url)
    HolidayFactory(day=datetime.date(2026, 10, 1))
    assert _kept(_get(office, url))


def test_a_write_committed_elsewhere_retires_the_page_once_more_at_the_commit(office, django_capture_on_commit_callbacks):
    url = reverse("deputies:deputy_list")
    with django_capture_on_commit_callbacks() as callbacks:
        DeputyFactory(name="张三")
    _get(office, url)  # read while the write is not committed: kept under the generation of the write
    assert _kept(_get(office, url))
    for callback in callbacks:  # the commit
        callback()
    assert not _kept(_get(office, url))


def test_a_page_rendered_while_its_table_is_written_is_not_kept(office, monkeypatch):
    from deputies.models import Deputy

    url = reverse("deputies:deputy_list")
    original = pagecache._generations

    def written_meanwhile(tables):  # another process writes a deputy once the rendering has read them
        pagecache._bump([Deputy._meta.db_table])
        return original(tables)

    monkeypatch.setattr(pagecache, "_generations", written_meanwhile)
    _get(office, url)
    monkeypatch.setattr(pagecache, "_generations", original)
    assert not _kept(_get(office, url))
    assert _kept(_get(office, url))


def test_each_user_has_their_own_copy(client, staff_user, chairman):
    TownshipFactory()
    url = reverse("dashboard")
    client.force_login(staff_user)
    _get(client, url)
    other = Client()
    other.force_login(chairman)
    page = _get(other, url)
    assert not _kept(page) and chairman.name in page.content.decode()


def test_a_role_taken_away_retires_the_kept_page(office, staff_user):
    url = reverse("deputies:deputy_list")
    _get(office, url)
    staff_user.groups.clear()
    assert office.get(url).status_code == 403


def test_the_language_and_the_unread_count_are_part_of_the_key(office, staff_user):
    url = reverse("deputies:deputy_list")
    _get(office, url)
    NotificationFactory(recipient=staff_user)
    assert not _kept(_get(office, url))  # the badge: one unread
    office.cookies["django_language"] = "en"
    english = _get(office, url)
    assert not _kept(english) and 'lang="en"' in english.content.decode()


def test_the_next_day_renders_afresh(office, monkeypatch):
    url = reverse("deputies:deputy_list")
    _get(office, url)
    from django.utils import timezone

    real = timezone.localdate
    tomorrow = real() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: tomorrow if value is None else real(value, timezone))
    assert not _kept(_get(office, url))


def test_a_kept_page_carries_this_requests_csrf_token_and_nonce():
    TownshipFactory()
    user = user_with_role(Role.STAFF, username="office")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    url = reverse("password_change")
    _get(client, url)
    kept = _get(client, url)
    assert _kept(kept)
    body = kept.content.decode()
    assert "\x00" not in body
    nonce = NONCE.search(body).group(1)
    assert f"'nonce-{nonce}'" in kept["Content-Security-Policy"]
    token = TOKEN.search(body).group(1)
    answer = client.post(url, {"csrfmiddlewaretoken": token, "old_password": "wrong"})
    assert answer.status_code == 200  # the form's own error, not the CSRF failure (403)


def test_a_view_that_writes_is_not_kept(client, staff_user):
    TownshipFactory()
    client.force_login(staff_user)
    message = NotificationFactory(recipient=staff_user)
    url = reverse("notification_detail", args=[message.pk])
    _get(client, url)
    assert Notification.objects.get(pk=message.pk).is_read
    assert not _kept(_get(client, url))


def test_a_request_with_messages_to_show_is_rendered_and_shows_them(office, rf, staff_user):
    url = reverse("deputies:deputy_list")
    _get(office, url)
    session = office.session
    request = rf.get(url)
    request.session = session
    storage = request._messages = FallbackStorage(request)
    messages.success(request, "已保存")
    # the message travels in the cookie of the messages framework, as after a redirect
    from django.http import HttpResponse

    answer = HttpResponse()
    storage.update(answer)
    for name, morsel in answer.cookies.items():
        office.cookies[name] = morsel.value
    page = _get(office, url)
    assert not _kept(page) and "已保存" in page.content.decode()


def test_a_view_marked_uncached_renders_every_time(office):
    url = reverse("deputies_excel:import")
    _get(office, url)
    assert not _kept(_get(office, url))


def test_anonymous_pages_are_kept_for_everyone(client):
    TownshipFactory()
    url = reverse("login")
    _get(client, url)
    assert _kept(_get(Client(), url))


def test_the_tables_of_a_statement():
    assert pagecache._tables_in('SELECT "deputies_deputy"."id" FROM "deputies_deputy" INNER JOIN "core_user" ON 1') \
        == {"deputies_deputy", "core_user"}
    assert pagecache._tables_in("SELECT 1 FROM django_session") == frozenset()
    assert pagecache._writes("UPDATE deputies_deputy SET name = 'x'")
    assert pagecache._writes("WITH x AS (SELECT 1) INSERT INTO core_notification VALUES (1)")
    assert not pagecache._writes("  select * from deputies_deputy")
    assert not pagecache._writes("SAVEPOINT s1")
    assert not pagecache._writes('(SELECT "id" FROM "a") UNION ALL (SELECT "id" FROM "b")')
    assert not pagecache._writes('WITH x AS (SELECT "updated_at" FROM "a") SELECT * FROM x')
    assert pagecache._writes('WITH moved AS (DELETE FROM "a" RETURNING *) SELECT 1')
    assert pagecache._writes('  INSERT INTO "core_notification" ("a") VALUES (%s)')


def test_with_the_cache_off_nothing_is_kept(office, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("deputies:deputy_list")
    _get(office, url)
    assert not _kept(_get(office, url))


def test_time_is_spent_only_once(office):
    """Not a timing goal (bench/ has those): the kept page is served without rendering."""
    DeputyFactory.create_batch(30)
    url = reverse("deputies:deputy_list")
    _get(office, url)
    from django.template import Template

    rendered = []
    original = Template.render
    Template.render = lambda self, *args, **kwargs: rendered.append(self) or original(self, *args, **kwargs)
    try:
        _get(office, url)
    finally:
        Template.render = original
    assert rendered == []


def test_the_copy_in_a_workers_memory_lives_no_longer_than_the_shared_one(office, monkeypatch):
    url = reverse("deputies:deputy_list")
    _get(office, url)
    assert _kept(_get(office, url))
    later = time.monotonic() + pagecache.seconds() + 1
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: later)
    from django.core.cache import cache

    cache.delete_many(list(pagecache._nearby._pages))  # the shared copy is gone with its time
    assert not _kept(_get(office, url))


def test_the_copy_in_a_workers_memory_is_served_only_while_the_shared_generations_agree(office):
    url = reverse("deputies:deputy_list")
    _get(office, url)
    from deputies.models import Deputy

    pagecache._bump([Deputy._meta.db_table])  # as another process's write would
    assert not _kept(_get(office, url))


def test_the_signed_in_user_is_read_again_once_their_row_changes(office, staff_user):
    url = reverse("password_change")
    _get(office, url)
    type(staff_user).objects.filter(pk=staff_user.pk).update(name="新名字")
    assert "新名字" in _get(office, url).content.decode()
    type(staff_user).objects.filter(pk=staff_user.pk).update(is_active=False)
    assert office.get(url).status_code == 302  # signed out: to the sign-in page


def test_a_connection_opened_inside_another_wrapper_keeps_both_in_order():
    """Django's execute_wrapper() pops the last wrapper on leaving; a connection opened inside the
    block gets the watch first, so the block takes away its own wrapper, not the watch."""
    def counting(execute, *args):
        return execute(*args)

    connection.execute_wrappers.remove(pagecache._watch)
    with connection.execute_wrapper(counting):
        pagecache._install(None, connection)  # as connection_created does when the block opens the connection
    assert connection.execute_wrappers.count(pagecache._watch) == 1 and counting not in connection.execute_wrappers
