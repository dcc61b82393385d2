"""The chase board as Excel (SPEC §4): the same rows as the page, titled with the township and
the date, under a file name 催办看板-YYYYMMDD.xlsx; a unit officer's file holds only their unit."""
import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from core import views_chase
from core.excel import XLSX
from tests.core.test_chase_board_fakes import TODAY, fake_sources, item
from tests.factories import HandlingUnitFactory, TownshipFactory

pytestmark = pytest.mark.django_db

EXPORT = reverse("chase_board_export")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(views_chase, "_today", lambda: TODAY)


@pytest.fixture
def board_items(unit_officer):
    TownshipFactory(name="青山镇")
    czs, village = unit_officer.handling_unit, HandlingUnitFactory(name="青山村村民委员会")
    items = [item(1, due_in=-3, unit=czs, title="2026-001 财政所的红牌"), item(2, due_in=4, unit=village, title="2026-002 青山村的黄牌"),
             item(3, due_in=40, unit=czs, title="2026-003 财政所的正常")]
    with fake_sources(("fake", "建议", items)):
        yield items


def export(client, user, query=""):
    client.force_login(user)
    response = client.get(f"{EXPORT}{query}")
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def lines(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]


def test_the_file_is_named_by_the_date_in_chinese(client, staff_user, board_items):
    response, _sheet = export(client, staff_user)
    assert response["Content-Type"] == XLSX
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('催办看板-20261124.xlsx')}" in disposition


def test_the_sheet_has_a_title_a_bold_header_and_the_rows_in_the_boards_order(client, staff_user, board_items):
    _response, sheet = export(client, staff_user)
    assert "青山镇" in sheet["A1"].value and "2026-11-24" in sheet["A1"].value
    assert all(cell.font.bold for cell in sheet[2] if cell.value)
    assert [line[1] for line in lines(sheet)] == ["2026-001 财政所的红牌", "2026-002 青山村的黄牌", "2026-003 财政所的正常"]
    assert [line[3] for line in lines(sheet)] == ["财政所", "青山村村民委员会", "财政所"]
    # A Chinese character is two Latin ones wide: the title column fits "2026-002 青山村的黄牌".
    assert sheet.column_dimensions["B"].width >= 9 + 2 * 6


def test_the_colours_are_written_as_words(client, staff_user, board_items):
    _response, sheet = export(client, staff_user)
    with translation.override("zh-hans"):
        words = [pgettext("chase colour", word) for word in ("Red card", "Yellow card", "On track")]
    assert [line[0] for line in lines(sheet)] == words


def test_the_export_follows_the_filters(client, staff_user, board_items):
    _response, sheet = export(client, staff_user, "?colour=yellow")
    assert [line[1] for line in lines(sheet)] == ["2026-002 青山村的黄牌"]


def test_a_unit_officers_file_holds_only_their_unit(client, unit_officer, board_items):
    village = HandlingUnitFactory(name="青山村村民委员会")
    _response, sheet = export(client, unit_officer, f"?unit={village.pk}")
    assert [line[1] for line in lines(sheet)] == ["2026-001 财政所的红牌", "2026-003 财政所的正常"]


def test_a_deputy_gets_no_file(client, deputy_user, board_items):
    client.force_login(deputy_user)
    assert client.get(EXPORT).status_code == 403
