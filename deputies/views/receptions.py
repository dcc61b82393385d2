"""Voter receptions (接待选民) with what voters raised, and deputies' reports to voters (向选民述职)."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.concurrency import submit_once
from core.permissions import office_required, reads_all_required

from .. import selectors, services
from ..forms import MatterFormSet, ReceptionFilterForm, ReceptionForm, ReportToVotersForm
from ..permissions import can_manage_deputies, get_reception_for_user_or_404
from .common import apply_service, is_post, keep_input_without_errors, term_filter, with_one_more_form

MATTERS = "matters"
PAGE_SIZE = 20


@reads_all_required
def reception_list(request):
    """The receptions of a year, newest first, with the year's totals the summary quotes."""
    filters = ReceptionFilterForm(request.GET)
    year = filters.value("year", selectors.today().year)
    platform = filters.value("platform")
    page = Paginator(selectors.receptions(year=year, platform=platform), PAGE_SIZE).get_page(request.GET.get("page"))
    query = {"year": year, **({"platform": platform.pk} if platform else {})}
    return render(request, "deputies/reception_list.html", {
        "filters": filters, "year": year, "page_obj": page, "extra_query": urlencode(query) + "&",
        "counts": selectors.reception_counts(year), "can_manage": can_manage_deputies(request.user),
    })


@office_required
@submit_once
def reception_create(request):
    """Record a reception; "add another matter" keeps everything typed and adds one empty line."""
    adding_line = is_post(request) and "add_matter" in request.POST
    data = with_one_more_form(request.POST, MATTERS) if adding_line else (request.POST or None)
    form = ReceptionForm(data, initial={"platform": request.GET.get("platform")})
    matters = MatterFormSet(data, prefix=MATTERS)
    if adding_line:
        keep_input_without_errors(form, matters)
    elif is_post(request) and form.is_valid() and matters.is_valid():
        lines = [line.cleaned_data for line in matters if line.cleaned_data]
        reception = apply_service(form, services.reception_record, actor=request.user, matters=lines,
                                  **form.cleaned_data)
        if reception:
            messages.success(request, _("The reception of %(date)s is recorded.") % {
                "date": date_format(reception.date)})
            return redirect("deputies:reception_detail", pk=reception.pk)
    return render(request, "deputies/reception_form.html", {"form": form, "matters": matters})


def reception_detail(request, pk):
    reception = get_reception_for_user_or_404(request.user, pk)
    return render(request, "deputies/reception_detail.html", {
        "reception": reception, **selectors.reception_detail(reception), "reads_all": request.user.reads_all,
    })


@reads_all_required
def report_list(request):
    """The term's reports to voters, and how many deputies in office have reported."""
    filters, term = term_filter(request)
    reports = selectors.reports_to_voters(term) if term else []
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "deputies/report_list.html", {
        "filters": filters, "term": term, "page_obj": page, "extra_query": f"term={term.pk}&" if term else "",
        "progress": selectors.report_progress(term) if term else None,
        "can_manage": can_manage_deputies(request.user),
    })


@reads_all_required
def not_reported(request):
    """Deputies in office who have not reported to their voters yet this term (the seeds require it)."""
    filters, term = term_filter(request)
    # Thousands in a county at the start of a term: one page at a time, the term kept in the pager's links.
    page = Paginator(selectors.deputies_not_reported(term) if term else [], PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "deputies/not_reported.html", {
        "filters": filters, "term": term, "page_obj": page, "page_query": f"{query.urlencode()}&" if query else "",
        "deputies": list(page.object_list),
        "progress": selectors.report_progress(term) if term else None,
        "can_manage": can_manage_deputies(request.user),
    })


@office_required
@submit_once
def report_create(request):
    form = ReportToVotersForm(request.POST or None, initial={"deputy": request.GET.get("deputy")})
    if is_post(request) and form.is_valid():
        report = apply_service(form, services.report_to_voters_record, actor=request.user, **form.cleaned_data)
        if report:
            messages.success(request, _("The report to voters of %(name)s is recorded.") % {
                "name": report.deputy.name})
            return redirect("deputies:report_list")
    return render(request, "deputies/report_form.html", {"form": form})
