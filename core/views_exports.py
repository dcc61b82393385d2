"""Pages of export jobs (core.exports): start one, wait for it, download its file.

A kind small enough (the ledger of a few hundred items, one unit's letter) is written inside
the request and downloaded at once; others are queued and the job page shows their progress.
Only the requester and the office see a job (404 for anyone else), and the kind's own
permission is checked again before the file is served.
"""
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from . import exports
from .concurrency import submit_once
from .exceptions import ApplicationError
from .files import file_response
from .models_exports import ExportJob
from .permissions import get_object_for_user_or_404
from .services_exports import export_job_request

RECENT_JOBS = 20


def can_view_export_job(user, job):
    return job.requested_by_id == user.pk or user.is_office


def get_export_job_for_user_or_404(user, pk):
    jobs = ExportJob.objects.select_related("requested_by")
    return get_object_for_user_or_404(user, jobs, can_view_export_job, pk=pk)


def _kind_or_404(key):
    kind = exports.get(key)
    if kind is None:
        raise Http404
    return kind


@require_http_methods(["GET", "POST"])
@submit_once
def export_start(request, kind):
    """GET: the file itself when it is quick to write, else a page offering to prepare it.
    POST: queue the job and go to its page."""
    kind = _kind_or_404(kind)
    try:
        parameters = kind.parse(request.POST if request.method == "POST" else request.GET)
    except ApplicationError as error:
        return render(request, "core/export_start.html", {"kind": kind, "error": error.message}, status=400)
    if not kind.can_request(request.user, parameters):
        raise PermissionDenied
    if request.method == "POST":
        job = export_job_request(kind=kind, parameters=parameters, actor=request.user)
        return redirect("exports:job", pk=job.pk)
    if kind.run_inline(parameters):
        job = ExportJob(kind=kind.key, parameters=parameters, requested_by=request.user)
        try:
            filename, content = kind.build(job, lambda percent, message="": None)
        except ApplicationError as error:
            return render(request, "core/export_start.html", {"kind": kind, "error": error.message}, status=400)
        return _download(content, filename, kind.content_type)
    earlier = (ExportJob.objects.filter(kind=kind.key, parameters=parameters, requested_by=request.user)
               .order_by("-created_at", "-pk")[:5])
    return render(request, "core/export_start.html", {
        "kind": kind, "title": kind.title(parameters), "parameters": parameters, "earlier": earlier,
    })


def _download(content, filename, content_type):
    from django.utils.http import content_disposition_header

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_GET
def export_job(request, pk):
    job = get_export_job_for_user_or_404(request.user, pk)
    kind = exports.get(job.kind)
    return render(request, "core/export_job.html", {
        "job": job, "kind": kind, "status_url": reverse("exports:job_status", args=[job.pk]),
    })


@require_GET
def export_job_status(request, pk):
    """What the job page polls every two seconds."""
    job = get_export_job_for_user_or_404(request.user, pk)
    return JsonResponse({
        "status": job.status, "status_label": str(job.get_status_display()), "progress": job.progress,
        "message": job.message, "finished": job.finished,
        "download_url": reverse("exports:job_file", args=[job.pk]) if job.status == ExportJob.Status.DONE else "",
    })


@require_GET
def export_job_file(request, pk):
    job = get_export_job_for_user_or_404(request.user, pk)
    kind = exports.get(job.kind)
    if job.status != ExportJob.Status.DONE or kind is None:
        raise Http404
    if not kind.can_request(request.user, job.parameters):
        raise Http404
    return file_response(job.file, attachment=True, filename=job.filename)


@require_GET
def export_job_list(request):
    """我的导出: the user's recent jobs (the office sees everyone's)."""
    jobs = ExportJob.objects.select_related("requested_by")
    if not request.user.is_office:
        jobs = jobs.filter(requested_by=request.user)
    return render(request, "core/export_job_list.html", {"jobs": jobs[:RECENT_JOBS]})
