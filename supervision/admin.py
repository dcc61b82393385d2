from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Activity,
    ActivityFile,
    RectificationEvent,
    RectificationFile,
    RectificationItem,
    RectificationReport,
    ResearchReport,
    SatisfactionVote,
    Training,
    TrainingMaterial,
)


class ActivityFileInline(admin.TabularInline):
    model = ActivityFile
    extra = 0


class SatisfactionVoteInline(admin.TabularInline):
    model = SatisfactionVote
    extra = 0


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "kind", "status", "start_date", "leader")
    list_filter = ("kind", "status")
    search_fields = ("topic", "findings", "opinion_text")
    date_hierarchy = "start_date"
    filter_horizontal = ("units", "participants")
    raw_id_fields = ("leader", "follows")
    inlines = [ActivityFileInline, SatisfactionVoteInline]


@admin.register(ActivityFile)
class ActivityFileAdmin(SimpleHistoryAdmin):
    list_display = ("name", "activity", "is_photo", "uploaded_at")
    list_filter = ("is_photo",)
    search_fields = ("name", "caption", "activity__topic")


@admin.register(SatisfactionVote)
class SatisfactionVoteAdmin(SimpleHistoryAdmin):
    list_display = ("subject", "activity", "held_on", "ballots", "satisfied", "basically_satisfied",
                    "unsatisfied", "result")
    list_filter = ("result",)
    search_fields = ("subject",)


class RectificationReportInline(admin.StackedInline):
    model = RectificationReport
    extra = 0


class RectificationEventInline(admin.TabularInline):
    model = RectificationEvent
    extra = 0
    readonly_fields = ("action", "actor", "comment", "from_status", "to_status", "created_at")


@admin.register(RectificationItem)
class RectificationItemAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "unit", "status", "assigned_on", "deadline", "activity")
    list_filter = ("status", "unit")
    search_fields = ("problem", "requirement", "activity__topic")
    date_hierarchy = "deadline"
    raw_id_fields = ("activity",)
    inlines = [RectificationReportInline, RectificationEventInline]


@admin.register(RectificationReport)
class RectificationReportAdmin(SimpleHistoryAdmin):
    list_display = ("item", "is_completion", "author", "created_at")
    list_filter = ("is_completion",)
    search_fields = ("text",)


@admin.register(RectificationFile)
class RectificationFileAdmin(SimpleHistoryAdmin):
    list_display = ("name", "report", "is_photo", "uploaded_at")
    list_filter = ("is_photo",)
    search_fields = ("name",)


@admin.register(RectificationEvent)
class RectificationEventAdmin(admin.ModelAdmin):
    list_display = ("item", "action", "actor", "from_status", "to_status", "created_at")
    list_filter = ("action",)
    search_fields = ("comment",)


class TrainingMaterialInline(admin.TabularInline):
    model = TrainingMaterial
    extra = 0


@admin.register(Training)
class TrainingAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "kind", "status", "start_date", "place")
    list_filter = ("kind", "status")
    search_fields = ("topic", "place", "summary")
    date_hierarchy = "start_date"
    filter_horizontal = ("attendees",)
    inlines = [TrainingMaterialInline]


@admin.register(TrainingMaterial)
class TrainingMaterialAdmin(SimpleHistoryAdmin):
    list_display = ("name", "training", "uploaded_at")
    search_fields = ("name",)


@admin.register(ResearchReport)
class ResearchReportAdmin(SimpleHistoryAdmin):
    list_display = ("title", "author", "written_on", "activity")
    search_fields = ("title", "summary")
    raw_id_fields = ("author", "activity")
