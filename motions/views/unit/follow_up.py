"""The follow-up list: replies that promised work by a date (class B by default) until the unit
reports the work done; and the letters of the unit's replies."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.concurrency import submit_once
from core.files import download_name, file_response

from ...permissions import get_unit_reply_or_404
from ...selectors import unit as selectors
from ...services import handling as services
from ._common import run_service, unit_required
from .forms import PromiseReportForm


PAGE_SIZE = 50


@unit_required
def unit_follow_up(request):
    """The unit's open promises, the soonest first, a page at a time."""
    unit = request.user.handling_unit
    page = selectors.unit_follow_up_page(unit, request.GET.get("page"), PAGE_SIZE) if unit else None
    return render(request, "motions/unit_follow_up.html", {
        "unit": unit, "page_obj": page, "replies": page.object_list if page else [],
        "warning_days": selectors.WARNING_DAYS,
    })


@unit_required
@submit_once
def unit_promise_report(request, pk):
    """Report the promised work of a reply done, which takes the item off the follow-up list."""
    reply = get_unit_reply_or_404(request.user, pk)
    form = PromiseReportForm(request.POST or None)
    if form.is_valid() and run_service(form, services.promise_report, reply=reply, actor=request.user,
                                       **form.cleaned_data) is not None:
        messages.success(request, _("Reported done. The item is off the follow-up list."))
        return redirect("motions:unit_follow_up")
    return render(request, "motions/unit_promise_report.html", {
        "reply": reply, "form": form, "refusal": selectors.promise_refusal(reply),
    })


@unit_required
def unit_reply_letter(request, pk):
    """The signed letter of a reply the officer's unit wrote."""
    reply = get_unit_reply_or_404(request.user, pk)
    return file_response(reply.letter, filename=download_name(reply.suggestion.title, reply.letter))
