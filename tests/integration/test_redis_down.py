"""Redis down (issue 8): with the broker and the cache on a private redis-server that the test stops,
staff, a deputy and a unit officer still open their pages and submit the forms that queue work,
each answered within LIMIT seconds, and the records are saved. When Redis is back, the sweeps that
beat runs every five minutes send the notifications and queue the export job, and a worker does it.
"""
import datetime
import shutil
import socket
import subprocess
import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from config.celery_app import app
from core import exports
from core.models import ExportJob, Notification
from core.roles import Role
from core.tasks import deliver_pending_notifications, requeue_export_jobs
from motions.models import Assignment, Suggestion
from tests.factories import HandlingUnitFactory, user_with_role
from tests.motions.factories import SuggestionFactory
from tests.motions.factories_deputy import deputy_account
from tests.motions.factories_office import accepted

from .waiting import wait_until

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")

LIMIT = 10.0  # seconds a page may take with Redis down; it takes well under one (see the report)
TIMINGS = []


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of the test's own, on a free port, that can be stopped and started again."""

    def __init__(self, folder):
        self.port, self.folder, self.process = free_port(), folder, None
        self.url = f"redis://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                if redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping():
                    return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def on_private_redis(private_redis, settings):
    """Point the Celery broker and the cache at the private server, as REDIS_URL would."""
    conf = app.conf
    saved = (conf.broker_url, conf.broker_transport_options, conf.task_always_eager, app._pool,
             app.amqp._producer_pool)
    conf.broker_url = f"{private_redis.url}/0"
    conf.broker_transport_options = {"socket_connect_timeout": 2, "socket_timeout": 5, "max_retries": 0}
    conf.task_always_eager = False
    app._pool = app.amqp._producer_pool = None
    settings.CACHES = {"default": {"BACKEND": "core.cache.ForgivingRedisCache", "LOCATION": f"{private_redis.url}/1"}}
    try:
        yield private_redis
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        conf.broker_url, conf.broker_transport_options, conf.task_always_eager = saved[:3]
        app._pool, app.amqp._producer_pool = saved[3:]


@pytest.fixture
def quick_kind(settings, tmp_path):
    """An export kind that is always queued, never written inside the request."""
    settings.MEDIA_ROOT = tmp_path / "media"
    exports.get("ledger")
    exports.register(exports.ExportKind(
        key="outage-test", label="测试", parse=lambda query: {},
        can_request=lambda user, parameters: user.is_office, build=lambda job, progress: ("名单.txt", "内容".encode()),
        title=lambda parameters: "停机测试导出", content_type="text/plain"))
    yield
    exports._kinds.pop("outage-test", None)


def timed(client, method, url, data=None):
    started = time.monotonic()
    response = getattr(client, method)(url, data or {})
    elapsed = time.monotonic() - started
    TIMINGS.append((method.upper(), url, response.status_code, elapsed))
    assert response.status_code in (200, 302), (url, response.status_code)
    assert elapsed < LIMIT, f"{url} took {elapsed:.1f}s with Redis down"
    return response


def test_with_redis_down_every_page_and_form_works_and_the_work_is_sent_when_it_returns(
        transactional_db, on_private_redis, quick_kind, client):
    staff = user_with_role(Role.STAFF, username="staff", email="staff@example.cn")
    unit = HandlingUnitFactory(name="财政所")
    officer = user_with_role(Role.UNIT_OFFICER, username="czs", handling_unit=unit, email="czs@example.cn")
    proposer = deputy_account("张德福")
    draft = SuggestionFactory(proposer=proposer, status=Suggestion.Status.DRAFT, title="关于修缮青山村机耕道的建议")
    to_assign = accepted(number=7, title="关于增设村级快递站点的建议")
    today = timezone.localdate()

    on_private_redis.stop()
    TIMINGS.clear()

    # The deputy: their pages, then sending the draft (which tells the office).
    client.force_login(proposer.user)
    for url in (reverse("dashboard"), reverse("notification_list"), reverse("motions:deputy_list"),
                reverse("motions:deputy_item", args=[draft.pk])):
        timed(client, "get", url)
    timed(client, "post", reverse("motions:deputy_submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Suggestion.Status.SUBMITTED

    # The office: its pages, assigning an item (which tells the unit and the proposer), an export.
    client.force_login(staff)
    for url in (reverse("dashboard"), reverse("notification_list"), reverse("motions:office_queue"),
                reverse("motions:office_item_list"), reverse("motions:office_item", args=[to_assign.pk]),
                reverse("deputies:deputy_list"), reverse("congress:meeting_list"), reverse("chase_board"),
                reverse("exports:job_list")):
        timed(client, "get", url)
    response = timed(client, "post", reverse("motions:office_assign", args=[to_assign.pk]),
                     {"lead_unit": unit.pk, "assigned_on": today.isoformat()})
    assert response.status_code == 302
    assignment = Assignment.objects.get(suggestion=to_assign, unit=unit)
    response = timed(client, "post", reverse("exports:start", args=["outage-test"]))
    job = ExportJob.objects.get()
    assert response.url == reverse("exports:job", args=[job.pk]) and job.status == ExportJob.Status.QUEUED
    timed(client, "get", response.url)
    timed(client, "get", reverse("exports:job_status", args=[job.pk]))

    # The unit officer: the item just assigned.
    client.force_login(officer)
    for url in (reverse("dashboard"), reverse("notification_list"), reverse("motions:unit_items"),
                reverse("motions:unit_item", args=[assignment.pk])):
        timed(client, "get", url)

    # Everything is in the inboxes; nothing could leave yet.
    waiting = Notification.objects.filter(emailed_at__isnull=True)
    assert waiting.filter(recipient=staff, kind="motions.submitted").exists()
    assert waiting.filter(recipient=officer).exists()
    assert mail.outbox == []
    print("\nWith Redis down:\n" + "\n".join(f"  {m} {u} {s} {t * 1000:.0f} ms" for m, u, s, t in TIMINGS))

    # Redis returns; the five-minute sweeps (beat) find the work, a worker does it.
    on_private_redis.start()
    ten_minutes_ago = timezone.now() - datetime.timedelta(minutes=10)
    Notification.objects.update(created_at=ten_minutes_ago)
    ExportJob.objects.update(created_at=ten_minutes_ago)
    with_address = Notification.objects.exclude(recipient__email="").count()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        deliver_pending_notifications.delay()
        requeue_export_jobs.delay()
        # Waiting reads the outbox, not the notifications: on SQLite the worker thread shares the
        # in-memory database, whose table locks would refuse the worker's write while this thread reads.
        wait_until(lambda: len(mail.outbox) >= with_address, timeout=60)
        wait_until(lambda: ExportJob.objects.get().finished, timeout=60, again=requeue_export_jobs.delay)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.filename == "名单.txt"
    sent_to = {address for message in mail.outbox for address in message.to}
    assert {"staff@example.cn", "czs@example.cn"} <= sent_to
    assert len(mail.outbox) == Notification.objects.exclude(recipient__email="").count()  # each once
