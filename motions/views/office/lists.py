"""The office's lists: the review queue and every item with its filters."""
from django.shortcuts import render

from core.permissions import reads_all_required

from ...selectors import office as selectors
from .forms import ItemFilterForm

PAGE_SIZE = 30
# The filters folded away under "more filters" unless one of them is in use.
MORE_FILTERS = ("kind", "source", "category", "unit", "key")


@reads_all_required
def office_queue(request):
    """待审查: submitted items, the oldest first, a page at a time, with their likely duplicates;
    then the accepted items waiting longest to be assigned, with a link to all of them."""
    counts = selectors.office_counts()
    queue = selectors.review_queue(request.GET.get("page"), total=counts["submitted"])
    return render(request, "motions/office_queue.html", {
        "queue": queue, "page_obj": queue, "to_assign": selectors.items_to_assign(),
        "counts": counts, "matters_waiting": selectors.reception_matters_to_enter().count(),
        "can_manage": request.user.is_office,
    })


@reads_all_required
def office_item_list(request):
    """Every item (drafts aside) by year, status, kind, source, category, unit and key, or searched."""
    form = ItemFilterForm(request.GET or None, years=selectors.item_years())
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.office_items_page(request.GET.get("page"), PAGE_SIZE,
                                       **{name: value for name, value in filters.items() if value not in (None, "")})
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "motions/office_item_list.html", {
        "form": form, "page_obj": page, "filtered": any(value not in (None, "") for value in filters.values()),
        "more_filters": any(filters.get(name) not in (None, "") for name in MORE_FILTERS),
        "extra_query": f"{query.urlencode()}&" if query else "", "can_manage": request.user.is_office,
    })
