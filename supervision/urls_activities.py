"""Supervision activities (SPEC §5), under /supervision/activities/: the office's list, planning,
holding and cancelling, photos and documents, satisfaction votes, and the deputy's own page."""
from django.urls import path

from .views import activities as views

urlpatterns = [
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/mine/", views.my_activities, name="my_activities"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_update, name="activity_update"),
    path("activities/<int:pk>/hold/", views.activity_hold, name="activity_hold"),
    path("activities/<int:pk>/cancel/", views.activity_cancel, name="activity_cancel"),
    path("activities/<int:pk>/opinion/", views.activity_opinion_file, name="activity_opinion_file"),
    path("activities/<int:pk>/files/", views.activity_files_add, name="activity_files_add"),
    path("activities/files/<int:pk>/", views.activity_file, name="activity_file"),
    path("activities/files/<int:pk>/edit/", views.activity_file_update, name="activity_file_update"),
    path("activities/files/<int:pk>/delete/", views.activity_file_delete, name="activity_file_delete"),
    path("activities/<int:pk>/votes/new/", views.vote_create, name="vote_create"),
    path("activities/votes/<int:pk>/edit/", views.vote_update, name="vote_update"),
    path("activities/votes/<int:pk>/delete/", views.vote_delete, name="vote_delete"),
]
