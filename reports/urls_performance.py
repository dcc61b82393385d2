"""The performance record's pages, included at /performance/ (config/urls.py)."""
from django.urls import path

from . import views_performance as views

app_name = "reports"

urlpatterns = [
    path("", views.performance_table, name="performance_table"),
    path("export/", views.performance_export, name="performance_export"),
    path("deputies/<int:deputy_id>/", views.performance_record, name="performance_record"),
    path("mine/", views.my_performance, name="my_performance"),
    path("weights/", views.weights_edit, name="weights_edit"),
    path("awards/", views.award_list, name="award_list"),
    path("awards/new/", views.award_create_view, name="award_create"),
    path("awards/<int:pk>/delete/", views.award_delete_view, name="award_delete"),
]
