"""Items the office enters itself (SPEC §4): matters voters raised at a contact platform, letters
and visits to the presidium (来信来访), and motions tabled by the presidium or the township
government (组织法 Art. 22). They start as submitted, like a deputy's item after submission, and
keep their own source so that the statistics count each source apart.
"""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from deputies.models import ReceptionMatter
from deputies.selectors import deputies_in_office

from .. import workflow
from ..models import Suggestion
from .base import record_event
from . import review
from .review import notify_deputies, require_office

S = Suggestion.Status


def _text(value, field, message):
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, field=field)
    return value


def _when(period, session):
    """(period, session): an item raised during a session names the session; between sessions none."""
    if period == Suggestion.Period.DURING_SESSION:
        if session is None:
            raise ApplicationError(_("Choose the session during which it was raised."), field="session")
        return period, session
    return Suggestion.Period.BETWEEN_SESSIONS, None


def _create_submitted(*, actor, comment, **fields):
    fields.setdefault("year", review.today().year)
    item = Suggestion.objects.create(status=S.SUBMITTED, submitted_at=timezone.now(), created_by=actor, **fields)
    record_event(suggestion=item, action=workflow.Action.SUBMIT, actor=actor, comment=comment,
                 from_status="", to_status=S.SUBMITTED)
    return item


@transaction.atomic
def suggestion_from_reception(*, matter, title, category, proposer, actor, content="",
                              period=Suggestion.Period.BETWEEN_SESSIONS, session=None):
    """A matter voters raised at a reception (接待选民) enters the handling as an item of source
    "reception", proposed by one of the deputies who received them. Each matter enters once."""
    require_office(actor)
    matter = (ReceptionMatter.objects.select_for_update(of=("self",)).select_related("reception__platform")
              .get(pk=matter.pk))
    if Suggestion.objects.filter(reception_matter=matter).exists():
        raise ApplicationError(_("This matter has already been entered as an item."))
    if not matter.reception.deputies.filter(pk=proposer.pk).exists():
        raise ApplicationError(_("The proposer must be one of the deputies who received the voters."), field="proposer")
    period, session = _when(period, session)
    reception = matter.reception
    comment = _("Entered by the office from the voter reception of %(date)s%(place)s.") % {
        "date": f"{reception.date:%Y-%m-%d}", "place": f" · {reception.platform}" if reception.platform else ""}
    item = _create_submitted(
        actor=actor, comment=comment, source=Suggestion.Source.RECEPTION, reception_matter=matter,
        title=_text(title, "title", _("Please give a title.")),
        content=(content or "").strip() or matter.content, category=category, proposer=proposer,
        period=period, session=session,
    )
    notify_deputies(item, kind="motions.entered", cosigners=False,
                    subject=_("A matter from your reception of voters was entered: %(title)s") % {"title": item.title},
                    body=_("The office entered it on your behalf; you can follow its handling."))
    return item


@transaction.atomic
def suggestion_from_letter(*, petitioner, title, content, category, received_on, actor):
    """A letter or visit to the presidium (来信来访) enters the handling as an item of source
    "letter_visit"; it has no proposing deputy, only the person who wrote or came."""
    require_office(actor)
    if received_on > review.today():
        raise ApplicationError(_("The day received cannot be in the future."), field="received_on")
    petitioner = _text(petitioner, "petitioner", _("Please give the name of the person who wrote or came."))
    item = _create_submitted(
        actor=actor, source=Suggestion.Source.LETTER_VISIT, petitioner=petitioner, year=received_on.year,
        comment=_("Letter or visit from %(name)s received on %(date)s, entered by the office.")
        % {"name": petitioner, "date": f"{received_on:%Y-%m-%d}"},
        title=_text(title, "title", _("Please give a title.")),
        content=_text(content, "content", _("Please write what was raised.")), category=category,
    )
    return item


@transaction.atomic
def motion_table(*, tabled_by, proposer, title, content, category, actor,
                 period=Suggestion.Period.BETWEEN_SESSIONS, session=None):
    """A motion tabled by the presidium or the township government (组织法 Art. 22), entered by
    the office; `proposer` is the deputy who presents it on their behalf (usually the chairman).
    Motions of five or more deputies are submitted by the deputies themselves."""
    require_office(actor)
    if tabled_by not in (Suggestion.TabledBy.PRESIDIUM, Suggestion.TabledBy.GOVERNMENT):
        raise ApplicationError(_("The office enters only motions of the presidium or the township government."),
                               field="tabled_by")
    if not deputies_in_office(review.today()).filter(pk=proposer.pk).exists():
        raise ApplicationError(_("%(name)s is not a deputy in office.") % {"name": proposer.name}, field="proposer")
    period, session = _when(period, session)
    tabled = Suggestion.TabledBy(tabled_by).label
    return _create_submitted(
        actor=actor, comment=_("Motion tabled by %(who)s, presented by %(name)s, entered by the office.")
        % {"who": tabled, "name": proposer.name},
        kind=Suggestion.Kind.MOTION, source=Suggestion.Source.DEPUTY, tabled_by=tabled_by, proposer=proposer,
        title=_text(title, "title", _("Please give a title.")),
        content=_text(content, "content", _("Please write the motion's content.")), category=category,
        period=period, session=session,
    )
