from django.contrib import admin

from .models import Deputy


@admin.register(Deputy)
class DeputyAdmin(admin.ModelAdmin):
    list_display = ("name", "gender", "phone", "work_unit", "status", "user")
    list_filter = ("status", "gender")
    search_fields = ("name", "phone", "work_unit")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
