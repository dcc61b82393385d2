"""The header and the footer kept in memory by {% chrome %} (core/templatetags/chrome.py): a page
shows exactly what rendering the templates would, for whoever asks, with this request's token and path."""
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape

from core.models import Township
from core.roles import Role
from tests.factories import NotificationFactory, TownshipFactory, user_with_role

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]+"')
NONCE = re.compile(r'nonce="[^"]+"')


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _without_tokens(content):
    return NONCE.sub('nonce="…"', TOKEN.sub('name="csrfmiddlewaretoken" value="…"', content))


@pytest.mark.parametrize(("role", "url_name"), [
    (None, "login"),
    *((role, url_name) for role in Role for url_name in ("dashboard", "notification_list", "password_change")),
])
def test_a_page_reads_as_rendered_without_the_kept_copy(client, role, url_name):
    TownshipFactory(address="青山路 1 号", phone="0571-1234567")
    if role is not None:
        user = user_with_role(role, name="王五")
        NotificationFactory.create_batch(2, recipient=user)
        client.force_login(user)
    url = reverse(url_name)
    _page(client, url)  # fills the copy
    kept = _page(client, url)
    with override_settings(DEBUG=True):  # renders the templates every time
        rendered = _page(client, url)
    assert _without_tokens(kept) == _without_tokens(rendered)


BADGE = 'portal-inbox-badge badge rounded-pill" aria-hidden="true">{}</span>'


def test_each_user_sees_their_own_name_and_badge(client):
    first = user_with_role(Role.STAFF, name="张三")
    second = user_with_role(Role.STAFF, name="李四")
    NotificationFactory.create_batch(3, recipient=second)
    client.force_login(first)
    content = _page(client, reverse("notification_list"))
    assert "张三" in content and "portal-inbox-badge" not in content
    other = Client()
    other.force_login(second)
    content = _page(other, reverse("notification_list"))
    assert "李四" in content and "张三" not in content and BADGE.format(3) in content


def test_a_new_message_shows_in_the_badge_at_once(client):
    staff = user_with_role(Role.STAFF)
    NotificationFactory(recipient=staff)
    client.force_login(staff)
    assert BADGE.format(1) in _page(client, reverse("dashboard"))
    NotificationFactory(recipient=staff)
    assert BADGE.format(2) in _page(client, reverse("dashboard"))


def test_each_role_sees_its_own_role_and_menu(client):
    staff = user_with_role(Role.STAFF, name="张三")
    client.force_login(staff)
    before = _page(client, reverse("notification_list"))
    staff.groups.clear()
    staff.groups.add(*user_with_role(Role.DEPUTY).groups.all())
    after = _page(client, reverse("notification_list"))
    staff_label, deputy_label = str(Role.STAFF.label), str(Role.DEPUTY.label)
    assert staff_label in before and staff_label not in after and deputy_label in after


def test_a_changed_name_township_or_menu_entry_shows_at_once(client):
    township = TownshipFactory(address="旧地址")
    staff = user_with_role(Role.STAFF, name="张三")
    client.force_login(staff)
    before = _page(client, reverse("dashboard"))
    assert "旧地址" in before and "张三" in before
    staff.name = "张三丰"
    staff.save()
    Township.objects.filter(pk=township.pk).update(address="新地址")
    township.refresh_from_db()
    township.save()  # clears the township's cache as a real edit does
    after = _page(client, reverse("dashboard"))
    assert "新地址" in after and "旧地址" not in after and "张三丰" in after
    assert 'aria-current="page"' in after


def test_the_language_switch_returns_to_this_page_escaped(client):
    client.force_login(user_with_role(Role.STAFF))
    _page(client, reverse("notification_list"))
    content = _page(client, reverse("notification_list") + '?show=unread&x="<b>')
    expected = escape(reverse("notification_list") + "?show=unread&x=%22%3Cb%3E")  # as the request spells it
    assert f'name="next" value="{expected}"' in content and "&amp;x=" in expected


def test_the_sign_out_form_carries_this_sessions_token():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    staff = user_with_role(Role.STAFF)
    first.force_login(staff)
    second.force_login(staff)
    _page(first, reverse("dashboard"))  # the copy is made with the first session's request
    token = TOKEN.search(_page(second, reverse("dashboard"))).group(0).split('value="')[1].rstrip('"')
    response = second.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert second.get(reverse("dashboard")).status_code == 302  # signed out: sent to the sign-in page
