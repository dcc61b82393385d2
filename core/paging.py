"""A page of a long list read in SQL (issue 9): the plain rows are filtered, sorted and cut first,
and only the page's rows are then joined and annotated for what the list shows."""
from django.core.paginator import Paginator


def page_of(items, number, per_page, decorate=lambda rows: rows, *, count=None):
    """Page `number` (as Paginator.get_page takes it) of `items`, an ordered queryset whose
    ordering names fields or expressions of the model (not annotations), so that it applies again
    to the page's rows. decorate(queryset) adds the joins and annotations of the page's rows; one
    query reads them. The paginator counts `items` unless `count` is given (known already)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: no COUNT query
    page = paginator.get_page(number)
    ordering = items.query.order_by or items.model._meta.ordering
    page.object_list = list(decorate(items.model.objects.filter(pk__in=page.object_list.values("pk")))
                            .order_by(*ordering))
    return page
