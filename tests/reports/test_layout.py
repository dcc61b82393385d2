"""The layout every page shares, the sign-in page and the inbox pages, as a person meets them."""
import pytest
from django.contrib.messages import constants
from django.urls import reverse
from django.utils.html import escape

from core.models import Township
from tests.factories import NotificationFactory, TownshipFactory

pytestmark = pytest.mark.django_db

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def test_the_sign_in_page_renders_with_the_language_switch(client):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("set_language")}"' in content
    assert 'name="language"' in content
    assert 'value="zh-hans"' in content and 'value="en"' in content
    assert 'name="username"' in content and 'name="password"' in content


def test_the_sign_in_page_keeps_where_the_user_was_going(client):
    content = client.get(reverse("login"), {"next": "/inbox/"}).content.decode()
    assert 'name="next" value="/inbox/"' in content


def test_a_failed_sign_in_shows_the_error_at_the_top_of_the_form(english):
    response = english.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    content = response.content.decode()
    assert 'class="alert alert-danger' in content
    assert "The user name, mobile number or password is wrong" in content


@pytest.mark.parametrize("url_name", ["login", "dashboard", "notification_list", "password_change"])
def test_every_page_is_laid_out_for_a_phone(client, staff_user, url_name):
    if url_name != "login":
        client.force_login(staff_user)
    assert VIEWPORT in client.get(reverse(url_name)).content.decode()


def test_the_page_language_follows_the_chosen_language(client, english):
    assert '<html lang="en">' in english.get(reverse("login")).content.decode()


def test_the_layout_links_only_to_local_assets(client, staff_user):
    client.force_login(staff_user)
    content = client.get(reverse("dashboard")).content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in content
    assert "/static/vendor/bootstrap/js/bootstrap.bundle.min.js" in content
    assert "http://" not in content and "https://" not in content and 'src="//' not in content


def test_the_header_names_the_presidium_and_shows_the_unread_count(client, staff_user):
    TownshipFactory(name="青山镇")
    NotificationFactory.create_batch(3, recipient=staff_user)
    client.force_login(staff_user)
    content = client.get(reverse("dashboard")).content.decode()
    assert escape(Township.current().presidium_name) in content
    assert 'class="portal-inbox-badge badge rounded-pill" aria-hidden="true">3</span>' in content


def test_signing_out_is_a_form_posted_with_a_csrf_token(client, staff_user):
    client.force_login(staff_user)
    content = client.get(reverse("dashboard")).content.decode()
    form_start = content.index(f'action="{reverse("logout")}"')
    assert 'method="post"' in content[form_start - 30:form_start]
    assert "csrfmiddlewaretoken" in content[form_start:form_start + 300]


def test_messages_show_as_bootstrap_alerts(client, staff_user):
    client.force_login(staff_user)
    NotificationFactory(recipient=staff_user)
    response = client.post(reverse("notification_mark_all_read"), follow=True)
    assert [m.level for m in response.context["messages"]] == [constants.SUCCESS]
    assert "alert alert-success" in response.content.decode()


def test_the_inbox_filters_unread_messages_and_pages_keep_the_filter(english, staff_user):
    for n in range(25):
        NotificationFactory(recipient=staff_user, subject=f"消息{n:02d}")
    NotificationFactory(recipient=staff_user, subject="早已读过", is_read=True)
    english.force_login(staff_user)
    content = english.get(reverse("notification_list"), {"show": "unread"}).content.decode()
    assert "早已读过" not in content
    assert "?show=unread&page=2" in content
    assert f'action="{reverse("notification_mark_all_read")}"' in content


def test_an_empty_inbox_says_so(english, staff_user):
    english.force_login(staff_user)
    assert "Your inbox is empty" in english.get(reverse("notification_list")).content.decode()
    assert "No unread messages" in english.get(reverse("notification_list"), {"show": "unread"}).content.decode()


def test_a_message_with_a_link_offers_to_open_the_item(english, staff_user):
    notification = NotificationFactory(recipient=staff_user, subject="请签收", body="第一行\n第二行", link="/inbox/")
    english.force_login(staff_user)
    content = english.get(reverse("notification_detail", args=[notification.pk])).content.decode()
    assert "Open the item" in content and 'href="/inbox/"' in content
    assert "第一行<br>第二行" in content


def test_a_message_with_an_outside_link_offers_no_button(english, staff_user):
    notification = NotificationFactory(recipient=staff_user, link="https://evil.example.com/")
    english.force_login(staff_user)
    content = english.get(reverse("notification_detail", args=[notification.pk])).content.decode()
    assert "Open the item" not in content and "evil.example.com" not in content
