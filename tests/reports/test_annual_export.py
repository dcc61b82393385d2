"""The year-end report's PDF is an export job (core.exports, kind "annual_report"): the report
page's button queues it, the task renders the version with the report's own function and reports
progress, the job page offers the file; only the report's readers (READ_ALL roles) may start it or
have it. Nothing is rendered inside a request. Celery runs eagerly here (config/settings/test.py)."""
import datetime
from urllib.parse import unquote

import pytest
from django.urls import reverse

from core import exports
from core.models import ExportJob
from core.roles import Role
from reports import services_annual
from reports.exports import annual_title, build_annual
from reports.models import AnnualReport
from reports.services_annual import annual_report_draft, annual_report_finalise
from tests.factories import TownshipFactory, user_with_role
from tests.supervision.factories import TrainingFactory

from .exports_data import pdf_text

pytestmark = pytest.mark.django_db
TITLE = "青山镇人大主席团2026年工作总结和2027年工作计划"
START = reverse("exports:start", args=["annual_report"])


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def draft(staff_user):
    TownshipFactory(name="青山镇")
    TrainingFactory(topic="组织法专题培训", start_date=datetime.date(2026, 3, 5))
    return annual_report_draft(year=2026, actor=staff_user)


@pytest.fixture
def no_render(monkeypatch):
    """Fails the test if anything renders the PDF."""
    def refuse(report):
        raise AssertionError("the PDF was rendered")

    monkeypatch.setattr(services_annual, "annual_report_pdf", refuse)


def start_job(client, report, capture):
    with capture(execute=True):
        response = client.post(START, {"report": report.pk})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("exports:job", args=[job.pk])
    job.refresh_from_db()
    return job


def test_the_kind_is_registered_as_a_job_never_inline(draft):
    kind = exports.get("annual_report")
    assert kind.content_type == "application/pdf" and kind.run_inline({"report": draft.pk}) is False


def test_a_presidium_member_starts_the_job_and_downloads_the_pdf_of_the_version(
        client, presidium_member, draft, django_capture_on_commit_callbacks, tmp_path):
    client.force_login(presidium_member)
    job = start_job(client, draft, django_capture_on_commit_callbacks)
    assert (job.kind, job.status, job.progress, job.requested_by) == ("annual_report", ExportJob.Status.DONE,
                                                                      100, presidium_member)
    assert job.title == f"{TITLE}（第1版草稿）"
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert reverse("exports:job_file", args=[job.pk]) in page and TITLE in page
    download = client.get(reverse("exports:job_file", args=[job.pk]))
    assert download.status_code == 200
    # the storage keeps only the safe characters of a name; the browser gets the builder's own
    assert unquote(download["Content-Disposition"]).endswith(f"{TITLE}（第1版草稿）.pdf")
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path).replace("\n", "")
    assert TITLE in text and "全年组织学习培训1次" in text


def test_a_final_version_is_named_without_draft(draft, chairman):
    annual_report_finalise(report=draft, actor=chairman, doc_number="青人发〔2026〕5号",
                           issued_on=datetime.date(2026, 12, 28))
    assert annual_title({"report": draft.pk}) == f"{TITLE}（第1版）"


def test_the_builder_reports_progress_and_uses_the_reports_own_render(draft, monkeypatch):
    rendered, steps = [], []
    monkeypatch.setattr(services_annual, "annual_report_pdf", lambda report: rendered.append(report.pk) or b"%PDF-x")
    job = ExportJob(kind="annual_report", parameters={"report": draft.pk})
    filename, content = build_annual(job, lambda percent, message="": steps.append((percent, message)))
    assert (filename, content, rendered) == (f"{TITLE}（第1版草稿）.pdf", b"%PDF-x", [draft.pk])
    percents = [percent for percent, _ in steps]
    assert len(steps) >= 2 and percents == sorted(percents) and all(0 < p < 100 for p in percents)
    assert all(message for _, message in steps)


def test_opening_the_start_page_renders_nothing_and_queues_nothing(client, presidium_member, draft, no_render):
    client.force_login(presidium_member)
    response = client.get(START, {"report": draft.pk})
    assert response.status_code == 200 and f'name="report" value="{draft.pk}"' in response.content.decode()
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("fixture", ["deputy_user", "unit_officer"])
def test_a_deputy_or_unit_officer_cannot_start_it(client, draft, fixture, request, no_render):
    client.force_login(request.getfixturevalue(fixture))
    assert client.post(START, {"report": draft.pk}).status_code == 403
    assert client.get(START, {"report": draft.pk}).status_code == 403
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("fixture", ["deputy_user", "unit_officer"])
@pytest.mark.parametrize("name", ["exports:job", "exports:job_status", "exports:job_file"])
def test_a_deputy_or_unit_officer_never_reads_anothers_job(
        client, presidium_member, draft, fixture, name, request, django_capture_on_commit_callbacks):
    client.force_login(presidium_member)
    job = start_job(client, draft, django_capture_on_commit_callbacks)
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_a_job_whose_requester_lost_the_right_is_not_served(client, presidium_member, draft,
                                                            django_capture_on_commit_callbacks):
    client.force_login(presidium_member)
    job = start_job(client, draft, django_capture_on_commit_callbacks)
    job.requested_by = user_with_role(Role.DEPUTY, username="former")
    job.save(update_fields=["requested_by"])
    client.force_login(job.requested_by)
    assert client.get(reverse("exports:job_file", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_a_missing_report_is_explained_not_a_500(client, presidium_member, draft, value):
    client.force_login(presidium_member)
    response = client.post(START, {"report": value})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert not ExportJob.objects.exists()


def test_a_report_deleted_after_the_request_fails_the_job_with_a_message(
        client, presidium_member, draft, django_capture_on_commit_callbacks):
    client.force_login(presidium_member)
    job = ExportJob.objects.create(kind="annual_report", parameters={"report": draft.pk},
                                   requested_by=presidium_member, title="x")
    AnnualReport.objects.filter(pk=draft.pk).delete()
    from core.services_exports import export_job_run

    job = export_job_run(job_id=job.pk)
    assert job.status == ExportJob.Status.FAILED and job.message
