from celery import shared_task

from .services import notification_deliver


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def deliver_notification(notification_id):
    """Send a notification's e-mail and text-message copies (a no-op for copies already sent)."""
    notification_deliver(notification_id=notification_id)
