"""Co-signing (联名) on a phone: the proposer invites deputies; each invited deputy reads the item
and confirms or declines."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.concurrency import submit_once
from core.exceptions import ApplicationError

from ...permissions import get_cosign_invitation_or_404, get_editable_suggestion_or_404
from ...selectors import deputy as selectors
from ...services import deputy as services
from .common import deputy_required, not_linked, own_deputy, run_service
from .forms import InviteForm


@deputy_required
@submit_once
def deputy_invite(request, pk):
    """Tick the deputies to ask; each gets a message with a link to confirm."""
    item = get_editable_suggestion_or_404(request.user, pk)
    form = InviteForm(request.POST if request.method == "POST" else None, suggestion=item)
    if form.is_valid():
        invited = run_service(form, services.cosigners_invite, suggestion=item,
                              deputies=form.cleaned_data["deputies"], actor=request.user)
        if invited is not None:
            messages.success(request, ngettext(
                "%(count)d deputy is invited. You will get a message when they answer.",
                "%(count)d deputies are invited. You will get a message when they answer.", len(invited),
            ) % {"count": len(invited)})
            return redirect("motions:deputy_item", pk=item.pk)
    return render(request, "motions/deputy_invite.html", {
        "item": item, "form": form, "cosigners": list(item.cosigners.select_related("deputy")),
        "cosigners_missing": services.cosigners_missing(item), "min_cosigners": services.MOTION_MIN_DEPUTIES - 1,
    })


@deputy_required
def deputy_cosign_list(request):
    """Invitations to co-sign: those waiting for my answer, then my latest answers."""
    deputy = own_deputy(request)
    if deputy is None:
        return not_linked(request)
    return render(request, "motions/deputy_cosign_list.html", {
        "pending": list(selectors.pending_invitations(deputy)),
        "answered": list(selectors.answered_invitations(deputy)),
    })


@deputy_required
@submit_once
def deputy_cosign_respond(request, pk):
    """Read the item I am asked to sign, then confirm or decline with one button."""
    cosigner = get_cosign_invitation_or_404(request.user, pk)
    item = cosigner.suggestion
    if request.method == "POST" and request.POST.get("answer") in ("confirm", "decline"):
        confirm = request.POST["answer"] == "confirm"
        try:
            services.cosign_respond(cosigner=cosigner, confirm=confirm, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you. You have agreed to co-sign.") if confirm
                             else _("Thank you. You have declined to co-sign."))
            return redirect("motions:deputy_cosign_list")
    return render(request, "motions/deputy_cosign_respond.html", {
        "cosigner": cosigner, "item": item, "attachments": list(item.attachments.all()),
        "others": list(item.cosigners.exclude(pk=cosigner.pk).select_related("deputy")),
        "open": services.can_answer_invitation(cosigner, item),
    })
