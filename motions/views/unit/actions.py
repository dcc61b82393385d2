"""The unit's actions on an item: acknowledge, return, record contact, send an opinion, reply.
Each posts to its own address and comes back to the item's page; a refusal shows on the form,
with what was typed kept."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.concurrency import submit_once
from core.exceptions import ApplicationError

from ...permissions import get_live_assignment_for_unit_or_404
from ...services import handling as services
from ._common import run_service, unit_required
from .forms import ContactForm, OpinionForm, ReplyForm, ReturnForm
from .items import item_page


@unit_required
@submit_once
def unit_acknowledge(request, pk):
    assignment = get_live_assignment_for_unit_or_404(request.user, pk)
    if request.method != "POST":
        return redirect("motions:unit_item", pk)
    try:
        services.assignment_acknowledge(assignment=assignment, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Acknowledged. The deputy can see that your unit has the item."))
    return redirect("motions:unit_item", pk)


def _form_action(request, pk, *, form_class, form_name, service, done, then=None):
    """Bind `form_class`, call `service` with its data; on success say `done` and go to `then`
    (the item's page by default), otherwise show the item's page again with the form's errors."""
    assignment = get_live_assignment_for_unit_or_404(request.user, pk)
    if request.method != "POST":
        return redirect("motions:unit_item", pk)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        kwargs = {"assignment": assignment, "actor": request.user, **form.cleaned_data}
        if run_service(form, service, **kwargs) is not None:
            messages.success(request, done)
            return redirect(*(then or ("motions:unit_item", pk)))
        # A refusal of the action itself (its period is over, someone acted a moment ago) closes
        # its panel, so it is said at the top of the page.
        for error in form.non_field_errors():
            messages.error(request, error)
    return item_page(request, assignment, panel=form_name, **{form_name: form})


@unit_required
@submit_once
def unit_return(request, pk):
    return _form_action(request, pk, form_class=ReturnForm, form_name="return_form",
                        service=services.assignment_return, then=("motions:unit_items",),
                        done=_("The item is returned. The presidium office will assign it to the right unit."))


@unit_required
@submit_once
def unit_contact(request, pk):
    return _form_action(request, pk, form_class=ContactForm, form_name="contact_form",
                        service=services.contact_record, done=_("The contact is recorded."))


@unit_required
@submit_once
def unit_opinion(request, pk):
    return _form_action(request, pk, form_class=OpinionForm, form_name="opinion_form",
                        service=services.co_unit_opinion_send, done=_("Your opinion is sent to the lead unit."))


@unit_required
@submit_once
def unit_reply(request, pk):
    return _form_action(request, pk, form_class=ReplyForm, form_name="reply_form", service=services.reply_submit,
                        done=_("The reply is sent. The deputies who proposed and co-signed the item receive it."))
