"""Reads every page of suggestions shares."""
from django.utils import timezone

from .. import workflow
from ..models import Event


def today():
    return timezone.localdate()


def timeline(suggestion):
    """Every step of the item, oldest first, with who made it and its words (one query)."""
    events = list(Event.objects.filter(suggestion=suggestion).select_related("actor", "unit").order_by("at", "pk"))
    for event in events:
        event.label = workflow.label(event.action)
    return events
