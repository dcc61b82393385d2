"""Export jobs (core.exports): a kind registered by an app is queued, built by the task with its
progress recorded, and its file served only to the requester and the office, checked again by the
kind's own rule. Failures say so in Chinese; transient errors are retried; nothing is
half-written. Celery runs eagerly here (config/settings/test.py)."""
import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import translation

from core import exports
from core.exceptions import ApplicationError
from core.models import ExportJob
from core.roles import Role
from core.services_exports import export_job_run
from core.tasks_exports import run_export
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
Status = ExportJob.Status
CALLS = []


def _build(job, progress):
    CALLS.append(job.parameters)
    progress(50, "一半")
    if job.parameters.get("fail") == "rule":
        raise ApplicationError("这一届没有会议。")
    if job.parameters.get("fail") == "bug":
        raise ZeroDivisionError
    if job.parameters.get("fail") == "transient" and len(CALLS) < 2:
        raise OperationalError("database is locked")
    return "测试文件.txt", f"内容 {job.parameters.get('n', '')}".encode()


def _parse(query):
    if query.get("n") == "bad":
        raise ApplicationError("n 必须是数字。")
    return {name: query[name] for name in ("n", "fail", "only") if query.get(name)}


def _can(user, parameters):
    return user.reads_all or (user.has_role(Role.DEPUTY) and parameters.get("only") != "office")


@pytest.fixture(autouse=True)
def test_kind(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    CALLS.clear()
    exports.get("ledger")  # discover the apps' kinds first, so ours is added to them
    exports.register(exports.ExportKind(
        key="test-kind", label="测试", parse=_parse, can_request=_can, build=_build,
        title=lambda parameters: f"测试文件 {parameters.get('n', '')}", content_type="text/plain",
        run_inline=lambda parameters: parameters.get("n") == "small"))
    yield
    exports._kinds.pop("test-kind", None)


@pytest.fixture
def deputy(client):
    user = user_with_role(Role.DEPUTY, username="d1")
    client.force_login(user)
    return user


def start(client, **data):
    return client.post(reverse("exports:start", args=["test-kind"]), data)


def test_post_queues_a_job_that_the_task_builds_and_the_requester_downloads(
        client, deputy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = start(client, n="7")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("exports:job", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.progress, job.requested_by, job.title) == (Status.DONE, 100, deputy, "测试文件 7")
    assert job.file.name.startswith(f"exports/{job.created_at:%Y}/{job.pk}/") and job.finished_at
    download = client.get(reverse("exports:job_file", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == "内容 7".encode()
    assert "attachment" in download["Content-Disposition"]


def test_the_job_page_shows_progress_and_polls_while_running_then_offers_the_file(client, deputy):
    job = ExportJob.objects.create(kind="test-kind", requested_by=deputy, status=Status.RUNNING, progress=40,
                                   message="已整理 4 / 10 件", title="测试文件")
    page = client.get(reverse("exports:job", args=[job.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "40%" in html and "已整理 4 / 10 件" in html
    assert "core/exports.js" in html and 'data-action="refresh"' in html  # works without JavaScript too
    status = client.get(reverse("exports:job_status", args=[job.pk])).json()
    assert status == {"status": "running", "status_label": status["status_label"], "progress": 40,
                      "message": "已整理 4 / 10 件", "finished": False, "download_url": ""}
    export_job_run(job_id=job.pk)  # a worker that died mid-way: the rerun finishes it
    html = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert reverse("exports:job_file", args=[job.pk]) in html and "core/exports.js" not in html
    assert client.get(reverse("exports:job_status", args=[job.pk])).json()["finished"] is True


def test_a_small_export_downloads_at_once_without_a_job(client, deputy):
    response = client.get(reverse("exports:start", args=["test-kind"]) + "?n=small")
    assert response.status_code == 200 and response.content == "内容 small".encode()
    assert not ExportJob.objects.exists()


def test_a_large_export_offers_to_prepare_it_and_get_creates_nothing(client, deputy):
    response = client.get(reverse("exports:start", args=["test-kind"]) + "?n=9")
    assert response.status_code == 200 and b'name="n" value="9"' in response.content
    assert not ExportJob.objects.exists()


def test_parameters_that_make_no_sense_are_explained_not_a_500(client, deputy):
    response = client.get(reverse("exports:start", args=["test-kind"]) + "?n=bad")
    assert response.status_code == 400 and "n 必须是数字。" in response.content.decode()


def test_an_unknown_kind_is_404(client, deputy):
    assert client.get(reverse("exports:start", args=["nothing"])).status_code == 404


def test_the_kinds_own_rule_refuses_with_403_and_queues_nothing(client, deputy):
    assert start(client, only="office").status_code == 403
    assert client.get(reverse("exports:start", args=["test-kind"]) + "?only=office").status_code == 403
    assert not ExportJob.objects.exists()


def test_a_unit_officer_may_not_start_it(client):
    client.force_login(user_with_role(Role.UNIT_OFFICER, username="u"))
    assert start(client, n="1").status_code == 403


def _done_job(owner, **parameters):
    job = ExportJob.objects.create(kind="test-kind", requested_by=owner, parameters=parameters,
                                   title=f"测试文件 {parameters.get('n', owner.username)}")
    run_export.delay(job.pk)
    job.refresh_from_db()
    assert job.status == Status.DONE
    return job


@pytest.mark.parametrize("name", ["exports:job", "exports:job_status", "exports:job_file"])
def test_another_deputy_never_sees_the_job_or_its_file(client, name):
    job = _done_job(user_with_role(Role.DEPUTY, username="owner"))
    client.force_login(user_with_role(Role.DEPUTY, username="other"))
    assert client.get(reverse(name, args=[job.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.STAFF, Role.CHAIRMAN])
def test_the_office_sees_everyones_jobs_and_files(client, role):
    job = _done_job(user_with_role(Role.DEPUTY, username="owner"))
    client.force_login(user_with_role(role, username="office"))
    assert client.get(reverse("exports:job_file", args=[job.pk])).status_code == 200
    assert job.title in client.get(reverse("exports:job_list")).content.decode()


def test_a_presidium_member_reads_all_but_sees_only_their_own_jobs(client):
    job = _done_job(user_with_role(Role.DEPUTY, username="owner"))
    client.force_login(user_with_role(Role.PRESIDIUM_MEMBER, username="member"))
    assert client.get(reverse("exports:job", args=[job.pk])).status_code == 404


def test_the_file_is_refused_once_the_kinds_rule_no_longer_allows_it(client):
    owner = user_with_role(Role.DEPUTY, username="owner")
    job = _done_job(owner, n="1")
    owner.groups.clear()  # no longer a deputy
    client.force_login(owner)
    assert client.get(reverse("exports:job_file", args=[job.pk])).status_code == 404


def test_the_job_list_shows_only_ones_own_jobs(client, deputy):
    mine = _done_job(deputy, n="mine")
    theirs = _done_job(user_with_role(Role.DEPUTY, username="other"), n="theirs")
    html = client.get(reverse("exports:job_list")).content.decode()
    assert mine.title in html and theirs.title not in html


def test_a_refusal_of_the_builder_fails_the_job_with_its_message(client, deputy):
    job = _done_job_failing(deputy, "rule")
    assert (job.status, job.message, job.file.name) == (Status.FAILED, "这一届没有会议。", "")
    html = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert "这一届没有会议。" in html and "data-export-error" in html


def test_an_error_in_the_portal_fails_the_job_with_a_plain_message(client, deputy):
    with translation.override("en"):  # the worker writes it in the portal's language (Chinese)
        job = _done_job_failing(deputy, "bug")
    assert job.status == Status.FAILED and "error in the portal" in job.message and not job.file
    assert client.get(reverse("exports:job_file", args=[job.pk])).status_code == 404


def _done_job_failing(owner, how):
    job = ExportJob.objects.create(kind="test-kind", requested_by=owner, parameters={"fail": how})
    run_export.delay(job.pk)
    job.refresh_from_db()
    return job


def test_a_transient_error_is_retried_and_then_succeeds(deputy):
    job = ExportJob.objects.create(kind="test-kind", requested_by=deputy, parameters={"fail": "transient"})
    run_export.apply(args=[job.pk], throw=False)  # an eager retry runs again at once
    job.refresh_from_db()
    assert len(CALLS) == 2 and job.status == Status.DONE


def test_a_transient_error_that_lasts_fails_the_job_after_the_retries(deputy, monkeypatch):
    monkeypatch.setattr("core.tasks_exports.export_job_run", _always_locked)
    job = ExportJob.objects.create(kind="test-kind", requested_by=deputy, status=Status.RUNNING)
    with translation.override("en"):
        # the last retry but one: it goes back to the queue, and (eagerly) the last attempt fails it
        run_export.apply(args=[job.pk], retries=run_export.max_retries - 1, throw=False)
    job.refresh_from_db()
    assert job.status == Status.FAILED and "the server was busy" in job.message


def _always_locked(job_id):
    raise OperationalError("database is locked")


def test_running_twice_builds_once(deputy):
    job = _done_job(deputy, n="1")
    export_job_run(job_id=job.pk)
    assert len(CALLS) == 1


def test_a_failure_while_saving_the_row_leaves_no_file(deputy, tmp_path, monkeypatch):
    job = ExportJob.objects.create(kind="test-kind", requested_by=deputy, parameters={"n": "1"})
    original = ExportJob.save

    def broken_save(self, *args, **kwargs):
        if kwargs.get("update_fields") and "file" in kwargs["update_fields"]:
            raise OperationalError("disk I/O error")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ExportJob, "save", broken_save)
    with pytest.raises(OperationalError):
        export_job_run(job_id=job.pk)
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def test_every_page_of_the_jobs_needs_a_signed_in_user(client):
    job = ExportJob.objects.create(kind="test-kind", requested_by=user_with_role(Role.DEPUTY, username="o"))
    for url in (reverse("exports:job", args=[job.pk]), reverse("exports:job_list"),
                reverse("exports:start", args=["test-kind"])):
        assert client.get(url).status_code == 302
