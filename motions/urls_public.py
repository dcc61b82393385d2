"""The statistics (those who read everything) and the public page (anyone, no account)."""
from django.urls import path

from .views import public, statistics

urlpatterns = [
    path("statistics/", statistics.stats_overview, name="stats_overview"),
    path("statistics/export/", statistics.stats_export, name="stats_export"),
    path("statistics/item/<int:pk>/", statistics.stats_item_link, name="stats_item_link"),
    path("public/", public.public_list, name="public_list"),
    path("public/report/", public.public_report, name="public_report"),
    path("public/<int:pk>/", public.public_detail, name="public_detail"),
]
