"""The assignment letter (交办函), the session's compilation (建议汇编) and a deputy's
performance record (履职档案) as PDFs: their text (pdftotext) holds the right items and nothing
of another unit, session or deputy; each is given only to those allowed."""
import datetime

import pytest
from django.urls import reverse

from core.models import ExportJob
from core.roles import Role
from reports.exports_documents import assignment_letter, compilation, performance_document
from tests.factories import user_with_role

from .exports_data import build_world, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def office(client):
    client.force_login(user_with_role(Role.STAFF, username="staff"))
    return client


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def download(client, kind, **query):
    response = client.get(reverse("exports:start", args=[kind]), query)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response.content[:300]
    return response


# --- 交办函 ------------------------------------------------------------------------------------

def test_the_letter_lists_the_units_open_items_with_their_role_and_due_date(office, world, tmp_path):
    text = pdf_text(download(office, "letter", unit=world["finance"].pk).content, tmp_path)
    assert "关于交办代表建议的函" in text and "财政所：" in text
    assert "2026-002" in text and "协办" in text and "2026-12-08" in text and "李秀英" in text
    assert "2026-001" not in text  # closed: no longer open
    assert "占道经营" in text and "机耕道" not in text
    assert "三个月" in text and "六个月" in text and "7个工作日" in text  # the handling rules' periods
    assert "青山镇人大主席团" in text or "人大主席团" in text


def test_a_letter_for_one_day_lists_what_was_assigned_that_day(office, world, tmp_path):
    text = pdf_text(download(office, "letter", unit=world["finance"].pk, day="2026-03-16").content, tmp_path)
    assert "2026-001" in text and "主办" in text and "2026-002" not in text
    assert "2026年3月16日交办" in text


def test_a_letter_never_shows_another_units_items(office, world, tmp_path):
    text = pdf_text(download(office, "letter", unit=world["farming"].pk).content, tmp_path)
    assert "农业服务中心：" in text and "2026-002" not in text and "自然资源所" not in text


def test_the_letter_document_is_dated_and_signed_by_the_presidium(world):
    document = assignment_letter(world["land"], datetime.date(2026, 9, 8))
    assert document.date == datetime.date(2026, 9, 8) and document.issuer.endswith("人大主席团")


def test_a_unit_officer_may_fetch_their_own_units_letter_only(client, world):
    client.force_login(user_with_role(Role.UNIT_OFFICER, username="czs", handling_unit=world["finance"]))
    assert download(client, "letter", unit=world["finance"].pk)
    assert client.get(reverse("exports:start", args=["letter"]), {"unit": world["land"].pk}).status_code == 403


def test_a_deputy_may_not_fetch_a_letter(client, world, deputy_user):
    client.force_login(deputy_user)
    assert client.get(reverse("exports:start", args=["letter"]), {"unit": world["land"].pk}).status_code == 403


def test_a_letter_for_no_unit_or_a_bad_day_is_explained(office, world):
    assert office.get(reverse("exports:start", args=["letter"])).status_code == 400
    bad = office.get(reverse("exports:start", args=["letter"]), {"unit": world["land"].pk, "day": "8/9"})
    assert bad.status_code == 400


def test_the_office_item_page_offers_each_units_letter(office, world):
    html = office.get(reverse("motions:office_item", args=[world["open"].pk])).content.decode()
    assert f'{reverse("exports:start", args=["letter"])}?unit={world["land"].pk}&amp;day=2026-09-08' in html


# --- 建议汇编 ----------------------------------------------------------------------------------

def test_the_compilation_is_a_job_with_every_accepted_item_of_the_session(office, world, tmp_path,
                                                                          django_capture_on_commit_callbacks):
    page = office.get(reverse("exports:start", args=["compilation"]), {"session": world["fifth"].pk})
    assert page.status_code == 200 and not ExportJob.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(reverse("exports:start", args=["compilation"]), {"session": world["fifth"].pk})
    job = ExportJob.objects.get()
    assert response.url == reverse("exports:job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done" and job.file.name.endswith(".pdf")
    text = pdf_text(job.file.read(), tmp_path)
    assert "第五次会议代表建议、议案汇编" in text
    # grouped by category: 农业农村 then 城乡建设 as their sort order says; each with people, units, content
    assert "2026-001" in text and "2026-003" in text and "议案" in text
    assert "提出人：张德福" in text and "联名代表：李秀英" in text and "主办单位：财政所" in text
    assert "协办单位：农业服务中心" in text and "建议今年硬化" in text and "主办单位：尚未交办" in text
    assert "村民广场" not in text  # not accepted
    assert "2026-002" not in text and "占道经营" not in text  # raised at the sixth session


def test_the_compilation_groups_by_category(world):
    document = compilation(world["fifth"])
    headings = [block.text for block in document.blocks if type(block).__name__ == "Heading" and block.level == 1]
    assert len(headings) == 2 and all("（1件）" in heading for heading in headings)


@pytest.mark.parametrize("role", [Role.DEPUTY, Role.UNIT_OFFICER])
def test_only_readers_of_everything_may_ask_for_the_compilation(client, world, role):
    client.force_login(user_with_role(role, username="someone"))
    assert client.post(reverse("exports:start", args=["compilation"]),
                       {"session": world["fifth"].pk}).status_code == 403


def test_the_session_page_offers_the_compilation(office, world):
    html = office.get(reverse("congress:meeting_detail", args=[world["fifth"].pk])).content.decode()
    assert f'{reverse("exports:start", args=["compilation"])}?session={world["fifth"].pk}' in html


# --- 履职档案 ----------------------------------------------------------------------------------

def test_the_performance_record_holds_the_deputys_acts_and_no_one_elses(office, world, tmp_path):
    text = pdf_text(download(office, "performance", deputy=world["zhang"].pk, year=2026).content, tmp_path)
    assert "张德福代表2026年度履职档案" in text and "履职情况统计" in text and "合计" in text
    assert "硬化青山村机耕道" in text
    assert "占道经营" not in text and "李秀英" not in text  # her own suggestion, not his


def test_the_deputy_downloads_their_own_record_but_not_anothers(client, world):
    user = user_with_role(Role.DEPUTY, username="zhang")
    world["zhang"].user = user
    world["zhang"].save(update_fields=["user"])
    client.force_login(user)
    assert download(client, "performance", deputy=world["zhang"].pk, year=2026)
    other = client.get(reverse("exports:start", args=["performance"]), {"deputy": world["li"].pk, "year": 2026})
    assert other.status_code == 403


def test_the_record_page_offers_the_pdf(office, world):
    html = office.get(reverse("reports:performance_record", args=[world["zhang"].pk]), {"year": 2026}).content.decode()
    assert f'{reverse("exports:start", args=["performance"])}?deputy={world["zhang"].pk}&amp;year=2026' in html


def test_the_record_document_counts_as_the_page_does(world):
    document = performance_document(world["zhang"], 2026)
    table = document.blocks[2]
    assert table.rows[-1][0] == "合计"
