"""The handling unit officer's pages (承办单位): the unit's items, one item with its action panels,
and the follow-up list of promised work. Every page needs the unit-officer role (403 otherwise)
and fetches its object through motions.permissions, so another unit's item answers 404."""
from .actions import unit_acknowledge, unit_contact, unit_opinion, unit_reply, unit_return
from .follow_up import unit_follow_up, unit_promise_report, unit_reply_letter
from .items import unit_attachment, unit_item, unit_items

__all__ = [
    "unit_acknowledge", "unit_attachment", "unit_contact", "unit_follow_up", "unit_item", "unit_items",
    "unit_opinion", "unit_promise_report", "unit_reply", "unit_reply_letter", "unit_return",
]
