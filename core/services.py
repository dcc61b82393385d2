"""Every write to core's records."""
import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .models import Holiday, Notification, Township
from .sms import send_sms

logger = logging.getLogger(__name__)


def notification_send(*, recipients, subject, body="", link="", kind=""):
    """Put a message in each recipient's inbox, then send the e-mail and text-message copies.

    The inbox is the channel of record and is written in the caller's transaction; the copies
    go out from a Celery job after commit, so a rolled-back action never mails anybody.
    """
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, subject=subject, body=body, link=link, kind=kind)
        for user in {user.pk: user for user in recipients if user.is_active}.values()
    )
    notifications_publish_on_commit(notifications)
    return notifications


def notifications_publish_on_commit(notifications):
    """After commit, queue the delivery of each notification's copies, never blocking the caller.

    The Notification row is the outbox: when the broker (Redis) is down, publishing fails fast
    (retry=False, short socket timeouts in settings), is logged, and the rest of the batch is left
    to deliver_pending_notifications, the sweep that sends every copy not yet stamped. So a deputy
    submitting or a unit replying never waits on, or fails because of, the broker.
    """
    notification_ids_publish_on_commit([notification.pk for notification in notifications])


# Notifications queued per task: the chase makes 10⁵ of them in a day, whose one message each would
# take the broker longer than the chase itself; a single notification still goes alone.
DELIVERY_BATCH = 100


def notification_ids_publish_on_commit(ids):
    """notifications_publish_on_commit, given the notifications' ids."""
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: _publish_deliveries(ids))


def _publish_deliveries(ids):
    from .tasks import deliver_notification, deliver_notifications

    for position in range(0, len(ids), DELIVERY_BATCH):
        batch = ids[position:position + DELIVERY_BATCH]
        try:
            if len(batch) == 1:
                deliver_notification.apply_async((batch[0],), retry=False)
            else:
                deliver_notifications.apply_async((batch,), retry=False)
        except Exception:  # noqa: BLE001 - any broker failure: the sweep sends these later
            logger.warning("Could not queue the delivery of %d notification(s) (from #%s); the sweep will "
                           "send them.", len(ids) - position, batch[0], exc_info=True)
            return


def notification_mark_read(*, notification):
    if not notification.is_read:
        notification.is_read = True
        notification.read_at = timezone.now()
        notification.save(update_fields=["is_read", "read_at"])
    return notification


def notification_mark_all_read(*, user):
    return Notification.objects.filter(recipient=user, is_read=False).update(
        is_read=True, read_at=timezone.now()
    )


def notification_deliver(*, notification_id):
    """Send the e-mail copy to users with an address and the text message to users with a phone.

    Safe to run twice: each channel is stamped when sent and skipped when already stamped. Each
    channel is sent and stamped in a transaction of its own, the row locked so that two workers
    never send the same copy: when the text message fails after the e-mail went out, the e-mail
    keeps its stamp and the retry sends only the text message.
    """
    notification = None
    for send_copy in (_send_email_copy, _send_sms_copy):
        with transaction.atomic():
            notification = (Notification.objects.select_for_update().select_related("recipient")
                            .filter(pk=notification_id).first())
            if notification is None:
                return None
            send_copy(notification)
    return notification


def _send_email_copy(notification):
    if notification.recipient.email and notification.emailed_at is None:
        send_mail(notification.subject, _email_body(notification), None, [notification.recipient.email])
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])


def _send_sms_copy(notification):
    user = notification.recipient
    if user.phone and user.receive_sms and notification.sms_sent_at is None:
        send_sms(user.phone, _sms_text(notification))
        notification.sms_sent_at = timezone.now()
        notification.save(update_fields=["sms_sent_at"])


def notification_deliver_pending(*, limit=200, min_age=datetime.timedelta(minutes=2)):
    """The sweep: send the copies of notifications whose delivery was never queued or never ran
    (the broker was down, a worker died), oldest first, at most `limit` per run.

    Only notifications at least `min_age` old are swept, leaving fresh ones to the task queued on
    commit; notification_deliver stamps each channel, so a copy is never sent twice. A failing
    copy is logged and left for the next sweep; the others still go out. Returns how many
    notifications were delivered.
    """
    pending_email = Q(emailed_at__isnull=True) & ~Q(recipient__email="")
    pending_sms = Q(sms_sent_at__isnull=True, recipient__receive_sms=True, recipient__phone__isnull=False) & ~Q(
        recipient__phone="")
    ids = list(
        Notification.objects.filter(pending_email | pending_sms, recipient__is_active=True,
                                    created_at__lte=timezone.now() - min_age)
        .order_by("created_at", "pk").values_list("pk", flat=True)[:limit]
    )
    delivered = 0
    for pk in ids:
        try:
            notification_deliver(notification_id=pk)
        except Exception:  # noqa: BLE001 - one bad address must not hold up the others
            logger.exception("Delivering notification #%s failed; the next sweep tries again.", pk)
        else:
            delivered += 1
    return delivered


def _email_body(notification):
    lines = [notification.body]
    if notification.link:
        base = settings.PORTAL_BASE_URL.rstrip("/")
        lines.append(f"{base}{notification.link}")
    return "\n\n".join(line for line in lines if line)


def _sms_text(notification):
    # Carriers require the sender's signature in brackets at the head of each message.
    return _("[%(township)s People's Congress] %(subject)s") % {
        "township": Township.current().name, "subject": notification.subject,
    }


# The package names its holidays in English; the portal shows the official Chinese names.
PACKAGE_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争胜利70周年纪念日",
}


@dataclass(frozen=True)
class HolidayLoadResult:
    created: int
    updated: int
    removed: int
    unchanged: int
    kept_manual: int  # days the package lists where a row entered by staff was left as it is
    years_without_data: list

    @property
    def changed(self):
        return bool(self.created or self.updated or self.removed)


def holidays_load_from_package(*, from_year, to_year):
    """Copy the chinesecalendar package's holidays and adjusted working days (调休上班) of
    from_year..to_year into the Holiday table, under their Chinese names.

    Rows entered by staff (source=manual) always win: the package never overwrites them, so staff
    can correct a day or enter a year the package does not know yet. Package rows the package no
    longer lists are removed. Running it twice changes nothing the second time.
    """
    from chinese_calendar import constants

    wanted = {}
    for table, is_workday in ((constants.holidays, False), (constants.workdays, True)):
        for day, name in table.items():
            if from_year <= day.year <= to_year:
                wanted[day] = (PACKAGE_HOLIDAY_NAMES.get(name, name), is_workday)
    known_years = {day.year for day in wanted}

    with transaction.atomic():
        existing = {row.day: row for row in Holiday.objects.select_for_update().filter(
            day__year__gte=from_year, day__year__lte=to_year)}
        to_create, to_update, unchanged, kept_manual = [], [], 0, 0
        for day, (name, is_workday) in sorted(wanted.items()):
            row = existing.get(day)
            if row is None:
                to_create.append(Holiday(day=day, name=name, is_workday=is_workday,
                                         source=Holiday.Source.PACKAGE))
            elif row.source == Holiday.Source.MANUAL:
                kept_manual += 1
            elif (row.name, row.is_workday) == (name, is_workday):
                unchanged += 1
            else:
                row.name, row.is_workday = name, is_workday
                to_update.append(row)
        stale = [row.pk for row in existing.values() if row.source == Holiday.Source.PACKAGE
                 and row.day.year in known_years and row.day not in wanted]
        bulk_create_with_history(to_create, Holiday)
        bulk_update_with_history(to_update, Holiday, ["name", "is_workday"])
        Holiday.objects.filter(pk__in=stale).delete()

    return HolidayLoadResult(
        created=len(to_create), updated=len(to_update), removed=len(stale), unchanged=unchanged,
        kept_manual=kept_manual,
        years_without_data=sorted(set(range(from_year, to_year + 1)) - known_years),
    )
