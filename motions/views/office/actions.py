"""The office's actions on one item. Each takes a POST from a panel of the item page, calls one
service and goes back to the page; when the service refuses, the page shows the panel again
with the reason and what was typed. Presidium members read the page but may not act (403)."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.concurrency import submit_once
from core.exceptions import ApplicationError
from core.permissions import office_required

from ...permissions import get_suggestion_for_office_or_404
from ...selectors import office as selectors
from ...services import review as services
from ._common import item_page, merge_forms, run_service
from .forms import AcceptForm, AssignForm, CloseForm, ExtendForm, KeyForm, NotAcceptForm, ReturnForm


def _act(request, item, form, panel, service, done, **arguments):
    """Run `service` with the form's data; on success say `done` and show the item again."""
    if form.is_valid():
        result = run_service(form, service, suggestion=item, actor=request.user, **form.cleaned_data, **arguments)
        if result is not None:
            messages.success(request, done(result) if callable(done) else done)
            return redirect("motions:office_item", result.pk)
    return item_page(request, item, panel=panel, form=form)


def _office_action(view):
    # A second click on an action (assign, accept...) leads to the item page, not to a refusal.
    return office_required(require_POST(submit_once(view)))


@_office_action
def office_accept(request, pk):
    item = get_suggestion_for_office_or_404(request.user, pk)
    return _act(request, item, AcceptForm(request.POST), "accept", services.suggestion_accept,
                lambda item: _("Accepted as %(reference)s. Now assign it to a lead unit.")
                % {"reference": item.reference})


@_office_action
def office_return(request, pk):
    item = get_suggestion_for_office_or_404(request.user, pk)
    return _act(request, item, ReturnForm(request.POST), "return", services.suggestion_return,
                _("The item went back to the deputy for revision."))


@_office_action
def office_not_accept(request, pk):
    item = get_suggestion_for_office_or_404(request.user, pk)
    return _act(request, item, NotAcceptForm(request.POST), "not_accept", services.suggestion_not_accept,
                _("The item is kept for reference; the deputy is told why."))


@_office_action
def office_merge_into(request, pk):
    """Merge this item into the one chosen (the survivor)."""
    item = get_suggestion_for_office_or_404(request.user, pk)
    form, _here = merge_forms(item, selectors.likely_duplicates(item, earlier_only=False), request.POST)
    if form is None:
        messages.error(request, _("This item cannot be merged now."))
        return redirect("motions:office_item", item.pk)
    if form.is_valid():
        target = get_suggestion_for_office_or_404(request.user, form.cleaned_data["target"])
        if run_service(form, services.suggestion_merge, items=[item], into=target, actor=request.user):
            messages.success(request, _("Merged into %(item)s.") % {"item": target.reference or target.title})
            return redirect("motions:office_item", target.pk)
    return item_page(request, item, panel="merge_into", form=form)


@_office_action
def office_merge_here(request, pk):
    """Merge the likely duplicates ticked into this item."""
    item = get_suggestion_for_office_or_404(request.user, pk)
    _into, form = merge_forms(item, selectors.likely_duplicates(item, earlier_only=False), request.POST)
    if form is None:
        messages.error(request, _("No likely duplicate can be merged into this item now."))
        return redirect("motions:office_item", item.pk)
    if form.is_valid():
        items = list(form.cleaned_data["items"])
        if run_service(form, services.suggestion_merge, items=items, into=item, actor=request.user):
            messages.success(request, _("The items were merged into this one; their deputies now co-sign it."))
            return redirect("motions:office_item", item.pk)
    return item_page(request, item, panel="merge_here", form=form)


@_office_action
def office_assign(request, pk):
    item = get_suggestion_for_office_or_404(request.user, pk)
    return _act(request, item, AssignForm(request.POST), "assign", services.suggestion_assign,
                lambda item: _("Assigned. The answer is due by %(date)s.") % {"date": f"{item.due_date:%Y-%m-%d}"})


@_office_action
def office_extend(request, pk):
    item = get_suggestion_for_office_or_404(request.user, pk)
    return _act(request, item, ExtendForm(request.POST), "extend", services.due_extend,
                lambda item: _("The due date is now %(date)s.") % {"date": f"{item.due_date:%Y-%m-%d}"})


@_office_action
def office_key(request, pk):
    item = get_suggestion_for_office_or_404(request.user, pk)
    form = KeyForm(request.POST, leaders=selectors.key_leader_choices())
    return _act(request, item, form, "key", services.key_mark, _("The item is a key item now."))


@_office_action
def office_key_unmark(request, pk):
    return _one_button(request, pk, services.key_unmark, _("The item is no longer a key item."))


@_office_action
def office_publish(request, pk):
    return _one_button(request, pk, services.suggestion_publish, _("The item and its reply are on the public page."))


@_office_action
def office_unpublish(request, pk):
    return _one_button(request, pk, services.suggestion_unpublish, _("The item is off the public page."))


@_office_action
def office_close(request, pk):
    item = get_suggestion_for_office_or_404(request.user, pk)
    return _act(request, item, CloseForm(request.POST), "close", services.office_close, _("The item is closed."))


def _one_button(request, pk, service, done):
    item = get_suggestion_for_office_or_404(request.user, pk)
    try:
        service(suggestion=item, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("motions:office_item", item.pk)

