from django.urls import path

from . import views

app_name = "congress"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", views.meeting_update, name="meeting_update"),
    path("<int:pk>/minutes/", views.meeting_minutes_file, name="meeting_minutes_file"),
    path("agenda/<int:pk>/document/", views.agenda_item_document, name="agenda_item_document"),
    path("<int:pk>/held/", views.meeting_mark_held, name="meeting_mark_held"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/agenda/new/", views.agenda_item_create, name="agenda_item_create"),
    path("agenda/<int:pk>/edit/", views.agenda_item_update, name="agenda_item_update"),
    path("agenda/<int:pk>/remove/", views.agenda_item_remove, name="agenda_item_remove"),
    path("agenda/<int:pk>/vote/", views.vote_record, name="vote_record"),
    path("<int:pk>/attendance/", views.attendance_sheet, name="attendance_sheet"),
    path("<int:pk>/notice/", views.notice_send, name="notice_send"),
    path("<int:pk>/replies/", views.notice_replies, name="notice_replies"),
    path("replies/<int:pk>/decide/", views.leave_decide, name="leave_decide"),
    path("absences/", views.absence_list, name="absence_list"),
    path("presidium/", views.presidium, name="presidium"),
    path("presidium/<int:pk>/end/", views.presidium_member_end, name="presidium_member_end"),
    path("my/", views.my_meetings, name="my_meetings"),
    path("my/replies/<int:pk>/", views.notice_reply, name="notice_reply"),
]
