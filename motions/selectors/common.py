"""Reads every page of suggestions shares."""
from django.core.paginator import Paginator
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


def page_of(items, number, per_page, decorate=lambda rows: rows, *, count=None):
    """Page `number` of `items` (an ordered queryset), its rows read by one query that sorts and
    cuts the plain rows first and only then joins and annotates the page's: decorate(queryset) adds
    what the page shows. Plus the paginator's count, unless `count` is given (known already)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached_property
    page = paginator.get_page(number)
    ordering = items.query.order_by or items.model._meta.ordering
    page.object_list = list(decorate(items.model.objects.filter(pk__in=page.object_list.values("pk")))
                            .order_by(*ordering))
    return page
