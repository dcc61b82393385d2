"""A real Celery worker, in a thread of the test process, consuming from the configured broker:
Redis when REDIS_URL is set (CI), Celery's file-system broker otherwise."""
import pytest
from celery.contrib.testing.worker import start_worker

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
