"""The suggestions' part of the daily chase (SPEC §4 "Chasing overdue handling").

core.chase_engine decides which reminders are due from ChaseItem facts alone; this module
describes every suggestion still being chased as such facts, in a fixed number of queries
whatever their number, and writes the reminders into each item's timeline.
"""
from collections import defaultdict

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat, LPad
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import bulk
from core.chase import ChaseItem, ChaseSource, url_maker

from . import caching, rules, workflow
from .models import Assignment, Event, HandlingRules, Reply, Suggestion

SOURCE_KEY = "suggestion"
S = Suggestion.Status
AS = Assignment.Status


def chased_suggestions():
    """Open items, and closed ones whose class-B promise is not yet reported kept (the
    follow-up list of SPEC §4 point 6): 1 query, plus one for their units and one for their replies."""
    unkept_promise = Q(status=S.CLOSED, replies__result_class__needs_promise_date=True,
                       replies__promise_kept_on__isnull=True)
    return (
        Suggestion.objects.filter(Q(status__in=workflow.OPEN_STATUSES) | unkept_promise)
        .distinct()
        .select_related("proposer", "key_leader")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.exclude(status=AS.RETURNED).order_by("pk"),
                     to_attr="chased_assignments"),
            Prefetch("replies", queryset=Reply.objects.select_related("result_class", "rating").order_by("round"),
                     to_attr="chased_replies"),
        )
        .order_by("pk")
    )


def _rating_of(reply):
    try:
        return reply.rating
    except Reply.rating.RelatedObjectDoesNotExist:
        return None


def chase_item(item, *, handling_rules):
    """The ChaseItem facts of one suggestion read by chased_suggestions()."""
    lead = next((a for a in item.chased_assignments if a.role == Assignment.Role.LEAD), None)
    latest = item.chased_replies[-1] if item.chased_replies else None
    answered = item.status in (S.REPLIED, S.CLOSED) and latest is not None
    in_handling = item.status in workflow.IN_HANDLING
    co_units = tuple(
        (a.unit_id, rules.co_unit_opinion_due(a.assigned_at, rules=handling_rules))
        for a in item.chased_assignments
        if in_handling and a.role == Assignment.Role.CO and a.status != AS.OPINION_SENT
    )
    promise = (latest.promised_date if latest and latest.result_class.needs_promise_date
               and latest.promise_kept_on is None else None)
    return ChaseItem(
        source=SOURCE_KEY,
        item_id=item.pk,
        title=str(item)[:200],
        url=reverse("motions:office_item", args=[item.pk]),
        unit_id=lead.unit_id if lead else None,
        assigned_on=lead.assigned_at if lead else None,
        acknowledged=bool(lead and lead.status != AS.ASSIGNED),
        due_date=(lead.due_date if lead else None) if item.status != S.CLOSED else None,
        done_on=latest.replied_on if answered else None,
        awaiting_rating_since=(latest.replied_on if item.status == S.REPLIED and latest
                               and _rating_of(latest) is None else None),
        rater_ids=(item.proposer.user_id,) if item.proposer and item.proposer.user_id else (),
        promise_date=promise,
        co_units_owing=co_units,
        leader_ids=(item.key_leader.user_id,) if item.is_key and item.key_leader and item.key_leader.user_id else (),
        unit_url=reverse("motions:unit_item", args=[lead.pk]) if lead else "",
        extra={
            "unit_urls": {a.unit_id: reverse("motions:unit_item", args=[a.pk]) for a in item.chased_assignments},
            "rater_url": reverse("motions:deputy_item", args=[item.pk]),
        },
    )


def open_items():
    """One ChaseItem per suggestion still being chased, in four queries whatever their number.

    The same facts as chase_item() of chased_suggestions(), read as plain values rather than model
    instances, and the links reversed once: a county chases 10⁵ suggestions a day."""
    handling_rules = HandlingRules.current()
    unkept_promise = Reply.objects.filter(result_class__needs_promise_date=True, promise_kept_on__isnull=True)
    chased = Suggestion.objects.filter(Q(status__in=workflow.OPEN_STATUSES)
                                       | Q(status=S.CLOSED, pk__in=unkept_promise.values("suggestion_id")))
    rows = list(chased.order_by("pk").values_list("pk", "year", "number", "title", "status", "is_key",
                                                  "proposer__user_id", "key_leader__user_id"))
    if not rows:  # as a prefetch of nothing, which asks nothing more
        return []
    assignments = defaultdict(list)
    for row in (Assignment.objects.filter(suggestion__in=chased.values("pk")).exclude(status=AS.RETURNED)
                .order_by("pk").values_list("suggestion_id", "pk", "unit_id", "role", "status", "assigned_at",
                                            "due_date")):
        assignments[row[0]].append(row)
    latest = {}  # suggestion -> its last reply (the highest round)
    for row in (Reply.objects.filter(suggestion__in=chased.values("pk")).order_by("round", "pk")
                .values_list("suggestion_id", "replied_on", "promised_date", "promise_kept_on",
                             "result_class__needs_promise_date", "rating__pk")):
        latest[row[0]] = row
    co_due = {}  # assigned on -> the co-units' opinion due date, counted once per day

    def opinion_due(assigned_at):
        if assigned_at not in co_due:
            co_due[assigned_at] = rules.co_unit_opinion_due(assigned_at, rules=handling_rules)
        return co_due[assigned_at]

    office_url, unit_url, deputy_url = (url_maker(name) for name in (
        "motions:office_item", "motions:unit_item", "motions:deputy_item"))
    items = []
    for pk, year, number, title, status, is_key, proposer_user, leader_user in rows:
        mine = assignments.get(pk, ())
        lead = next((a for a in mine if a[3] == Assignment.Role.LEAD), None)
        reply = latest.get(pk)
        answered = status in (S.REPLIED, S.CLOSED) and reply is not None
        in_handling = status in workflow.IN_HANDLING
        co_units = tuple((a[2], opinion_due(a[5])) for a in mine
                         if in_handling and a[3] == Assignment.Role.CO and a[4] != AS.OPINION_SENT)
        # as Suggestion.__str__: "2026-008 title", or the title alone before it has a number
        name = f"{year}-{number:03d} {title}" if number else title
        items.append(ChaseItem(
            source=SOURCE_KEY,
            item_id=pk,
            title=name[:200],
            url=office_url(pk),
            unit_id=lead[2] if lead else None,
            assigned_on=lead[5] if lead else None,
            acknowledged=bool(lead and lead[4] != AS.ASSIGNED),
            due_date=(lead[6] if lead else None) if status != S.CLOSED else None,
            done_on=reply[1] if answered else None,
            awaiting_rating_since=reply[1] if status == S.REPLIED and reply and reply[5] is None else None,
            rater_ids=(proposer_user,) if proposer_user else (),
            promise_date=reply[2] if reply and reply[4] and reply[3] is None else None,
            co_units_owing=co_units,
            leader_ids=(leader_user,) if is_key and leader_user else (),
            unit_url=unit_url(lead[1]) if lead else "",
            extra={"unit_urls": {a[2]: unit_url(a[1]) for a in mine}, "rater_url": deputy_url(pk)},
        ))
    return items


def _board_title():
    """Suggestion.__str__ in SQL: "2026-008 title", or the title alone before it has a number."""
    number = Cast("number", CharField())
    return Case(
        When(number__isnull=True, then=F("title")),
        When(number=0, then=F("title")),
        default=Concat(Cast("year", CharField()), Value("-"),
                       Case(When(number__lt=100, then=LPad(number, 3, Value("0"))), default=number),
                       Value(" "), F("title"), output_field=CharField()),
        output_field=CharField())


def board_columns():
    """The chased suggestions of open_items() in SQL, for the board's counts and pages (core.chase
    BOARD_COLUMNS), in two parts: the open ones, and the closed ones whose promise is not yet
    reported kept (always green: no due date). The unit and due date are the lead assignment's (one at
    most, a constraint); done_on, the day of the latest reply, is read by board_items() for the rows shown."""
    open_assignment = [status for status in AS.values if status != AS.RETURNED]

    def lead():  # a FilteredRelation is bound to the queryset it annotates: one each
        return FilteredRelation("assignments", condition=Q(assignments__role=Assignment.Role.LEAD,
                                                           assignments__status__in=open_assignment))

    replied = Reply.objects.filter(suggestion=OuterRef("pk"))
    unkept_promise = replied.filter(result_class__needs_promise_date=True, promise_kept_on__isnull=True)
    common = {
        "item_id": F("pk"),
        "unit_id": F("lead__unit_id"),
        "unit_name": F("lead__unit__name"),
    }
    rest = {"done_on": Cast(Value(None), DateField()), "title": _board_title(), "link_id": F("lead__pk")}
    in_handling = Suggestion.objects.filter(status__in=workflow.OPEN_STATUSES).annotate(lead=lead())
    promised = Suggestion.objects.filter(Exists(unkept_promise), status=S.CLOSED).annotate(lead=lead())
    return [
        (in_handling, {**common, "due": F("lead__due_date"),
                       # replied: the workflow records the reply with the status (open_items() also
                       # asks that the reply exist; reading it here would cost a probe per item)
                       "done": Case(When(status=S.REPLIED, then=Value(True)), default=Value(False),
                                    output_field=BooleanField()),
                       **rest}),
        (promised, {**common, "due": Cast(Value(None), DateField()),
                    "done": Value(True, output_field=BooleanField()), **rest}),
    ]


def board_items(rows):
    """The ChaseItems of rows of board_columns() (dicts): what the board shows of them, with the day of
    the latest reply of those done (one query)."""
    office_url, unit_url = url_maker("motions:office_item"), url_maker("motions:unit_item")
    done = [row["item_id"] for row in rows if row["done"]]
    replied_on = dict(Reply.objects.filter(suggestion_id__in=done).order_by("suggestion_id", "round", "pk")
                      .values_list("suggestion_id", "replied_on")) if done else {}
    return [ChaseItem(
        source=SOURCE_KEY, item_id=row["item_id"], title=row["title"][:200], url=office_url(row["item_id"]),
        unit_id=row["unit_id"], assigned_on=None, acknowledged=True, due_date=row["due"],
        done_on=replied_on.get(row["item_id"]) if row["done"] else None,
        unit_url=unit_url(row["link_id"]) if row["link_id"] else "",
    ) for row in rows]


class Timeline:
    """Writes the reminders into the items' timelines as "Reminder sent" steps.

    Called as on_reminder(item_id, kind, comment) for one reminder; `many` writes a whole run's
    steps in one query, so the chase's query count does not grow with the number of items.
    """

    def __call__(self, item_id, kind, comment):
        self.many([(item_id, kind, comment)])

    def many(self, entries):
        bulk.insert(Event, {
            "suggestion_id": [item_id for item_id, _kind, _comment in entries],
            "comment": [comment for _item_id, _kind, comment in entries],
        }, same={"action": str(workflow.Action.REMIND), "from_status": "", "to_status": "", "at": timezone.now()})


SOURCE = ChaseSource(key=SOURCE_KEY, label=_("Suggestions"), open_items=open_items, on_reminder=Timeline(),
                     board_columns=board_columns, board_items=board_items, counts_cache=caching.generation)
