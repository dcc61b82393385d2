"""python manage.py import_deputies / export_deputies: each bad row printed with its number and reason,
a non-zero exit and nothing imported; otherwise the counts."""
import datetime
from unittest import mock

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.utils import translation

from deputies.models import Deputy, Mandate
from tests.deputies.excel_samples import person, roster_term, rows_of, second_person, sheet  # noqa: F401
from tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def write(path, *rows):
    path.write_bytes(sheet(rows).getvalue())
    return str(path)


def manage(*argv):
    """Run a command as the shell does; returns its exit status. (The shell's run closes the database
    connections at the end, which would close the test's own: that step is skipped.)"""
    with mock.patch("django.core.management.base.connections.close_all"):
        try:
            ManagementUtility(["manage.py", *argv]).execute()
        except SystemExit as exit_:
            return exit_.code
    return 0


def test_a_good_sheet_is_imported_and_the_counts_printed(roster_term, tmp_path, capsys):
    assert manage("import_deputies", write(tmp_path / "名册.xlsx", person(), second_person())) == 0
    assert f"Roster of {roster_term} imported: 2 new, 0 updated, 0 unchanged." in capsys.readouterr().out
    assert Deputy.objects.count() == 2


def test_every_bad_row_is_printed_and_the_command_fails_importing_nothing(roster_term, tmp_path, capsys):
    path = write(tmp_path / "名册.xlsx", person(), person(姓名="李四", 出生年月="1975.13"),
                 second_person(选区="第9选区"))
    assert manage("import_deputies", path) == 1
    err = capsys.readouterr().err
    assert "Row 4, 出生年月: There is no month 13" in err
    assert "Row 5, 选区: Unknown electoral district “第9选区”" in err
    assert "2 problems in" in err and "nothing was imported" in err
    assert Deputy.objects.count() == 0


def test_a_second_run_updates_and_never_duplicates(roster_term, tmp_path):
    call_command("import_deputies", write(tmp_path / "a.xlsx", person(), second_person()), stdout=None)
    out = _output("import_deputies", write(tmp_path / "b.xlsx", person(联系电话="13900000000"), second_person()))
    assert "0 new, 1 updated, 1 unchanged" in out
    assert Deputy.objects.count() == 2 and Mandate.objects.count() == 2


def test_dry_run_checks_and_reports_but_writes_nothing(roster_term, tmp_path):
    out = _output("import_deputies", write(tmp_path / "a.xlsx", person(), second_person()), "--dry-run")
    assert "2 rows checked, nothing written (--dry-run). Importing would add 2, update 0" in out
    assert Deputy.objects.count() == 0


def test_term_and_election_date_may_be_given(roster_term, tmp_path):
    _output("import_deputies", write(tmp_path / "a.xlsx", person()), "--term", "11", "--elected-on", "2024-06-20")
    assert Mandate.objects.get().elected_on == datetime.date(2024, 6, 20)


@pytest.mark.parametrize("argv, message", [
    (["--term", "99"], "No term numbered 99"),
    (["--elected-on", "2030-01-01"], "must fall within"),
])
def test_a_wrong_option_is_refused(roster_term, tmp_path, argv, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_deputies", write(tmp_path / "a.xlsx", person()), *argv)
    assert Deputy.objects.count() == 0


def test_a_missing_file_is_refused(roster_term, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_deputies", str(tmp_path / "none.xlsx"))


def test_a_file_that_is_not_a_workbook_fails_cleanly(roster_term, tmp_path, capsys):
    path = tmp_path / "名册.xlsx"
    path.write_text("姓名,性别\n张德福,男\n")
    assert manage("import_deputies", str(path)) == 1
    assert "cannot be read as an Excel workbook" in capsys.readouterr().err


def test_export_writes_the_roster_in_office_on_the_date(roster_term, tmp_path):
    DeputyFactory(name="在任", birth_date=datetime.date(1970, 1, 1), district=roster_term.districts.first())
    DeputyFactory(name="辞职", birth_date=datetime.date(1971, 1, 1), in_office__status=Mandate.Status.RESIGNED,
                  in_office__ended_on=datetime.date(2024, 1, 1))
    out_path = tmp_path / "名册.xlsx"
    out = _output("export_deputies", str(out_path), "--date", "2023-06-01")
    assert f"2 deputies of {roster_term} in office on 2023-06-01 written to" in out
    assert [row[0] for row in rows_of(out_path.open("rb"))[2:]] == ["在任", "辞职"]
    _output("export_deputies", str(out_path), "--term", "11", "--date", "2024-06-01")
    assert [row[0] for row in rows_of(out_path.open("rb"))[2:]] == ["在任"]


def test_an_exported_sheet_imports_back_unchanged_through_the_commands(roster_term, tmp_path):
    _output("import_deputies", write(tmp_path / "a.xlsx", person(代表层级="镇、县"), second_person()))
    _output("export_deputies", str(tmp_path / "out.xlsx"))
    assert "0 new, 0 updated, 2 unchanged" in _output("import_deputies", str(tmp_path / "out.xlsx"))


def test_export_refuses_a_date_outside_the_term_and_a_missing_folder(roster_term, tmp_path):
    with pytest.raises(CommandError, match="must fall within"):
        call_command("export_deputies", str(tmp_path / "a.xlsx"), "--date", "2030-01-01")
    with pytest.raises(CommandError, match="No such folder"):
        call_command("export_deputies", str(tmp_path / "nowhere" / "a.xlsx"))


def test_a_malformed_date_option_exits_with_usage(roster_term, tmp_path, capsys):
    assert manage("export_deputies", str(tmp_path / "a.xlsx"), "--date", "2026.05.01") == 2
    assert "is not a date like 2021-11-26" in capsys.readouterr().err


def _output(*argv):
    from io import StringIO

    out = StringIO()
    call_command(*argv, stdout=out)
    return out.getvalue()
