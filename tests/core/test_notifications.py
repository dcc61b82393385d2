"""The inbox: every message lands in the inbox; e-mail and text copies go out after commit."""
import pytest
from django.core import mail
from django.urls import reverse

from core.models import Notification
from core.services import notification_deliver, notification_send
from core.sms import LocmemBackend
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    LocmemBackend.outbox.clear()


def test_a_message_lands_in_each_inbox_once(django_capture_on_commit_callbacks):
    alice, bob = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[alice, bob, alice], subject="请签收交办件", link="/inbox/")
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert Notification.objects.filter(recipient=bob).count() == 1


def test_a_disabled_account_gets_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[UserFactory(is_active=False)], subject="x")
    assert not Notification.objects.exists()


def test_copies_are_sent_only_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory(email="deputy@example.cn", phone="13907310004")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification_send(recipients=[user], subject="会议通知")
    assert mail.outbox == [] and LocmemBackend.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["deputy@example.cn"]]
    assert [phone for phone, _ in LocmemBackend.outbox] == ["13907310004"]


def test_e_mail_goes_only_to_users_with_an_address_and_sms_only_to_users_with_a_phone():
    no_address = NotificationFactory(recipient=UserFactory(email="", phone="13907310004"))
    no_phone = NotificationFactory(recipient=UserFactory(email="a@example.cn", phone=None))
    notification_deliver(notification_id=no_address.pk)
    notification_deliver(notification_id=no_phone.pk)
    assert [m.to for m in mail.outbox] == [["a@example.cn"]]
    assert [phone for phone, _ in LocmemBackend.outbox] == ["13907310004"]


def test_a_user_who_declined_text_messages_gets_none():
    notification = NotificationFactory(recipient=UserFactory(phone="13907310004", receive_sms=False))
    notification_deliver(notification_id=notification.pk)
    assert LocmemBackend.outbox == []


def test_delivering_twice_sends_each_copy_once():
    notification = NotificationFactory(recipient=UserFactory(email="a@example.cn", phone="13907310004"))
    notification_deliver(notification_id=notification.pk)
    notification_deliver(notification_id=notification.pk)
    assert len(mail.outbox) == 1 and len(LocmemBackend.outbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at and notification.sms_sent_at


def test_the_text_message_carries_the_township_signature():
    from tests.factories import TownshipFactory

    TownshipFactory(name="青山镇")
    notification = NotificationFactory(recipient=UserFactory(phone="13907310004"), subject="会议通知")
    notification_deliver(notification_id=notification.pk)
    assert LocmemBackend.outbox[0][1].startswith("【青山镇人大】")


def test_the_header_shows_the_unread_count(client):
    user = UserFactory()
    NotificationFactory.create_batch(3, recipient=user)
    NotificationFactory(recipient=user, is_read=True)
    client.force_login(user)
    response = client.get(reverse("notification_list"))
    assert response.context["unread_count"] == 3


def test_opening_a_message_marks_it_read(client):
    notification = NotificationFactory(link="/inbox/")
    client.force_login(notification.recipient)
    response = client.get(reverse("notification_detail", args=[notification.pk]))
    assert response.status_code == 200 and response.context["safe_link"] == "/inbox/"
    notification.refresh_from_db()
    assert notification.is_read and notification.read_at


def test_a_link_to_another_site_is_not_offered(client):
    notification = NotificationFactory(link="https://evil.example.com/")
    client.force_login(notification.recipient)
    assert client.get(reverse("notification_detail", args=[notification.pk])).context["safe_link"] == ""


def test_another_users_message_is_not_found(client):
    notification = NotificationFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("notification_detail", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_mark_all_read_touches_only_my_messages(client):
    user = UserFactory()
    NotificationFactory.create_batch(2, recipient=user)
    other = NotificationFactory()
    client.force_login(user)
    response = client.post(reverse("notification_mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=user, is_read=False).exists()
    other.refresh_from_db()
    assert not other.is_read


def test_the_inbox_filters_unread_and_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    user = UserFactory()
    NotificationFactory.create_batch(25, recipient=user)
    NotificationFactory(recipient=user, is_read=True, subject="已读的消息")
    client.force_login(user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notification_list"), {"show": "unread"})
    assert response.context["page_obj"].paginator.count == 25
    assert "已读的消息" not in response.content.decode()
