from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Award,
    ContactPlatform,
    Deputy,
    DutyWeight,
    ElectoralDistrict,
    GroupActivity,
    Mandate,
    ReceptionMatter,
    ReportToVoters,
    RepresentativeGroup,
    Term,
    VoterReception,
)
from .selectors import deputies_in_office


class InOfficeFilter(admin.SimpleListFilter):
    title = _("in office today")
    parameter_name = "in_office"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        in_office = deputies_in_office().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=in_office)
        if self.value() == "no":
            return queryset.exclude(pk__in=in_office)
        return queryset


class HasAccountFilter(admin.SimpleListFilter):
    title = _("login account")
    parameter_name = "has_account"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(user__isnull=self.value() == "no")
        return queryset


class MandateInline(admin.TabularInline):
    model = Mandate
    extra = 0


@admin.register(Deputy)
class DeputyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "gender", "phone", "district", "occupation", "work_unit", "user")
    list_filter = (InOfficeFilter, HasAccountFilter, "gender", "occupation", "political_status", "district")
    search_fields = ("name", "phone", "work_unit")
    list_select_related = ("user", "district")
    raw_id_fields = ("user",)
    inlines = [MandateInline]


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "number", "start_date", "end_date")


@admin.register(ElectoralDistrict)
class ElectoralDistrictAdmin(SimpleHistoryAdmin):
    list_display = ("name", "number", "term", "area", "seats")
    list_filter = ("term",)
    search_fields = ("name", "area")


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = ("deputy", "level", "term", "election", "elected_on", "status", "ended_on")
    list_filter = ("level", "status", "election", "term")
    search_fields = ("deputy__name",)
    list_select_related = ("deputy", "term")


# The portal's own pages (/deputies/) write through deputies.services with its rules; the admin
# stays for corrections the pages do not offer.

@admin.register(RepresentativeGroup)
class RepresentativeGroupAdmin(SimpleHistoryAdmin):
    list_display = ("name", "term", "leader", "contact_member")
    list_filter = ("term",)
    list_select_related = ("term", "leader", "contact_member")
    search_fields = ("name", "area")
    filter_horizontal = ("members",)
    raw_id_fields = ("leader", "contact_member")


@admin.register(GroupActivity)
class GroupActivityAdmin(SimpleHistoryAdmin):
    list_display = ("date", "group", "topic", "place")
    list_filter = ("group",)
    list_select_related = ("group",)
    search_fields = ("topic", "place")
    date_hierarchy = "date"
    filter_horizontal = ("participants",)
    readonly_fields = ("recorded_by",)


@admin.register(ContactPlatform)
class ContactPlatformAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "parent", "reception_days", "active")
    list_filter = ("kind", "active")
    list_select_related = ("parent",)
    search_fields = ("name", "address")
    filter_horizontal = ("duty_deputies",)


class ReceptionMatterInline(admin.TabularInline):
    model = ReceptionMatter
    extra = 1


@admin.register(VoterReception)
class VoterReceptionAdmin(SimpleHistoryAdmin):
    list_display = ("date", "platform", "voters_received", "recorded_by")
    list_filter = ("platform",)
    list_select_related = ("platform", "recorded_by")
    date_hierarchy = "date"
    filter_horizontal = ("deputies",)
    readonly_fields = ("recorded_by", "recorded_at")
    inlines = [ReceptionMatterInline]


@admin.register(ReceptionMatter)
class ReceptionMatterAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "reception", "raised_by")
    list_select_related = ("reception", "reception__platform")
    search_fields = ("content", "raised_by")


@admin.register(ReportToVoters)
class ReportToVotersAdmin(SimpleHistoryAdmin):
    list_display = ("deputy", "date", "term", "voters_attending", "rating")
    list_filter = ("term", "rating")
    list_select_related = ("deputy", "term")
    search_fields = ("deputy__name", "place")
    date_hierarchy = "date"
    raw_id_fields = ("deputy",)
    readonly_fields = ("recorded_by",)


@admin.register(DutyWeight)
class DutyWeightAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "points")
    list_editable = ("points",)


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ("year", "title", "deputy", "group", "given_by")
    list_filter = ("year", "title")
    search_fields = ("title", "deputy__name", "group__name")
