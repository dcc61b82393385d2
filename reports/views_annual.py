"""The year-end work summary and plan (SPEC §6): the list of versions, the report page (the whole
document as it will read, each section's narrative editable while a draft), finalising, new
versions and the plan items. The PDF is an export job (reports.exports, kind "annual_report"):
the page's button starts it; it is never rendered inside a request."""
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.concurrency import protect_edit, save_edit, submit_once
from core.exceptions import ApplicationError
from core.forms import run_service
from core.permissions import get_object_for_user_or_404, office_required, reads_all_required, role_required
from core.roles import Role

from . import services_annual as services
from .annual.document import annual_document, counted_sections, issuer
from .annual.draft import PLAN_CATEGORY, SECTION_LEVEL
from .annual.permissions import (
    can_edit_annual_report,
    can_finalise_annual_report,
    get_annual_report_for_user_or_404,
    get_plan_item_for_user_or_404,
)
from .forms_annual import DraftForm, FinaliseForm, PlanItemForm, SectionForm
from .models import AnnualReport, PlanItem, ReportSection


def page_blocks(blocks):
    """Blocks tagged with their kind, for the template."""
    return [{"kind": type(block).__name__.lower(), "block": block} for block in blocks]


@reads_all_required
def annual_list(request, form=None):
    reports = list(AnnualReport.objects.select_related("created_by", "finalised_by").order_by("-year", "-version"))
    years = {}
    for report in reports:
        years.setdefault(report.year, []).append(report)
    plan_counts = dict(PlanItem.objects.order_by().values_list("year").annotate(n=Count("pk")))
    return render(request, "reports/annual_list.html", {
        "years": sorted(years.items(), reverse=True), "form": form or DraftForm(),
        "can_manage": request.user.is_office, "plan_counts": sorted(plan_counts.items(), reverse=True),
    })


@office_required
@require_POST
@submit_once
def annual_create(request):
    form = DraftForm(request.POST)
    if form.is_valid():
        report = run_service(form, services.annual_report_draft, year=form.cleaned_data["year"], actor=request.user)
        if report is not None:
            messages.success(request, _("The first draft is written from the records. Read it and edit each section."))
            return redirect("annual:detail", report.pk)
    return annual_list(request, form=form)


def _detail(request, report, *, bound=None, status=200):
    editable = can_edit_annual_report(request.user, report)
    if report.is_final:
        sections, document = None, annual_document(report)
        blocks = page_blocks(document.blocks)
    else:
        services.annual_report_count_once(report=report)
        blocks = None
        sections = []
        for section, narrative, generated in counted_sections(report):
            form = (bound if bound is not None and bound.section.pk == section.pk
                    else protect_edit(SectionForm(section=section), section))
            sections.append({"section": section, "level": SECTION_LEVEL.get(section.key, 2),
                             "narrative": page_blocks(narrative), "generated": page_blocks(generated),
                             "form": form if editable else None})
        document = None
    versions = list(AnnualReport.objects.filter(year=report.year).select_related("finalised_by").order_by("-version"))
    return render(request, "reports/annual_detail.html", {
        "report": report, "sections": sections, "blocks": blocks, "document": document, "versions": versions,
        "can_edit": editable, "can_finalise": can_finalise_annual_report(request.user, report),
        "can_new_version": request.user.is_office and report.is_final
        and not any(version.status == AnnualReport.Status.DRAFT for version in versions),
        "issuer": issuer(),
    }, status=status)


@reads_all_required
def annual_detail(request, pk):
    return _detail(request, get_annual_report_for_user_or_404(request.user, pk))


@office_required
@require_POST
def annual_section_update(request, pk, key):
    report = get_annual_report_for_user_or_404(request.user, pk)
    section = get_object_for_user_or_404(request.user, ReportSection.objects.filter(report=report),
                                         lambda user, obj: True, key=key)
    form = protect_edit(SectionForm(request.POST, section=section), section)
    if form.is_valid():
        if save_edit(form, services.annual_section_update, section=section, actor=request.user,
                       **form.cleaned_data) is not None:
            messages.success(request, _("The section “%(heading)s” is saved.") % {"heading": section.heading})
            return redirect(f"{reverse('annual:detail', args=[report.pk])}#section-{section.key}")
    report.refresh_from_db()
    if report.is_final:
        messages.error(request, _("This report is final and frozen: start a new version from it to change it."))
        return redirect("annual:detail", report.pk)
    return _detail(request, report, bound=form, status=400)


@office_required
@require_POST
def annual_recount(request, pk):
    report = get_annual_report_for_user_or_404(request.user, pk)
    try:
        services.annual_report_recount(report=report, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The figures are counted again from the records."))
    return redirect("annual:detail", report.pk)


@role_required(Role.CHAIRMAN)
@submit_once
def annual_finalise(request, pk):
    report = get_annual_report_for_user_or_404(request.user, pk)
    if report.is_final:
        messages.error(request, _("This report is final and frozen: start a new version from it to change it."))
        return redirect("annual:detail", report.pk)
    form = FinaliseForm(request.POST or None)
    if form.is_valid():
        if run_service(form, services.annual_report_finalise, report=report, actor=request.user,
                       **form.cleaned_data) is not None:
            messages.success(request, _("The report is final: its figures and text are frozen."))
            return redirect("annual:detail", report.pk)
    return render(request, "reports/annual_finalise.html", {"report": report, "form": form},
                  status=400 if form.is_bound else 200)


@office_required
@require_POST
@submit_once
def annual_new_version(request, pk):
    report = get_annual_report_for_user_or_404(request.user, pk)
    try:
        new = services.annual_report_new_version(report=report, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("annual:detail", report.pk)
    messages.success(request, _("Version %(version)d is started from version %(old)d.")
                     % {"version": new.version, "old": report.version})
    return redirect("annual:detail", new.pk)


# --- plan items -----------------------------------------------------------------------------------

@reads_all_required
def plan_list(request, year):
    items = list(PlanItem.objects.filter(year=year).select_related("activity", "meeting__term", "training")
                 .order_by("category", "planned_month", "pk"))
    groups = [(label, [item for item in items if item.category == category])
              for category, label in PlanItem.Category.choices]
    return render(request, "reports/annual_plan.html", {
        "year": year, "groups": [(label, entries) for label, entries in groups if entries], "items": items,
        "done": sum(1 for item in items if item.is_done), "can_manage": request.user.is_office,
        "plan_category": PLAN_CATEGORY,
    })


@office_required
@submit_once
def plan_create(request, year):
    form = PlanItemForm(request.POST or None, year=year)
    if form.is_valid():
        item = run_service(form, services.plan_item_create, actor=request.user, **form.cleaned_data)
        if item is not None:
            messages.success(request, _("The plan item is added."))
            return redirect("annual:plan", item.year)
    return render(request, "reports/annual_plan_form.html", {"form": form, "year": year, "item": None},
                  status=400 if form.is_bound else 200)


@office_required
def plan_update(request, pk):
    item = get_plan_item_for_user_or_404(request.user, pk)
    initial = {name: getattr(item, name) for name in services.PLAN_FIELDS}
    form = protect_edit(PlanItemForm(request.POST or None, year=item.year, initial=initial), item)
    if form.is_valid():
        if save_edit(form, services.plan_item_update, item=item, actor=request.user,
                       **form.cleaned_data) is not None:
            messages.success(request, _("The plan item is saved."))
            return redirect("annual:plan", item.year)
    return render(request, "reports/annual_plan_form.html", {"form": form, "year": item.year, "item": item},
                  status=400 if form.is_bound else 200)


@office_required
def plan_delete(request, pk):
    item = get_plan_item_for_user_or_404(request.user, pk)
    if request.method == "POST":
        services.plan_item_delete(item=item, actor=request.user)
        messages.success(request, _("The plan item is deleted."))
        return redirect("annual:plan", item.year)
    return render(request, "reports/annual_plan_delete.html", {"item": item})


