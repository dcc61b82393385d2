"""The roster import (upload → check → confirm) and the roster export, for the presidium office.

Between the check and the confirmation the uploaded sheet waits under MEDIA_ROOT/roster_imports/
with a random name that only the uploader's session knows; it is read again on confirmation (so
the import writes exactly what the check showed, against the portal as it is then) and deleted
after the import, on cancel, on the next upload, or after a day. MEDIA_ROOT is never served.
"""
import io
import re
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.pagecache import uncached
from core.permissions import office_required, reads_all_required

from .forms_excel import RosterExportForm, RosterUploadForm, column_guide, default_term
from .models import Term
from .roster_excel import (deputies_not_in_sheet, export_day, import_roster, plan_roster, read_roster,
                           roster_filename, roster_for_export, template_filename, write_roster)

PENDING = "deputies_excel_pending"
TOKEN = re.compile(r"[0-9a-f]{32}")
KEEP_SECONDS = 24 * 60 * 60
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class PendingUpload:
    path: Path
    name: str
    term: Term
    elected_on: object  # datetime.date or None


def _folder():
    return Path(settings.MEDIA_ROOT) / "roster_imports"


def _keep_upload(request, upload, *, term, elected_on):
    """Store the uploaded sheet for the confirmation step; forget any earlier one of this session."""
    _discard_upload(request)
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.xlsx"):
        if time.time() - old.stat().st_mtime > KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    with open(folder / f"{token}.xlsx", "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    request.session[PENDING] = {"token": token, "name": Path(upload.name).name, "term": term.pk,
                                "elected_on": elected_on.isoformat() if elected_on else ""}


def _pending_upload(request):
    data = request.session.get(PENDING) or {}
    token = data.get("token", "")
    path = _folder() / f"{token}.xlsx"
    term = Term.objects.filter(pk=data.get("term")).first()
    if not TOKEN.fullmatch(token) or not path.is_file() or term is None:
        return None
    return PendingUpload(path, data.get("name", ""), term, parse_date(data.get("elected_on") or ""))


def _discard_upload(request):
    token = (request.session.pop(PENDING, None) or {}).get("token", "")
    if TOKEN.fullmatch(token):
        (_folder() / f"{token}.xlsx").unlink(missing_ok=True)


def _xlsx_response(workbook, filename, ascii_filename):
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    # filename= for old clients, filename*= (RFC 6266) carries the Chinese name for every current browser.
    unicode_name = content_disposition_header(True, filename).removeprefix("attachment; ")
    response["Content-Disposition"] = f'attachment; filename="{ascii_filename}"; {unicode_name}'
    return response


@uncached  # shows the upload waiting in the session
@office_required
def roster_import(request):
    """Step 1: choose the sheet and the term; nothing is written yet."""
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _keep_upload(request, form.cleaned_data["file"], term=form.cleaned_data["term"],
                     elected_on=form.cleaned_data["elected_on"])
        return redirect("deputies_excel:check")
    export_form = RosterExportForm()
    return render(request, "deputies/excel_import.html", {
        "form": form, "export_form": export_form, "columns": column_guide(), "pending": _pending_upload(request),
    })


@uncached  # reads the upload waiting in the session
@office_required
def roster_import_check(request):
    """Step 2: every row checked and compared with the portal; errors with their row numbers."""
    pending = _pending_upload(request)
    if pending is None:
        messages.info(request, _("Upload the roster sheet first."))
        return redirect("deputies_excel:import")
    result = read_roster(pending.path, term=pending.term)
    plan = plan_roster(result, term=pending.term)
    errors = sorted(result.errors + plan.errors, key=lambda error: (error.row or 0))
    return render(request, "deputies/excel_check.html", {
        "pending": pending, "plan": plan, "counts": plan.counts, "errors": errors,
        "not_in_sheet": deputies_not_in_sheet(plan, term=pending.term) if not errors else [],
    })


@office_required
@require_POST
def roster_import_confirm(request):
    """Step 3: import the checked sheet, all rows or none."""
    pending = _pending_upload(request)
    if pending is None:
        messages.info(request, _("Upload the roster sheet first."))
        return redirect("deputies_excel:import")
    try:
        counts = import_roster(read_roster(pending.path, term=pending.term), term=pending.term,
                               elected_on=pending.elected_on, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("deputies_excel:check")
    _discard_upload(request)
    messages.success(request, _("The roster of %(term)s is imported: %(created)d new, %(updated)d updated, "
                                "%(unchanged)d unchanged.") % {"term": pending.term, **asdict(counts)})
    return redirect("deputies_excel:import")


@office_required
@require_POST
def roster_import_cancel(request):
    _discard_upload(request)
    messages.info(request, _("The import is cancelled: nothing was written."))
    return redirect("deputies_excel:import")


@reads_all_required
def roster_export(request):
    """The roster in office on a date (today by default) as the office's Excel sheet."""
    form = RosterExportForm(request.GET)
    if not form.is_valid():
        return render(request, "deputies/excel_export.html", {"form": form})
    term, day = form.cleaned_data["term"], form.cleaned_data["date"]
    workbook = write_roster(roster_for_export(term=term, day=day), term=term, day=day)
    return _xlsx_response(workbook, roster_filename(term, day), f"roster-term{term.number}-{day:%Y%m%d}.xlsx")


@office_required
def roster_template(request):
    """A blank sheet with the header row and drop-down lists, for an office that keeps none yet."""
    term_id = request.GET.get("term", "")
    term = (Term.objects.filter(pk=term_id).first() if term_id.isdecimal() else None) or default_term()
    if term is None:
        messages.error(request, _("No term has been entered yet, so there is no roster to export."))
        return redirect("deputies_excel:import")
    workbook = write_roster([], term=term, day=export_day(term))
    return _xlsx_response(workbook, template_filename(term), f"roster-template-term{term.number}.xlsx")
