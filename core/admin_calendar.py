"""The admin of the holiday table, where staff enter the years the chinesecalendar package lacks."""
from django.contrib import admin
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Holiday


class YearListFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("day", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(day__year=self.value())
        return queryset


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    list_display = ["day", "weekday", "name", "is_workday", "source"]
    list_filter = ["is_workday", "source", YearListFilter]
    search_fields = ["name"]
    date_hierarchy = "day"
    ordering = ["-day"]
    readonly_fields = ["source"]

    def save_model(self, request, obj, form, change):
        # A day staff touched is theirs: load_holidays never overwrites a manual row.
        obj.source = Holiday.Source.MANUAL
        super().save_model(request, obj, form, change)

    @admin.display(description=_("weekday"))
    def weekday(self, holiday):
        return format_date(holiday.day, "l")
