"""Writing the roster sheet: the office's layout, text cells where Excel would mangle numbers, and a
round trip export → import that changes nothing."""
import datetime
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from deputies.models import Deputy, Mandate, RepresentativeGroup
from deputies.roster_excel import (import_roster, plan_roster, read_roster, roster_filename, roster_for_export,
                                   write_roster)
from tests.deputies.excel_samples import (HEADER, TITLE, person, roster_term, rows_of, save,  # noqa: F401
                                          second_person, sheet)
from tests.factories import DeputyFactory, MandateFactory, TownshipFactory, UserFactory

pytestmark = pytest.mark.django_db
L = Mandate.Level
DAY = datetime.date(2026, 5, 1)


@pytest.fixture(autouse=True)
def township(db):
    return TownshipFactory(name="青山镇")


def deputy(roster_term, number=1, **fields):
    values = {"name": f"代表{number}", "birth_date": datetime.date(1970, number % 12 + 1, 1), "gender": "female",
              "ethnicity": "苗族", "political_status": "democratic_party", "education": "college",
              "occupation": "professional", "work_unit": "青山镇卫生院（护士长）", "phone": f"139073{number:05d}",
              "district": roster_term.districts.get(number=1)}
    values.update(fields)
    return DeputyFactory(in_office__term=roster_term, **values)


def exported(roster_term, day=DAY):
    return write_roster(roster_for_export(term=roster_term, day=day), term=roster_term, day=day)


def test_the_sheet_has_a_title_row_a_bold_header_and_one_deputy_a_row(roster_term):
    deputy(roster_term, 1, name="王芳", birth_date=datetime.date(1975, 3, 1), phone="13907310001")
    sheet_ = exported(roster_term).active
    assert sheet_["A1"].value == TITLE
    assert [cell.value for cell in sheet_[2]] == HEADER
    assert all(cell.font.bold for cell in sheet_[2])
    assert [cell.value for cell in sheet_[3]] == [
        "王芳", "女", "苗族", "1975.03", "民主党派", "大专", "专业技术人员", "青山镇卫生院（护士长）", "13907310001",
        "第1选区（青山村）", None, "镇"]


def test_phones_and_birth_months_are_text_so_excel_keeps_them_as_written(roster_term):
    deputy(roster_term, 1, birth_date=datetime.date(1975, 10, 1), phone="13907310001")
    sheet_ = exported(roster_term).active
    birth, phone = sheet_["D3"], sheet_["I3"]
    assert (birth.value, birth.data_type, birth.number_format) == ("1975.10", "s", "@")
    assert (phone.value, phone.data_type, phone.number_format) == ("13907310001", "s", "@")


def test_columns_are_wide_enough_for_chinese(roster_term):
    deputy(roster_term, 1, work_unit="清水县公安局青山派出所所长兼青山镇综治办副主任")
    sheet_ = exported(roster_term).active
    assert sheet_.column_dimensions["H"].width >= 2 * len("清水县公安局青山派出所所长兼青山镇综治办副主任")
    assert sheet_.column_dimensions["A"].width >= 2 * len("姓名")
    assert sheet_.freeze_panes == "A3"


def test_levels_and_groups_are_written_as_the_reader_reads_them(roster_term):
    person_ = deputy(roster_term, 1)
    MandateFactory(deputy=person_, level=L.COUNTY, term=None)
    RepresentativeGroup.objects.get(name="青山村代表小组").members.add(person_)
    RepresentativeGroup.objects.get(name="白沙村代表小组").members.add(person_)
    row = [cell.value for cell in exported(roster_term).active[3]]
    assert row[10:] == ["白沙村代表小组、青山村代表小组", "镇、县"]


def test_the_export_lists_the_deputies_in_office_on_its_date(roster_term):
    deputy(roster_term, 1, name="在任")
    deputy(roster_term, 2, name="辞职", in_office__status=Mandate.Status.RESIGNED,
           in_office__ended_on=datetime.date(2026, 6, 1))
    deputy(roster_term, 3, name="补选", in_office__election=Mandate.Election.BY_ELECTION,
           in_office__elected_on=datetime.date(2026, 6, 20))
    names = lambda day: [row[0] for row in rows_of(save(exported(roster_term, day)))[2:]]  # noqa: E731
    assert names(datetime.date(2026, 5, 31)) == ["在任", "辞职"]
    assert names(datetime.date(2026, 7, 1)) == ["在任", "补选"]


def test_a_mandate_ended_at_the_county_is_not_written_as_a_level(roster_term):
    person_ = deputy(roster_term, 1)
    MandateFactory(deputy=person_, level=L.COUNTY, term=None, status=Mandate.Status.TRANSFERRED,
                   ended_on=datetime.date(2024, 3, 18))
    assert exported(roster_term).active["L3"].value == "镇"


def test_the_blank_template_has_the_header_and_drop_down_lists(roster_term):
    workbook = write_roster([], term=roster_term, day=DAY)
    sheet_ = workbook.active
    assert [cell.value for cell in sheet_[2]] == HEADER and sheet_.max_row == 2
    lists = workbook["选项"]
    assert lists.sheet_state == "hidden"
    assert [cell.value for cell in lists["A"] if cell.value] == ["性别", "男", "女"]
    assert [cell.value for cell in lists["B"] if cell.value] == ["政治面貌", "中共党员", "中共预备党员", "共青团员",
                                                                 "民主党派", "无党派人士", "群众"]
    assert len(sheet_.data_validations.dataValidation) == 6


def test_the_file_is_named_after_the_term_and_date_in_chinese(roster_term):
    with translation.override("en"):
        assert roster_filename(roster_term, DAY) == "代表名册-第十一届-20260501.xlsx"


def test_an_export_imports_back_unchanged(roster_term):
    for number in range(1, 6):
        deputy(roster_term, number, district=roster_term.districts.get(number=number % 3 + 1))
    first = Deputy.objects.get(name="代表1")
    MandateFactory(deputy=first, level=L.COUNTY, term=None)
    RepresentativeGroup.objects.get(name="青山村代表小组").members.add(first)
    Deputy.objects.filter(name="代表2").update(education="", phone="", work_unit="")
    before = list(Deputy.objects.order_by("pk").values())
    mandates = list(Mandate.objects.order_by("pk").values())

    result = read_roster(save(exported(roster_term)), term=roster_term)
    assert result.ok, result.errors
    plan = plan_roster(result, term=roster_term)
    assert plan.counts == {"create": 0, "update": 0, "unchanged": 5}
    counts = import_roster(result, term=roster_term, actor=UserFactory())
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 5)
    assert list(Deputy.objects.order_by("pk").values()) == before
    assert list(Mandate.objects.order_by("pk").values()) == mandates


def test_a_sheet_imported_then_exported_reads_the_same(roster_term):
    rows = [person(代表小组="青山村代表小组", 代表层级="镇、县"), second_person(民族="回族", 政治面貌="群众")]
    import_roster(read_roster(sheet(rows), term=roster_term), term=roster_term, actor=UserFactory())
    again = read_roster(save(exported(roster_term)), term=roster_term)
    assert [(row.name, row.ethnicity, row.political_status, row.levels, [g.name for g in row.groups])
            for row in again.rows] == [
        ("张德福", "汉族", "cpc_member", [L.TOWNSHIP, L.COUNTY], ["青山村代表小组"]),
        ("赵红梅", "回族", "masses", [L.TOWNSHIP], []),
    ]


def test_writing_takes_a_fixed_number_of_queries(roster_term, django_assert_num_queries):
    deputy(roster_term, 1)
    with django_assert_num_queries(5):
        exported(roster_term)
    for number in range(2, 15):
        person_ = deputy(roster_term, number)
        MandateFactory(deputy=person_, level=L.COUNTY, term=None)
        RepresentativeGroup.objects.get(name="青山村代表小组").members.add(person_)
    with django_assert_num_queries(5):
        sheet_ = exported(roster_term).active
    assert sheet_.max_row == 16


def test_a_written_workbook_is_a_valid_xlsx(roster_term):
    deputy(roster_term, 1)
    buffer = io.BytesIO()
    exported(roster_term).save(buffer)
    assert load_workbook(io.BytesIO(buffer.getvalue())).active["A3"].value == "代表1"
