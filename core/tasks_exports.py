"""The export task (core.exports): thin, given a job id, safe to run twice."""
from celery import shared_task
from django.utils.translation import gettext as _

from .retries import RETRY, TRANSIENT_ERRORS
from .services_exports import export_job_fail, export_job_run, export_jobs_requeue

# A database that went away, a full or busy disk, the broker away: worth trying again a little later.
TRANSIENT = TRANSIENT_ERRORS + (ConnectionError,)
RETRY_DELAYS = (10, 60, 300)  # seconds before the 1st, 2nd and 3rd retry


@shared_task(bind=True, acks_late=True, max_retries=len(RETRY_DELAYS))
def run_export(self, job_id):
    """Prepare the file of export job `job_id`; retry with backoff on transient errors, then
    fail the job with a message the requester can read."""
    try:
        job = export_job_run(job_id=job_id)
    except TRANSIENT as error:
        if self.request.retries >= self.max_retries:
            export_job_fail(job_id=job_id, message=_(
                "The file could not be prepared: the server was busy. Try again later."))
            return "failed"
        _back_to_queue(job_id)
        raise self.retry(exc=error, countdown=RETRY_DELAYS[self.request.retries])
    return job.status if job else "missing"


def _back_to_queue(job_id):
    from .models_exports import ExportJob

    ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.RUNNING).update(
        status=ExportJob.Status.QUEUED, message=_("A passing error; trying again shortly."))


@shared_task(max_retries=2, **RETRY)
def requeue_export_jobs():
    """The sweep (every 5 minutes): queue again the jobs whose task never reached the broker."""
    return export_jobs_requeue()
