"""The office's import pages (upload → check → confirm) and the roster download."""
import datetime
import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core.forms import CHOOSE_FILE_AGAIN
from deputies.models import Deputy, Mandate
from tests.deputies.excel_samples import (HEADER, media_root, person, roster_term, second_person,  # noqa: F401
                                          sheet)
from tests.factories import DeputyFactory, TownshipFactory, user_with_role

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(name="名册.xlsx", rows=None, content=None):
    if content is None:
        content = sheet(rows if rows is not None else [person(), second_person()]).getvalue()
    return SimpleUploadedFile(name, content, content_type=XLSX)


def choose_again():
    """The note a file field adds when its form comes back with errors, as the page shows it."""
    with translation.override("zh-hans"):
        return str(CHOOSE_FILE_AGAIN)


def chinese(msgid, **values):
    """The message as the page shows it in Chinese, the portal's language (through the catalogue)."""
    with translation.override("zh-hans"):
        text = translation.gettext(msgid)
    return text % values if values else text


@pytest.fixture
def office(client, staff_user, roster_term, media_root):
    client.force_login(staff_user)
    return client


def check(client, **data):
    """Step 1: upload; returns the response of the check page it leads to."""
    response = client.post(reverse("deputies_excel:import"), {"term": data.pop("term", None) or
                                                              _term_pk(), **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == reverse("deputies_excel:check")
    return client.get(response.url)


def _term_pk():
    from deputies.models import Term

    return Term.objects.get(number=11).pk


def stored_files(media_root):
    folder = media_root / "roster_imports"
    return sorted(folder.glob("*.xlsx")) if folder.exists() else []


# --- who may -------------------------------------------------------------------------------------

@pytest.mark.parametrize("url_name, method", [
    ("deputies_excel:import", "get"), ("deputies_excel:check", "get"), ("deputies_excel:confirm", "post"),
    ("deputies_excel:cancel", "post"), ("deputies_excel:template", "get"),
])
@pytest.mark.parametrize("user", ["deputy_user", "unit_officer", "presidium_member"])
def test_only_the_office_may_import(client, request, roster_term, url_name, method, user):
    client.force_login(request.getfixturevalue(user))
    assert getattr(client, method)(reverse(url_name)).status_code == 403


@pytest.mark.parametrize("user", ["deputy_user", "unit_officer"])
def test_deputies_and_unit_officers_may_not_download_the_roster(client, request, roster_term, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("deputies_excel:export")).status_code == 403


@pytest.mark.parametrize("role", ["chairman", "presidium_member", "staff_user"])
def test_those_who_read_everything_may_download_the_roster(client, request, roster_term, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("deputies_excel:export"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX


def test_the_chairman_may_import(client, chairman, roster_term, media_root):
    client.force_login(chairman)
    check(client, file=upload())
    client.post(reverse("deputies_excel:confirm"))
    assert Deputy.objects.count() == 2


# --- the three steps -----------------------------------------------------------------------------

def test_the_upload_page_offers_an_xlsx_picker_the_current_term_and_the_downloads(office, roster_term):
    content = office.get(reverse("deputies_excel:import")).content.decode()
    assert 'type="file"' in content and 'accept=".xlsx,' in content
    assert f'<option value="{roster_term.pk}" selected>' in content
    assert reverse("deputies_excel:template") in content and reverse("deputies_excel:export") in content
    assert 'enctype="multipart/form-data"' in content


def test_uploading_keeps_the_file_for_the_check_and_writes_nothing(office, media_root):
    response = check(office, file=upload())
    assert response.status_code == 200
    assert len(stored_files(media_root)) == 1
    assert Deputy.objects.count() == 0


def test_the_check_shows_what_will_be_created_and_updated(office, roster_term):
    DeputyFactory(name="张德福", birth_date=datetime.date(1968, 4, 1), phone="13800000000",
                  district=roster_term.districts.get(number=1), in_office__term=roster_term)
    response = check(office, file=upload(rows=[person(), second_person()]))
    content = response.content.decode()
    assert response.context["counts"] == {"create": 1, "update": 1, "unchanged": 0}
    assert [item.action for item in response.context["plan"].rows] == ["update", "create"]
    assert "张德福" in content and "赵红梅" in content
    assert f'action="{reverse("deputies_excel:confirm")}"' in content
    assert response.context["errors"] == []


def test_confirming_imports_the_checked_sheet_and_removes_the_file(office, roster_term, media_root):
    check(office, file=upload())
    response = office.post(reverse("deputies_excel:confirm"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("deputies_excel:import")
    assert Deputy.objects.count() == 2
    assert Mandate.objects.filter(term=roster_term, level=Mandate.Level.TOWNSHIP).count() == 2
    assert stored_files(media_root) == []
    assert "deputies_excel_pending" not in office.session
    message = chinese("The roster of %(term)s is imported: %(created)d new, %(updated)d updated, "
                      "%(unchanged)d unchanged.", term=roster_term, created=2, updated=0, unchanged=0)
    assert message in response.content.decode()


def test_the_chosen_election_date_is_used_for_new_deputies(office):
    check(office, file=upload(), elected_on="2024-06-20")
    office.post(reverse("deputies_excel:confirm"))
    assert set(Mandate.objects.values_list("elected_on", flat=True)) == {datetime.date(2024, 6, 20)}


def test_a_sheet_with_errors_shows_each_with_its_row_and_cannot_be_imported(office):
    response = check(office, file=upload(rows=[person(), person(姓名="李四", 出生年月="1975.13"),
                                               second_person(选区="第9选区")]))
    content = response.content.decode()
    assert [(error.row, error.column) for error in response.context["errors"]] == [(4, "出生年月"), (5, "选区")]
    with translation.override("zh-hans"):
        row_label = translation.pgettext("roster import", "Row %(row)s") % {"row": 4}
    assert row_label in content
    assert chinese("There is no month %(month)d: write the month as 1 to 12, like 1975.03.", month=13) in content
    assert f'action="{reverse("deputies_excel:confirm")}"' not in content
    office.post(reverse("deputies_excel:confirm"))
    assert Deputy.objects.count() == 0


def test_deputies_in_office_missing_from_the_sheet_are_named(office, roster_term):
    DeputyFactory(name="郭立新", birth_date=datetime.date(1967, 10, 1), in_office__term=roster_term)
    content = check(office, file=upload()).content.decode()
    assert "郭立新" in content


def test_cancelling_forgets_the_file(office, media_root):
    check(office, file=upload())
    office.post(reverse("deputies_excel:cancel"))
    assert stored_files(media_root) == [] and "deputies_excel_pending" not in office.session
    assert office.get(reverse("deputies_excel:check")).url == reverse("deputies_excel:import")


def test_a_new_upload_replaces_the_one_waiting(office, media_root):
    check(office, file=upload())
    check(office, file=upload(rows=[person()]))
    assert len(stored_files(media_root)) == 1


def test_another_account_never_sees_a_sheet_waiting_in_someone_elses_session(office, client, roster_term):
    check(office, file=upload())
    from django.test import Client

    other = Client()
    other.force_login(user_with_role("staff", username="staff2"))
    assert other.get(reverse("deputies_excel:check")).status_code == 302
    other.post(reverse("deputies_excel:confirm"))
    assert Deputy.objects.count() == 0


def test_the_check_and_confirm_pages_without_an_upload_lead_back_to_the_upload(office):
    assert office.get(reverse("deputies_excel:check")).url == reverse("deputies_excel:import")
    assert office.post(reverse("deputies_excel:confirm")).url == reverse("deputies_excel:import")


def test_the_check_page_takes_a_fixed_number_of_queries(office, roster_term, django_assert_num_queries):
    check(office, file=upload(rows=[person()]))
    with django_assert_num_queries(QUERIES_OF_THE_CHECK_PAGE):
        office.get(reverse("deputies_excel:check"))
    check(office, file=upload(rows=[person(姓名=f"代表{n}", 代表小组="青山村代表小组") for n in range(30)]))
    with django_assert_num_queries(QUERIES_OF_THE_CHECK_PAGE):
        office.get(reverse("deputies_excel:check"))


# session, user with their roles and unread count, township, term of the upload, districts, groups of the term,
# deputies named in the sheet (+ their mandates and groups only when some exist), deputies not in the sheet
QUERIES_OF_THE_CHECK_PAGE = 8


# --- refusals --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, msgid", [
    ("名册.xls", b"\xd0\xcf\x11\xe0 old excel", "This is not an .xlsx file. In Excel or WPS choose “Save as” → "
                                                "“Excel workbook (*.xlsx)”, then upload that file."),
    ("名册.csv", "姓名,性别".encode(), "This is not an .xlsx file. In Excel or WPS choose “Save as” → "
                                        "“Excel workbook (*.xlsx)”, then upload that file."),
    ("名册.pdf", b"%PDF-1.7", "Only Excel workbooks (.xlsx) can be imported."),
    ("名册.xlsx", b"just text",
     "This file is not really an Excel workbook. Open it in Excel or WPS and save it as .xlsx."),
])
def test_other_kinds_of_file_are_refused_with_a_plain_message(office, media_root, name, content, msgid):
    response = office.post(reverse("deputies_excel:import"), {"file": upload(name, content=content),
                                                              "term": _term_pk()})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [chinese(msgid), choose_again()]
    assert chinese(msgid) in response.content.decode()
    assert stored_files(media_root) == []


def test_a_damaged_workbook_passes_the_upload_and_is_explained_on_the_check_page(office):
    response = check(office, file=upload(content=b"PK\x03\x04 a damaged zip archive"))
    content = response.content.decode()
    assert [error.row for error in response.context["errors"]] == [None]
    with translation.override("zh-hans"):
        assert translation.pgettext("roster import", "File") in content
    assert chinese("This file cannot be read as an Excel workbook. Save it as .xlsx (Excel 2007 or later) and "
                   "upload it again.") in content
    assert f'action="{reverse("deputies_excel:confirm")}"' not in content


def test_a_file_over_five_megabytes_is_refused(office, media_root):
    big = b"PK\x03\x04" + b"0" * (5 * 1024 * 1024)
    response = office.post(reverse("deputies_excel:import"), {"file": upload(content=big), "term": _term_pk()})
    error, note = response.context["form"].errors["file"]
    assert note == choose_again()
    with translation.override("zh-hans"):
        from django.template.defaultfilters import filesizeformat

        expected = chinese("The file is %(size)s: at most %(limit)s can be uploaded. A roster is far smaller; "
                           "check that this is the right file.", size=filesizeformat(len(big)),
                           limit=filesizeformat(5 * 1024 * 1024))
    assert error == expected
    assert stored_files(media_root) == []


def test_no_file_chosen_asks_for_one_and_keeps_the_other_choices(office, roster_term):
    response = office.post(reverse("deputies_excel:import"), {"term": roster_term.pk, "elected_on": "2024-06-20"})
    assert response.context["form"].errors["file"] == [chinese("Choose the roster sheet to upload.")]
    content = response.content.decode()
    assert f'<option value="{roster_term.pk}" selected>' in content
    assert 'value="2024-06-20"' in content


def test_an_election_date_outside_the_term_is_refused_on_the_form(office, roster_term):
    response = office.post(reverse("deputies_excel:import"), {"file": upload(), "term": roster_term.pk,
                                                              "elected_on": "2030-01-01"})
    # The sheet was fine, but the browser does not keep it: the file field asks for it again.
    assert response.context["form"].errors["file"] == [choose_again()]
    assert list(response.context["form"].errors) == ["elected_on", "file"]
    assert 'value="2030-01-01"' in response.content.decode()


# --- downloads -------------------------------------------------------------------------------------

def test_the_roster_downloads_with_its_chinese_file_name(office, roster_term):
    TownshipFactory(name="青山镇")
    DeputyFactory(name="张德福", birth_date=datetime.date(1968, 4, 1), phone="13907310004",
                  district=roster_term.districts.get(number=1), in_office__term=roster_term)
    response = office.get(reverse("deputies_excel:export"), {"date": "2026-05-01"})
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="roster-term11-20260501.xlsx"; ')
    assert f"filename*=utf-8''{quote('代表名册-第十一届-20260501.xlsx')}" in disposition
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "青山镇第十一届人民代表大会代表名册"
    assert list(rows[1]) == HEADER
    assert rows[2][:4] == ("张德福", "男", "汉族", "1968.04")


def test_the_download_takes_a_fixed_number_of_queries(office, roster_term, django_assert_num_queries):
    DeputyFactory(name="代表0", birth_date=datetime.date(1970, 1, 1), in_office__term=roster_term)
    with django_assert_num_queries(QUERIES_OF_THE_DOWNLOAD):
        office.get(reverse("deputies_excel:export"))
    for number in range(1, 20):
        DeputyFactory(name=f"代表{number}", birth_date=datetime.date(1970, 1, 1), in_office__term=roster_term,
                      district=roster_term.districts.get(number=number % 3 + 1))
    with django_assert_num_queries(QUERIES_OF_THE_DOWNLOAD):
        response = office.get(reverse("deputies_excel:export"))
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 22


# session, user with their roles, current term, deputies, their mandates, their groups, township, districts
QUERIES_OF_THE_DOWNLOAD = 8


def test_a_date_alone_exports_the_roster_of_the_term_of_that_day(office, roster_term):
    from tests.factories import TermFactory

    earlier = TermFactory(number=10, start_date=datetime.date(2016, 11, 1), end_date=datetime.date(2021, 11, 25))
    DeputyFactory(name="老代表", birth_date=datetime.date(1950, 1, 1), in_office__term=earlier,
                  in_office__elected_on=datetime.date(2016, 11, 1))
    response = office.get(reverse("deputies_excel:export"), {"date": "2020-01-01"})
    assert quote("代表名册-第十届-20200101.xlsx") in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).active["A3"].value == "老代表"


def test_a_wrong_date_shows_the_form_with_the_reason_instead_of_a_file(office, roster_term):
    response = office.get(reverse("deputies_excel:export"), {"date": "2030-01-01"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert list(response.context["form"].errors) == ["date"]
    response = office.get(reverse("deputies_excel:export"), {"term": "abc", "date": "yesterday"})
    assert response.status_code == 200 and set(response.context["form"].errors) == {"term", "date"}


def test_without_any_term_there_is_nothing_to_export(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("deputies_excel:export"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        chinese("No term has been entered yet, so there is no roster to export.")]


def test_the_blank_sheet_has_the_header_row(office, roster_term):
    response = office.get(reverse("deputies_excel:template"), {"term": "abc"})
    assert response.status_code == 200
    assert f"filename*=utf-8''{quote('代表名册模板-第十一届.xlsx')}" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[1]) == HEADER and len(rows) == 2
