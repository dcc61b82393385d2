"""The presidium office's pages, under /suggestions/office/."""
from django.urls import path

from .views import office as views

urlpatterns = [
    path("office/", views.office_queue, name="office_queue"),
    path("office/items/", views.office_item_list, name="office_item_list"),
    path("office/items/<int:pk>/", views.office_item, name="office_item"),
    path("office/items/<int:pk>/accept/", views.office_accept, name="office_accept"),
    path("office/items/<int:pk>/return/", views.office_return, name="office_return"),
    path("office/items/<int:pk>/not-accept/", views.office_not_accept, name="office_not_accept"),
    path("office/items/<int:pk>/merge-into/", views.office_merge_into, name="office_merge_into"),
    path("office/items/<int:pk>/merge-here/", views.office_merge_here, name="office_merge_here"),
    path("office/items/<int:pk>/assign/", views.office_assign, name="office_assign"),
    path("office/items/<int:pk>/extend/", views.office_extend, name="office_extend"),
    path("office/items/<int:pk>/key/", views.office_key, name="office_key"),
    path("office/items/<int:pk>/key/end/", views.office_key_unmark, name="office_key_unmark"),
    path("office/items/<int:pk>/publish/", views.office_publish, name="office_publish"),
    path("office/items/<int:pk>/unpublish/", views.office_unpublish, name="office_unpublish"),
    path("office/items/<int:pk>/close/", views.office_close, name="office_close"),
    path("office/items/<int:pk>/attachments/<int:attachment_pk>/", views.office_attachment, name="office_attachment"),
    path("office/items/<int:pk>/replies/<int:reply_pk>/letter/", views.office_reply_letter, name="office_reply_letter"),
    path("office/receptions/", views.office_reception_matters, name="office_reception_matters"),
    path("office/receptions/<int:matter_pk>/new/", views.office_reception_create, name="office_reception_create"),
    path("office/letters/new/", views.office_letter_create, name="office_letter_create"),
    path("office/motions/new/", views.office_motion_create, name="office_motion_create"),
]
