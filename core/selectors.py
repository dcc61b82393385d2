"""Reads of core's own records, shaped for the pages that show them."""
import functools

from django.db import connections, router

from .models import HandlingUnit, Notification


def unread_notification_count(user):
    """The inbox badge of every page. The signed-in user of a request comes with it, counted in the
    query that read them (core.backends); otherwise plain SQL, as building the ORM query cost more
    than running it."""
    counted = getattr(user, "_unread_count", None)
    if counted is not None:
        return counted
    alias = router.db_for_read(Notification)
    with connections[alias].cursor() as cursor:
        cursor.execute(_unread_count_sql(alias), [user.pk])
        return cursor.fetchone()[0]


def forget_unread_count(user):
    """After the user's own messages changed in this request: the badge is counted again."""
    try:
        del user._unread_count
    except AttributeError:
        pass


@functools.cache
def _unread_count_sql(alias):
    quote = connections[alias].ops.quote_name
    fields = Notification._meta
    return (f"SELECT COUNT(*) FROM {quote(fields.db_table)} WHERE {quote(fields.get_field('recipient').column)} = %s"
            f" AND NOT {quote(fields.get_field('is_read').column)}")


def notifications_for(user):
    return Notification.objects.filter(recipient=user)


def active_handling_units():
    return HandlingUnit.objects.filter(active=True)
