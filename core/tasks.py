"""Celery tasks: thin, given ids or plain values, each safe to run twice (STYLE.md).

Each retries transient errors with a growing wait (core.retries) and keeps its writes in
transactions, so that a failure half-way leaves nothing half-written for the retry to trip on.
"""
import datetime
import logging

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.utils import timezone

from .retries import RETRY, TRANSIENT_ERRORS
from .services import notification_deliver, notification_deliver_pending

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, max_retries=5, **RETRY)
def deliver_notification(notification_id):
    """Send a notification's e-mail and text-message copies (a no-op for copies already sent)."""
    notification_deliver(notification_id=notification_id)


@shared_task(bind=True, acks_late=True, max_retries=5)
def deliver_notifications(self, notification_ids):
    """Send the copies of a batch of notifications (core.services queues many at a time), each as
    deliver_notification does. Those that fail on a passing error are tried again later, and only
    they: the others are stamped and would be skipped anyway. Any other failure is logged and left
    to the sweep, without holding up the rest of the batch."""
    failed, error = [], None
    for pk in notification_ids:
        try:
            notification_deliver(notification_id=pk)
        except TRANSIENT_ERRORS as exc:
            failed.append(pk)
            error = error or exc
        except Exception:  # noqa: BLE001 - one bad notification must not hold up the others
            logger.exception("Delivering notification #%s failed; the sweep tries again.", pk)
    if failed:
        countdown = get_exponential_backoff_interval(factor=RETRY["retry_backoff"], retries=self.request.retries,
                                                     maximum=RETRY["retry_backoff_max"], full_jitter=False)
        raise self.retry(args=(failed,), exc=error, countdown=countdown)
    return len(notification_ids) - len(failed)


@shared_task(max_retries=2, **RETRY)
def deliver_pending_notifications():
    """The sweep (every 5 minutes): send the copies whose delivery was never queued or never ran."""
    return notification_deliver_pending()


@shared_task(acks_late=True, max_retries=5, **RETRY)
def chase_overdue(today=None):
    """The daily chase (SPEC §4). `today` (YYYY-MM-DD) defaults to the local date. A retry, a
    second beat tick or a rerun after a worker died sends each reminder once (the ledger)."""
    from .chase_engine import chase_run

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return chase_run(today=day).counts


from .tasks_exports import requeue_export_jobs, run_export  # noqa: E402,F401 - Celery autodiscovers tasks.py only
