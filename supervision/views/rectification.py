"""Rectification items' pages (整改事项, SPEC §5).

The office (chairman, staff) records the problems an activity found, then verifies, sends back,
extends or withdraws; presidium members read everything; a deputy who took part in the activity
reads its items. A unit officer works on their own unit's items from a phone: start, report
progress with photos, report done. Every page fetches its item through supervision.permissions,
so an item the user may not see answers 404; a wrong role answers 403.
"""
import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.concurrency import protect_edit, save_edit, submit_once
from core.exceptions import ApplicationError
from core.files import file_response
from core.forms import run_service
from core.permissions import office_required, reads_all_required, role_required
from core.roles import Role
from core.selectors_chase import due_soon_days
from core.workdays import add_calendar_months

from .. import workflow
from ..forms_rectification import ExtendForm, ItemFilterForm, ItemForm, ReasonForm, ReportForm, VerifyForm
from ..models import RectificationItem
from ..permissions import (
    get_activity_for_user_or_404,
    get_item_for_unit_or_404,
    get_item_for_user_or_404,
    get_rectification_file_for_user_or_404,
    is_officer_of,
)
from ..selectors import rectification as selectors
from ..services import rectification as services

R = RectificationItem.Status
Action = workflow.Action
PAGE_SIZE = 30
unit_required = role_required(Role.UNIT_OFFICER)


def _today():
    return timezone.localdate()


# --- the office's list ----------------------------------------------------------------------------

STATUS_TABS = [("", gettext_lazy("All")), (selectors.OPEN, pgettext_lazy("rectification items", "Open")), *R.choices]


def _tabs(request, counts, chosen):
    """(label, count, query, active) for each status tab, keeping the other filters."""
    query = request.GET.copy()
    query.pop("page", None)
    tabs = []
    for key, label in STATUS_TABS:
        query["status"] = key
        tabs.append((label, counts[key or "all"], query.urlencode(), chosen == key))
    return tabs


@reads_all_required
def item_list(request):
    """Every rectification item, open ones first by deadline, with its colour and days left."""
    form = ItemFilterForm(request.GET or None, years=selectors.item_years())
    filters = form.filters() if request.GET else {"status": "", "unit": None, "year": None, "colour": ""}
    today = _today()
    counts = selectors.office_counts(today=today, unit=filters["unit"], year=filters["year"])
    page = selectors.office_page(selectors.office_items(today=today, **filters), request.GET.get("page"), PAGE_SIZE,
                                 count=selectors.office_count(counts, status=filters["status"],
                                                              colour=filters["colour"]))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "supervision/item_list.html", {
        "form": form, "page_obj": page, "rows": selectors.rows(page.object_list, today), "counts": counts,
        "tabs": _tabs(request, counts, filters["status"]), "filters": filters,
        "filtered": any(filters[name] for name in ("unit", "year", "colour")),
        "extra_query": f"{query.urlencode()}&" if query else "",
        "can_manage": request.user.is_office, "warning_days": due_soon_days(),
    })


# --- one item, for the office and the deputies who took part ---------------------------------------

def _office_forms(item):
    return {
        "verify_form": VerifyForm(),
        "reject_form": ReasonForm(label=_("What is still not rectified?")),
        "extend_form": ExtendForm(),
        "withdraw_form": ReasonForm(label=_("Why is the item withdrawn?")),
    }


def _office_actions(item, user):
    """The office's moves open now (extension once only)."""
    if not user.is_office:
        return set()
    actions = set(workflow.allowed_actions(item.status, workflow.Actor.OFFICE))
    if item.extended:
        actions.discard(Action.EXTEND)
    return actions


def _detail_page(request, item, *, panel="", **forms):
    """The item's page; an action whose form failed passes its bound form and names its panel
    (and the item is read again, as the failed action left it)."""
    if panel:
        item = selectors.with_leader(item)
    return render(request, "supervision/item_detail.html", {
        "page": selectors.item_page(item, _today()), "item": item, "panel": panel,
        "actions": _office_actions(item, request.user), "can_manage": request.user.is_office,
        **_office_forms(item), **forms,
    })


def item_detail(request, pk):
    item = get_item_for_user_or_404(request.user, pk)
    if not request.user.reads_all and is_officer_of(request.user, item.unit_id):
        return redirect("supervision:unit_item", item.pk)
    return _detail_page(request, item)


def _office_action(request, pk, *, form_name, form, service, done):
    """Bind `form`, call `service` with its data; on success say `done` and show the item,
    otherwise show the item's page again with the form's errors and its panel open."""
    item = get_item_for_user_or_404(request.user, pk)
    if request.method != "POST":
        return redirect("supervision:item_detail", item.pk)
    if form.is_valid() and run_service(form, service, item=item, actor=request.user, **form.cleaned_data) is not None:
        messages.success(request, done)
        return redirect("supervision:item_detail", item.pk)
    return _detail_page(request, item, panel=form_name, **{form_name: form})


@office_required
@submit_once
def item_verify(request, pk):
    return _office_action(request, pk, form_name="verify_form", form=VerifyForm(request.POST),
                          service=services.item_verify, done=_("The rectification is verified. The unit is told."))


@office_required
@submit_once
def item_reject(request, pk):
    form = ReasonForm(request.POST, label=_("What is still not rectified?"))
    return _office_action(request, pk, form_name="reject_form", form=form, service=services.item_reject,
                          done=_("The item is sent back to the unit for further rectification."))


@office_required
@submit_once
def item_extend(request, pk):
    return _office_action(request, pk, form_name="extend_form", form=ExtendForm(request.POST),
                          service=services.item_extend, done=_("The deadline is extended. The unit is told."))


@office_required
@submit_once
def item_withdraw(request, pk):
    form = ReasonForm(request.POST, label=_("Why is the item withdrawn?"))
    return _office_action(request, pk, form_name="withdraw_form", form=form, service=services.item_withdraw,
                          done=_("The item is withdrawn."))


# --- recording and editing -------------------------------------------------------------------------

def default_deadline(activity, today):
    """Three calendar months from today (the period the Deputies Law gives units to answer), and
    never before the activity ended."""
    return max(add_calendar_months(today, 3), activity.end_date)


def _deadline_from(query):
    try:
        return datetime.date.fromisoformat(query.get("deadline", ""))
    except ValueError:
        return None


@office_required
@submit_once
def item_create(request, pk):
    """Record the problems an activity found one after another ("save and add another")."""
    activity = get_activity_for_user_or_404(request.user, pk)
    today = _today()
    form = ItemForm(request.POST or None, initial={"deadline": _deadline_from(request.GET)
                                                   or default_deadline(activity, today)})
    if request.method == "POST" and form.is_valid():
        item = run_service(form, services.item_create, activity=activity, actor=request.user, **form.cleaned_data)
        if item is not None:
            messages.success(request, _("Item recorded and sent to %(unit)s.") % {"unit": item.unit.name})
            if "another" in request.POST:
                url = reverse("supervision:item_create", args=[activity.pk])
                return redirect(f"{url}?{urlencode({'deadline': item.deadline.isoformat()})}")
            return redirect("supervision:item_detail", item.pk)
    return render(request, "supervision/item_form.html", {
        "form": form, "activity": activity, "recorded": selectors.activity_items(activity),
        "held": activity.status == activity.Status.HELD,
    })


@office_required
def item_update(request, pk):
    item = get_item_for_user_or_404(request.user, pk)
    if item.status != R.PENDING:
        messages.error(request, _("The item can be edited only until the unit starts on it."))
        return redirect("supervision:item_detail", item.pk)
    initial = {"problem": item.problem, "requirement": item.requirement, "unit": item.unit,
               "deadline": item.deadline}
    form = protect_edit(ItemForm(request.POST or None, initial=initial, current_unit=item.unit), item)
    if item.extended:
        form.fields["deadline"].disabled = True
        form.fields["deadline"].help_text = _("Extended once already; it cannot be changed again.")
    if request.method == "POST" and form.is_valid():
        if save_edit(form, services.item_update, item=item, actor=request.user, **form.cleaned_data) is not None:
            messages.success(request, _("The item is saved."))
            return redirect("supervision:item_detail", item.pk)
    return render(request, "supervision/item_form.html", {"form": form, "activity": item.activity, "item": item})


# --- the unit's pages -------------------------------------------------------------------------------

@unit_required
def unit_items(request):
    """本单位整改事项: open ones first, those in the unit's hands by deadline; a tab for done ones."""
    unit = request.user.handling_unit
    show = request.GET.get("show", "")
    show = show if show in selectors.Show.CHOICES else selectors.Show.OPEN
    page = Paginator(selectors.unit_items(unit, show=show) if unit else RectificationItem.objects.none(),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "supervision/unit_items.html", {
        "unit": unit, "show": show, "counts": selectors.unit_counts(unit) if unit else {},
        "page_obj": page, "rows": selectors.rows(page.object_list, _today()), "extra_query": f"show={show}&",
    })


def _unit_page(request, item, *, panel="", **forms):
    if panel:
        item = selectors.with_leader(item)
    context = {
        "page": selectors.item_page(item, _today()), "item": item, "activity": item.activity, "panel": panel,
        "actions": set(workflow.allowed_actions(item.status, workflow.Actor.UNIT)),
        "report_form": ReportForm(), "done_form": ReportForm(completion=True), **forms,
    }
    return render(request, "supervision/unit_item.html", context)


@unit_required
def unit_item(request, pk):
    return _unit_page(request, get_item_for_unit_or_404(request.user, pk))


@unit_required
@submit_once
def unit_item_start(request, pk):
    item = get_item_for_unit_or_404(request.user, pk)
    if request.method == "POST":
        try:
            services.item_start(item=item, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Rectification started. Report its progress here as the work goes on."))
    return redirect("supervision:unit_item", item.pk)


def _unit_report(request, pk, *, completion):
    item = get_item_for_unit_or_404(request.user, pk)
    if request.method != "POST":
        return redirect("supervision:unit_item", item.pk)
    form = ReportForm(request.POST, request.FILES, completion=completion)
    service = services.item_claim_done if completion else services.item_report
    if form.is_valid() and run_service(form, service, item=item, actor=request.user, **form.cleaned_data) is not None:
        messages.success(request, _("Reported done. The presidium office will check and verify it.") if completion
                         else _("Your progress report is saved."))
        return redirect("supervision:unit_item", item.pk)
    name = "done_form" if completion else "report_form"
    return _unit_page(request, item, panel=name, **{name: form})


@unit_required
@submit_once
def unit_item_report(request, pk):
    return _unit_report(request, pk, completion=False)


@unit_required
@submit_once
def unit_item_done(request, pk):
    return _unit_report(request, pk, completion=True)


def rectification_file(request, pk):
    """A file of a progress report, for whoever may see its item."""
    stored = get_rectification_file_for_user_or_404(request.user, pk)
    return file_response(stored.file, filename=stored.name)
