"""Files of an item, served only after the object's access check (MEDIA is never served)."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.files import download_name, file_response

from ...permissions import (
    get_attachment_for_viewer_or_404,
    get_editable_attachment_or_404,
    get_reply_for_viewer_or_404,
)
from ...services import deputy as services
from .common import deputy_required


def deputy_attachment(request, pk):
    """An attachment, for whoever may read its item (or is invited to co-sign it)."""
    attachment = get_attachment_for_viewer_or_404(request.user, pk)
    return file_response(attachment.file, filename=attachment.name)


def deputy_reply_letter(request, pk):
    """The unit's signed reply letter, for whoever may read the item."""
    reply = get_reply_for_viewer_or_404(request.user, pk)
    return file_response(reply.letter, filename=download_name(reply.suggestion.title, reply.letter))


@deputy_required
@require_POST
def deputy_attachment_remove(request, pk):
    attachment = get_editable_attachment_or_404(request.user, pk)
    try:
        services.attachment_remove(attachment=attachment, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(name)s” is removed.") % {"name": attachment.name})
    return redirect("motions:deputy_edit", pk=attachment.suggestion_id)
