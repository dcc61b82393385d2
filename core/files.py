"""Uploaded files are served by the portal after an access check, never straight from MEDIA_ROOT
(nginx refuses /media/): minutes and reply letters are no business of the public."""
from pathlib import Path

from django.http import FileResponse, Http404


def file_response(field_file, *, attachment=False):
    """Stream an uploaded file whose object the caller has already checked the user may see."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=attachment, filename=Path(field_file.name).name)
