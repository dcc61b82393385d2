"""The deputy's writes: drafts, submission, co-signing (联名), attachments and the rating of a reply.

Every service checks the person as well as the item: only the proposing deputy edits, submits,
invites and rates; only the invited deputy answers an invitation. A refusal is an ApplicationError
whose message the page shows as it is.
"""

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.models import Meeting
from core.exceptions import ApplicationError
from core.files import upload_check  # noqa: F401 — the views and handling services import it from here
from core.models import User
from core.roles import Role
from core.services import notification_send
from deputies.selectors import deputies_in_office

from .. import rules, workflow
from ..models import Assignment, Attachment, Category, CoSigner, Rating, Reply, Suggestion
from ..permissions import deputy_of
from ..selectors.common import today
from ..selectors.deputy import cosigner_candidates
from .base import lock, record_event, transition

S = Suggestion.Status
A = workflow.Action

# 代表五人以上联名 (Organic Law of Local People's Congresses and Governments, Art. 22): the
# proposer and at least four co-signers who have confirmed.
MOTION_MIN_DEPUTIES = 5

MAX_ATTACHMENTS = 10

DRAFT_FIELDS = ("title", "content", "category", "kind", "period", "session")
TITLE_MAX_LENGTH = Suggestion._meta.get_field("title").max_length


# --- checks every service shares ---------------------------------------------------------------

def _proposer(actor, item):
    """The acting deputy, who must be the item's proposer."""
    deputy = deputy_of(actor)
    if deputy is None or item.proposer_id != deputy.pk:
        raise ApplicationError(_("Only the deputy who proposed this item may do this."))
    return deputy


def _require_in_office(deputy):
    if not deputies_in_office().filter(pk=deputy.pk).exists():
        raise ApplicationError(_("Only a deputy in office may propose or co-sign. Ask the presidium office if "
                                 "this is wrong."))


def _require_editable(item):
    if item.status not in workflow.EDITABLE:
        raise ApplicationError(_("This item has been sent and can no longer be changed."))


def _note_revision(item, actor, comment):
    """A returned item's revisions go into its timeline for the office to see; a draft's do not,
    since nobody but its author reads a draft."""
    if item.status == S.RETURNED:
        record_event(suggestion=item, action=A.EDIT, actor=actor, comment=comment)


def _office_users():
    return User.objects.filter(groups__name__in=[Role.STAFF, Role.CHAIRMAN], is_active=True).distinct()


def _link(url_name, pk):
    """The page a message points to; the office's and the units' pages live in their own modules,
    so a missing one leaves the message without a link rather than failing the action."""
    try:
        return reverse(url_name, args=[pk])
    except NoReverseMatch:
        return ""


def _detail_link(item):
    return reverse("motions:deputy_item", args=[item.pk])


# --- drafts and submission ---------------------------------------------------------------------

def _clean_draft(data):
    """The draft's fields as the model stores them; a draft needs only its title (the rest may be
    written later), a session is kept only for an item raised during one."""
    values = {name: data.get(name) for name in DRAFT_FIELDS}
    values["title"] = (values["title"] or "").strip()
    values["content"] = (values["content"] or "").strip()
    if not values["title"]:
        raise ApplicationError(_("Give the item a title."), field="title")
    if len(values["title"]) > TITLE_MAX_LENGTH:
        raise ApplicationError(_("The title may have at most %(count)d characters.") % {"count": TITLE_MAX_LENGTH},
                               field="title")
    if values["kind"] not in Suggestion.Kind.values:
        values["kind"] = Suggestion.Kind.SUGGESTION
    if values["period"] not in Suggestion.Period.values:
        values["period"] = Suggestion.Period.BETWEEN_SESSIONS
    category = values["category"]
    if category is not None and not (isinstance(category, Category) and category.active):
        raise ApplicationError(_("Choose one of the categories in the list."), field="category")
    session = values["session"]
    if values["period"] == Suggestion.Period.DURING_SESSION:
        if session is None:
            raise ApplicationError(_("Choose the session during which you raise this item."), field="session")
        if session.kind != Meeting.Kind.SESSION:
            raise ApplicationError(_("Choose a session of the people's congress."), field="session")
    else:
        values["session"] = None
    return values


@transaction.atomic
def suggestion_draft_save(*, deputy, data, actor, suggestion=None, uploads=()):
    """Create a draft (no `suggestion`) or change one, or an item returned for revision, and attach
    `uploads` to it (see attachment_add).

    Only the deputy in office who proposes it writes it; a motion drafted by a deputy is tabled by
    deputies jointly (Organic Law Art. 22), so it will need co-signers before it is sent.
    """
    item = _draft_save(deputy=deputy, data=data, actor=actor, suggestion=suggestion)
    for upload in uploads:
        attachment_add(suggestion=item, upload=upload, actor=actor)
    return item


def _draft_save(*, deputy, data, actor, suggestion):
    acting = deputy_of(actor)
    if acting is None or acting.pk != deputy.pk:
        raise ApplicationError(_("Only the deputy who proposed this item may do this."))
    _require_in_office(deputy)
    values = _clean_draft(data)
    if suggestion is None:
        item = Suggestion.objects.create(
            source=Suggestion.Source.DEPUTY, tabled_by=Suggestion.TabledBy.DEPUTIES, proposer=deputy,
            year=today().year, status=S.DRAFT, created_by=actor, **values,
        )
        record_event(suggestion=item, action=A.CREATE, actor=actor)
        return item
    item = lock(suggestion)
    _proposer(actor, item)
    _require_editable(item)
    for name, value in values.items():
        setattr(item, name, value)
    item.tabled_by = Suggestion.TabledBy.DEPUTIES
    item.save(update_fields=[*DRAFT_FIELDS, "tabled_by"])
    _note_revision(item, actor, _("Revised by the deputy."))
    return item


@transaction.atomic
def suggestion_draft_delete(*, suggestion, actor):
    """A draft never sent may be thrown away by its author; once sent, an item stays on record."""
    item = lock(suggestion)
    _proposer(actor, item)
    if item.status != S.DRAFT:
        raise ApplicationError(_("Only a draft that was never sent can be deleted."))
    files = [attachment.file.name for attachment in item.attachments.all()]
    item.delete()
    transaction.on_commit(lambda: _delete_files(files))


def confirmed_cosigners(item):
    """Co-signers who confirmed and are still deputies in office, the proposer never among them."""
    return (CoSigner.objects.filter(suggestion=item, status=CoSigner.Status.CONFIRMED,
                                    deputy__in=deputies_in_office())
            .exclude(deputy_id=item.proposer_id))


def cosigners_missing(item):
    """How many more co-signers must confirm before a motion of deputies may be sent (0 if none)."""
    if item.kind != Suggestion.Kind.MOTION or item.tabled_by != Suggestion.TabledBy.DEPUTIES:
        return 0
    return max(MOTION_MIN_DEPUTIES - 1 - confirmed_cosigners(item).count(), 0)


@transaction.atomic
def suggestion_submit(*, suggestion, actor):
    """Send a draft, or an item returned for revision, to the presidium office for review.

    Only the proposer sends, and only while a deputy in office. The item needs its content and
    category. A motion tabled by deputies needs five or more deputies jointly (代表五人以上联名,
    Organic Law Art. 22): the proposer and at least four co-signers who have CONFIRMED; an
    invitation not yet answered does not count.
    """
    item = lock(suggestion)
    deputy = _proposer(actor, item)
    _require_in_office(deputy)
    if item.status not in workflow.EDITABLE:
        raise ApplicationError(_("This item has already been sent."))
    if not item.content.strip():
        raise ApplicationError(_("Write what the item is about before sending it."), field="content")
    if item.category_id is None:
        raise ApplicationError(_("Choose a category before sending the item."), field="category")
    missing = cosigners_missing(item)
    if missing:
        raise ApplicationError(ngettext(
            "A motion needs five or more deputies jointly (Organic Law Art. 22): %(count)d more co-signer "
            "must confirm before you can send it.",
            "A motion needs five or more deputies jointly (Organic Law Art. 22): %(count)d more co-signers "
            "must confirm before you can send it.", missing) % {"count": missing})
    resubmitted = item.status == S.RETURNED
    item = transition(
        suggestion=item, action=A.SUBMIT, actor=actor,
        comment=_("Revised and sent again.") if resubmitted else "",
        fields={"submitted_at": timezone.now(), "year": today().year},
    )
    notification_send(
        recipients=_office_users(),
        subject=(_("Revised item sent again: %(title)s") if resubmitted else _("New item to review: %(title)s"))
        % {"title": item.title},
        body=_("%(deputy)s sent a %(kind)s for review.") % {"deputy": deputy.name, "kind": item.get_kind_display()},
        link=_link("motions:office_item", item.pk), kind="motions.submitted",
    )
    return item


# --- co-signing --------------------------------------------------------------------------------

@transaction.atomic
def cosigners_invite(*, suggestion, deputies, actor):
    """Ask other deputies to sign the item jointly (联名). Only the proposer invites, while the item
    is a draft or returned for revision; each invited deputy is in office, is not the proposer and
    has an account to confirm with; each gets a message in the inbox with a link to confirm.
    A deputy who declined earlier may be asked again; one already asked is left as is."""
    item = lock(suggestion)
    _proposer(actor, item)
    _require_editable(item)
    chosen = list({deputy.pk: deputy for deputy in deputies}.values())
    if not chosen:
        raise ApplicationError(_("Choose at least one deputy to invite."), field="deputies")
    if any(deputy.pk == item.proposer_id for deputy in chosen):
        raise ApplicationError(_("You are the proposer: choose other deputies."), field="deputies")
    eligible = set(cosigner_candidates(item).filter(pk__in=[deputy.pk for deputy in chosen])
                   .values_list("pk", flat=True))
    existing = {cosigner.deputy_id: cosigner for cosigner in item.cosigners.all()}
    invited = []
    for deputy in chosen:
        cosigner = existing.get(deputy.pk)
        if cosigner is not None and cosigner.status != CoSigner.Status.DECLINED:
            continue
        if deputy.pk not in eligible:
            raise ApplicationError(
                _("%(name)s cannot be invited: only deputies in office with an account on the portal can "
                  "confirm online.") % {"name": deputy.name}, field="deputies")
        if cosigner is None:
            cosigner = CoSigner.objects.create(suggestion=item, deputy=deputy)
        else:
            cosigner.status, cosigner.responded_at = CoSigner.Status.INVITED, None
            cosigner.save(update_fields=["status", "responded_at"])
        cosigner.deputy = deputy
        invited.append(cosigner)
    if not invited:
        raise ApplicationError(_("Everyone you chose has already been invited."), field="deputies")
    record_event(suggestion=item, action=A.COSIGN_INVITE, actor=actor,
                 comment="、".join(cosigner.deputy.name for cosigner in invited))
    proposer = item.proposer
    for cosigner in invited:
        notification_send(
            recipients=[cosigner.deputy.user],
            subject=_("%(name)s asks you to co-sign: %(title)s") % {"name": proposer.name, "title": item.title},
            body=_("Open the invitation to read it, then confirm or decline."),
            link=reverse("motions:deputy_cosign_respond", args=[cosigner.pk]),
            kind="motions.cosign_invite",
        )
    return invited


def can_answer_invitation(cosigner, item):
    """An invitation is answered while the item is still with its proposer; once the item is sent,
    an unanswered invitation may still be confirmed or declined until the office reviews it, but a
    given answer no longer changes (the office counted it)."""
    if item.status in workflow.EDITABLE:
        return True
    return item.status == S.SUBMITTED and cosigner.status == CoSigner.Status.INVITED


@transaction.atomic
def cosign_respond(*, cosigner, confirm, actor):
    """The invited deputy confirms or declines co-signing; only they may answer, and only a deputy
    in office may confirm. The answer goes into the item's timeline and to the proposer's inbox."""
    item = lock(cosigner.suggestion)
    cosigner = CoSigner.objects.select_for_update().get(pk=cosigner.pk)
    deputy = deputy_of(actor)
    if deputy is None or deputy.pk != cosigner.deputy_id:
        raise ApplicationError(_("Only the invited deputy may answer this invitation."))
    if not can_answer_invitation(cosigner, item):
        raise ApplicationError(_("This invitation is closed: the item has gone on to the office."))
    if confirm:
        _require_in_office(deputy)
    status = CoSigner.Status.CONFIRMED if confirm else CoSigner.Status.DECLINED
    if cosigner.status == status:
        return cosigner
    cosigner.status, cosigner.responded_at = status, timezone.now()
    cosigner.save(update_fields=["status", "responded_at"])
    record_event(suggestion=item, action=A.COSIGN_CONFIRM if confirm else A.COSIGN_DECLINE, actor=actor,
                 comment=deputy.name)
    if item.proposer.user_id:
        subject = (_("%(name)s agreed to co-sign: %(title)s") if confirm
                   else _("%(name)s declined to co-sign: %(title)s")) % {"name": deputy.name, "title": item.title}
        notification_send(recipients=[item.proposer.user], subject=subject, link=_detail_link(item),
                          kind="motions.cosign_answer")
    return cosigner


# --- attachments -------------------------------------------------------------------------------

@transaction.atomic
def attachment_add(*, suggestion, upload, actor):
    """Attach a document or photo while the item is with its proposer (up to ten per item)."""
    item = lock(suggestion)
    _proposer(actor, item)
    _require_editable(item)
    name = upload_check(upload)
    if item.attachments.count() >= MAX_ATTACHMENTS:
        raise ApplicationError(_("An item may have at most %(count)d attachments.") % {"count": MAX_ATTACHMENTS},
                               field="files")
    attachment = Attachment(suggestion=item, name=name[:200], uploaded_by=actor)
    attachment.file.save(name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)  # no row, no file left behind
        raise
    _note_revision(item, actor, _("Attachment added: %(name)s") % {"name": attachment.name})
    return attachment


@transaction.atomic
def attachment_remove(*, attachment, actor):
    item = lock(attachment.suggestion)
    _proposer(actor, item)
    _require_editable(item)
    name, stored = attachment.name, attachment.file.name
    attachment.delete()
    _note_revision(item, actor, _("Attachment removed: %(name)s") % {"name": name})
    transaction.on_commit(lambda: _delete_files([stored]))


def _delete_files(names):
    storage = Attachment._meta.get_field("file").storage
    for name in names:
        if name:
            storage.delete(name)


# --- rating the reply --------------------------------------------------------------------------

@transaction.atomic
def reply_rate(*, reply, satisfaction, comment, actor):
    """The proposer rates the latest reply of an item that stands replied: 满意 / 基本满意 / 不满意.

    Satisfied or basically satisfied closes the item (办结). Unsatisfied (which needs a comment)
    sends a first reply back for re-handling (重新办理) with a new, shorter due date — one month
    from today by default (rules.rehandle_due_date) — on the lead unit's assignment and the item,
    and tells the lead unit; an unsatisfied rating of the second reply closes the item, since the
    second reply is the last.
    """
    item = lock(reply.suggestion)
    deputy = _proposer(actor, item)
    if item.status != S.REPLIED:
        raise ApplicationError(_("This item has no reply waiting for your rating."))
    latest = Reply.objects.filter(suggestion=item).order_by("-round").select_related("assignment__unit").first()
    if latest is None or latest.pk != reply.pk or Rating.objects.filter(reply=latest).exists():
        raise ApplicationError(_("Only the latest reply can be rated, once."))
    if satisfaction not in Rating.Satisfaction.values:
        raise ApplicationError(_("Choose how satisfied you are."), field="satisfaction")
    comment = (comment or "").strip()
    unsatisfied = satisfaction == Rating.Satisfaction.UNSATISFIED
    if unsatisfied and not comment:
        raise ApplicationError(_("Say what is not solved, so the unit knows what to do again."), field="comment")
    rating = Rating.objects.create(reply=latest, deputy=deputy, satisfaction=satisfaction, comment=comment)
    words = rating.get_satisfaction_display()
    event_comment = f"{words}：{comment}" if comment else str(words)
    if unsatisfied and latest.round == 1:
        _send_back_for_rehandling(item, latest, actor, event_comment)
    else:
        transition(suggestion=item, action=A.RATE, actor=actor, comment=event_comment,
                   fields={"closed_at": timezone.now()})
    if unsatisfied:
        notification_send(
            recipients=_office_users(),
            subject=_("A deputy is not satisfied with the reply: %(title)s") % {"title": item.title},
            body=comment, link=_link("motions:office_item", item.pk), kind="motions.unsatisfied",
        )
    return rating


def _send_back_for_rehandling(item, reply, actor, event_comment):
    sent_back_on = today()
    due = rules.rehandle_due_date(sent_back_on)
    lead = (Assignment.objects.select_for_update().select_related("unit")
            .filter(suggestion=item, role=Assignment.Role.LEAD).exclude(status=Assignment.Status.RETURNED).first()
            or reply.assignment)
    transition(suggestion=item, action=A.REHANDLE, actor=actor, comment=event_comment, unit=lead.unit,
               fields={"due_date": due})
    lead.status, lead.due_date = Assignment.Status.ACKNOWLEDGED, max(due, lead.assigned_at)
    lead.save(update_fields=["status", "due_date"])
    notification_send(
        recipients=lead.unit.officers.filter(is_active=True),
        subject=_("Handle again: %(title)s") % {"title": item.title},
        body=_("The deputy is not satisfied with your reply and asks for it to be handled again. Reply again "
               "by %(day)s. The deputy says: %(comment)s")
        % {"day": date_format(due, "DATE_FORMAT"), "comment": event_comment},
        link=_link("motions:unit_item", lead.pk), kind="motions.rehandle",
    )
