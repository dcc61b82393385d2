"""Rectification items (整改事项): the office's pages under /supervision/items/ (recorded from an
activity's page), the unit officer's under /supervision/unit/items/, and the reports' files."""
from django.urls import path

from .views import rectification as views

urlpatterns = [
    path("items/", views.item_list, name="item_list"),
    path("activities/<int:pk>/items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", views.item_update, name="item_update"),
    path("items/<int:pk>/verify/", views.item_verify, name="item_verify"),
    path("items/<int:pk>/send-back/", views.item_reject, name="item_reject"),
    path("items/<int:pk>/extend/", views.item_extend, name="item_extend"),
    path("items/<int:pk>/withdraw/", views.item_withdraw, name="item_withdraw"),
    path("unit/items/", views.unit_items, name="unit_items"),
    path("unit/items/<int:pk>/", views.unit_item, name="unit_item"),
    path("unit/items/<int:pk>/start/", views.unit_item_start, name="unit_item_start"),
    path("unit/items/<int:pk>/report/", views.unit_item_report, name="unit_item_report"),
    path("unit/items/<int:pk>/done/", views.unit_item_done, name="unit_item_done"),
    path("rectification/files/<int:pk>/", views.rectification_file, name="rectification_file"),
]
