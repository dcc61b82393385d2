"""Meetings: the list, one meeting's page, planning and editing, the agenda, held and cancelled."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.concurrency import protect_edit, save_edit, submit_once
from core.exceptions import ApplicationError
from core.files import download_name, file_response
from core.forms import run_service
from core.permissions import office_required, reads_all_required
from deputies.selectors import current_term

from .. import selectors, services
from ..forms import AgendaItemForm, MeetingFilterForm, MeetingForm
from ..models import Meeting
from ..permissions import can_manage_meeting, get_agenda_item_for_user_or_404, get_meeting_for_user_or_404

PAGE_SIZE = 20


@reads_all_required
def meeting_list(request):
    """Meetings by year, kind and status, with the year's held sessions and presidium meetings."""
    years = selectors.meeting_years()
    form = MeetingFilterForm(request.GET or None, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("year") or selectors.today().year
    meetings = selectors.meetings_for_list(year=year, kind=filters.get("kind", ""), status=filters.get("status", ""))
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "congress/meeting_list.html", {
        "form": form, "year": year, "page_obj": page, "counts": selectors.meeting_counts(year),
        "extra_query": f"{query.urlencode()}&" if query else "", "can_manage": request.user.is_office,
        "deputy": getattr(request.user, "deputy", None),
    })


def meeting_detail(request, pk):
    """A meeting: its facts, agenda with votes and results, quorum, notice and minutes."""
    meeting = get_meeting_for_user_or_404(request.user, pk)
    deputy = getattr(request.user, "deputy", None)
    notice = selectors.latest_notice(meeting)
    my_reply = notice.replies.filter(deputy=deputy).first() if notice and deputy else None
    my_mark = meeting.attendance.filter(deputy=deputy).first() if deputy else None
    return render(request, "congress/meeting_detail.html", {
        "meeting": meeting, "agenda": selectors.meeting_detail(meeting), "quorum": selectors.meeting_quorum(meeting),
        "notice": notice, "my_reply": my_reply, "my_mark": my_mark, "not_begun": meeting.start_date > selectors.today(),
        "notice_open": meeting.start_date >= selectors.today(), "can_manage": can_manage_meeting(request.user, meeting),
        "reads_all": request.user.reads_all,
    })


def _meeting_data(form):
    return {name: value for name, value in form.cleaned_data.items() if name != "minutes_file" or value is not None}


@office_required
@submit_once
def meeting_create(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in Meeting.Kind.values else Meeting.Kind.SESSION
    term = current_term()
    # Sessions are numbered within the term (第二次会议); presidium meetings usually go by their date.
    number = selectors.next_meeting_number(term, kind) if term and kind == Meeting.Kind.SESSION else None
    initial = {"kind": kind, "term": term, "number": number}
    form = MeetingForm(request.POST or None, request.FILES or None, initial=initial)
    if form.is_valid():
        data = _meeting_data(form)
        meeting = run_service(form, services.meeting_create, actor=request.user, **data)
        if meeting is not None:
            messages.success(request, _("The meeting is planned. Add its agenda, then send the notice."))
            return redirect("congress:meeting_detail", meeting.pk)
    return render(request, "congress/meeting_form.html", {"form": form, "meeting": None})


@office_required
def meeting_update(request, pk):
    meeting = get_meeting_for_user_or_404(request.user, pk)
    initial = {name: getattr(meeting, name) for name in services.MEETING_FIELDS}
    form = protect_edit(MeetingForm(request.POST or None, request.FILES or None, initial=initial), meeting)
    if form.is_valid():
        data = _meeting_data(form)
        if data.get("minutes_file") is False:  # the "clear" box of the file input
            data["minutes_file"] = ""
        if save_edit(form, services.meeting_update, meeting=meeting, actor=request.user, **data) is not None:
            messages.success(request, _("The meeting is saved."))
            return redirect("congress:meeting_detail", meeting.pk)
    return render(request, "congress/meeting_form.html", {"form": form, "meeting": meeting})


def _confirm(request, pk, service, *, title, question, button, done, danger=False):
    """A confirmation page (GET) and the action (POST) for a one-button change of status."""
    meeting = get_meeting_for_user_or_404(request.user, pk)
    if request.method == "POST":
        try:
            service(meeting=meeting, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
        return redirect("congress:meeting_detail", meeting.pk)
    return render(request, "congress/meeting_confirm.html", {
        "meeting": meeting, "title": title, "question": question, "button": button, "danger": danger,
        "quorum": selectors.meeting_quorum(meeting), "not_begun": meeting.start_date > selectors.today(),
    })


@office_required
def meeting_mark_held(request, pk):
    return _confirm(request, pk, services.meeting_mark_held, title=_("Mark the meeting as held"),
                    question=_("Every expected attendee must be marked and the quorum met."),
                    button=_("Mark as held"), done=_("The meeting is recorded as held."))


@office_required
def meeting_cancel(request, pk):
    return _confirm(request, pk, services.meeting_cancel, title=_("Cancel the meeting"),
                    question=_("The meeting will be shown as cancelled. Deputies who received the notice are not "
                               "told automatically: send them a new notice or call them."),
                    button=_("Cancel the meeting"), done=_("The meeting is cancelled."), danger=True)


@office_required
@submit_once
def agenda_item_create(request, pk):
    meeting = get_meeting_for_user_or_404(request.user, pk)
    form = AgendaItemForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        data = {**form.cleaned_data, "document": form.cleaned_data["document"] or None}
        if run_service(form, services.agenda_item_add, meeting=meeting, actor=request.user, **data) is not None:
            messages.success(request, _("The item is on the agenda."))
            return redirect("congress:meeting_detail", meeting.pk)
    return render(request, "congress/agenda_item_form.html", {"form": form, "meeting": meeting, "item": None})


@office_required
def agenda_item_update(request, pk):
    item = get_agenda_item_for_user_or_404(request.user, pk)
    initial = {name: getattr(item, name) for name in services.AGENDA_FIELDS}
    form = protect_edit(AgendaItemForm(request.POST or None, request.FILES or None, initial=initial), item)
    if form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if value is not None}
        if data.get("document") is False:
            data["document"] = ""
        if save_edit(form, services.agenda_item_update, item=item, actor=request.user, **data) is not None:
            messages.success(request, _("The item is saved."))
            return redirect("congress:meeting_detail", item.meeting_id)
    return render(request, "congress/agenda_item_form.html", {"form": form, "meeting": item.meeting, "item": item})


@office_required
def agenda_item_remove(request, pk):
    item = get_agenda_item_for_user_or_404(request.user, pk)
    if request.method == "POST":
        try:
            services.agenda_item_remove(item=item, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The item is off the agenda."))
        return redirect("congress:meeting_detail", item.meeting_id)
    return render(request, "congress/agenda_item_remove.html", {"item": item, "meeting": item.meeting})


def meeting_minutes_file(request, pk):
    """The minutes file, for those who may see the meeting."""
    meeting = get_meeting_for_user_or_404(request.user, pk)
    return file_response(meeting.minutes_file, filename=download_name(str(meeting), meeting.minutes_file))


def agenda_item_document(request, pk):
    """An agenda item's document, for those who may see its meeting."""
    item = get_agenda_item_for_user_or_404(request.user, pk)
    return file_response(item.document, filename=download_name(item.title, item.document))
