from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Assignment,
    Attachment,
    Category,
    Contact,
    CoSigner,
    Event,
    HandlingRules,
    NumberSequence,
    Rating,
    Reply,
    ResultClass,
    Suggestion,
)


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ("name", "sort_order", "active")
    list_editable = ("sort_order", "active")


@admin.register(ResultClass)
class ResultClassAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "needs_promise_date", "sort_order", "active")
    list_editable = ("sort_order", "active")


@admin.register(HandlingRules)
class HandlingRulesAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "due_rule", "months_normal", "months_complex", "return_working_days")

    def has_add_permission(self, request):
        return not HandlingRules.objects.exists() and super().has_add_permission(request)


class CoSignerInline(admin.TabularInline):
    model = CoSigner
    extra = 0


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    can_delete = False
    readonly_fields = ("action", "from_status", "to_status", "actor", "unit", "comment", "at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Suggestion)
class SuggestionAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "title", "kind", "source", "proposer", "category", "status", "due_date", "is_key")
    list_filter = ("year", "kind", "source", "status", "category", "is_key", "is_published")
    search_fields = ("title", "content", "proposer__name", "petitioner")
    list_select_related = ("proposer", "category")
    raw_id_fields = ("proposer", "merged_into", "reception_matter", "key_leader", "session")
    # Status moves go through the portal's pages so that each is checked and recorded.
    readonly_fields = ("status",)
    inlines = [CoSignerInline, AssignmentInline, EventInline]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("suggestion", "unit", "role", "status", "assigned_at", "due_date")
    list_filter = ("role", "status", "unit")
    search_fields = ("suggestion__title",)
    list_select_related = ("suggestion", "unit")


@admin.register(Reply)
class ReplyAdmin(SimpleHistoryAdmin):
    list_display = ("suggestion", "round", "result_class", "replied_on", "due_date", "promised_date")
    list_filter = ("result_class", "round")
    list_select_related = ("suggestion", "result_class")


@admin.register(Rating)
class RatingAdmin(SimpleHistoryAdmin):
    list_display = ("reply", "deputy", "satisfaction", "rated_at")
    list_filter = ("satisfaction",)


@admin.register(CoSigner)
class CoSignerAdmin(SimpleHistoryAdmin):
    list_display = ("suggestion", "deputy", "status", "responded_at")
    list_filter = ("status",)


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "suggestion", "uploaded_at")


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ("assignment", "date", "way")
    list_filter = ("way",)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("suggestion", "action", "from_status", "to_status", "actor", "at")
    list_filter = ("action",)
    readonly_fields = [field.name for field in Event._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(NumberSequence)
class NumberSequenceAdmin(admin.ModelAdmin):
    list_display = ("year", "last_number")
