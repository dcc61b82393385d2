"""The deputy's own items on a phone: the list, writing and sending, one item with its timeline,
and rating the answer."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.concurrency import protect_edit, save_edit, submit_once
from core.exceptions import ApplicationError

from ... import workflow
from ...models import Suggestion
from ...permissions import get_editable_suggestion_or_404, get_suggestion_for_user_or_404, is_proposer
from ...selectors import deputy as selectors
from ...services import deputy as services
from .common import deputy_required, not_linked, own_deputy, run_service
from .forms import SEND, RatingForm, SuggestionDraftForm

PAGE_SIZE = 20


@deputy_required
def deputy_list(request):
    """我的建议: my items and those I co-sign, what waits for me first."""
    deputy = own_deputy(request)
    if deputy is None:
        return not_linked(request)
    page = Paginator(selectors.my_suggestions(deputy), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_plain_status(page.object_list)
    return render(request, "motions/deputy_list.html", {
        "page_obj": page, "waiting": selectors.waiting_counts(deputy),
    })


@deputy_required
@submit_once
def deputy_create(request):
    deputy = own_deputy(request)
    if deputy is None:
        return not_linked(request)
    return _draft_form(request, deputy, item=None)


@deputy_required
@submit_once
def deputy_edit(request, pk):
    """Change a draft, or an item the office sent back for revision; only its proposer may."""
    item = get_editable_suggestion_or_404(request.user, pk)
    return _draft_form(request, own_deputy(request), item=item)


def _draft_form(request, deputy, item):
    """Save the draft (and its new files); with the "send" button, send it as well. A refusal to send
    keeps the saved draft and explains on the item's page what is missing."""
    sending = request.POST.get("action") == SEND
    initial = SuggestionDraftForm.initial_from(item) if item else {}
    posted = request.method == "POST"
    form = SuggestionDraftForm(request.POST if posted else None, request.FILES if posted else None, initial=initial,
                               sending=sending)
    if item is not None:  # the same draft open on the phone and on the computer
        protect_edit(form, item)
    if form.is_valid():
        uploads = form.cleaned_data.pop("files")
        saved = (save_edit if item is not None else run_service)(form, services.suggestion_draft_save, deputy=deputy, data=form.cleaned_data,
                            actor=request.user, suggestion=item, uploads=uploads)
        if saved is not None:
            if sending:
                return _send(request, saved)
            messages.success(request, _("Your draft is saved. Send it when it is ready."))
            return redirect("motions:deputy_item", pk=saved.pk)
    return render(request, "motions/deputy_form.html", {
        "form": form, "item": item, "attachments": list(item.attachments.all()) if item else [],
    })


def _send(request, item):
    try:
        services.suggestion_submit(suggestion=item, actor=request.user)
    except ApplicationError as error:
        messages.error(request, _("Your draft is saved but not sent yet: %(reason)s") % {"reason": error.message})
    else:
        messages.success(request, _("Sent. The presidium office will review it; you will get a message."))
    return redirect("motions:deputy_item", pk=item.pk)


@deputy_required
@require_POST
@submit_once
def deputy_submit(request, pk):
    return _send(request, get_editable_suggestion_or_404(request.user, pk))


@deputy_required
def deputy_delete(request, pk):
    item = get_editable_suggestion_or_404(request.user, pk)
    if item.status != Suggestion.Status.DRAFT:
        return redirect("motions:deputy_item", pk=item.pk)
    if request.method == "POST":
        try:
            services.suggestion_draft_delete(suggestion=item, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("motions:deputy_item", pk=item.pk)
        messages.success(request, _("The draft is deleted."))
        return redirect("motions:deputy_list")
    return render(request, "motions/deputy_delete.html", {"item": item})


@deputy_required
def deputy_item(request, pk):
    """One item: what it says, who signed it, who handles it by when, the answer and every step."""
    item = get_suggestion_for_user_or_404(request.user, pk)
    return _detail_page(request, item, RatingForm())


@deputy_required
@require_POST
@submit_once
def deputy_rate(request, pk):
    """Rate the latest answer: 满意 or 基本满意 closes the item; 不满意 sends a first answer back."""
    item = get_suggestion_for_user_or_404(request.user, pk)
    form = RatingForm(request.POST)
    reply = item.replies.order_by("-round").first()
    if form.is_valid() and reply is not None:
        rating = run_service(form, services.reply_rate, reply=reply, actor=request.user, **form.cleaned_data)
        if rating is not None:
            messages.success(request, _rated_message(rating, reply))
            return redirect("motions:deputy_item", pk=item.pk)
    if not _can_rate(request.user, item):
        # The page shows no rating form to carry the refusal: say it at the top.
        for error in form.non_field_errors():
            messages.error(request, error)
    return _detail_page(request, item, form)


def _can_rate(user, item):
    return is_proposer(user, item) and item.status == Suggestion.Status.REPLIED


def _rated_message(rating, reply):
    if rating.satisfaction != rating.Satisfaction.UNSATISFIED or reply.round > 1:
        return _("Thank you for your rating. The item is finished.")
    return _("Thank you. The item goes back to the unit to be handled again; you will get the new answer.")


def _detail_page(request, item, rating_form):
    page = selectors.suggestion_for_deputy(item)
    mine = is_proposer(request.user, item)
    return render(request, "motions/deputy_item.html", {
        **page, "is_mine": mine, "rating_form": rating_form,
        "can_rate": _can_rate(request.user, item),
        "can_edit": mine and item.status in workflow.EDITABLE,
        "cosigners_missing": services.cosigners_missing(item),
        "min_cosigners": services.MOTION_MIN_DEPUTIES - 1,
    })
