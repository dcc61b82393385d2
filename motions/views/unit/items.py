"""The unit's items: the list with its filters, one item's page, and the item's attachments."""
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from core.files import file_response

from ...models import Attachment
from ...permissions import get_live_assignment_for_unit_or_404
from ...selectors import unit as selectors
from ._common import unit_required
from .forms import ContactForm, OpinionForm, ReplyForm, ReturnForm

PAGE_SIZE = 30


@unit_required
def unit_items(request):
    """本单位承办事项: the unit's live assignments, to acknowledge first, then by due date."""
    unit = request.user.handling_unit
    show = request.GET.get("show", "")
    show = show if show in selectors.Show.CHOICES else selectors.Show.ALL
    counts = selectors.unit_counts(unit) if unit else {}
    if unit:
        page = selectors.unit_assignments_page(unit, request.GET.get("page"), PAGE_SIZE, show=show,
                                               count=counts[show or "all"])
    else:
        page = Paginator([], PAGE_SIZE).get_page(None)
    return render(request, "motions/unit_items.html", {
        "unit": unit, "show": show, "counts": counts, "page_obj": page,
        "extra_query": f"show={show}&" if show else "", "warning_days": selectors.WARNING_DAYS,
    })


def item_page(request, assignment, *, panel="", **forms):
    """The item's page; an action whose form failed passes its bound form and names its panel."""
    context = {
        "page": selectors.unit_item(assignment), "panel": panel,
        "return_form": ReturnForm(), "contact_form": ContactForm(), "opinion_form": OpinionForm(),
        "reply_form": ReplyForm(), **forms,
    }
    return render(request, "motions/unit_item.html", context)


@unit_required
def unit_item(request, pk):
    return item_page(request, get_live_assignment_for_unit_or_404(request.user, pk))


@unit_required
def unit_attachment(request, pk, attachment_pk):
    """An attachment of an item assigned to the officer's unit."""
    assignment = get_live_assignment_for_unit_or_404(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, suggestion_id=assignment.suggestion_id)
    return file_response(attachment.file, filename=attachment.name)
