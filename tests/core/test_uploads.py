"""Uploaded files (core/files.py): at most 10 MB, of a type checked by its content, stored under a
random name outside the web root, and served only by views that check access, under the name the
person gave the file. The forms that take files are tested in each app's test_upload_forms.py."""
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import resolve, reverse
from django.utils import translation

from core import files
from core.exceptions import ApplicationError
from core.files import MAX_UPLOAD_BYTES, RandomName, upload_check
from motions.models import Attachment, Suggestion
from motions.services.deputy import MAX_ATTACHMENTS
from tests.congress.factories import SessionFactory
from tests.factories import word_document_bytes
from tests.motions.factories import SuggestionFactory

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
ZIP_NOT_WORD = b"PK\x03\x04" + b"\x00" * 32
BASE_DIR = Path(settings.BASE_DIR)
NGINX = (BASE_DIR / "deploy" / "nginx.conf").read_text()


@pytest.fixture
def in_english():
    with translation.override("en"):
        yield


def upload(name, content):
    return SimpleUploadedFile(name, content)


# --- Size -----------------------------------------------------------------------------------------

def test_a_file_of_exactly_10_mb_is_accepted():
    assert upload_check(upload("扫描件.pdf", PDF + b"0" * (MAX_UPLOAD_BYTES - len(PDF)))) == "扫描件.pdf"


def test_a_file_one_byte_over_10_mb_is_refused_on_its_field(in_english):
    with pytest.raises(ApplicationError) as refused:
        upload_check(upload("扫描件.pdf", PDF + b"0" * (MAX_UPLOAD_BYTES + 1 - len(PDF))), field="letter")
    assert "at most 10 MB" in refused.value.message and refused.value.field == "letter"


# --- Type, by content ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, content", [
    ("报告.pdf", PDF), ("现场.jpg", JPEG), ("现场.JPEG", JPEG), ("现场.png", PNG), ("说明.doc", DOC),
    ("说明.docx", word_document_bytes()),
])
def test_documents_and_photos_of_the_type_their_name_says_are_accepted(name, content):
    assert upload_check(upload(name, content)) == name


@pytest.mark.parametrize("name, content", [
    ("答复函.pdf", EXE),           # a program renamed .pdf
    ("照片.png", HTML),            # a web page renamed .png
    ("照片.jpg", PDF),             # a PDF renamed .jpg
    ("说明.docx", ZIP_NOT_WORD),   # any zip archive renamed .docx
    ("空的.pdf", b""),
], ids=["exe-as-pdf", "html-as-png", "pdf-as-jpg", "zip-as-docx", "empty"])
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(in_english, name, content):
    with pytest.raises(ApplicationError, match="not the kind of file its name says"):
        upload_check(upload(name, content))


@pytest.mark.parametrize("name", ["setup.exe", "页面.html", "宏.docm", "表.xlsx", "无后缀"])
def test_other_kinds_of_file_are_refused_by_name(in_english, name):
    with pytest.raises(ApplicationError, match="cannot be used"):
        upload_check(upload(name, PDF))


def test_where_only_photos_are_wanted_a_pdf_is_refused(in_english):
    with pytest.raises(ApplicationError, match="only photos"):
        upload_check(upload("报告.pdf", PDF), photos_only=True)


# --- Random stored names ------------------------------------------------------------------------

def uploaded_file_fields():
    return [field for model in apps.get_models() for field in model._meta.get_fields()
            if isinstance(field, models.FileField) and model._meta.app_label != "core"]


def test_every_uploaded_file_field_stores_under_a_random_name():
    fields = uploaded_file_fields()
    assert len(fields) >= 8
    for field in fields:
        assert isinstance(field.upload_to, RandomName), f"{field.model.__name__}.{field.name}"


def test_the_stored_name_has_nothing_of_the_person_s_name():
    stored = RandomName("motions/letters")(None, "张三关于青山村机耕道的答复函.PDF")
    assert re.fullmatch(r"motions/letters/\d{4}/[0-9a-f]{32}\.pdf", stored)
    assert RandomName("x")(None, "payload.php.exe").endswith(tuple("0123456789abcdef"))  # no suffix kept


@pytest.mark.django_db
def test_two_uploads_of_the_same_name_are_stored_apart(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first, second = SessionFactory(), SessionFactory()
    first.minutes_file.save("纪要.pdf", ContentFile(PDF))
    second.minutes_file.save("纪要.pdf", ContentFile(PDF))
    assert first.minutes_file.name != second.minutes_file.name
    for stored in (first.minutes_file, second.minutes_file):
        assert "纪要" not in stored.name and Path(stored.path).is_file()


# --- Stored outside the web root and never served directly --------------------------------------

def test_media_root_is_outside_every_static_folder():
    media = Path(settings.MEDIA_ROOT).resolve()
    for static in [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS), BASE_DIR / "static"]:
        static = static.resolve()
        assert not media.is_relative_to(static) and not static.is_relative_to(media)


def test_nginx_never_serves_the_uploads_folder():
    media_location = re.search(r"location\s+/media/\s*\{([^}]*)\}", NGINX)
    assert media_location and re.fullmatch(r"\s*return\s+404;\s*", media_location.group(1))
    served = re.findall(r"^\s*(?:alias|root)\s+([^;]+);", NGINX, flags=re.MULTILINE)
    env_example = (BASE_DIR / "deploy" / "portal.env.example").read_text()
    media_root = re.search(r"^MEDIA_ROOT=(\S+)", env_example, flags=re.MULTILINE).group(1)
    assert served and all(not media_root.startswith(path.rstrip("/")) and "media" not in path for path in served)


@pytest.mark.django_db
def test_a_request_for_media_is_not_found_even_for_a_stored_file(client, staff_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = SessionFactory()
    meeting.minutes_file.save("纪要.pdf", ContentFile(PDF))
    client.force_login(staff_user)
    assert client.get(f"/{settings.MEDIA_URL}{meeting.minutes_file.name}").status_code == 404


@pytest.mark.django_db
def test_a_download_goes_under_the_person_s_own_file_name(client, staff_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = SuggestionFactory(status=Suggestion.Status.SUBMITTED)
    attachment = Attachment(suggestion=item, name="村道照片（雨后）.jpg")
    attachment.file.save("村道照片（雨后）.jpg", ContentFile(JPEG))
    client.force_login(staff_user)
    response = client.get(reverse("motions:office_attachment", args=[item.pk, attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == JPEG
    assert quote("村道照片（雨后）.jpg") in response["Content-Disposition"]
    assert Path(attachment.file.name).stem not in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_file_without_a_name_of_its_own_downloads_under_its_record_s_title(client, staff_user, settings,
                                                                                tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = SessionFactory()
    meeting.minutes_file.save("whatever.pdf", ContentFile(PDF))
    client.force_login(staff_user)
    response = client.get(reverse("congress:meeting_minutes_file", args=[meeting.pk]))
    assert quote(f"{meeting}.pdf") in response["Content-Disposition"]


# --- Size limits of Django, nginx and the forms agree -------------------------------------------

def nginx_size(directive):
    value = re.search(rf"^\s*{directive}\s+(\d+)([kmg]?);", NGINX, flags=re.MULTILINE | re.IGNORECASE)
    return int(value.group(1)) * {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}[value.group(2).lower()]


def test_nginx_lets_through_every_body_the_forms_take_and_no_more_than_django():
    # Ten 10 MB attachments and the form reach Django, whose forms refuse any file over 10 MB on its
    # field; a bigger body is refused unread, by nginx and by Django alike.
    assert nginx_size("client_max_body_size") == settings.UPLOAD_MAX_REQUEST_BYTES
    assert settings.UPLOAD_MAX_REQUEST_BYTES >= MAX_ATTACHMENTS * MAX_UPLOAD_BYTES + 1024 * 1024


def test_nginx_answers_a_body_too_big_with_the_portal_s_page():
    target = re.search(r"^\s*error_page\s+413\s+(\S+);", NGINX, flags=re.MULTILINE).group(1)
    assert target == reverse("upload_too_large")
    assert resolve(target).func is files.upload_too_large
    assert re.search(r"location\s*=\s*" + re.escape(target) + r"\s*\{[^}]*internal;[^}]*proxy_pass_request_body off;",
                     NGINX)


def test_django_keeps_big_files_out_of_memory_and_lets_a_form_carry_its_files():
    # Files are never counted in DATA_UPLOAD_MAX_MEMORY_SIZE (it bounds the other fields); above
    # FILE_UPLOAD_MAX_MEMORY_SIZE they go to a temporary file, so ten 10 MB files cost no memory.
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= MAX_UPLOAD_BYTES
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES is None or settings.DATA_UPLOAD_MAX_NUMBER_FILES >= MAX_ATTACHMENTS


class Unreadable:
    def read(self, *args):
        raise AssertionError("the body of a request too big must not be read")

    readline = read


@pytest.mark.django_db
def test_a_body_over_the_limit_gets_the_portal_s_page_unread(english, staff_user):
    english.force_login(staff_user)
    response = english.generic("POST", reverse("motions:deputy_create"), b"",
                               content_type="multipart/form-data; boundary=x",
                               CONTENT_LENGTH=str(settings.UPLOAD_MAX_REQUEST_BYTES + 1),
                               **{"wsgi.input": Unreadable()})
    assert response.status_code == 413
    html = response.content.decode()
    assert 'data-error="413"' in html and "at most 10 MB" in html and "Nothing was saved" in html


@pytest.mark.django_db
def test_the_page_nginx_shows_for_a_body_too_big_says_what_to_do(english):
    response = english.get(reverse("upload_too_large"))  # signed out: nginx may refuse anyone
    assert response.status_code == 413 and "choose smaller files" in response.content.decode()
