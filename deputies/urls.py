from django.urls import path

from .views import groups, platforms, receptions, roster

app_name = "deputies"

urlpatterns = [
    path("", roster.deputy_list, name="deputy_list"),
    path("new/", roster.deputy_create, name="deputy_create"),
    path("me/", roster.my_record, name="my_record"),
    path("by-election/", roster.by_election, name="by_election"),
    path("<int:pk>/", roster.deputy_detail, name="deputy_detail"),
    path("<int:pk>/edit/", roster.deputy_update, name="deputy_update"),
    path("<int:pk>/mandates/new/", roster.mandate_add, name="mandate_add"),
    path("mandates/<int:pk>/end/", roster.mandate_end, name="mandate_end"),
    path("districts/", roster.district_list, name="district_list"),
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_update, name="group_update"),
    path("groups/<int:pk>/activities/new/", groups.group_activity_create, name="group_activity_create"),
    path("platforms/", platforms.platform_list, name="platform_list"),
    path("platforms/new/", platforms.platform_create, name="platform_create"),
    path("platforms/<int:pk>/", platforms.platform_detail, name="platform_detail"),
    path("platforms/<int:pk>/edit/", platforms.platform_update, name="platform_update"),
    path("receptions/", receptions.reception_list, name="reception_list"),
    path("receptions/new/", receptions.reception_create, name="reception_create"),
    path("receptions/<int:pk>/", receptions.reception_detail, name="reception_detail"),
    path("reports-to-voters/", receptions.report_list, name="report_list"),
    path("reports-to-voters/new/", receptions.report_create, name="report_create"),
    path("reports-to-voters/not-reported/", receptions.not_reported, name="not_reported"),
]
