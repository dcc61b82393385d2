from django.urls import path

from . import views_annual as views

app_name = "annual"

urlpatterns = [
    path("", views.annual_list, name="list"),
    path("draft/", views.annual_create, name="create"),
    path("<int:pk>/", views.annual_detail, name="detail"),
    path("<int:pk>/sections/<slug:key>/", views.annual_section_update, name="section_update"),
    path("<int:pk>/recount/", views.annual_recount, name="recount"),
    path("<int:pk>/finalise/", views.annual_finalise, name="finalise"),
    path("<int:pk>/new-version/", views.annual_new_version, name="new_version"),
    path("plan/<int:year>/", views.plan_list, name="plan"),
    path("plan/<int:year>/new/", views.plan_create, name="plan_create"),
    path("plan/items/<int:pk>/edit/", views.plan_update, name="plan_update"),
    path("plan/items/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
]
