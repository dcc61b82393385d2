"""Celery tasks: thin, given ids or plain values, each safe to run twice (STYLE.md).

Each retries transient errors with a growing wait (core.retries) and keeps its writes in
transactions, so that a failure half-way leaves nothing half-written for the retry to trip on.
"""
import datetime

from celery import shared_task
from django.utils import timezone

from .retries import RETRY
from .services import notification_deliver, notification_deliver_pending


@shared_task(acks_late=True, max_retries=5, **RETRY)
def deliver_notification(notification_id):
    """Send a notification's e-mail and text-message copies (a no-op for copies already sent)."""
    notification_deliver(notification_id=notification_id)


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
