"""The deputy's pages of suggestions and motions (on a phone)."""
from .cosign import deputy_cosign_list, deputy_cosign_respond, deputy_invite
from .files import deputy_attachment, deputy_attachment_remove, deputy_reply_letter
from .items import (
    deputy_create,
    deputy_delete,
    deputy_item,
    deputy_edit,
    deputy_list,
    deputy_rate,
    deputy_submit,
)

__all__ = [
    "deputy_attachment", "deputy_attachment_remove", "deputy_cosign_list", "deputy_cosign_respond",
    "deputy_create", "deputy_delete", "deputy_item", "deputy_edit", "deputy_invite", "deputy_list",
    "deputy_rate", "deputy_reply_letter", "deputy_submit",
]
