from django.urls import path

from . import files, views, views_chase

urlpatterns = [
    path("accounts/login/", views.login, name="login"),
    path("accounts/logout/", views.logout, name="logout"),
    path("accounts/password/", views.password_change, name="password_change"),
    path("accounts/password/done/", views.password_change_done, name="password_change_done"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("inbox/", views.notification_list, name="notification_list"),
    path("inbox/<int:pk>/", views.notification_detail, name="notification_detail"),
    path("inbox/read-all/", views.notification_mark_all_read_view, name="notification_mark_all_read"),
    path("chase/", views_chase.chase_board_view, name="chase_board"),
    path("chase/export/", views_chase.chase_board_export, name="chase_board_export"),
    path("upload-too-large/", files.upload_too_large, name="upload_too_large"),
]
