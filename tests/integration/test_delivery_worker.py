"""Notification copies travel through the broker to a running worker, once each."""
from django.core import mail

from core.models import Notification
from core.services import notification_send
from core.tasks import deliver_notification
from tests.factories import UserFactory


def test_a_worker_sends_the_e_mail_copy_after_commit(celery_worker):
    user = UserFactory(email="deputy@example.cn", phone=None)
    [notification] = notification_send(recipients=[user], subject="代表活动通知")
    # Outside a test transaction the on-commit hook has already queued the task: wait for it.
    deliver_notification.apply_async((notification.pk,)).get(timeout=30)
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert [m.subject for m in mail.outbox] == ["代表活动通知"]


def test_a_task_queued_twice_sends_one_copy(celery_worker):
    user = UserFactory(email="unit@example.cn", phone=None)
    notification = Notification.objects.create(recipient=user, subject="交办通知")
    results = [deliver_notification.delay(notification.pk) for _ in range(2)]
    for result in results:
        result.get(timeout=30)
    assert len(mail.outbox) == 1
