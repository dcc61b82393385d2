"""The deputy's pages, under /suggestions/my/ (the namespace is motions:)."""
from django.urls import path

from .views import deputy as views

urlpatterns = [
    path("my/", views.deputy_list, name="deputy_list"),
    path("my/new/", views.deputy_create, name="deputy_create"),
    path("my/<int:pk>/", views.deputy_item, name="deputy_item"),
    path("my/<int:pk>/edit/", views.deputy_edit, name="deputy_edit"),
    path("my/<int:pk>/send/", views.deputy_submit, name="deputy_submit"),
    path("my/<int:pk>/delete/", views.deputy_delete, name="deputy_delete"),
    path("my/<int:pk>/invite/", views.deputy_invite, name="deputy_invite"),
    path("my/<int:pk>/rate/", views.deputy_rate, name="deputy_rate"),
    path("my/attachments/<int:pk>/remove/", views.deputy_attachment_remove, name="deputy_attachment_remove"),
    path("cosign/", views.deputy_cosign_list, name="deputy_cosign_list"),
    path("cosign/<int:pk>/", views.deputy_cosign_respond, name="deputy_cosign_respond"),
    path("attachments/<int:pk>/", views.deputy_attachment, name="deputy_attachment"),
    path("letters/<int:pk>/", views.deputy_reply_letter, name="deputy_reply_letter"),
]
