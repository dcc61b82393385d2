"""Reading the office's roster sheet: what real sheets contain is tolerated, and every wrong cell is
reported with its row number as Excel shows it, its column and the reason. Nothing is written."""
import datetime
import io

import pytest
from django.utils import translation

from deputies.models import Deputy, Mandate, RepresentativeGroup
from deputies.roster_excel import read_roster
from tests.deputies.excel_samples import HEADER, person, roster_term, second_person, sheet  # noqa: F401

pytestmark = pytest.mark.django_db
D, L = Deputy, Mandate.Level


@pytest.fixture(autouse=True)
def english():
    """Reasons in English, so that the assertions hold whatever the Chinese catalogue says."""
    with translation.override("en"):
        yield


def read(roster_term, *rows, **options):
    return read_roster(sheet(rows, **options), term=roster_term)


def only_row(roster_term, **cells):
    result = read(roster_term, person(**cells))
    assert result.errors == [], result.errors
    assert len(result.rows) == 1
    return result.rows[0]


def only_error(roster_term, **cells):
    result = read(roster_term, person(**cells))
    assert result.rows == []
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


# --- finding the table ---------------------------------------------------------------------------

def test_a_sheet_with_a_title_row_reads_every_deputy(roster_term):
    result = read(roster_term, person(), second_person())
    assert result.ok
    first, second = result.rows
    assert (first.row, first.name, first.gender) == (3, "张德福", D.Gender.MALE)
    assert first.birth_date == datetime.date(1968, 4, 1)
    assert first.political_status == D.PoliticalStatus.CPC_MEMBER
    assert (first.education, first.occupation) == (D.Education.JUNIOR, D.Occupation.FARMER)
    assert (first.work_unit, first.phone) == ("青山村村民，种粮大户", "13907310004")
    assert first.district.name == "第1选区（青山村）" and first.levels == [L.TOWNSHIP]
    assert (second.row, second.name, second.gender, second.district.number) == (4, "赵红梅", D.Gender.FEMALE, 2)


def test_the_header_may_be_on_the_first_row(roster_term):
    result = read(roster_term, person(), title=None)
    assert result.ok and result.rows[0].row == 2


def test_columns_are_found_by_header_text_with_spaces_full_width_characters_and_extra_columns(roster_term):
    header = ["序号", "姓　名", " 性别 ", "出生年月（如1975.03）", "选区", "备注", "联系电话", "政治面貌"]
    rows = [[1, "张德福", "男", "1968.04", "第1选区", "种粮大户", "13907310004", "党员"]]
    row = read(roster_term, *rows, header=header).rows[0]
    assert (row.name, row.gender, row.birth_date, row.phone) == ("张德福", D.Gender.MALE, datetime.date(1968, 4, 1),
                                                                 "13907310004")
    assert row.political_status == D.PoliticalStatus.CPC_MEMBER


def test_the_usual_other_names_of_columns_are_understood(roster_term):
    header = ["姓名", "性别", "出生日期", "所在选区", "手机号码", "学历", "工作单位和职务"]
    rows = [["张德福", "男", "1968.04", "第1选区", "13907310004", "大专", "村支书"]]
    row = read(roster_term, *rows, header=header).rows[0]
    assert (row.phone, row.education, row.work_unit) == ("13907310004", D.Education.COLLEGE, "村支书")


def test_empty_rows_and_a_signature_line_are_left_aside_and_row_numbers_stay_those_of_excel(roster_term):
    rows = [person(), {}, {}, second_person(), ["填表人：陈晓梅"]]
    result = read(roster_term, *rows)
    assert result.ok
    assert [row.row for row in result.rows] == [3, 6]


def test_a_missing_required_column_is_named(roster_term):
    header = [name for name in HEADER if name != "选区"]
    result = read(roster_term, person(), header=header)
    assert result.rows == []
    assert [(error.row, error.column) for error in result.errors] == [(2, "选区")]
    assert "The column 选区 is missing" in result.errors[0].message


def test_a_sheet_without_a_header_row_says_what_it_looks_for(roster_term):
    result = read(roster_term, ["张德福", "男"], header=["甲", "乙"])
    assert [error.row for error in result.errors] == [None]
    assert "No header row found" in result.errors[0].message


def test_a_sheet_with_only_its_header_has_nothing_to_import(roster_term):
    result = read(roster_term)
    assert not result.ok
    assert "no deputies" in result.errors[0].message


def test_a_file_that_is_not_a_workbook_is_refused_without_a_crash(roster_term):
    result = read_roster(io.BytesIO(b"PK\x03\x04 not really a zip"), term=roster_term)
    assert not result.ok
    assert "cannot be read as an Excel workbook" in result.errors[0].message


def test_a_workbook_that_would_unpack_to_a_huge_size_is_refused_before_it_is_opened(roster_term, monkeypatch):
    monkeypatch.setattr("deputies.roster_excel.reading.MAX_UNPACKED_BYTES", 1024)
    result = read(roster_term, *[person(姓名=f"代表{n}", 工作单位及职务="很长的单位名称" * 10) for n in range(30)])
    assert "unpacks to more than 0 MB" in result.errors[0].message


def test_a_wrong_sheet_of_thousands_of_rows_is_refused(roster_term, monkeypatch):
    monkeypatch.setattr("deputies.roster_excel.reading.MAX_ROWS", 3)
    result = read(roster_term, *[person(姓名=f"代表{n}") for n in range(4)])
    assert "more than 3 rows" in result.errors[0].message


# --- tolerated spellings -------------------------------------------------------------------------

def test_full_width_digits_spaces_and_padding_are_tolerated(roster_term):
    row = only_row(roster_term, 姓名="王　芳 ", 性别="女　", 联系电话="１３９０７３１０００１", 出生年月="１９７５．０３")
    assert (row.name, row.gender, row.phone, row.birth_date) == ("王芳", D.Gender.FEMALE, "13907310001",
                                                                 datetime.date(1975, 3, 1))


@pytest.mark.parametrize("written", [
    "1975.03", "1975.3", "1975-3", "1975-03", "1975/03", "1975年3月", "1975年03月", "197503", "1975.03.18",
    "1975年3月18日", " 1975.03 ", datetime.datetime(1975, 3, 18), datetime.datetime(1975, 3, 1),
    (1975.03, "General"), (1975.3, "General"), (197503, "General"), (27471, "General"),
])
def test_the_month_of_birth_is_read_however_it_is_written_and_kept_as_its_first_day(roster_term, written):
    assert only_row(roster_term, 出生年月=written).birth_date == datetime.date(1975, 3, 1)


def test_a_number_formatted_with_two_decimals_reads_as_excel_shows_it(roster_term):
    # Typed 1975.10 into a cell formatted 0.00: Excel stores 1975.1 and shows 1975.10, October.
    assert only_row(roster_term, 出生年月=(1975.1, "0.00")).birth_date == datetime.date(1975, 10, 1)


@pytest.mark.parametrize("written, expected", [("男", D.Gender.MALE), ("女", D.Gender.FEMALE),
                                               ("男性", D.Gender.MALE), (" 女 ", D.Gender.FEMALE)])
def test_gender(roster_term, written, expected):
    assert only_row(roster_term, 性别=written).gender == expected


@pytest.mark.parametrize("written, expected", [("汉族", "汉族"), ("回族", "回族"), ("汉", "汉族"), ("土家", "土家族"),
                                               (None, ""), ("蒙古族", "蒙古族")])
def test_ethnicity_is_free_text_and_an_empty_cell_leaves_the_default(roster_term, written, expected):
    assert only_row(roster_term, 民族=written).ethnicity == expected


@pytest.mark.parametrize("written, expected", [
    ("中共党员", D.PoliticalStatus.CPC_MEMBER), ("党员", D.PoliticalStatus.CPC_MEMBER),
    ("中共预备党员", D.PoliticalStatus.CPC_PROBATIONARY), ("共青团员", D.PoliticalStatus.CYL_MEMBER),
    ("团员", D.PoliticalStatus.CYL_MEMBER), ("民主党派", D.PoliticalStatus.DEMOCRATIC_PARTY),
    ("民革", D.PoliticalStatus.DEMOCRATIC_PARTY), ("民盟盟员", D.PoliticalStatus.DEMOCRATIC_PARTY),
    ("民建", D.PoliticalStatus.DEMOCRATIC_PARTY), ("民进", D.PoliticalStatus.DEMOCRATIC_PARTY),
    ("农工党", D.PoliticalStatus.DEMOCRATIC_PARTY), ("致公党", D.PoliticalStatus.DEMOCRATIC_PARTY),
    ("九三学社", D.PoliticalStatus.DEMOCRATIC_PARTY), ("台盟", D.PoliticalStatus.DEMOCRATIC_PARTY),
    ("无党派人士", D.PoliticalStatus.NON_PARTY), ("群众", D.PoliticalStatus.MASSES), (None, ""),
])
def test_political_status_maps_the_common_spellings(roster_term, written, expected):
    assert only_row(roster_term, 政治面貌=written).political_status == expected


@pytest.mark.parametrize("written, expected", [
    ("小学", D.Education.PRIMARY), ("初中", D.Education.JUNIOR), ("高中", D.Education.SENIOR),
    ("中专", D.Education.SENIOR), ("职高", D.Education.SENIOR), ("大专", D.Education.COLLEGE),
    ("本科", D.Education.BACHELOR), ("大学", D.Education.BACHELOR), ("本科（在职）", D.Education.BACHELOR),
    ("研究生", D.Education.POSTGRADUATE), ("硕士", D.Education.POSTGRADUATE), ("博士", D.Education.POSTGRADUATE),
    (None, ""),
])
def test_education_maps_to_the_deputy_choices(roster_term, written, expected):
    assert only_row(roster_term, 文化程度=written).education == expected


@pytest.mark.parametrize("written, expected", [
    ("工人", D.Occupation.WORKER), ("农民", D.Occupation.FARMER), ("专业技术人员", D.Occupation.PROFESSIONAL),
    ("干部", D.Occupation.CADRE), ("党政干部", D.Occupation.CADRE), ("村干部", D.Occupation.CADRE),
    ("企业负责人", D.Occupation.OTHER), ("其他", D.Occupation.OTHER), (None, ""),
])
def test_occupation_maps_to_the_five_categories(roster_term, written, expected):
    assert only_row(roster_term, 职业类别=written).occupation == expected


@pytest.mark.parametrize("written", ["13907310001", 13907310001, "139 0731 0001", "139-0731-0001",
                                     "+86 13907310001", "１３９０７３１０００１"])
def test_a_mobile_number_is_read_in_its_usual_forms(roster_term, written):
    assert only_row(roster_term, 联系电话=written).phone == "13907310001"


def test_the_phone_may_be_empty(roster_term):
    assert only_row(roster_term, 联系电话=None).phone == ""


@pytest.mark.parametrize("written", ["第1选区（青山村）", "第1选区(青山村)", "第1选区", "第一选区", "1", 1, "青山村"])
def test_the_district_is_found_by_name_number_or_area(roster_term, written):
    assert only_row(roster_term, 选区=written).district.number == 1


def test_groups_of_the_term_are_found_by_name(roster_term):
    row = only_row(roster_term, 代表小组="青山村代表小组、白沙村代表小组")
    assert [group.name for group in row.groups] == ["青山村代表小组", "白沙村代表小组"]


@pytest.mark.parametrize("written, expected", [
    ("镇", [L.TOWNSHIP]), (None, [L.TOWNSHIP]), ("镇、县", [L.TOWNSHIP, L.COUNTY]),
    ("镇人大代表,县人大代表", [L.TOWNSHIP, L.COUNTY]), ("县、镇", [L.TOWNSHIP, L.COUNTY]),
    ("镇，县，市", [L.TOWNSHIP, L.COUNTY, L.CITY]), ("镇 县 市 省", [L.TOWNSHIP, L.COUNTY, L.CITY, L.PROVINCE]),
    ("青山镇人大代表、清水县人大代表", [L.TOWNSHIP, L.COUNTY]), ("乡镇", [L.TOWNSHIP]),
])
def test_several_levels_may_be_listed(roster_term, written, expected):
    assert only_row(roster_term, 代表层级=written).levels == expected


# --- every error, with its row number, column and reason -------------------------------------------

@pytest.mark.parametrize("cells, column, reason", [
    ({"姓名": None}, "姓名", "The name is empty"),
    ({"性别": None}, "性别", "The gender is empty"),
    ({"性别": "未知"}, "性别", "“未知” is not a gender"),
    ({"出生年月": None}, "出生年月", "The year and month of birth are empty"),
    ({"出生年月": "七五年三月"}, "出生年月", "is not a year and month"),
    ({"政治面貌": "居民"}, "政治面貌", "“居民” is not a political status"),
    ({"文化程度": "扫盲班"}, "文化程度", "“扫盲班” is not an education level"),
    ({"职业类别": "学生"}, "职业类别", "“学生” is not an occupation category"),
    ({"联系电话": "1390731000"}, "联系电话", "“1390731000” is not an 11-digit mobile number"),
    ({"联系电话": "0731-86120000"}, "联系电话", "is not an 11-digit mobile number"),
    ({"选区": None}, "选区", "The electoral district is empty"),
    ({"代表小组": "不存在小组"}, "代表小组", "Unknown representative group “不存在小组”"),
    ({"代表层级": "全国"}, "代表层级", "“全国” is not a level"),
    ({"代表层级": "县"}, "代表层级", "the level must include 镇"),
    ({"工作单位及职务": "很长" * 60}, "工作单位及职务", "at most 100 characters"),
])
def test_each_wrong_cell_is_reported_with_its_row_column_and_reason(roster_term, cells, column, reason):
    error = only_error(roster_term, **cells)
    assert (error.row, error.column) == (3, column)
    assert reason in error.message


def test_an_unknown_district_is_an_error_naming_the_term(roster_term):
    error = only_error(roster_term, 选区="第9选区")
    assert (error.row, error.column) == (3, "选区")
    assert "Unknown electoral district “第9选区”" in error.message


def test_a_district_of_another_term_is_unknown(roster_term):
    from tests.factories import ElectoralDistrictFactory, TermFactory

    ElectoralDistrictFactory(term=TermFactory(number=10, start_date=datetime.date(2016, 11, 1),
                                              end_date=datetime.date(2021, 11, 25)), number=7, name="第7选区")
    assert "Unknown electoral district" in only_error(roster_term, 选区="第7选区").message


def test_a_group_of_another_term_is_unknown(roster_term):
    from tests.factories import TermFactory

    other = TermFactory(number=10, start_date=datetime.date(2016, 11, 1), end_date=datetime.date(2021, 11, 25))
    RepresentativeGroup.objects.create(term=other, name="老代表小组")
    assert "Unknown representative group" in only_error(roster_term, 代表小组="老代表小组").message


@pytest.mark.parametrize("written, reason", [
    ("1975.13", "There is no month 13"),
    ("1975-00", "There is no month 0"),
    ("1975年13月", "There is no month 13"),
    ((1975.13, "General"), "There is no month 13"),
    ("1975.02.30", "The day 30 does not exist"),
    ("2099.01", "2099.01 is in the future"),
    ("1899.12", "The year 1899 is before 1900"),
    (datetime.datetime(1890, 5, 1), "The year 1890 is before 1900"),
])
def test_impossible_dates_are_refused_with_the_reason(roster_term, written, reason):
    error = only_error(roster_term, 出生年月=written)
    assert (error.row, error.column) == (3, "出生年月")
    assert reason in error.message


def test_every_wrong_cell_of_a_row_is_reported_not_only_the_first(roster_term):
    result = read(roster_term, person(), person(姓名="李四", 性别="?", 出生年月="1975.13", 选区="第9选区"))
    assert [(error.row, error.column) for error in result.errors] == [(4, "性别"), (4, "出生年月"), (4, "选区")]
    assert [row.name for row in result.rows] == ["张德福"]
    assert not result.ok


def test_the_same_person_twice_is_an_error_on_the_second_row_naming_the_first(roster_term):
    result = read(roster_term, person(), second_person(), person(出生年月="1968年4月", 联系电话=None))
    assert [(error.row, error.column) for error in result.errors] == [(5, "姓名")]
    assert "张德福 born 1968.04 is already on row 3" in result.errors[0].message


def test_namesakes_born_in_different_months_are_two_people(roster_term):
    assert read(roster_term, person(), person(出生年月="1980.01")).ok


def test_reasons_are_written_through_the_translation_catalogue(roster_term):
    with translation.override("zh-hans"):
        error = only_error(roster_term, 选区="第9选区")
    with translation.override("zh-hans"):
        expected = translation.gettext("Unknown electoral district “%(value)s”: %(term)s has no such district.") % {
            "value": "第9选区", "term": roster_term}
    assert error.message == expected


def test_reading_writes_nothing(roster_term):
    read(roster_term, person(), second_person())
    assert Deputy.objects.count() == 0
