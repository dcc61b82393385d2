"""The roster import: a sheet too big or not really a workbook is refused next to the file field,
says to choose the file again, and keeps the term and the election date chosen (tests/uploads.py)."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deputies import forms_excel
from tests.deputies.excel_samples import media_root, roster_term  # noqa: F401 (fixtures)
from tests.uploads import EXE, assert_refused_on_the_field_and_the_rest_kept

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("problem", ["disguised", "oversized"])
def test_a_bad_roster_sheet_is_refused_and_the_choices_kept(english, staff_user, roster_term, media_root, problem,
                                                            monkeypatch):
    monkeypatch.setattr(forms_excel, "MAX_UPLOAD_BYTES", 1024)  # 5 MB in the portal
    english.force_login(staff_user)
    content, message = {"disguised": (EXE, "not really an Excel workbook"),
                        "oversized": (b"PK\x03\x04" + b"0" * 2048, "at most")}[problem]
    elected_on = roster_term.start_date.isoformat()
    response = english.post(reverse("deputies_excel:import"), {
        "file": SimpleUploadedFile("名册.xlsx", content), "term": roster_term.pk, "elected_on": elected_on})
    assert_refused_on_the_field_and_the_rest_kept(response, "form", "file", message,
                                                  kept={"term": roster_term.pk, "elected_on": elected_on})
    assert not any(media_root.rglob("*.xlsx"))
