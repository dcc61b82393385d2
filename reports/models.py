"""The year-end work summary and plan (年度工作总结和下年工作计划, SPEC §6) and the plan items it
is built from.

A report is kept in versions: version 1 is the first draft the portal writes from the records;
staff edit each section's narrative while its figures stay live; the chairman finalises it with
an issue number (文号) and a date, which freezes the figures and the whole text; a later change
starts a new version from a final one. Versions are never deleted.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import Child, HistoricalRecords, history_children


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("title"), max_length=200)
    doc_number = models.CharField(_("issue number"), max_length=50, blank=True,
                                  help_text=_("For example 青人发〔2026〕5号"))
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    based_on = models.ForeignKey("self", verbose_name=_("based on"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="later_versions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("finalised by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    # Frozen at finalisation: the figures (reports.annual.figures.AnnualFigures as JSON) and the
    # whole document as it then read (its blocks as JSON), so a final report never changes when
    # the records do.
    figures_snapshot = models.JSONField(_("figures when finalised"), default=dict, blank=True)
    text_snapshot = models.JSONField(_("text when finalised"), default=dict, blank=True)
    # A draft's paragraphs written from the records, as counted when the draft was written or last
    # recounted (重新统计): {section key: [blocks as JSON]}. The page reads them instead of some
    # thirty queries over the year's records; finalising and the PDF count afresh. A cache of what
    # the records say, not a record itself: kept out of the history.
    counted_blocks = models.JSONField(_("figures as counted"), default=dict, blank=True)
    counted_at = models.DateTimeField(_("figures counted at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["counted_blocks", "counted_at"])

    class Meta:
        verbose_name = _("annual work report")
        verbose_name_plural = _("annual work reports")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="annual_report_version_unique"),
            models.UniqueConstraint(fields=["doc_number"], condition=~Q(doc_number=""),
                                    name="annual_report_doc_number_unique"),
            models.CheckConstraint(
                condition=Q(status="draft") | (~Q(doc_number="") & Q(issued_on__isnull=False)
                                               & Q(finalised_at__isnull=False)),
                name="annual_report_final_has_number_and_date",
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def is_final(self):
        return self.status == self.Status.FINAL


class ReportSection(models.Model):
    """One part of the report: its heading, the figures the portal writes (live until the report
    is final) and the narrative staff write around them."""

    report = models.ForeignKey(AnnualReport, verbose_name=_("annual work report"), on_delete=models.CASCADE,
                               related_name="sections")
    key = models.CharField(_("key"), max_length=30)
    order = models.PositiveSmallIntegerField(_("order"))
    heading = models.CharField(_("heading"), max_length=200)
    narrative = models.TextField(_("narrative"), blank=True,
                                 help_text=_("One paragraph per line. The figures are written by the portal."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report", "order"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="report_section_key_unique")]

    def __str__(self):
        return self.heading


class PlanItem(models.Model):
    """One line of a year's work plan (工作计划), linked later to the record that carried it out."""

    class Category(models.TextChoices):
        SUPERVISION = "supervision", _("Key supervision topic")
        SESSION = "session", _("Planned session or meeting")
        TRAINING = "training", _("Training")
        DEPUTY = "deputy", _("Deputy activity")
        OTHER = "other", _("Other")

    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    planned_month = models.PositiveSmallIntegerField(_("planned month"), null=True, blank=True)
    activity = models.ForeignKey("supervision.Activity", verbose_name=_("supervision activity"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="plan_items")
    meeting = models.ForeignKey("congress.Meeting", verbose_name=_("meeting"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="plan_items")
    training = models.ForeignKey("supervision.Training", verbose_name=_("training"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="plan_items")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["year", "category", "planned_month", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(planned_month__isnull=True) | Q(planned_month__range=(1, 12)),
                                   name="plan_item_month_valid"),
        ]

    def __str__(self):
        return self.title

    @property
    def carried_out_by(self):
        return self.activity or self.meeting or self.training

    @property
    def is_done(self):
        """Done when linked to a record that was held (select the links to read this cheaply)."""
        record = self.carried_out_by
        return record is not None and record.status == "held"


# The rows whose changes show on their parent's history card (core/history.py).
history_children("reports.AnnualReport", Child("reports.ReportSection", "report"))
