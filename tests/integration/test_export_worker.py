"""An export job through a real Celery worker on the configured broker (Redis in CI): the page
queues it, the worker writes the PDF, the job page offers it and the requester downloads it."""
import time

import pytest
from django.urls import reverse

from config.celery_app import app
from core.models import ExportJob
from core.roles import Role
from tests.factories import user_with_role
from tests.reports.exports_data import build_world, pdf_text


@pytest.fixture
def purge_queue():
    yield
    app.control.purge()


def wait_for(job, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        job.refresh_from_db()
        if job.finished:
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"the worker did not finish the job in time ({job.status}, {job.progress}%)")
        time.sleep(0.2)


def test_the_worker_writes_the_compilation_and_the_requester_downloads_it(celery_worker, purge_queue, client,
                                                                          settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    client.force_login(user_with_role(Role.STAFF, username="staff"))
    response = client.post(reverse("exports:start", args=["compilation"]), {"session": world["fifth"].pk})
    job = ExportJob.objects.get()
    assert response.url == reverse("exports:job", args=[job.pk])
    job = wait_for(job)
    assert (job.status, job.progress, job.message) == ("done", 100, "")
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert reverse("exports:job_file", args=[job.pk]) in page
    download = client.get(reverse("exports:job_file", args=[job.pk]))
    text = pdf_text(b"".join(download.streaming_content), tmp_path)
    assert "2026-001" in text and "2026-003" in text and "2026-002" not in text
