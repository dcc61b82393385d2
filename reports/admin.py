from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualReport, PlanItem, ReportSection


class ReportSectionInline(admin.TabularInline):
    model = ReportSection
    extra = 0
    fields = ("order", "key", "heading", "narrative")


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ("title", "year", "version", "status", "doc_number", "issued_on")
    list_filter = ("status", "year")
    search_fields = ("title", "doc_number")
    readonly_fields = ("created_by", "created_at", "finalised_by", "finalised_at", "figures_snapshot",
                       "text_snapshot")
    inlines = [ReportSectionInline]


@admin.register(ReportSection)
class ReportSectionAdmin(SimpleHistoryAdmin):
    list_display = ("heading", "report", "order")
    list_select_related = ("report",)


@admin.register(PlanItem)
class PlanItemAdmin(SimpleHistoryAdmin):
    list_display = ("title", "year", "category", "planned_month")
    list_filter = ("year", "category")
    search_fields = ("title",)
    raw_id_fields = ("activity", "meeting", "training")
