"""Reads of core's own records, shaped for the pages that show them."""
import functools

from django.db import connections, router

from .models import HandlingUnit, Notification


def unread_notification_count(user):
    """The inbox badge of every page: plain SQL, as building the ORM query cost more than running it."""
    alias = router.db_for_read(Notification)
    with connections[alias].cursor() as cursor:
        cursor.execute(_unread_count_sql(alias), [user.pk])
        return cursor.fetchone()[0]


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
