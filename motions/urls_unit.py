"""The handling unit officer's pages (承办单位), under /suggestions/unit/."""
from django.urls import path

from .views import unit as views

urlpatterns = [
    path("unit/", views.unit_items, name="unit_items"),
    path("unit/follow-up/", views.unit_follow_up, name="unit_follow_up"),
    path("unit/<int:pk>/", views.unit_item, name="unit_item"),
    path("unit/<int:pk>/acknowledge/", views.unit_acknowledge, name="unit_acknowledge"),
    path("unit/<int:pk>/return/", views.unit_return, name="unit_return"),
    path("unit/<int:pk>/contact/", views.unit_contact, name="unit_contact"),
    path("unit/<int:pk>/opinion/", views.unit_opinion, name="unit_opinion"),
    path("unit/<int:pk>/reply/", views.unit_reply, name="unit_reply"),
    path("unit/<int:pk>/attachments/<int:attachment_pk>/", views.unit_attachment, name="unit_attachment"),
    path("unit/replies/<int:pk>/letter/", views.unit_reply_letter, name="unit_reply_letter"),
    path("unit/replies/<int:pk>/done/", views.unit_promise_report, name="unit_promise_report"),
]
