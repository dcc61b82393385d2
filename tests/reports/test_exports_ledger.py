"""The suggestion ledger (办理台账): one row per item with every step's date, its units, result
class and rating; the office list's filters; read back with openpyxl. Written inside the request
up to 2,000 rows, in a fixed number of queries."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.models import ExportJob
from core.roles import Role
from reports import exports as report_exports
from reports.exports_ledger import HEADERS
from tests.factories import user_with_role
from tests.motions.factories import SuggestionFactory

from .exports_data import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def office(client):
    client.force_login(user_with_role(Role.STAFF, username="staff"))
    return client


def ledger(client, **query):
    response = client.get(reverse("exports:start", args=["ledger"]), query)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    header, body = rows[0], [row for row in rows[1:] if isinstance(row[0], int)]
    return sheet, header, [dict(zip(header, row)) for row in body]


def test_one_row_per_item_with_every_steps_date(office, world):
    sheet, header, rows = ledger(office, year=2026)
    assert tuple(header) == HEADERS
    assert "2026" in sheet["A1"].value and "办理台账" in sheet["A1"].value
    # every item but drafts, as on the list: the one not accepted has no number
    assert [row["编号"] for row in rows] == ["2026-001", "2026-002", "2026-003", None]
    assert rows[3]["办理状态"].startswith("不予立案")
    closed = rows[0]
    assert closed == {**closed, "类型": "建议", "标题": "关于硬化青山村机耕道的建议", "提出人": "张德福", "联名代表": 1,
                      "内容分类": "农业农村", "主办单位": "财政所", "协办单位": "农业服务中心",
                      "提交日期": "2026-03-10", "立案日期": "2026-03-12", "交办日期": "2026-03-16",
                      "签收日期": "2026-03-17", "答复日期": "2026-05-20", "测评日期": "2026-05-25",
                      "办结日期": "2026-06-01", "答复期限": "2026-06-16", "办理状态": "已办结"}
    assert closed["答复类别"].startswith("A ") and closed["满意度"] == "满意"
    assert rows[2]["类型"] == "议案" and rows[2]["主办单位"] is None and rows[2]["办理状态"] == "已立案待交办"


def test_filters_are_those_of_the_office_list(office, world):
    assert [r["编号"] for r in ledger(office, year=2026, unit=world["finance"].pk)[2]] == ["2026-001", "2026-002"]
    assert [r["编号"] for r in ledger(office, year=2026, unit=world["land"].pk)[2]] == ["2026-002"]
    assert [r["编号"] for r in ledger(office, status="closed")[2]] == ["2026-001", "2025-009"]
    assert [r["编号"] for r in ledger(office, category=world["town"].pk, year=2026)[2]] == ["2026-002", "2026-003"]
    assert [r["编号"] for r in ledger(office, year=2025)[2]] == ["2025-009"]


def test_a_filter_that_is_not_a_choice_is_ignored_as_on_the_page(office, world):
    assert len(ledger(office, year=1999, status="nonsense", unit="x")[2]) == 5


def test_the_ledger_link_on_the_office_list_keeps_the_filters(office, world):
    html = office.get(reverse("motions:office_item_list"), {"year": 2026, "status": "closed"}).content.decode()
    assert reverse("exports:start", args=["ledger"]) + "?year=2026&amp;status=closed" in html


@pytest.mark.parametrize("role", [Role.DEPUTY, Role.UNIT_OFFICER])
def test_only_readers_of_everything_get_the_ledger(client, world, role):
    client.force_login(user_with_role(role, username="someone"))
    assert client.get(reverse("exports:start", args=["ledger"])).status_code == 403


def test_the_presidium_member_gets_it(client, world):
    client.force_login(user_with_role(Role.PRESIDIUM_MEMBER, username="member"))
    assert ledger(client, year=2026)[2]


def test_queries_do_not_grow_with_the_rows(office, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(14) as few:
        ledger(office, year=2026)
    for number in range(10, 40):
        SuggestionFactory(number=number, status="submitted")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(ledger(office, year=2026)[2]) == 34


def test_beyond_the_inline_limit_it_becomes_a_job(office, world, monkeypatch, settings, tmp_path,
                                                  django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(report_exports, "LEDGER_INLINE_ROWS", 2)
    page = office.get(reverse("exports:start", args=["ledger"]), {"year": 2026})
    assert page.status_code == 200 and 'data-form="export-start"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        office.post(reverse("exports:start", args=["ledger"]), {"year": 2026})
    job = ExportJob.objects.get()
    assert job.status == "done" and job.parameters == {"year": 2026}
    sheet = load_workbook(job.file.path).active
    assert sheet.max_row >= 5 and sheet["B3"].value == "2026-001"
