"""The congress pages: meetings for the office and the presidium, the attendance sheet and the
vote form, notices and leave, and the deputy's own meetings on a phone."""
from .attendance import absence_list, attendance_sheet, vote_record
from .deputy import my_meetings, notice_reply
from .meetings import (
    agenda_item_create,
    agenda_item_document,
    agenda_item_remove,
    agenda_item_update,
    meeting_cancel,
    meeting_create,
    meeting_detail,
    meeting_list,
    meeting_mark_held,
    meeting_minutes_file,
    meeting_update,
)
from .notices import leave_decide, notice_replies, notice_send
from .presidium import presidium, presidium_member_end

__all__ = [
    "absence_list", "agenda_item_create", "agenda_item_document", "agenda_item_remove", "agenda_item_update", "attendance_sheet",
    "leave_decide", "meeting_cancel", "meeting_create", "meeting_detail", "meeting_list", "meeting_mark_held", "meeting_minutes_file",
    "meeting_update", "my_meetings", "notice_reply", "notice_replies", "notice_send", "presidium",
    "presidium_member_end", "vote_record",
]
