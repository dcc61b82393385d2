"""What every form that takes a file must do with a file too big or not what its name says: refuse
it next to its field, say to choose it again, and keep everything else that was typed. Each app's
test_upload_forms.py posts its forms through these helpers."""
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import files

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
SMALL_CAP = 1024  # MAX_UPLOAD_BYTES while these tests run: 10 MB in the portal
CHOOSE_AGAIN = ("Choose the file again", "Choose the files again", "Choose the photos or documents again")


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", SMALL_CAP)


def disguised(name="答复函.pdf"):
    """A program renamed .pdf."""
    return SimpleUploadedFile(name, EXE)


def oversized(name="扫描件.pdf"):
    """A real PDF, over the (small_cap) limit."""
    return SimpleUploadedFile(name, PDF + b"0" * SMALL_CAP)


PROBLEMS = {"disguised": (disguised, "not the kind of file its name says"), "oversized": (oversized, "at most 10 MB")}


def assert_refused_on_the_field_and_the_rest_kept(response, form_name, field, problem, kept):
    """The form came back (not saved, not a 500) with `problem` on `field`, the note to choose the
    file again, and every value of `kept` ({field: posted value}) back in its field."""
    assert response.status_code in (200, 400), response.status_code
    form = response.context[form_name]
    errors = form.errors.get(field, [])
    assert any(problem in error for error in errors), dict(form.errors)
    page = html.unescape(response.content.decode())
    assert problem in page
    assert any(note in page for note in CHOOSE_AGAIN)
    for name, value in kept.items():
        assert str(form[name].value()) == str(value), (name, form[name].value())
        assert str(value) in page, name
