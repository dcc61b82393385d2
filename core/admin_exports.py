"""Export jobs in the admin: read-only, for looking into a failed job."""
from django.contrib import admin

from .models_exports import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "requested_by", "status", "progress", "created_at", "finished_at")
    list_filter = ("kind", "status")
    search_fields = ("title", "requested_by__name", "requested_by__username")
    readonly_fields = [field.name for field in ExportJob._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False
