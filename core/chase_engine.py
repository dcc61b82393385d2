"""The daily chase engine (SPEC §4 "Chasing overdue handling"): which reminders are due today, sent
exactly once per item, kind, recipient and day however often it runs.

The rules, for every open item of every registered core.chase source (periods are settings):

- not acknowledged (签收) CHASE_ACKNOWLEDGE_WORKING_DAYS working days after assignment → the unit;
- due within CHASE_DUE_SOON_DAYS days (yellow, 黄牌) → the unit;
- past due (red, 红牌) → the unit, the office (chairman and staff) and the presidium member
  leading a key item;
- replied and not rated CHASE_RATING_DAYS days after the reply → the rating deputy;
- a co-unit's opinion to the lead unit past its due date → that co-unit;
- a class-B promised date passed, the work not reported done → the unit and the office.

Each reminder goes out the first day its condition holds and then again every
CHASE_OVERDUE_REPEAT_DAYS days while it still holds: a reminder is due when the ledger has none
of the same kind for that person and item in the last CHASE_OVERDUE_REPEAT_DAYS days. (SPEC §4
allows a warning every day, which officers would soon ignore.) Because the rule reads the ledger
rather than counting days from the due date, a chase that starts late, or a day the job did not
run, is caught up the next day instead of waiting a week.

How it stays exactly-once and set-based: the candidate ledger keys (source, item, kind,
recipient, day) are computed in Python from the sources' open items; the ledger rows of the
last week are read in one query; the missing rows are inserted with ignore_conflicts in one
transaction, which commits before anything is sent. A second transaction then takes today's rows
that have no notification yet (skipping rows another run holds, on PostgreSQL), creates their
inbox notifications, links them and writes the items' timelines; the e-mail and text-message
copies go out after that commit. Two runs at once, a rerun, or a retry after a crash between
the two transactions therefore neither double nor lose a reminder: the notification row is the
outbox, and the deliver_pending_notifications sweep sends any copy whose task never ran.
"""
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import bulk, chase, workdays
from .models import Notification, Reminder, User
from .roles import OFFICE_ROLES
from .services import notification_ids_publish_on_commit

Kind = Reminder.Kind


@dataclass(frozen=True)
class Periods:
    acknowledge_working_days: int = 3
    due_soon_days: int = 7
    repeat_days: int = 7
    rating_days: int = 15

    @classmethod
    def from_settings(cls):
        return cls(
            acknowledge_working_days=getattr(settings, "CHASE_ACKNOWLEDGE_WORKING_DAYS", 3),
            due_soon_days=getattr(settings, "CHASE_DUE_SOON_DAYS", 7),
            repeat_days=getattr(settings, "CHASE_OVERDUE_REPEAT_DAYS", 7),
            rating_days=getattr(settings, "CHASE_RATING_DAYS", 15),
        )


@dataclass
class ChaseResult:
    today: datetime.date
    dry_run: bool
    items: int = 0  # open items looked at
    counts: dict = field(default_factory=lambda: {kind: 0 for kind in Kind.values})  # new ledger rows per kind
    notified: int = 0  # inbox notifications created by this run

    @property
    def total(self):
        return sum(self.counts.values())


class Candidate(NamedTuple):
    """One reminder due today (a tuple: a run makes one per item, kind and recipient, 10⁵ of them)."""

    source: str
    item_id: int
    kind: str
    recipient_id: int
    subject: str
    link: str

    @property
    def key(self):
        return self[:4]


class People:
    """Who receives what: the active officers of each unit, the office, and the active users among
    the raters and leaders named by the items. Three queries whatever the number of items."""

    def __init__(self, items):
        unit_ids = {item.unit_id for item in items} | {unit for item in items for unit, _due in item.co_units_owing}
        unit_ids.discard(None)
        self.officers = defaultdict(list)
        officers = User.objects.filter(is_active=True, handling_unit_id__in=unit_ids).order_by("pk")
        for pk, unit_id in officers.values_list("pk", "handling_unit_id"):
            self.officers[unit_id].append(pk)
        office = User.objects.filter(is_active=True, groups__name__in=list(OFFICE_ROLES)).distinct().order_by("pk")
        self.office = list(office.values_list("pk", flat=True))
        named = {pk for item in items for pk in (*item.rater_ids, *item.leader_ids)}
        self.active = set(User.objects.filter(is_active=True, pk__in=named).values_list("pk", flat=True))

    def of_unit(self, unit_id):
        return self.officers.get(unit_id, []) if unit_id else []

    def among_active(self, ids):
        return [pk for pk in ids if pk in self.active]


def subject_texts():
    """The subjects' texts by kind, translated into the active language (read once per run)."""
    return {
        Kind.NOT_ACKNOWLEDGED: _("Please acknowledge %(item)s, assigned to your unit on %(date)s"),
        Kind.DUE_SOON: _("Yellow warning: %(item)s is due on %(date)s, %(days)s days left"),
        Kind.OVERDUE: _("Red warning: %(item)s was due on %(date)s and is %(days)s days overdue"),
        Kind.NOT_RATED: _("Please rate the reply to %(item)s, received on %(date)s"),
        Kind.CO_OPINION_LATE: _("Your opinion on %(item)s was due to the lead unit on %(date)s"),
        Kind.PROMISE_PASSED: _("The date promised for %(item)s, %(date)s, has passed: report the work done"),
    }


def _subject(kind, item, today, *, due=None, texts=None):
    """The reminder's subject, in the portal's language (the job has no request to take it from)."""
    values = {"item": item.title, "date": f"{due:%Y-%m-%d}" if due else ""}
    if kind == Kind.DUE_SOON:
        values["days"] = (due - today).days
    elif kind == Kind.OVERDUE:
        values["days"] = (today - due).days
    return ((texts or subject_texts())[kind] % values)[:200]


class _AcknowledgeDeadlines(dict):
    """The last day to acknowledge, by day of assignment: counted once per day, not once per item."""

    def __init__(self, periods, calendar):
        super().__init__()
        self.periods, self.calendar = periods, calendar

    def __missing__(self, assigned_on):
        deadline = self[assigned_on] = workdays.add_working_days(
            assigned_on, self.periods.acknowledge_working_days, self.calendar)
        return deadline


def due_reminders(item, today, periods, people, calendar=None, *, texts=None, deadlines=None):
    """The reminders one item calls for today, as Candidates (recipient by recipient).

    `texts` (subject_texts()) and `deadlines` let a run translate and count working days once
    for all its items."""
    found = []
    texts = texts or subject_texts()
    deadlines = deadlines if deadlines is not None else _AcknowledgeDeadlines(periods, calendar)

    def add(kind, recipients, link, due):
        subject = _subject(kind, item, today, due=due, texts=texts)
        found.extend(Candidate(item.source, item.item_id, kind, pk, subject, link) for pk in recipients)

    unit_officers = people.of_unit(item.unit_id)
    office_link = item.url
    unit_link = item.unit_url or item.url
    if item.done_on is None and item.unit_id and not item.acknowledged and item.assigned_on:
        if today >= deadlines[item.assigned_on]:
            add(Kind.NOT_ACKNOWLEDGED, unit_officers, unit_link, item.assigned_on)
    colour = chase.colour(item, today, due_soon_days=periods.due_soon_days)
    if item.unit_id and colour == chase.Colour.YELLOW:
        add(Kind.DUE_SOON, unit_officers, unit_link, item.due_date)
    if item.unit_id and colour == chase.Colour.RED:
        add(Kind.OVERDUE, unit_officers, unit_link, item.due_date)
        add(Kind.OVERDUE, [*people.office, *people.among_active(item.leader_ids)], office_link, item.due_date)
    if item.awaiting_rating_since and today >= item.awaiting_rating_since + datetime.timedelta(days=periods.rating_days):
        add(Kind.NOT_RATED, people.among_active(item.rater_ids), item.extra.get("rater_url", item.url),
            item.awaiting_rating_since)
    for unit_id, due in item.co_units_owing:
        if today > due:
            add(Kind.CO_OPINION_LATE, people.of_unit(unit_id), item.extra.get("unit_urls", {}).get(unit_id, ""), due)
    if item.promise_date and today > item.promise_date:
        add(Kind.PROMISE_PASSED, unit_officers, unit_link, item.promise_date)
        add(Kind.PROMISE_PASSED, people.office, office_link, item.promise_date)
    return found


def _open_items():
    return [item for source in chase.sources() for item in source.open_items()]


def _calendar_for(items, periods):
    """The working-day calendar of every acknowledgement period, read in one query."""
    starts = [item.assigned_on for item in items if item.assigned_on and not item.acknowledged]
    if not starts:
        return workdays.WorkCalendar()
    span = datetime.timedelta(days=periods.acknowledge_working_days * 7 // 5 + 31)
    return workdays.WorkCalendar(min(starts), max(starts) + span)


def candidates_for(today, periods=None):
    """Every reminder the open items call for today, once per ledger key, and how many items."""
    periods = periods or Periods.from_settings()
    items = _open_items()
    people = People(items)
    calendar = _calendar_for(items, periods)
    wanted = {}
    deadlines = _AcknowledgeDeadlines(periods, calendar)
    with translation.override(settings.LANGUAGE_CODE):
        texts = subject_texts()
        for item in items:
            for candidate in due_reminders(item, today, periods, people, calendar, texts=texts, deadlines=deadlines):
                wanted.setdefault(candidate[:4], candidate)
    return wanted, len(items)


def chase_run(*, today, dry_run=False):
    """Run the day's chase for `today`; with dry_run, only count what would be sent.

    Returns a ChaseResult whose counts are the ledger rows this run added, per kind.
    """
    periods = Periods.from_settings()
    wanted, item_count = candidates_for(today, periods)
    result = ChaseResult(today=today, dry_run=dry_run, items=item_count)
    # What went out lately: a reminder repeats only CHASE_OVERDUE_REPEAT_DAYS days after the last one.
    recent = Reminder.objects.filter(day__gt=today - datetime.timedelta(days=periods.repeat_days), day__lte=today)
    sent_lately = set(recent.values_list("source", "item_id", "kind", "recipient_id"))
    missing = [candidate for key, candidate in wanted.items() if key not in sent_lately]
    for candidate in missing:
        result.counts[candidate.kind] += 1
    if dry_run:
        return result
    now = timezone.now()
    with transaction.atomic():
        bulk.insert(Reminder, {
            "source": [c.source for c in missing], "item_id": [c.item_id for c in missing],
            "kind": [c.kind for c in missing], "recipient_id": [c.recipient_id for c in missing],
            "title": [c.subject for c in missing],
        }, same={"day": today, "created_at": now}, ignore_conflicts=True)
    # The ledger has committed: from here a crash loses nothing, the next run picks the rows up.
    result.notified = notify_unsent(today=today, wanted=wanted)
    return result


def notify_unsent(*, today, wanted=None):
    """Create the inbox notification of each ledger row of `today` that has none yet, link it,
    and write the items' timelines, in one transaction; the copies are sent after commit.

    Rows another run is handling are skipped (PostgreSQL's SKIP LOCKED; SQLite lets one writer in
    at a time), so no notification is ever made twice. A row whose facts changed since it was
    written (`wanted` no longer has it) is still announced, with the subject it was recorded with.
    """
    wanted = wanted or {}
    with transaction.atomic():
        rows = [Row(*values) for values in
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(day=today, notification__isnull=True, recipient__is_active=True).order_by("pk")
                .values_list("pk", "source", "item_id", "kind", "recipient_id", "title", "recipient__name",
                             "recipient__username")]
        if not rows:
            return 0
        bodies = _bodies()
        now = timezone.now()
        ids = bulk.insert(Notification, {
            "recipient_id": [row.recipient_id for row in rows], "subject": [row.title for row in rows],
            "kind": [f"chase.{row.kind}" for row in rows], "link": [_link_of(row, wanted) for row in rows],
            "body": [bodies[row.kind] for row in rows],
        }, same={"created_at": now, "is_read": False}, returning_ids=True)
        bulk.update(Reminder, "notification", [row.pk for row in rows], ids)
        _write_timelines(rows)
        notification_ids_publish_on_commit(ids)
    return len(ids)


class Row(NamedTuple):
    """A ledger row of today still to announce, with its recipient's name."""

    pk: int
    source: str
    item_id: int
    kind: str
    recipient_id: int
    title: str
    recipient_name: str
    recipient_username: str

    @property
    def recipient(self):
        """What str(user) gives: the full name, or the username without one."""
        return self.recipient_name or self.recipient_username


def _link_of(row, wanted):
    candidate = wanted.get((row.source, row.item_id, row.kind, row.recipient_id))
    return candidate.link if candidate else ""


def _bodies():
    """The notifications' body by kind, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Sent by the presidium office's daily chase of handling (%(kind)s). Open the item to act on it.")
        return {kind.value: text % {"kind": kind.label} for kind in Kind}


def _write_timelines(rows):
    """One "Reminder sent" step per item and kind, naming who was reminded."""
    grouped = defaultdict(list)
    for row in rows:
        grouped[(row.source, row.item_id, row.kind)].append(row.recipient)
    by_source = defaultdict(list)
    with translation.override(settings.LANGUAGE_CODE):
        text = _("%(kind)s, to %(people)s")
        labels = {kind.value: str(kind.label) for kind in Kind}
    for (source, item_id, kind), names in grouped.items():
        by_source[source].append((item_id, kind, text % {"kind": labels[kind], "people": "、".join(names)}))
    registered = {source.key: source for source in chase.sources()}
    for key, entries in by_source.items():
        source = registered.get(key)
        if source is None or source.on_reminder is None:
            continue
        many = getattr(source.on_reminder, "many", None)
        if many is not None:
            many(entries)
        else:
            for entry in entries:
                source.on_reminder(*entry)
