from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import admin_calendar  # noqa: F401  (registers Holiday)
from . import admin_exports  # noqa: F401  (registers ExportJob)
from . import admin_axes  # noqa: F401  (keeps django-axes' admin words in the Chinese catalogue)
from .models import HandlingUnit, Notification, Reminder, Township, User
from .roles import Role

admin.site.site_header = _("Presidium portal administration")
admin.site.site_title = _("Presidium portal")
admin.site.index_title = _("Records")


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ("username", "name", "phone", "handling_unit", "role_names", "is_active", "last_login")
    list_filter = ("groups", "is_active", "is_staff", "handling_unit")
    search_fields = ("username", "name", "phone", "email")
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("name", "phone", "email", "receive_sms")}),
        (_("Roles and unit"), {"fields": ("groups", "handling_unit", "is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "name", "phone", "password1", "password2")}),
        (_("Roles and unit"), {"fields": ("groups", "handling_unit", "is_staff")}),
    )
    filter_horizontal = ("groups",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("handling_unit").prefetch_related("groups")

    @admin.display(description=_("roles"))
    def role_names(self, user):
        return "、".join(str(Role(g.name).label) for g in user.groups.all() if g.name in Role.values)


@admin.register(Township)
class TownshipAdmin(SimpleHistoryAdmin):
    list_display = ("name", "county", "province", "phone")

    def has_add_permission(self, request):
        # One installation serves one township.
        return not Township.objects.exists() and super().has_add_permission(request)


@admin.register(HandlingUnit)
class HandlingUnitAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "head", "phone", "active", "sort_order")
    list_filter = ("kind", "active")
    list_editable = ("sort_order",)
    search_fields = ("name", "head")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipient", "kind", "created_at", "is_read", "emailed_at", "sms_sent_at")
    list_filter = ("is_read", "kind", "created_at")
    search_fields = ("subject", "body", "recipient__name", "recipient__username")
    list_select_related = ("recipient",)
    raw_id_fields = ("recipient",)
    date_hierarchy = "created_at"


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "source", "item_id", "title", "recipient")
    list_filter = ("kind", "source", "day")
    search_fields = ("title", "recipient__name")
    list_select_related = ("recipient",)
    raw_id_fields = ("recipient", "notification")
    readonly_fields = [field.name for field in Reminder._meta.fields]

    def has_add_permission(self, request):
        return False
