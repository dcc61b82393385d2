"""The supervision activities' pages: the office's list of a year, planning and editing, recording
an activity held or cancelled, its photos and documents, its satisfaction votes, and the deputy's
own activities on a phone. Each view fetches its object through supervision.permissions (404 for
what the user may not see) and calls one service; a refusal lands on the form."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.concurrency import protect_edit, save_edit, submit_once
from core.exceptions import ApplicationError
from core.files import download_name, file_response
from core.forms import run_service
from core.permissions import get_object_for_user_or_404, reads_all_required, role_required
from core.roles import Role

from ..forms_activities import ActivityFilterForm, ActivityForm, CancelForm, CaptionForm, FilesForm, HoldForm, VoteForm
from ..models import Activity, SatisfactionVote
from ..permissions import (
    can_create_activity,
    can_manage_activity,
    can_view_activity,
    deputy_of,
    get_activity_file_for_user_or_404,
    get_activity_for_user_or_404,
)
from ..selectors import activities as selectors
from ..services import activities as services

PAGE_SIZE = 20


def _managed_activity(user, pk):
    """The activity, for the office or its leading presidium member: 404 when the user may not
    see it, 403 when they may see it but not change it."""
    activity = get_activity_for_user_or_404(user, pk)
    if not can_manage_activity(user, activity):
        raise PermissionDenied
    return activity


def _managed_file(user, pk):
    activity_file = get_activity_file_for_user_or_404(user, pk)
    if not can_manage_activity(user, activity_file.activity):
        raise PermissionDenied
    return activity_file


def _managed_vote(user, pk):
    vote = get_object_for_user_or_404(user, SatisfactionVote.objects.select_related("activity", "unit"),
                                      lambda user, vote: can_view_activity(user, vote.activity), pk=pk)
    if not can_manage_activity(user, vote.activity):
        raise PermissionDenied
    return vote


# --- the list -----------------------------------------------------------------------------------

@reads_all_required
def activity_list(request):
    """A year's activities (the current year by default) by kind and status, searched by topic."""
    form = ActivityFilterForm(request.GET or None, years=selectors.activity_years())
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("year") or selectors.today().year
    activities = selectors.activities_for_list(year=year, kind=filters.get("kind", ""),
                                               status=filters.get("status", ""), search=filters.get("q", "").strip())
    page = selectors.activities_page(activities, request.GET.get("page"), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "supervision/activity_list.html", {
        "form": form, "year": year, "page_obj": page, "figures": selectors.year_figures(year),
        "extra_query": f"{query.urlencode()}&" if query else "", "can_create": can_create_activity(request.user),
        "filtered": any(filters.get(name) for name in ("kind", "status", "q")),
    })


# --- one activity -------------------------------------------------------------------------------

def _detail_context(request, activity, **forms):
    can_manage = can_manage_activity(request.user, activity)
    deputy = deputy_of(request.user)
    return {
        "activity": activity, **selectors.activity_detail(activity), "can_manage": can_manage,
        "is_office": request.user.is_office, "reads_all": request.user.reads_all,
        "deputy_id": deputy.pk if deputy else None,
        "takes_votes": activity.kind in services.VOTE_KINDS,
        "files_form": forms.get("files_form") or (FilesForm() if can_manage else None),
    }


def activity_detail(request, pk):
    """Everything recorded of an activity: READ_ALL roles, and the deputies who took part (read only)."""
    activity = get_activity_for_user_or_404(request.user, pk)
    return render(request, "supervision/activity_detail.html", _detail_context(request, activity))


@reads_all_required
@submit_once
def activity_create(request):
    if not can_create_activity(request.user):
        raise PermissionDenied
    own = deputy_of(request.user)
    initial = {"kind": request.GET.get("kind") if request.GET.get("kind") in Activity.Kind.values else None}
    if own is not None and not request.user.is_office:
        initial["leader"] = own
    form = ActivityForm(request.POST or None, initial=initial, user=request.user)
    if form.is_valid():
        activity = run_service(form, services.activity_create, actor=request.user, **form.cleaned_data)
        if activity is not None:
            messages.success(request, _("The activity is planned. Record it as held once it has taken place."))
            return redirect("supervision:activity_detail", activity.pk)
    return render(request, "supervision/activity_form.html", {"form": form, "activity": None})


@reads_all_required
def activity_update(request, pk):
    activity = _managed_activity(request.user, pk)
    form = ActivityForm(request.POST or None, request.FILES or None, initial=ActivityForm.initial_from(activity),
                        activity=activity, user=request.user)
    protect_edit(form, activity)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if "opinion_file" in data:
            upload = data.pop("opinion_file")
            if upload is False:  # the "clear" box of the file input
                data["opinion_file"] = ""
            elif upload is not None and upload != activity.opinion_file:
                data["opinion_file"] = upload
        if save_edit(form, services.activity_update, activity=activity, actor=request.user, **data) is not None:
            messages.success(request, _("The activity is saved."))
            return redirect("supervision:activity_detail", activity.pk)
    return render(request, "supervision/activity_form.html", {"form": form, "activity": activity})


@reads_all_required
@submit_once
def activity_hold(request, pk):
    """Record a planned activity as held: actual dates, what was done, findings, opinions, who came."""
    activity = _managed_activity(request.user, pk)
    if activity.status != Activity.Status.PLANNED:
        messages.error(request, _("Only a planned activity can be recorded as held."))
        return redirect("supervision:activity_detail", activity.pk)
    initial = {"start_date": activity.start_date, "end_date": activity.end_date,
               "participants": list(activity.participants.all())}
    form = HoldForm(request.POST or None, request.FILES or None, initial=initial, activity=activity)
    if form.is_valid():
        data = {**form.cleaned_data, "opinion_file": form.cleaned_data["opinion_file"] or None}
        if run_service(form, services.activity_hold, activity=activity, actor=request.user, **data) is not None:
            messages.success(request, _("The activity is recorded as held. Add its photos, and a rectification item "
                                        "for each problem found."))
            return redirect("supervision:activity_detail", activity.pk)
    return render(request, "supervision/activity_hold.html", {
        "form": form, "activity": activity, "not_begun": activity.start_date > selectors.today(),
    })


@reads_all_required
@submit_once
def activity_cancel(request, pk):
    activity = _managed_activity(request.user, pk)
    if activity.status != Activity.Status.PLANNED:
        messages.error(request, _("Only a planned activity can be cancelled."))
        return redirect("supervision:activity_detail", activity.pk)
    form = CancelForm(request.POST or None)
    if form.is_valid():
        if run_service(form, services.activity_cancel, activity=activity, actor=request.user,
                       reason=form.cleaned_data["reason"]) is not None:
            messages.success(request, _("The activity is cancelled; those planned with it are told."))
            return redirect("supervision:activity_detail", activity.pk)
    return render(request, "supervision/activity_cancel.html", {"form": form, "activity": activity})


def activity_opinion_file(request, pk):
    """The opinions sent to the government, for those who may see the activity."""
    activity = get_activity_for_user_or_404(request.user, pk)
    return file_response(activity.opinion_file, filename=download_name(activity.topic, activity.opinion_file))


# --- photos and documents -----------------------------------------------------------------------

@require_POST
@reads_all_required
@submit_once
def activity_files_add(request, pk):
    activity = _managed_activity(request.user, pk)
    form = FilesForm(request.POST, request.FILES)
    if form.is_valid():
        added = run_service(form, services.activity_files_add, activity=activity, actor=request.user,
                            uploads=form.cleaned_data["files"], caption=form.cleaned_data["caption"])
        if added is not None:
            messages.success(request, ngettext("%(count)d file added.", "%(count)d files added.", len(added))
                             % {"count": len(added)})
            return redirect(f"{activity_url(activity)}#files")
    return render(request, "supervision/activity_detail.html", _detail_context(request, activity, files_form=form))


def activity_url(activity):
    return reverse("supervision:activity_detail", args=[activity.pk])


def activity_file(request, pk):
    """A photo or document of an activity, for those who may see the activity."""
    stored = get_activity_file_for_user_or_404(request.user, pk)
    return file_response(stored.file, filename=stored.name)


@reads_all_required
def activity_file_update(request, pk):
    activity_file = _managed_file(request.user, pk)
    form = protect_edit(CaptionForm(request.POST or None, initial={"caption": activity_file.caption}), activity_file)
    if form.is_valid():
        if save_edit(form, services.activity_file_update, activity_file=activity_file, actor=request.user,
                       caption=form.cleaned_data["caption"]) is not None:
            messages.success(request, _("The caption is saved."))
            return redirect(f"{activity_url(activity_file.activity)}#files")
    return render(request, "supervision/activity_file_form.html", {
        "form": form, "activity_file": activity_file, "activity": activity_file.activity})


@reads_all_required
def activity_file_delete(request, pk):
    activity_file = _managed_file(request.user, pk)
    activity = activity_file.activity
    if request.method == "POST":
        try:
            services.activity_file_delete(activity_file=activity_file, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("“%(name)s” is removed.") % {"name": activity_file.name})
        return redirect(f"{activity_url(activity)}#files")
    return render(request, "supervision/activity_file_delete.html", {"activity_file": activity_file,
                                                                      "activity": activity})


# --- satisfaction votes -------------------------------------------------------------------------

def _vote_data(form):
    return {**form.cleaned_data, "subject": form.cleaned_data.get("subject") or ""}


@reads_all_required
@submit_once
def vote_create(request, pk):
    activity = _managed_activity(request.user, pk)
    initial = {"held_on": min(activity.end_date, selectors.today())}
    form = VoteForm(request.POST or None, initial=initial)
    if form.is_valid():
        if run_service(form, services.vote_create, activity=activity, actor=request.user, **_vote_data(form)):
            messages.success(request, _("The vote is recorded."))
            return redirect(f"{activity_url(activity)}#votes")
    return render(request, "supervision/vote_form.html", {"form": form, "activity": activity, "vote": None})


@reads_all_required
def vote_update(request, pk):
    vote = _managed_vote(request.user, pk)
    form = protect_edit(VoteForm(request.POST or None, initial=VoteForm.initial_from(vote), include_unit=vote.unit_id), vote)
    if form.is_valid():
        if save_edit(form, services.vote_update, vote=vote, actor=request.user, **_vote_data(form)):
            messages.success(request, _("The vote is saved."))
            return redirect(f"{activity_url(vote.activity)}#votes")
    return render(request, "supervision/vote_form.html", {"form": form, "activity": vote.activity, "vote": vote})


@reads_all_required
def vote_delete(request, pk):
    vote = _managed_vote(request.user, pk)
    if request.method == "POST":
        try:
            services.vote_delete(vote=vote, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The vote is removed."))
        return redirect(f"{activity_url(vote.activity)}#votes")
    return render(request, "supervision/vote_delete.html", {"vote": vote, "activity": vote.activity})


# --- the deputy's own ---------------------------------------------------------------------------

@role_required(Role.DEPUTY)
def my_activities(request):
    """The activities the deputy leads or takes part in, on a phone: what is coming, then what was held."""
    deputy = deputy_of(request.user)
    if deputy is None:
        raise Http404
    return render(request, "supervision/my_activities.html", {
        "deputy": deputy, **selectors.activities_for_deputy(deputy),
        "trainings": selectors.trainings_for_deputy(deputy), "today": selectors.today(),
    })
