"""Uploaded files are served by the portal after an access check, never straight from MEDIA_ROOT
(nginx refuses /media/): minutes and reply letters are no business of the public."""
import secrets
import zipfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from .exceptions import ApplicationError


def file_response(field_file, *, attachment=False, filename=""):
    """Stream an uploaded file whose object the caller has already checked the user may see, under
    `filename` when given (else the stored name)."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=attachment, filename=filename or Path(field_file.name).name)


@deconstructible
class RandomName:
    """upload_to for every uploaded file: "<folder>/<year>/<32 random hex digits><suffix>". The
    stored name says nothing of the file and cannot be guessed; the name the person gave it is kept
    on the record (its `name`, or its title) and is the name it downloads under."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = Path(filename or "").suffix.lower()
        suffix = suffix if suffix in UPLOAD_SIGNATURES else ""
        return f"{self.folder}/{timezone.localdate():%Y}/{secrets.token_hex(16)}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def download_name(title, field_file):
    """"<title><suffix of the stored file>": the name a file without a name of its own downloads under."""
    return f"{title}{Path(field_file.name or '').suffix}" if title else ""


# Attachments, reply letters, progress reports and photos: documents and photos a phone can take,
# nothing that runs.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".docx": (b"PK\x03\x04",),
}
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png"})


def is_photo(name):
    return Path(name or "").suffix.lower() in PHOTO_SUFFIXES


def upload_check(upload, *, field="files", photos_only=False):
    """A file someone attaches: PDF, JPEG, PNG or Word (only JPEG or PNG when `photos_only`), at
    most 10 MB, and really of the type its name says (its first bytes are checked, not only its
    name). Returns the file's own name; refuses with ApplicationError on `field`."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    allowed = PHOTO_SUFFIXES if photos_only else UPLOAD_SIGNATURES
    if suffix not in allowed:
        message = (_("“%(name)s” cannot be used: only photos (JPEG or PNG) are accepted.") if photos_only else
                   _("“%(name)s” cannot be used: only PDF, photos (JPEG or PNG) and Word files (.doc, .docx) "
                     "are accepted."))
        raise ApplicationError(message % {"name": name}, field=field)
    if upload.size > MAX_UPLOAD_BYTES:
        raise ApplicationError(
            _("“%(name)s” is too big: a file may be at most 10 MB.") % {"name": name}, field=field)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(UPLOAD_SIGNATURES[suffix]) or (suffix == ".docx" and not _is_word_package(upload)):
        raise ApplicationError(
            _("“%(name)s” is empty or damaged, or is not the kind of file its name says.") % {"name": name},
            field=field)
    return name


def _is_word_package(upload):
    """A .docx is a zip archive holding word/document.xml; any other zip renamed .docx is refused."""
    try:
        with zipfile.ZipFile(upload) as package:
            return "word/document.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return False
    finally:
        upload.seek(0)


# --- A request body too big for any form --------------------------------------------------------
# A file over 10 MB reaches its form and is refused there, next to its field, with the rest of the
# form kept. A body over UPLOAD_MAX_REQUEST_BYTES (ten files of 10 MB and the form: the same figure
# as client_max_body_size in deploy/nginx.conf) is refused before it is read, by nginx, whose
# error_page 413 shows upload_too_large below, and by this middleware when no nginx stands in front.

@login_not_required
def upload_too_large(request):
    """The portal's page for a request refused as too big (HTTP 413)."""
    return render(request, "413.html", {"max_file_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
                                        "max_request_mb": settings.UPLOAD_MAX_REQUEST_BYTES // (1024 * 1024)},
                  status=413)


class UploadSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.UPLOAD_MAX_REQUEST_BYTES:
            return upload_too_large(request)
        return self.get_response(request)
