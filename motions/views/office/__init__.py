"""The presidium office's pages (staff and the chairman manage; presidium members read): the
review queue, every item with its filters, one item with its action panels, and the forms for
items the office enters itself (voter receptions, letters and visits, motions of the presidium
or the government)."""
from .actions import (
    office_accept,
    office_assign,
    office_close,
    office_extend,
    office_key,
    office_key_unmark,
    office_merge_here,
    office_merge_into,
    office_not_accept,
    office_publish,
    office_return,
    office_unpublish,
)
from .entry import office_letter_create, office_motion_create, office_reception_create, office_reception_matters
from .item import office_attachment, office_item, office_reply_letter
from .lists import office_item_list, office_queue

__all__ = [
    "office_accept", "office_assign", "office_attachment", "office_close", "office_extend", "office_item",
    "office_item_list", "office_key", "office_key_unmark", "office_letter_create", "office_merge_here",
    "office_merge_into", "office_motion_create", "office_not_accept", "office_publish", "office_queue",
    "office_reception_create", "office_reception_matters", "office_reply_letter", "office_return",
    "office_unpublish",
]
