"""The roster's Excel import and export, under /deputies/ (config/urls.py)."""
from django.urls import path

from . import views_excel

app_name = "deputies_excel"

urlpatterns = [
    path("roster/import/", views_excel.roster_import, name="import"),
    path("roster/import/check/", views_excel.roster_import_check, name="check"),
    path("roster/import/confirm/", views_excel.roster_import_confirm, name="confirm"),
    path("roster/import/cancel/", views_excel.roster_import_cancel, name="cancel"),
    path("roster/export/", views_excel.roster_export, name="export"),
    path("roster/template/", views_excel.roster_template, name="template"),
]
