"""Every write to a supervision activity (SPEC §5): planning and editing it, recording it held or
calling it off, its photos and documents, and the satisfaction votes (满意度测评) taken at it.

Who: the chairman and the office staff manage every activity; a presidium member plans and records
the activities they lead (SPEC §1 "record meetings and supervision they lead"), and only those.
Each service checks its rules and raises ApplicationError (with the field concerned) when one
refuses; the row is locked first so that two people recording at once are served in turn.
"""
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.files import is_photo, upload_check
from core.services import notification_send

from .. import rules, workflow
from ..models import Activity, ActivityFile, SatisfactionVote
from ..permissions import can_create_activity, can_manage_activity, deputy_of
from ..selectors import activities as selectors

A = Activity.Status
K = Activity.Kind

ACTIVITY_FIELDS = ("kind", "topic", "start_date", "end_date", "place", "leader", "follows", "plan_note")
# What is recorded when the activity is held, and can be completed or corrected afterwards.
OUTCOME_FIELDS = ("summary", "findings", "opinion_text", "opinion_file", "opinion_sent_on")
VOTE_FIELDS = ("unit", "subject", "held_on", "ballots", "satisfied", "basically_satisfied", "unsatisfied", "note")
# A satisfaction vote is taken at a work evaluation (工作评议) or on a special work report.
VOTE_KINDS = frozenset({K.EVALUATION, K.REPORT})
MAX_FILES = 20
# PositiveSmallIntegerField holds 32,767 on every database; no township issues more ballots.
MAX_BALLOTS = 9999


def _day(value):
    return date_format(value, "DATE_FORMAT")


def _locked(activity):
    return Activity.objects.select_for_update().get(pk=activity.pk)


def _require_manager(actor, activity):
    if not can_manage_activity(actor, activity):
        raise ApplicationError(_("Only the office and the presidium member who leads this activity may change it."))


def _check_leader_is_actor(actor, leader):
    """A presidium member records only the activities they lead: they stay its leader."""
    if actor.is_office:
        return
    own = deputy_of(actor)
    if own is None:
        raise ApplicationError(_("Your account is not linked to a deputy: ask the office to link it."))
    if leader is None or leader.pk != own.pk:
        raise ApplicationError(_("A presidium member records the activities they lead: choose yourself as leader."),
                               field="leader")


def _check_activity(activity, *, units, participants):
    """The rules of an activity's own fields (SPEC §5)."""
    if activity.end_date < activity.start_date:
        raise ApplicationError(_("The activity cannot end before it begins."), field="end_date")
    if not activity.topic.strip():
        raise ApplicationError(_("Give the topic of the activity."), field="topic")
    _check_follows(activity)
    if activity.leader is not None and not selectors.leader_serves(activity.leader, activity.start_date):
        raise ApplicationError(
            _("%(name)s is not a member of the presidium on %(day)s: the leader must be one.")
            % {"name": activity.leader.name, "day": _day(activity.start_date)}, field="leader")
    strangers = selectors.deputies_not_in_office(participants, activity.start_date)
    if strangers:
        raise ApplicationError(
            _("Not a township deputy in office on %(day)s: %(names)s.")
            % {"day": _day(activity.start_date), "names": "、".join(deputy.name for deputy in strangers)},
            field="participants")
    inactive = [unit.name for unit in units if not unit.active]
    if inactive and activity.pk:
        already = set(activity.units.values_list("pk", flat=True))
        inactive = [unit.name for unit in units if not unit.active and unit.pk not in already]
    if inactive:
        raise ApplicationError(_("No longer in use: %(names)s.") % {"names": "、".join(inactive)}, field="units")


def _check_follows(activity):
    """A follow-up inspection (回头看) checks on an earlier activity that was held; no other kind
    follows one up."""
    follows = activity.follows
    if activity.kind != K.FOLLOW_UP:
        if follows is not None:
            raise ApplicationError(_("Only a follow-up inspection (回头看) names an earlier activity: "
                                     "clear this field or choose that kind."), field="follows")
        return
    if follows is None:
        raise ApplicationError(_("A follow-up inspection (回头看) must name the earlier activity it checks on."),
                               field="follows")
    if follows.pk == activity.pk:
        raise ApplicationError(_("An activity cannot follow itself up."), field="follows")
    if follows.status != A.HELD:
        raise ApplicationError(_("The activity followed up must have been held."), field="follows")
    if follows.start_date >= activity.start_date:
        raise ApplicationError(
            _("The activity followed up began on %(day)s: the follow-up must come after it.")
            % {"day": _day(follows.start_date)}, field="follows")


def _save(activity, **kwargs):
    try:
        with transaction.atomic():
            activity.save(**kwargs)
    except IntegrityError:
        # The database's own checks (dates in order, a follow-up names its activity): the rules
        # above refuse these first, so this is a change made by someone else at the same moment.
        raise ApplicationError(_("The activity could not be saved as it is: please check the dates and the "
                                 "activity followed up."))


def _people(activity, participants):
    people = {deputy.pk: deputy for deputy in participants}
    if activity.leader is not None:
        people[activity.leader.pk] = activity.leader
    return list(people.values())


def _notify(activity, deputies, *, actor, subject, body, kind):
    """Tell the deputies with an account (the actor knows already)."""
    ids = {deputy.user_id for deputy in deputies if deputy.user_id and deputy.user_id != actor.pk}
    users = list(get_user_model().objects.filter(pk__in=ids, is_active=True)) if ids else []
    if users:
        notification_send(recipients=users, subject=subject, body=body, kind=kind,
                          link=reverse("supervision:activity_detail", args=[activity.pk]))


def _notify_planned(activity, deputies, *, actor):
    subject = _("Supervision activity planned with you: %(kind)s “%(topic)s”, %(day)s") % {
        "kind": activity.get_kind_display(), "topic": activity.topic, "day": _day(activity.start_date)}
    lines = []
    if activity.place:
        lines.append(_("Place: %(place)s") % {"place": activity.place})
    if activity.leader is not None:
        lines.append(_("Led by: %(name)s") % {"name": activity.leader.name})
    if activity.plan_note:
        lines.append(activity.plan_note)
    _notify(activity, deputies, actor=actor, subject=subject, body="\n".join(lines),
            kind="supervision.activity_planned")


# --- planning and editing -----------------------------------------------------------------------

def activity_create(*, kind, topic, start_date, end_date, actor, place="", units=(), leader=None,
                    participants=(), follows=None, plan_note=""):
    """Plan an activity (it is PLANNED until recorded held). The leader must be a presidium member
    serving on its first day and the participants township deputies in office then; a follow-up
    inspection (回头看) names the earlier, held activity it checks on. The leader and the
    participants with an account are told."""
    if not can_create_activity(actor):
        raise ApplicationError(_("Only the office and the presidium members plan supervision activities."))
    _check_leader_is_actor(actor, leader)
    units, participants = list(units), list(participants)
    activity = Activity(kind=kind, topic=topic.strip(), start_date=start_date, end_date=end_date, place=place,
                        leader=leader, follows=follows, plan_note=plan_note, status=A.PLANNED, created_by=actor)
    with transaction.atomic():
        _check_activity(activity, units=units, participants=participants)
        _save(activity)
        activity.units.set(units)
        activity.participants.set(participants)
        _notify_planned(activity, _people(activity, participants), actor=actor)
    return activity


def activity_update(*, activity, actor, units=None, participants=None, **changes):
    """Change an activity's details; once it is held, also what was done, the findings and the
    opinions sent to the government. A cancelled activity stays as it was. A presidium member stays
    the leader of the activities they edit. Deputies newly planned with an activity are told."""
    allowed = set(ACTIVITY_FIELDS) | (set(OUTCOME_FIELDS) if activity.status == A.HELD else set())
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"activity_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        activity = _locked(activity)
        _require_manager(actor, activity)
        if activity.status == A.CANCELLED:
            raise ApplicationError(_("The activity was cancelled: it can no longer be changed."))
        if not actor.is_office:
            _check_leader_is_actor(actor, changes.get("leader", activity.leader))
        before = set(activity.participants.values_list("pk", flat=True)) | {activity.leader_id}
        if "kind" in changes and changes["kind"] not in VOTE_KINDS and activity.satisfaction_votes.exists():
            raise ApplicationError(_("Satisfaction votes are recorded at this activity: it must stay a work "
                                     "evaluation or a special work report."), field="kind")
        if "opinion_file" in changes:
            _check_opinion_file(changes["opinion_file"])
        for name, value in changes.items():
            setattr(activity, name, value.strip() if name == "topic" else value)
        units = list(activity.units.all()) if units is None else list(units)
        participants = list(activity.participants.all()) if participants is None else list(participants)
        _check_activity(activity, units=units, participants=participants)
        _check_outcome(activity)
        later = activity.follow_ups.filter(start_date__lte=activity.start_date).first()
        if later is not None:
            raise ApplicationError(_("The follow-up “%(topic)s” of %(day)s must come after this activity.")
                                   % {"topic": later.topic, "day": _day(later.start_date)}, field="start_date")
        _save(activity)
        activity.units.set(units)
        activity.participants.set(participants)
        if activity.status == A.PLANNED:
            _notify_planned(activity, [d for d in _people(activity, participants) if d.pk not in before], actor=actor)
    return activity


def _check_opinion_file(upload):
    """An opinion document newly attached must be a real PDF, photo or Word file ("" clears it)."""
    if upload and not isinstance(upload, FieldFile):
        upload_check(upload, field="opinion_file")


def _check_outcome(activity):
    if activity.status == A.HELD and activity.start_date > selectors.today():
        raise ApplicationError(_("An activity that has been held cannot begin in the future."), field="start_date")
    sent = activity.opinion_sent_on
    if sent is not None:
        if sent < activity.start_date:
            raise ApplicationError(_("The opinions cannot be sent before the activity began."),
                                   field="opinion_sent_on")
        if sent > selectors.today():
            raise ApplicationError(_("The opinions cannot be sent on a day still to come."), field="opinion_sent_on")


# --- held or called off -------------------------------------------------------------------------

def activity_hold(*, activity, actor, start_date, end_date, summary, participants, findings="", opinion_text="",
                  opinion_file=None, opinion_sent_on=None):
    """Record that a planned activity took place (workflow.ACTIVITY_TRANSITIONS "hold"): its actual
    dates (begun by today), what was done, the findings, the opinions sent to the government and
    who took part. Only what was held counts in the deputies' duty records."""
    participants = list(participants)
    with transaction.atomic():
        activity = _locked(activity)
        _require_manager(actor, activity)
        if not workflow.can_move_activity(activity.status, "hold"):
            raise ApplicationError(_("This activity is “%(status)s”: only a planned activity can be recorded as held.")
                                   % {"status": activity.get_status_display()})
        if start_date > selectors.today():
            raise ApplicationError(_("The activity has not begun yet: it can be recorded as held from its first day."),
                                   field="start_date")
        if not summary.strip():
            raise ApplicationError(_("Say what was done at the activity."), field="summary")
        _check_opinion_file(opinion_file)
        activity.start_date, activity.end_date = start_date, end_date
        activity.summary, activity.findings, activity.opinion_text = summary.strip(), findings, opinion_text
        activity.opinion_file = opinion_file or ""
        activity.opinion_sent_on = opinion_sent_on
        activity.status = workflow.ACTIVITY_TRANSITIONS[(A.PLANNED, "hold")]
        _check_activity(activity, units=[], participants=participants)
        _check_outcome(activity)
        later = activity.follow_ups.filter(start_date__lte=start_date).first()
        if later is not None:
            raise ApplicationError(_("The follow-up “%(topic)s” of %(day)s must come after this activity.")
                                   % {"topic": later.topic, "day": _day(later.start_date)}, field="start_date")
        _save(activity)
        activity.participants.set(participants)
    return activity


def activity_cancel(*, activity, actor, reason):
    """Call a planned activity off, saying why; the leader and participants with an account are
    told. A held activity stays on the record."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why the activity is cancelled."), field="reason")
    with transaction.atomic():
        activity = _locked(activity)
        _require_manager(actor, activity)
        if not workflow.can_move_activity(activity.status, "cancel"):
            raise ApplicationError(_("This activity is “%(status)s”: only a planned activity can be cancelled.")
                                   % {"status": activity.get_status_display()})
        activity.status = workflow.ACTIVITY_TRANSITIONS[(A.PLANNED, "cancel")]
        activity.cancel_reason = reason
        activity.save(update_fields=["status", "cancel_reason", "updated_at"])
        subject = _("Cancelled: %(kind)s “%(topic)s” planned for %(day)s") % {
            "kind": activity.get_kind_display(), "topic": activity.topic, "day": _day(activity.start_date)}
        people = _people(activity, activity.participants.all())
        _notify(activity, people, actor=actor, subject=subject, body=_("Reason: %(reason)s") % {"reason": reason},
                kind="supervision.activity_cancelled")
    return activity


# --- photos and documents -----------------------------------------------------------------------

def activity_files_add(*, activity, uploads, actor, caption=""):
    """Attach photos and documents (PDF, JPEG, PNG, Word; 10 MB each, checked by their first bytes)
    to an activity. Every file is checked before any is kept, so a batch is kept whole or not at all."""
    _require_manager(actor, activity)
    uploads = list(uploads)
    if not uploads:
        raise ApplicationError(_("Choose at least one photo or document."), field="files")
    if len(uploads) > MAX_FILES:
        raise ApplicationError(_("At most %(count)d files at a time.") % {"count": MAX_FILES}, field="files")
    names = [upload_check(upload, field="files") for upload in uploads]
    caption = caption.strip()
    with transaction.atomic():
        return [ActivityFile.objects.create(activity=activity, file=upload, name=name, is_photo=is_photo(name),
                                            caption=caption, uploaded_by=actor)
                for upload, name in zip(uploads, names)]


def activity_file_update(*, activity_file, actor, caption):
    _require_manager(actor, activity_file.activity)
    activity_file.caption = caption.strip()
    activity_file.save(update_fields=["caption"])
    return activity_file


def activity_file_delete(*, activity_file, actor):
    """Remove a photo or document; the stored file goes once the row is gone for good."""
    _require_manager(actor, activity_file.activity)
    stored = activity_file.file
    storage, name = stored.storage, stored.name
    with transaction.atomic():
        activity_file.delete()
        transaction.on_commit(lambda: storage.delete(name))


# --- satisfaction votes -------------------------------------------------------------------------

def _check_vote(vote):
    """The rules of a satisfaction vote (满意度测评): taken at a held work evaluation or special
    report, on or after its first day and not in the future, one vote per unit evaluated, and never
    more votes counted than ballots issued (supervision.rules)."""
    activity = vote.activity
    if activity.kind not in VOTE_KINDS:
        raise ApplicationError(_("Satisfaction votes are recorded at a work evaluation or a special work report."))
    if activity.status != A.HELD:
        raise ApplicationError(_("Record the activity as held before recording its votes."))
    vote.subject = vote.subject.strip() or (vote.unit.name if vote.unit else "")
    if not vote.subject:
        raise ApplicationError(_("Say what was evaluated, or choose the unit."), field="subject")
    if vote.held_on > selectors.today():
        raise ApplicationError(_("The vote cannot be recorded before it is taken."), field="held_on")
    if vote.held_on < activity.start_date:
        raise ApplicationError(_("The vote cannot be taken before the activity began (%(day)s).")
                               % {"day": _day(activity.start_date)}, field="held_on")
    tallies = {"satisfied": vote.satisfied, "basically_satisfied": vote.basically_satisfied,
               "unsatisfied": vote.unsatisfied}
    for name, value in {"ballots": vote.ballots, **tallies}.items():
        if value is None or value < 0 or value > MAX_BALLOTS:
            raise ApplicationError(_("Enter a number from 0 to %(max)d.") % {"max": MAX_BALLOTS}, field=name)
    if vote.ballots < 1:
        raise ApplicationError(_("Enter the number of ballots issued."), field="ballots")
    counted = sum(tallies.values())
    if counted > vote.ballots:
        raise ApplicationError(
            _("%(counted)d votes are counted (satisfied, basically satisfied and unsatisfied together), more than "
              "the %(ballots)d ballots issued. Check the tallies.") % {"counted": counted, "ballots": vote.ballots},
            field="ballots")
    if vote.unit_id and SatisfactionVote.objects.filter(activity=activity, unit=vote.unit_id).exclude(
            pk=vote.pk).exists():
        raise ApplicationError(_("%(unit)s already has a vote recorded at this activity.") % {"unit": vote.unit},
                               field="unit")
    vote.result = rules.vote_result(ballots=vote.ballots, **tallies)


def _save_vote(vote):
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError:
        raise ApplicationError(_("The vote could not be saved: check that the tallies fit the ballots issued."))
    return vote


def vote_create(*, activity, actor, held_on, ballots, satisfied=0, basically_satisfied=0, unsatisfied=0, unit=None,
                subject="", note=""):
    """Record the tallies of a satisfaction vote; the result is computed (supervision.rules)."""
    with transaction.atomic():
        activity = _locked(activity)
        _require_manager(actor, activity)
        vote = SatisfactionVote(activity=activity, unit=unit, subject=subject or "", held_on=held_on, ballots=ballots,
                                satisfied=satisfied, basically_satisfied=basically_satisfied, unsatisfied=unsatisfied,
                                note=note, recorded_by=actor)
        _check_vote(vote)
        return _save_vote(vote)


def vote_update(*, vote, actor, **changes):
    unknown = set(changes) - set(VOTE_FIELDS)
    if unknown:
        raise ValueError(f"vote_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        # of=self: PostgreSQL locks no row of the nullable unit it joins.
        vote = (SatisfactionVote.objects.select_for_update(of=("self",)).select_related("activity", "unit")
                .get(pk=vote.pk))
        _require_manager(actor, vote.activity)
        old_unit = vote.unit
        for name, value in changes.items():
            setattr(vote, name, value)
        vote.subject = vote.subject or ""
        if old_unit is not None and vote.unit != old_unit and vote.subject.strip() == old_unit.name:
            vote.subject = ""  # it was the old unit's name: the new unit's name replaces it
        vote.recorded_by = actor
        _check_vote(vote)
        return _save_vote(vote)


def vote_delete(*, vote, actor):
    with transaction.atomic():
        vote = SatisfactionVote.objects.select_for_update().select_related("activity").get(pk=vote.pk)
        _require_manager(actor, vote.activity)
        vote.delete()
