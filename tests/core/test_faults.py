"""Faults (issue 8): a cache outage costs nothing but misses, a database that went away answers 503
with the portal's page, and a Celery task that fails half-way leaves nothing half-written and is
retried later, each wait longer than the one before."""
import datetime
import time

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django.test import Client
from django.urls import reverse

from core import chase_engine, exports
from core.models import ExportJob, Notification, Reminder
from core.roles import Role
from core.sms import LocmemBackend
from core.tasks import chase_overdue, deliver_notification, deliver_pending_notifications
from core.tasks_exports import run_export
from motions.models import Assignment, Event, Suggestion
from tests.factories import DeputyFactory, HandlingUnitFactory, UserFactory, user_with_role
from tests.motions.factories import AssignmentFactory, SuggestionFactory

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


# --- the cache -----------------------------------------------------------------------------------

@pytest.fixture
def cache_down(settings):
    settings.CACHES = {"default": {"BACKEND": "core.cache.ForgivingRedisCache", "LOCATION": DEAD_REDIS}}
    yield caches["default"]


def test_with_redis_down_the_cache_misses_and_drops_writes_at_once(cache_down):
    started = time.monotonic()
    assert cache_down.get("figures", "fresh") == "fresh"
    cache_down.set("figures", 1)
    assert cache_down.get_or_set("figures", lambda: "computed") == "computed"
    assert cache_down.add("figures", 1) is False and cache_down.get_many(["a", "b"]) == {}
    assert cache_down.set_many({"a": 1}) == ["a"] and cache_down.delete("a") is False
    assert time.monotonic() - started < 2


def test_djangos_own_redis_cache_would_raise(settings):
    """Why the portal has its own backend: with Django's, a page that reads the cache answers 500."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": DEAD_REDIS}}
    with pytest.raises(Exception):  # noqa: B017 - redis.ConnectionError
        caches["default"].get("figures")


def test_with_the_cache_down_a_signed_in_user_stays_signed_in(cache_down, client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("dashboard")).status_code == 200


# --- the database ---------------------------------------------------------------------------------

@pytest.fixture
def database_drops(monkeypatch):
    """Every session read fails as it does while PostgreSQL restarts."""
    def make(error):
        def load(self):
            raise error
        monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", load)
    return make


@pytest.mark.parametrize("error", [
    OperationalError("terminating connection due to administrator command"),
    InterfaceError("connection already closed"),
])
def test_a_database_that_went_away_answers_503_with_the_portals_page(db, staff_user, database_drops, error,
                                                                     caplog):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    database_drops(error)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "系统正忙，请稍后再试" in page and "Traceback" not in page
    assert "The database is unavailable" in caplog.text


def test_any_other_error_is_still_a_500(db, staff_user, database_drops):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    database_drops(ZeroDivisionError())
    response = client.get(reverse("dashboard"))
    assert response.status_code == 500 and "系统暂时出错" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="connections are checked on PostgreSQL only; "
                    "SQLite has no server to restart")
def test_after_postgresql_drops_the_connection_the_next_request_reconnects(transactional_db):
    """CONN_HEALTH_CHECKS: the connection kept between requests (CONN_MAX_AGE) is checked before the
    next request uses it, so the first request after a restart does not fail on it."""
    import psycopg2

    assert connection.settings_dict["CONN_HEALTH_CHECKS"] and connection.settings_dict["CONN_MAX_AGE"] > 0
    connection.ensure_connection()
    pid = connection.connection.get_backend_pid()
    params = connection.get_connection_params()
    other = psycopg2.connect(**params)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    time.sleep(0.2)
    close_old_connections()  # what Django does when a request starts
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert connection.connection.get_backend_pid() != pid


# --- tasks that fail half-way ---------------------------------------------------------------------

@pytest.fixture
def retries(monkeypatch):
    """Record the retries a task asks for instead of running them at once (as eager mode would)."""
    asked = []

    def spy(task):
        def retry(exc=None, countdown=None, **kwargs):
            asked.append(countdown)
            raise Retry(exc=exc, when=countdown)
        monkeypatch.setattr(task, "retry", retry)
        return asked
    return spy


def run(task, retries=0, **kwargs):
    return task.apply(kwargs=kwargs, retries=retries, throw=False)


@pytest.fixture
def overdue_item(db):
    unit = HandlingUnitFactory(name="财政所")
    user_with_role(Role.UNIT_OFFICER, username="czs", handling_unit=unit)
    user_with_role(Role.STAFF, username="staff")
    leader = DeputyFactory(user=user_with_role(Role.PRESIDIUM_MEMBER, username="member"))
    due = datetime.date(2026, 12, 29)
    item = SuggestionFactory(status=Suggestion.Status.ASSIGNED, number=1, is_key=True, key_leader=leader,
                             assigned_at=datetime.date(2026, 9, 29), due_date=due)
    AssignmentFactory(suggestion=item, unit=unit, status=Assignment.Status.ACKNOWLEDGED,
                      assigned_at=datetime.date(2026, 9, 29), due_date=due)
    return item


def test_a_chase_failing_after_its_notifications_leaves_none_and_is_retried_later_each_time(
        overdue_item, monkeypatch, retries):
    asked = retries(chase_overdue)
    events_before = Event.objects.count()

    def timelines_fail(rows):
        assert Notification.objects.filter(kind="chase.overdue").exists()  # written, then the failure
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(chase_engine, "_write_timelines", timelines_fail)
    for attempt in range(3):
        assert run(chase_overdue, retries=attempt, today="2026-12-30").state == "RETRY"
    # The ledger commits first by design (core.chase_engine); the notifications and the timeline
    # were rolled back with the failure, so the retry makes them once.
    assert not Notification.objects.exists() and Event.objects.count() == events_before
    assert not Reminder.objects.filter(notification__isnull=False).exists()
    assert asked == [60, 120, 240]

    monkeypatch.undo()
    assert run(chase_overdue, retries=3, today="2026-12-30").state == "SUCCESS"
    reminders = Reminder.objects.filter(day="2026-12-30")
    assert reminders.count() == Notification.objects.count() == 3  # the unit, the staff member, the leader
    assert not reminders.filter(notification__isnull=True).exists()


@pytest.fixture
def sms_outbox():
    LocmemBackend.outbox.clear()
    yield LocmemBackend.outbox
    LocmemBackend.outbox.clear()


def test_a_text_message_failing_after_the_e_mail_keeps_the_e_mail_sent_and_retries_only_the_text(
        db, monkeypatch, retries, sms_outbox):
    asked = retries(deliver_notification)
    user = UserFactory(email="deputy@example.cn", phone="13907310004")
    notification = Notification.objects.create(recipient=user, subject="会议通知")

    def gateway_down(phone, text):
        raise ConnectionRefusedError("SMS gateway refused the connection")

    monkeypatch.setattr("core.services.send_sms", gateway_down)
    assert run(deliver_notification, notification_id=notification.pk).state == "RETRY"
    assert run(deliver_notification, retries=1, notification_id=notification.pk).state == "RETRY"
    notification.refresh_from_db()
    assert notification.emailed_at is not None and notification.sms_sent_at is None
    assert asked == [60, 120] and len(mail.outbox) == 1

    monkeypatch.undo()
    assert run(deliver_notification, retries=2, notification_id=notification.pk).state == "SUCCESS"
    notification.refresh_from_db()
    assert notification.sms_sent_at is not None and len(mail.outbox) == 1 and len(sms_outbox) == 1


def test_a_mail_server_that_refuses_leaves_no_stamp_and_is_retried(db, monkeypatch, retries):
    import smtplib

    asked = retries(deliver_notification)
    notification = Notification.objects.create(recipient=UserFactory(email="unit@example.cn", phone=None),
                                               subject="交办通知")

    def refused(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("core.services.send_mail", refused)
    assert run(deliver_notification, notification_id=notification.pk).state == "RETRY"
    notification.refresh_from_db()
    assert notification.emailed_at is None and asked == [60]


def test_the_sweep_retries_when_the_database_is_away(db, monkeypatch, retries):
    asked = retries(deliver_pending_notifications)

    def away(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("core.tasks.notification_deliver_pending", away)
    assert run(deliver_pending_notifications).state == "RETRY" and asked == [60]


@pytest.fixture
def half_way_kind(settings, tmp_path):
    """An export whose builder records progress, then loses the database."""
    settings.MEDIA_ROOT = tmp_path
    exports.get("ledger")  # discover the apps' kinds first

    def build(job, progress):
        progress(40, "一半")
        raise OperationalError("terminating connection due to administrator command")

    exports.register(exports.ExportKind(
        key="half-way", label="测试", parse=lambda query: {}, can_request=lambda user, parameters: True,
        build=build, title=lambda parameters: "测试", content_type="text/plain"))
    yield tmp_path
    exports._kinds.pop("half-way", None)


def test_an_export_failing_half_way_goes_back_to_the_queue_with_no_file_and_longer_waits(
        db, half_way_kind, retries):
    asked = retries(run_export)
    job = ExportJob.objects.create(kind="half-way", requested_by=UserFactory())
    for attempt in range(3):
        assert run_export.apply(args=[job.pk], retries=attempt, throw=False).state == "RETRY"
        job.refresh_from_db()
        assert (job.status, job.file.name) == (ExportJob.Status.QUEUED, "")
    assert asked == [10, 60, 300]
    assert not any(half_way_kind.rglob("*.*"))  # nothing written to the disk either


# --- export jobs asked for while the broker is down --------------------------------------------------

@pytest.fixture
def broker_down():
    """A real (not eager) broker at a closed port: what the web process sees when Redis is down."""
    from config.celery_app import app

    saved = app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool
    app.conf.broker_url = DEAD_REDIS
    app.conf.task_always_eager = False
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved[0], saved[1]
        app._pool, app.amqp._producer_pool = saved[2], saved[3]


@pytest.fixture
def quick_kind(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    exports.get("ledger")
    exports.register(exports.ExportKind(
        key="quick", label="测试", parse=lambda query: {}, can_request=lambda user, parameters: True,
        build=lambda job, progress: ("名单.txt", "内容".encode()), title=lambda parameters: "测试",
        content_type="text/plain"))
    yield
    exports._kinds.pop("quick", None)


def test_an_export_asked_for_with_the_broker_down_is_kept_and_the_sweep_queues_it_later(
        db, quick_kind, staff_user, django_capture_on_commit_callbacks, caplog, broker_down):
    client = Client()  # a failure to publish must not surface as an exception either
    client.force_login(staff_user)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:start", args=["quick"]))
    assert response.status_code == 302 and time.monotonic() - started < 5
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.QUEUED and "the sweep will queue it again" in caplog.text


def test_the_export_sweep_queues_only_jobs_left_waiting(db, quick_kind, staff_user):
    from core.services_exports import export_jobs_requeue

    fresh = ExportJob.objects.create(kind="quick", requested_by=staff_user)
    left = ExportJob.objects.create(kind="quick", requested_by=staff_user)
    ExportJob.objects.filter(pk=left.pk).update(created_at=left.created_at - datetime.timedelta(minutes=10))
    assert export_jobs_requeue() == 1  # Celery runs eagerly here: queued is built at once
    fresh.refresh_from_db()
    left.refresh_from_db()
    assert (fresh.status, left.status) == (ExportJob.Status.QUEUED, ExportJob.Status.DONE)
