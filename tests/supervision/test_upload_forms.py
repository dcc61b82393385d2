"""Every supervision form that takes a file (the opinion document of an activity, its photos and
files, rectification reports, training materials, research reports): a file too big or not what
its name says is refused next to its field, and what was typed comes back (tests/uploads.py)."""
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from supervision.models import Activity, ActivityFile, RectificationItem, ResearchReport, TrainingMaterial
from tests.uploads import PDF, PROBLEMS, assert_refused_on_the_field_and_the_rest_kept, small_cap  # noqa: F401

from .factories import ACTIVITY_DAY, ActivityFactory, PlannedActivityFactory, TrainingFactory
from .test_rectification_setup import item_of, media, people, today  # noqa: F401 (fixtures)
from .test_training_helpers import member  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_cap", "today", "media")]
R = RectificationItem.Status


def url(name, *args):
    return reverse(f"supervision:{name}", args=args)


@pytest.fixture
def office(english, staff_user):
    english.force_login(staff_user)
    return english


@pytest.mark.parametrize("problem", PROBLEMS)
def test_an_activity_s_opinion_document_on_its_edit_page(office, problem):
    make_file, message = PROBLEMS[problem]
    activity = ActivityFactory(summary="察看了道路")
    day = ACTIVITY_DAY.isoformat()
    data = {"kind": activity.kind, "topic": "农村公路建设视察", "start_date": day, "end_date": day, "place": "各村",
            "summary": "察看了道路", "findings": "两处塌方未修复", "opinion_text": "建议尽快修复",
            "opinion_sent_on": "2026-05-20", "opinion_file": make_file("审议意见.pdf")}
    response = office.post(url("activity_update", activity.pk), data)
    assert_refused_on_the_field_and_the_rest_kept(response, "form", "opinion_file", message,
                                                  kept={"findings": "两处塌方未修复", "opinion_text": "建议尽快修复"})
    activity.refresh_from_db()
    assert not activity.opinion_file and activity.findings != "两处塌方未修复"


@pytest.mark.parametrize("problem", PROBLEMS)
def test_an_activity_s_opinion_document_when_it_is_recorded_held(office, problem):
    make_file, message = PROBLEMS[problem]
    activity = PlannedActivityFactory()
    day = ACTIVITY_DAY.isoformat()
    data = {"start_date": day, "end_date": day, "summary": "察看了5个村", "findings": "垃圾清运不及时",
            "opinion_file": make_file("审议意见.pdf")}
    response = office.post(url("activity_hold", activity.pk), data)
    assert_refused_on_the_field_and_the_rest_kept(response, "form", "opinion_file", message,
                                                  kept={"summary": "察看了5个村", "findings": "垃圾清运不及时"})
    assert Activity.objects.get(pk=activity.pk).status == Activity.Status.PLANNED


@pytest.mark.parametrize("problem", PROBLEMS)
def test_an_activity_s_photos_and_files(office, problem):
    make_file, message = PROBLEMS[problem]
    activity = ActivityFactory()
    response = office.post(url("activity_files_add", activity.pk),
                           {"files": [SimpleUploadedFile("现场.pdf", PDF), make_file("照片.pdf")], "caption": "现场照片"})
    assert_refused_on_the_field_and_the_rest_kept(response, "files_form", "files", message,
                                                  kept={"caption": "现场照片"})
    assert not ActivityFile.objects.exists()


@pytest.mark.parametrize("name, form_name", [("unit_item_report", "report_form"), ("unit_item_done", "done_form")])
@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_rectification_report(english, people, problem, name, form_name):
    make_file, message = PROBLEMS[problem]
    item = item_of(people, status=R.IN_PROGRESS)
    english.force_login(people["officer"])
    response = english.post(url(name, item.pk), {"text": "已清运两处，剩余一处本周完成。", "files": [make_file("整改报告.pdf")]})
    assert_refused_on_the_field_and_the_rest_kept(response, form_name, "files", message,
                                                  kept={"text": "已清运两处，剩余一处本周完成。"})
    assert not item.reports.exists()


@pytest.mark.parametrize("problem", PROBLEMS)
def test_training_materials(office, problem):
    make_file, message = PROBLEMS[problem]
    training = TrainingFactory()
    response = office.post(url("training_materials_add", training.pk), {"files": [make_file("讲义.pdf")]})
    assert_refused_on_the_field_and_the_rest_kept(response, "materials_form", "files", message, kept={})
    assert not TrainingMaterial.objects.exists()


@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_research_report_s_document(english, member, problem):
    make_file, message = PROBLEMS[problem]
    english.force_login(member)
    data = {"title": "关于村级道路养护的调研报告", "author": member.deputy.pk, "written_on": "2026-05-18",
            "summary": "三个村道路破损严重", "file": make_file("调研报告.pdf")}
    response = english.post(url("research_create"), data)
    assert_refused_on_the_field_and_the_rest_kept(response, "form", "file", message, kept={
        "title": "关于村级道路养护的调研报告", "summary": "三个村道路破损严重"})
    assert not ResearchReport.objects.exists()


def test_a_research_report_downloads_under_its_title(english, member):
    english.force_login(member)
    data = {"title": "关于村级道路养护的调研报告", "author": member.deputy.pk, "written_on": "2026-05-18",
            "summary": "三个村道路破损严重", "file": SimpleUploadedFile("draft-v3-final.pdf", PDF)}
    assert english.post(url("research_create"), data).status_code == 302
    report = ResearchReport.objects.get()
    response = english.get(url("research_file", report.pk))
    assert quote("关于村级道路养护的调研报告.pdf") in response["Content-Disposition"]
    assert "draft" not in report.file.name
