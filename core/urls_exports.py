"""Export jobs (core.exports), included at /exports/ (config/urls.py)."""
from django.urls import path

from . import views_exports as views

app_name = "exports"

urlpatterns = [
    path("", views.export_job_list, name="job_list"),
    path("jobs/<int:pk>/", views.export_job, name="job"),
    path("jobs/<int:pk>/status/", views.export_job_status, name="job_status"),
    path("jobs/<int:pk>/file/", views.export_job_file, name="job_file"),
    path("<slug:kind>/", views.export_start, name="start"),
]
