from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AbsenceFlag,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingNotice,
    NoticeReply,
    PresidiumMembership,
    Vote,
)


@admin.register(PresidiumMembership)
class PresidiumMembershipAdmin(SimpleHistoryAdmin):
    list_display = ("deputy", "position", "term", "since", "until")
    list_filter = ("term", "position")
    search_fields = ("deputy__name",)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "term", "start_date", "place", "status")
    list_filter = ("kind", "status", "term")
    search_fields = ("title", "place", "agenda_summary")
    date_hierarchy = "start_date"
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ("title", "meeting", "kind", "order")
    list_filter = ("kind",)
    search_fields = ("title",)


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "deputy", "status", "recorded_at")
    list_filter = ("status", "meeting__kind")
    search_fields = ("deputy__name",)
    list_select_related = ("meeting", "deputy")


@admin.register(Vote)
class VoteAdmin(SimpleHistoryAdmin):
    list_display = ("agenda_item", "votes_for", "votes_against", "abstentions", "deputies_in_office", "passed")
    list_filter = ("passed",)
    # The result is computed by congress.services from the rules, never typed in.
    readonly_fields = ("passed", "deputies_in_office", "deputies_present")


class NoticeReplyInline(admin.TabularInline):
    model = NoticeReply
    extra = 0


@admin.register(MeetingNotice)
class MeetingNoticeAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "sent_at", "reply_by")
    inlines = [NoticeReplyInline]


@admin.register(NoticeReply)
class NoticeReplyAdmin(SimpleHistoryAdmin):
    list_display = ("notice", "deputy", "answer", "leave_decision", "answered_at")
    list_filter = ("answer", "leave_decision")
    search_fields = ("deputy__name",)


@admin.register(AbsenceFlag)
class AbsenceFlagAdmin(admin.ModelAdmin):
    """Read-only: congress.services.absence_rule_check writes these when it tells the office."""

    list_display = ("deputy", "term", "absences", "flagged_at")
    list_filter = ("term",)
    search_fields = ("deputy__name",)
    readonly_fields = ("term", "deputy", "absences", "flagged_at")

    def has_add_permission(self, request):
        return False
