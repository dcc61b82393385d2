"""Roster sheets built in memory, as township offices write them, and the term they belong to.

No binary fixture is committed: every test writes the sheet it needs with openpyxl.
"""
import io

import pytest
from openpyxl import Workbook, load_workbook

from deputies.models import RepresentativeGroup
from tests.factories import ElectoralDistrictFactory, TermFactory

HEADER = ["姓名", "性别", "民族", "出生年月", "政治面貌", "文化程度", "职业类别", "工作单位及职务", "联系电话",
          "选区", "代表小组", "代表层级"]
TITLE = "青山镇第十一届人民代表大会代表名册"
VILLAGES = ["青山村", "白沙村", "枫林村"]


def person(**cells):
    """One deputy's row as a dict header -> value; pass a header's value to change it (None for empty)."""
    row = {
        "姓名": "张德福", "性别": "男", "民族": "汉族", "出生年月": "1968.04", "政治面貌": "中共党员",
        "文化程度": "初中", "职业类别": "农民", "工作单位及职务": "青山村村民，种粮大户", "联系电话": "13907310004",
        "选区": "第1选区", "代表小组": "", "代表层级": "镇",
    }
    row.update(cells)
    return row


def second_person(**cells):
    return person(**{"姓名": "赵红梅", "性别": "女", "出生年月": "1975.06", "职业类别": "干部",
                     "工作单位及职务": "白沙村党总支书记", "联系电话": "13907310005", "选区": "第2选区", **cells})


def sheet(rows, *, header=HEADER, title=TITLE, formats=None):
    """An .xlsx file in memory: an optional title row, the header, then `rows` (dicts by header, or lists).

    A value given as (value, number_format) is written with that Excel number format.
    """
    workbook = Workbook()
    worksheet = workbook.active
    if title:
        worksheet.append([title])
    worksheet.append(list(header))
    for row in rows:
        values = [row.get(name) for name in header] if isinstance(row, dict) else list(row)
        worksheet.append([value[0] if isinstance(value, tuple) else value for value in values])
        for column, value in enumerate(values, start=1):
            if isinstance(value, tuple):
                worksheet.cell(row=worksheet.max_row, column=column).number_format = value[1]
    return save(workbook)


def save(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "名册.xlsx"
    return buffer


def rows_of(buffer):
    """The values of an .xlsx file's first sheet, row by row."""
    buffer.seek(0)
    return [list(row) for row in load_workbook(buffer).worksheets[0].iter_rows(values_only=True)]


@pytest.fixture
def roster_term(db):
    """The 11th term with three districts (第1选区（青山村）...) and one representative group."""
    term = TermFactory()
    for number, village in enumerate(VILLAGES, start=1):
        ElectoralDistrictFactory(term=term, number=number, name=f"第{number}选区（{village}）", area=village)
    RepresentativeGroup.objects.create(term=term, name="青山村代表小组", area="青山村")
    RepresentativeGroup.objects.create(term=term, name="白沙村代表小组", area="白沙村")
    return term


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads kept between the check and the import land in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


