"""Meeting notices (会议通知): sending one, the table of replies and the office's decision on leave."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.concurrency import submit_once
from core.exceptions import ApplicationError
from core.forms import run_service
from core.permissions import office_required, reads_all_required

from .. import selectors, services
from ..forms import LeaveDecisionForm, NoticeForm
from ..permissions import get_meeting_for_user_or_404, get_notice_reply_for_decision_or_404

REPLIES_PAGE_SIZE = 50


def _default_message(meeting):
    return _("%(meeting)s will be held on %(date)s at %(place)s. Please answer whether you will attend; "
             "if you cannot, ask for leave and give the reason.") % {
        "meeting": meeting, "date": date_format(meeting.start_date, "DATE_FORMAT"),
        "place": meeting.place or _("the place to be announced"),
    }


@office_required
@submit_once
def notice_send(request, pk):
    meeting = get_meeting_for_user_or_404(request.user, pk)
    form = NoticeForm(request.POST or None, initial={"message": _default_message(meeting)})
    if form.is_valid():
        notice = run_service(form, services.notice_send, meeting=meeting, actor=request.user, **form.cleaned_data)
        if notice is not None:
            messages.success(request, _("The notice is sent to %(count)d deputies.") % {
                "count": notice.replies.count()})
            return redirect("congress:notice_replies", meeting.pk)
    attendees = selectors.expected_attendees(meeting)
    return render(request, "congress/notice_form.html", {
        "meeting": meeting, "form": form, "expected": attendees.count(),
        "with_account": attendees.filter(user__isnull=False).count(),
        "earlier": selectors.latest_notice(meeting),
    })


@reads_all_required
def notice_replies(request, pk):
    """Who answered what; the office approves or refuses leave from here."""
    meeting = get_meeting_for_user_or_404(request.user, pk)
    notice = selectors.latest_notice(meeting)
    figures = selectors.reply_figures(notice) if notice else {}
    page = None
    if notice:
        paginator = Paginator(selectors.notice_replies(notice), REPLIES_PAGE_SIZE)
        paginator.count = figures["total"]  # known already: no second count
        page = paginator.get_page(request.GET.get("page"))
    return render(request, "congress/notice_replies.html", {
        "meeting": meeting, "notice": notice, "page_obj": page, "figures": figures,
        "can_manage": request.user.is_office, "notice_open": meeting.start_date >= selectors.today(),
    })


@require_POST
@office_required
def leave_decide(request, pk):
    reply = get_notice_reply_for_decision_or_404(request.user, pk)
    form = LeaveDecisionForm(request.POST)
    # back to the page of the table the decision was taken on
    page = request.POST.get("page", "")
    back = reverse("congress:notice_replies", args=[reply.notice.meeting_id]) + (
        f"?page={page}" if page.isdecimal() and page != "1" else "")
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to refuse the leave."))
        return redirect(back)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.notice_decide_leave(reply=reply, approve=approve, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        message = _("Leave approved for %(deputy)s.") if approve else _("Leave refused for %(deputy)s.")
        messages.success(request, message % {"deputy": reply.deputy})
    return redirect(back)
