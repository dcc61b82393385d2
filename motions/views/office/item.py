"""The office's page of one item and its files."""
from django.shortcuts import get_object_or_404

from core.files import download_name, file_response
from core.permissions import get_object_for_user_or_404, reads_all_required

from ...models import Suggestion
from ...permissions import can_view_suggestion, get_suggestion_for_user_or_404
from ._common import ITEM_RELATED, item_page


@reads_all_required
def office_item(request, pk):
    """Everything about one item, with the action panels its status allows (office only)."""
    item = get_object_for_user_or_404(request.user, Suggestion.objects.select_related(*ITEM_RELATED),
                                      can_view_suggestion, pk=pk)
    return item_page(request, item)


@reads_all_required
def office_attachment(request, pk, attachment_pk):
    item = get_suggestion_for_user_or_404(request.user, pk)
    attachment = get_object_or_404(item.attachments, pk=attachment_pk)
    return file_response(attachment.file, filename=attachment.name)


@reads_all_required
def office_reply_letter(request, pk, reply_pk):
    item = get_suggestion_for_user_or_404(request.user, pk)
    reply = get_object_or_404(item.replies, pk=reply_pk)
    return file_response(reply.letter, filename=download_name(item.title, reply.letter))
