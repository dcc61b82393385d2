"""Reads of core's own records, shaped for the pages that show them."""
from .models import HandlingUnit, Notification


def unread_notification_count(user):
    return Notification.objects.filter(recipient=user, is_read=False).count()


def notifications_for(user):
    return Notification.objects.filter(recipient=user)


def active_handling_units():
    return HandlingUnit.objects.filter(active=True)
