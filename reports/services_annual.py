"""Writes of the year-end work summary and plan (SPEC §6) and of the plan items.

The rules: the office (chairman and staff) writes the first draft and edits a draft's sections;
only the chairman finalises, with an issue number (文号) no other document bears and a date;
finalising freezes the figures and the whole text; a final report is never changed again — a
new version, started from it, carries the change. Versions are kept.
"""
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.exceptions import ApplicationError
from core.models import Township
from core.roles import Role

from .annual.document import (
    annual_document,
    counted_json,
    document_as_json,
    document_from_sections,
    live_sections,
)
from .annual.draft import default_sections
from .annual.figures import annual_figures
from .models import AnnualReport, PlanItem, ReportSection

PLAN_FIELDS = ("year", "category", "title", "description", "planned_month", "activity", "meeting", "training")


def _require_office(actor):
    if not actor.is_office:
        raise ApplicationError(_("Only the chairman and the office staff may do this."))


def _require_draft(report):
    if report.is_final:
        raise ApplicationError(_("This report is final and frozen: start a new version from it to change it."))


def _locked(report):
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


def report_title(year):
    return f"{Township.current().name}人大主席团{year}年工作总结和{year + 1}年工作计划"


def current_version(year):
    """The version that speaks for `year`: the latest final one, else the latest draft, else None."""
    reports = AnnualReport.objects.filter(year=year)
    return (reports.filter(status=AnnualReport.Status.FINAL).order_by("-version").first()
            or reports.order_by("-version").first())


@transaction.atomic
def annual_report_draft(*, year, actor):
    """Write the first draft for `year` from the records: version 1, the seeds' sections with their
    default narratives. A year has one first draft; later changes go into its versions."""
    _require_office(actor)
    if AnnualReport.objects.filter(year=year).exists():
        raise ApplicationError(
            _("The report for %(year)s has been drafted already: open it from the list.") % {"year": year},
            field="year")
    report = AnnualReport.objects.create(year=year, version=1, title=report_title(year), created_by=actor)
    bulk_create_with_history([
        ReportSection(report=report, key=key, order=order, heading=heading, narrative=narrative, updated_by=actor)
        for key, order, heading, narrative in default_sections(year)
    ], ReportSection, default_user=actor)
    _count(report)
    return report


def _count(report):
    """Write the draft's paragraphs from today's records into counted_blocks: a cache, so a
    queryset update that leaves no history row."""
    report.counted_blocks = counted_json(report.year)
    report.counted_at = timezone.now()
    AnnualReport.objects.filter(pk=report.pk).update(counted_blocks=report.counted_blocks,
                                                     counted_at=report.counted_at)


def annual_report_count_once(*, report):
    """A draft written before drafts kept their figures: count them now, once, as drafting does."""
    if not report.is_final and report.counted_at is None:
        _count(report)


@transaction.atomic
def annual_report_recount(*, report, actor):
    """Count a draft's figures again from the records (重新统计): its page shows them as last
    counted. A final report's figures are frozen and never recounted."""
    _require_office(actor)
    locked = _locked(report)
    _require_draft(locked)
    _count(locked)
    return locked


@transaction.atomic
def annual_section_update(*, section, heading, narrative, actor):
    """Save a draft section's heading and narrative; the figures in it are the portal's."""
    _require_office(actor)
    _require_draft(_locked(section.report))
    if not heading.strip():
        raise ApplicationError(_("A section needs its heading."), field="heading")
    section.heading = heading.strip()
    section.narrative = narrative.strip()
    section.updated_by = actor
    section.save(update_fields=["heading", "narrative", "updated_by", "updated_at"])
    return section


def annual_report_finalise(*, report, doc_number, issued_on, actor):
    """The chairman approves the report (SPEC §1): it takes its issue number and date, and its
    figures and text are frozen as they read now."""
    if not actor.has_role(Role.CHAIRMAN):
        raise ApplicationError(_("Only the chairman may finalise the report."))
    doc_number = (doc_number or "").strip()
    if not doc_number:
        raise ApplicationError(_("Give the issue number (文号) of the report."), field="doc_number")
    if issued_on is None:
        raise ApplicationError(_("Give the date of the report."), field="issued_on")
    if AnnualReport.objects.filter(doc_number=doc_number).exclude(pk=report.pk).exists():
        raise ApplicationError(_("Another document already bears the issue number %(number)s.")
                               % {"number": doc_number}, field="doc_number")
    try:
        with transaction.atomic():
            locked = _locked(report)
            _require_draft(locked)
            sections = live_sections(locked)
            figures = annual_figures(locked.year)
            locked.status = AnnualReport.Status.FINAL
            locked.doc_number = doc_number
            locked.issued_on = issued_on
            locked.finalised_by = actor
            locked.finalised_at = timezone.now()
            locked.figures_snapshot = figures.as_json()
            locked.text_snapshot = document_as_json(document_from_sections(locked, sections))
            locked.save(update_fields=["status", "doc_number", "issued_on", "finalised_by", "finalised_at",
                                       "figures_snapshot", "text_snapshot"])
    except IntegrityError:
        raise ApplicationError(_("Another document already bears the issue number %(number)s.")
                               % {"number": doc_number}, field="doc_number") from None
    return locked


@transaction.atomic
def annual_report_new_version(*, report, actor):
    """Start a new draft from a final version, with its sections' headings and narratives; the
    figures are live again. A draft is edited in place and needs no new version."""
    _require_office(actor)
    if not report.is_final:
        raise ApplicationError(_("This version is still a draft: edit it directly."))
    if AnnualReport.objects.filter(year=report.year, status=AnnualReport.Status.DRAFT).exists():
        raise ApplicationError(_("A draft of %(year)s is open already: edit that one.") % {"year": report.year})
    version = AnnualReport.objects.filter(year=report.year).aggregate(highest=Max("version"))["highest"] + 1
    new = AnnualReport.objects.create(year=report.year, version=version, title=report.title, based_on=report,
                                      created_by=actor)
    bulk_create_with_history([
        ReportSection(report=new, key=section.key, order=section.order, heading=section.heading,
                      narrative=section.narrative, updated_by=actor)
        for section in report.sections.order_by("order")
    ], ReportSection, default_user=actor)
    _count(new)
    return new


def annual_report_pdf(report):
    """The PDF of the report as it reads (a draft says so on every page)."""
    from .pdf import render_pdf

    return render_pdf(annual_document(report))


# --- plan items -----------------------------------------------------------------------------------

def _check_links(item):
    for name in ("activity", "meeting", "training"):
        record = getattr(item, name)
        if record is not None and record.start_date.year != item.year:
            raise ApplicationError(_("The record that carried out the item must be of %(year)s.")
                                   % {"year": item.year}, field=name)


@transaction.atomic
def plan_item_create(*, actor, **fields):
    """Add a line to a year's work plan."""
    _require_office(actor)
    item = PlanItem(created_by=actor, **{name: fields.get(name) for name in PLAN_FIELDS if name in fields})
    item.description = item.description or ""
    _check_links(item)
    item.save()
    return item


@transaction.atomic
def plan_item_update(*, item, actor, **fields):
    _require_office(actor)
    for name in PLAN_FIELDS:
        if name in fields:
            setattr(item, name, fields[name])
    item.description = item.description or ""
    _check_links(item)
    item.save()
    return item


@transaction.atomic
def plan_item_delete(*, item, actor):
    _require_office(actor)
    item.delete()
