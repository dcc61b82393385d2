"""Reads of the public page: the items staff published with their replies (SPEC §4 "Published
suggestions and replies may be shown to the public after staff approve").

The public sees the item, its proposer's name, its category, the units and their replies; never a
deputy's phone, the co-signers, a voter's or letter writer's name, the attachments or the ratings.
"""
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery

from core.models import HandlingUnit

from .. import caching
from ..models import Assignment, Category, Reply, Suggestion

S = Suggestion.Status
LIVE = ~Q(status=Assignment.Status.RETURNED)


def _live_assignments():
    return Assignment.objects.filter(LIVE, suggestion=OuterRef("pk")).order_by()


def published():
    """Items staff chose to publish; a draft never, whatever its flag says."""
    return Suggestion.objects.filter(is_published=True).exclude(status=S.DRAFT)


def published_suggestions(*, year=None, category=None, unit=None, text=""):
    """The published items of `year`, in a category, led by a unit, with `text` in the title or
    the content; each with `lead_unit_name` and its replies (three queries for a page: the count,
    the items, the replies)."""
    items = published()
    if year is not None:
        items = items.filter(year=year)
    if category is not None:
        items = items.filter(category=category)
    if unit is not None:
        items = items.filter(Exists(_live_assignments().filter(role=Assignment.Role.LEAD, unit=unit)))
    if text:
        items = items.filter(Q(title__icontains=text) | Q(content__icontains=text))
    lead = _live_assignments().filter(role=Assignment.Role.LEAD)
    return (
        items.select_related("category", "proposer")
        .annotate(lead_unit_name=Subquery(lead.values("unit__name")[:1]))
        .prefetch_related(Prefetch("replies", queryset=_replies(), to_attr="public_replies"))
        .order_by("-year", "number", "-pk")
    )


def published_page(number, per_page, **filters):
    """Page `number` of published_suggestions(**filters), its count kept in the cache until the
    next change (motions/caching.py); the page is read from the index of published items in their
    order."""
    items = published_suggestions(**filters)
    paginator = Paginator(items, per_page)
    paginator.count = caching.cached_count("published", filters, items)  # a cached_property
    return paginator.get_page(number)


def _replies():
    return Reply.objects.select_related("result_class", "assignment__unit").order_by("round")


def public_categories():
    return Category.objects.filter(active=True).order_by("sort_order", "name")


def public_units():
    """Units that lead a published item, for the search (one query)."""
    leading = (Assignment.objects.filter(LIVE, role=Assignment.Role.LEAD, suggestion__in=published())
               .order_by().values_list("unit", flat=True).distinct())
    if caching.seconds():  # every published item's assignment is looked at: kept until the next change
        leading = caching.cached("public_units", lambda: list(leading))
    return HandlingUnit.objects.filter(pk__in=leading).order_by("sort_order", "name")


def published_detail(suggestion):
    """What the detail page shows besides the item: its replies and its live units, lead first
    (two queries)."""
    replies = list(_replies().filter(suggestion=suggestion))
    units = list(Assignment.objects.filter(LIVE, suggestion=suggestion).select_related("unit")
                 .order_by("-role", "pk"))  # "lead" before "co"
    return replies, units
