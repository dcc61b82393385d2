"""Writes of export jobs: asking for a file, running the builder, recording the outcome."""
import datetime
import logging

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import exports
from .exceptions import ApplicationError
from .models_exports import ExportJob
from .retries import BROKER_ERRORS

logger = logging.getLogger(__name__)
Status = ExportJob.Status


def export_job_request(*, kind, parameters, actor):
    """Queue a job for `actor`. The kind's own permission decides (checked here and again at
    download); the task is sent after the row is committed, so the worker always finds it."""
    if not kind.can_request(actor, parameters):
        raise PermissionDenied
    job = ExportJob.objects.create(kind=kind.key, parameters=parameters, requested_by=actor,
                                   title=str(kind.title(parameters))[:200])
    transaction.on_commit(lambda: _publish_run(job.pk))
    return job


def _publish_run(job_id):
    """Queue the job's task without ever failing or holding up the request: when the broker (Redis)
    is down, publishing gives up at once and export_jobs_requeue queues the job once it is back."""
    from .tasks_exports import run_export

    try:
        run_export.apply_async((job_id,), retry=False)
    except BROKER_ERRORS:
        logger.warning("Could not queue export job %s; the sweep will queue it again.", job_id, exc_info=True)
        return False
    return True


def export_jobs_requeue(*, min_age=datetime.timedelta(minutes=5), limit=50):
    """The sweep: queue again the jobs still waiting `min_age` after they were asked for (their task
    never reached the broker, or the broker lost it). Running a job twice builds it once
    (export_job_run), so a job whose task was only slow costs nothing. Returns how many were queued."""
    waiting = (ExportJob.objects.filter(status=Status.QUEUED, created_at__lte=timezone.now() - min_age)
               .order_by("created_at", "pk").values_list("pk", flat=True)[:limit])
    return sum(_publish_run(pk) for pk in list(waiting))


def export_job_progress(*, job_id, percent, message=""):
    """Record how far the builder got (a plain UPDATE: the waiting page reads it at once)."""
    percent = max(0, min(int(percent), 99))  # 100 only once the file is saved
    ExportJob.objects.filter(pk=job_id, status=Status.RUNNING).update(progress=percent, message=str(message)[:300])


def export_job_run(*, job_id):
    """Build the job's file and keep it. Safe to run twice: a finished job is left as it is.

    The builder returns the whole file in memory; only then is it written and the row marked
    done, so a failure never leaves a half-written file behind. Errors the builder raises as
    ApplicationError fail the job with their message; transient ones (database, disk) propagate
    so the task retries; anything else fails the job with a plain message and is logged.
    """
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().select_related("requested_by").filter(pk=job_id).first()
        if job is None or job.finished:
            return job
        job.status, job.started_at, job.message = Status.RUNNING, timezone.now(), ""
        job.save(update_fields=["status", "started_at", "message"])
    kind = exports.get(job.kind)
    if kind is None:
        return export_job_fail(job_id=job.pk, message=_("This kind of file can no longer be prepared."))
    if not kind.can_request(job.requested_by, job.parameters):
        return export_job_fail(job_id=job.pk, message=_("You are no longer allowed to have this file."))

    def progress(percent, message=""):
        export_job_progress(job_id=job.pk, percent=percent, message=message)

    try:
        filename, content = kind.build(job, progress)
    except ApplicationError as error:
        return export_job_fail(job_id=job.pk, message=error.message)
    except (OSError, ConnectionError) + _database_errors():
        raise
    except Exception:  # noqa: BLE001 - the job page must say it failed, whatever went wrong
        logger.exception("export job %s (%s) failed", job.pk, job.kind)
        return export_job_fail(job_id=job.pk, message=_(
            "The file could not be prepared because of an error in the portal. Try again later; if it "
            "fails again, tell the presidium office."))
    job.file.save(filename, ContentFile(content), save=False)
    job.filename = filename[:255]
    job.status, job.progress, job.message, job.finished_at = Status.DONE, 100, "", timezone.now()
    try:
        job.save(update_fields=["file", "filename", "status", "progress", "message", "finished_at"])
    except Exception:
        job.file.delete(save=False)  # no file without its row
        raise
    return job


def export_job_fail(*, job_id, message):
    ExportJob.objects.filter(pk=job_id).exclude(status=Status.DONE).update(
        status=Status.FAILED, message=str(message)[:300], finished_at=timezone.now())
    return ExportJob.objects.filter(pk=job_id).first()


def _database_errors():
    from django.db import InterfaceError, OperationalError

    return (OperationalError, InterfaceError)
