"""Never block a user when Redis is down (issue 5): the inbox row is the outbox, publishing the
delivery gives up at once, and the sweep sends the copies later, each once."""
import datetime
import time

import pytest
from django.core import mail

from config.celery_app import app
from core.models import Notification
from core.services import notification_deliver_pending, notification_send
from core.sms import LocmemBackend
from core.tasks import deliver_pending_notifications
from tests.factories import UserFactory

NOW = datetime.timedelta(0)


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    LocmemBackend.outbox.clear()


@pytest.fixture
def broker_down():
    """A real (not eager) broker at a closed port: what the web process sees when Redis is down."""
    saved = app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.conf.task_always_eager = False
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved[0], saved[1]
        app._pool, app.amqp._producer_pool = saved[2], saved[3]


def test_sending_returns_at_once_when_the_broker_is_down_and_the_sweep_delivers_later(
        db, broker_down, django_capture_on_commit_callbacks, caplog):
    user = UserFactory(email="deputy@example.cn", phone="13907310004")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notification_send(recipients=[user], subject="建议已答复")
    assert time.monotonic() - started < 5
    assert "the sweep will send them" in caplog.text
    notification.refresh_from_db()
    assert notification.emailed_at is None and mail.outbox == []

    assert notification_deliver_pending(min_age=NOW) == 1
    notification.refresh_from_db()
    assert notification.emailed_at and notification.sms_sent_at
    assert [m.subject for m in mail.outbox] == ["建议已答复"] and len(LocmemBackend.outbox) == 1


def test_the_sweep_sends_each_copy_once_however_often_it_runs(db):
    user = UserFactory(email="unit@example.cn", phone=None)
    Notification.objects.create(recipient=user, subject="红牌督办")
    assert notification_deliver_pending(min_age=NOW) == 1
    assert notification_deliver_pending(min_age=NOW) == 0
    assert len(mail.outbox) == 1


def test_the_sweep_leaves_fresh_notifications_to_their_own_task(db):
    Notification.objects.create(recipient=UserFactory(email="a@example.cn"), subject="会议通知")
    assert notification_deliver_pending() == 0
    assert mail.outbox == []


def test_the_sweep_skips_users_without_a_channel_and_takes_the_oldest_first(db):
    nobody = UserFactory(email="", phone=None)
    Notification.objects.create(recipient=nobody, subject="仅站内")
    user = UserFactory(email="b@example.cn", phone=None)
    for subject in ("第一条", "第二条", "第三条"):
        Notification.objects.create(recipient=user, subject=subject)
    assert notification_deliver_pending(limit=2, min_age=NOW) == 2
    assert [m.subject for m in mail.outbox] == ["第一条", "第二条"]


def test_one_failing_copy_does_not_hold_up_the_others(db, monkeypatch):
    first = UserFactory(email="bad@example.cn", phone=None)
    second = UserFactory(email="good@example.cn", phone=None)
    Notification.objects.create(recipient=first, subject="一")
    Notification.objects.create(recipient=second, subject="二")
    from core import services

    real = services.send_mail

    def flaky(subject, *args, **kwargs):
        if subject == "一":
            raise OSError("mail server refused")
        return real(subject, *args, **kwargs)

    monkeypatch.setattr(services, "send_mail", flaky)
    assert notification_deliver_pending(min_age=NOW) == 1
    assert [m.subject for m in mail.outbox] == ["二"]
    assert Notification.objects.get(subject="一").emailed_at is None


def test_the_sweep_task_runs_the_sweep(db):
    user = UserFactory(email="c@example.cn", phone=None)
    notification = Notification.objects.create(recipient=user, subject="催办")
    Notification.objects.filter(pk=notification.pk).update(
        created_at=notification.created_at - datetime.timedelta(minutes=10))
    assert deliver_pending_notifications.delay().get() == 1
    assert len(mail.outbox) == 1
