"""Representative groups (代表小组) and their activities."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.concurrency import protect_edit, save_edit, submit_once
from core.permissions import office_required, reads_all_required

from .. import selectors, services
from ..forms import GroupActivityForm, GroupForm
from ..permissions import can_manage_deputies, get_group_for_user_or_404, get_group_to_manage_or_404
from .common import apply_service, is_post, term_filter


@reads_all_required
def group_list(request):
    """The term's groups with this year's activities, those below three a year flagged."""
    filters, term = term_filter(request)
    year = selectors.today().year
    groups = selectors.groups_with_counts(term, year) if term else []
    return render(request, "deputies/group_list.html", {
        "filters": filters, "term": term, "year": year, "groups": groups,
        "expected": selectors.EXPECTED_GROUP_ACTIVITIES_PER_YEAR,
        "below": sum(1 for group in groups if group.below_expectation),
        "can_manage": can_manage_deputies(request.user),
    })


def group_detail(request, pk):
    group = get_group_for_user_or_404(request.user, pk)
    detail = selectors.group_detail(group)
    year = selectors.today().year
    this_year = sum(1 for activity in detail["activities"] if activity.date.year == year)
    return render(request, "deputies/group_detail.html", {
        "group": group, **detail, "year": year, "this_year": this_year,
        "expected": selectors.EXPECTED_GROUP_ACTIVITIES_PER_YEAR,
        "can_manage": can_manage_deputies(request.user), "reads_all": request.user.reads_all,
    })


def _save_group(request, form, group=None):
    data = form.cleaned_data
    return (save_edit if group else apply_service)(
        form, services.group_save, group=group, term=data["term"], name=data["name"], area=data["area"],
        leader=data["leader"], members=data["members"], contact_member=data["contact_member"], actor=request.user,
    )


@office_required
@submit_once
def group_create(request):
    form = GroupForm(request.POST or None)
    if is_post(request) and form.is_valid():
        group = _save_group(request, form)
        if group:
            messages.success(request, _("The group %(name)s is saved.") % {"name": group.name})
            return redirect("deputies:group_detail", pk=group.pk)
    return render(request, "deputies/group_form.html", {"form": form})


@office_required
def group_update(request, pk):
    group = get_group_to_manage_or_404(request.user, pk)
    form = protect_edit(GroupForm(request.POST or None, instance=group), group)
    if is_post(request) and form.is_valid():
        if _save_group(request, form, group):
            messages.success(request, _("The group %(name)s is saved.") % {"name": form.cleaned_data["name"]})
            return redirect("deputies:group_detail", pk=group.pk)
    return render(request, "deputies/group_form.html", {"form": form, "group": group})


@office_required
@submit_once
def group_activity_create(request, pk):
    group = get_group_to_manage_or_404(request.user, pk)
    form = GroupActivityForm(request.POST or None, group=group)
    if is_post(request) and form.is_valid():
        if apply_service(form, services.group_activity_record, group=group, actor=request.user, **form.cleaned_data):
            messages.success(request, _("The activity of %(name)s is recorded.") % {"name": group.name})
            return redirect("deputies:group_detail", pk=group.pk)
    return render(request, "deputies/group_activity_form.html", {"form": form, "group": group})
