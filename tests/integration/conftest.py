"""A real Celery worker, in a thread of the test process, consuming from the configured broker:
Redis when REDIS_URL is set (CI), Celery's file-system broker otherwise."""
import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection
from django.db.backends.signals import connection_created

from config.celery_app import app


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/integration/" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture
def celery_worker(transactional_db):
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True


def _reads_take_no_table_lock(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = true")


@pytest.fixture(autouse=True)
def worker_and_test_share_sqlite_without_table_locks(transactional_db):
    """On the SQLite default the worker thread shares the test's in-memory database (shared cache),
    where a reader holds a table lock that refuses a writer at once instead of waiting
    (SQLITE_LOCKED), and the other way round: the test thread polling for the worker's rows made
    the worker's delivery fail now and then. Reading uncommitted rows takes no such lock; the
    worker's connection gets the same when it opens. PostgreSQL has no such locks."""
    connection_created.connect(_reads_take_no_table_lock, dispatch_uid="tests.integration.read_uncommitted")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _reads_take_no_table_lock(None, connection)
    yield
    connection_created.disconnect(dispatch_uid="tests.integration.read_uncommitted")
