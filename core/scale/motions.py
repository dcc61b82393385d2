"""The suggestions of the scale data set: ten years of them in every state of the workflow, each
with the rows and the timeline its state implies (motions/demo.py's story, in bulk)."""
import datetime
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Max

from core import workdays
from core.models import Reminder
from motions.models import (
    Assignment,
    Category,
    CoSigner,
    Event,
    HandlingRules,
    NumberSequence,
    Rating,
    Reply,
    ResultClass,
    Suggestion,
)
from motions.workflow import Action

from .base import ONE_DAY, TOPICS, VILLAGES, at, chunks, own_timestamps, scaled

S = Suggestion.Status
AS = Assignment.Status
SAT = Rating.Satisfaction
NUMBERED = {S.ACCEPTED, S.ASSIGNED, S.REPLIED, S.REHANDLING, S.CLOSED}
# How the items of a past year ended up, and those of the current year, in percent.
PAST = {S.CLOSED: 80, S.NOT_ACCEPTED: 4, S.MERGED: 3, S.RETURNED: 1, S.DRAFT: 1, S.SUBMITTED: 1, S.ACCEPTED: 1,
        S.ASSIGNED: 4, S.REPLIED: 3, S.REHANDLING: 2}
CURRENT = {S.DRAFT: 5, S.SUBMITTED: 8, S.RETURNED: 3, S.NOT_ACCEPTED: 3, S.MERGED: 3, S.ACCEPTED: 6, S.ASSIGNED: 30,
           S.REPLIED: 12, S.REHANDLING: 5, S.CLOSED: 25}
# Days an item of each state needs between submission and yesterday.
NEED = {S.DRAFT: 0, S.SUBMITTED: 1, S.RETURNED: 3, S.NOT_ACCEPTED: 3, S.MERGED: 3, S.ACCEPTED: 5, S.ASSIGNED: 8,
        S.REPLIED: 25, S.REHANDLING: 35, S.CLOSED: 45}
RETURN_REASON = "建议内容不够具体，请补充具体地点和诉求后重新提交。"
NOT_ACCEPTED_REASON = "所提事项属于个人诉求，不宜作为代表建议办理，留作参考。"
CO_OPINION = "同意主办单位的办理意见，本单位将在职责范围内配合做好相关工作。"
REPLY_TEXT = "经研究，已将该事项列入工作计划，安排专项资金组织实施，并将办理情况及时向代表反馈。"


@dataclass(slots=True)
class Item:
    status: str
    year: int
    kind: str = Suggestion.Kind.SUGGESTION
    source: str = Suggestion.Source.DEPUTY
    session_id: int | None = None
    title: str = ""
    content: str = ""
    category_id: int | None = None
    proposer: object = None  # a people.Seat
    petitioner: str = ""
    created: datetime.date | None = None
    submitted: datetime.date | None = None
    reviewed: datetime.date | None = None
    assigned: datetime.date | None = None
    complex: bool = False
    due: datetime.date | None = None  # the first answer's due date
    due2: datetime.date | None = None  # the second's, after an unsatisfied rating
    lead: object = None  # a people.Unit
    co: list = field(default_factory=list)  # [(Unit, opinion sent on or None)]
    acknowledged: datetime.date | None = None
    replies: list = field(default_factory=list)  # [(replied on, result class, promised, kept)]
    ratings: list = field(default_factory=list)  # [(rated on, satisfaction)]
    closed_by_office: datetime.date | None = None
    key_leader: object = None  # a people.Member
    published: bool = False
    number: int | None = None
    cosigners: list = field(default_factory=list)
    merged_into: object = None  # another Item
    pk: int | None = None
    lead_pk: int | None = None

    @property
    def closed_on(self):
        if self.status != S.CLOSED:
            return None
        return self.closed_by_office or self.ratings[-1][0]

    @property
    def label(self):
        return (f"{self.year}-{self.number:03d} {self.title}" if self.number else self.title)[:200]


def _defaults():
    """The result classes and categories; made again from the data migration's lists when a test
    database lost them (transactional tests empty every table)."""
    from importlib import import_module

    defaults = import_module("motions.migrations.0002_default_categories_and_classes")
    if not ResultClass.objects.exists():
        for order, (code, name, needs) in enumerate(defaults.RESULT_CLASSES, start=1):
            ResultClass.objects.create(code=code, name=name, needs_promise_date=needs, sort_order=order)
    if not Category.objects.exists():
        for order, name in enumerate(defaults.CATEGORIES, start=1):
            Category.objects.create(name=name, sort_order=order)
    classes = list(ResultClass.objects.filter(active=True).order_by("sort_order", "code")) or list(
        ResultClass.objects.order_by("sort_order", "code"))
    return classes, dict(Category.objects.values_list("name", "pk"))


class Suggestions:
    def __init__(self, people, meetings, insert):
        self.people, self.insert = people, insert
        self.rng, self.clock = people.rng, people.clock
        self.rules = HandlingRules.current()
        self.classes, self.categories = _defaults()
        self.sessions = {}
        for session in meetings.sessions:
            self.sessions.setdefault(session.start_date.year, []).append(session)

    # --- due dates (motions.rules, with one shared working-day calendar) -------------------------------

    def answer_due(self, assigned, complex_item):
        rules = self.rules
        if rules.due_rule == HandlingRules.DueRule.WORKING_DAYS:
            days = rules.working_days_complex if complex_item else rules.working_days_normal
            return self.clock.working_days_after(assigned, days)
        return workdays.add_calendar_months(assigned, rules.months_complex if complex_item else rules.months_normal)

    def co_due(self, assigned):
        return workdays.add_calendar_months(assigned, self.rules.co_unit_opinion_months)

    def rehandle_due(self, day):
        return workdays.add_calendar_months(day, self.rules.rehandle_months)

    # --- the items ----------------------------------------------------------------------------------

    def build(self, stdout):
        count = scaled("suggestions", self.people.factor)
        years = self._years(count)
        self.items = []
        for index, year in enumerate(years):
            status = list(S)[index] if index < len(S) else self._status(year)
            self.items.append(self._item(status, year))
        self._merge_targets()
        self._numbers()
        with own_timestamps(Suggestion, Event, Rating):
            for batch in chunks([item for item in self.items if item.status != S.MERGED]):
                self._insert(batch)
            for batch in chunks([item for item in self.items if item.status == S.MERGED]):
                self._insert(batch)
            self.insert.flush()
        open_count = sum(1 for item in self.items if item.status in {S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.REPLIED,
                                                                   S.REHANDLING})
        stdout.write(f"  suggestions: {count} in {len(set(item.year for item in self.items))} years, "
                     f"{open_count} still open")

    def _years(self, count):
        """The items per year, a little more each year; the current year's first."""
        weights = [1 + 0.05 * k for k in range(len(self.clock.years))]
        shares = [count * weight / sum(weights) for weight in weights]
        counts = [int(share) for share in shares]
        for k in sorted(range(len(shares)), key=lambda k: shares[k] - counts[k], reverse=True)[:count - sum(counts)]:
            counts[k] += 1
        return [year for year, n in sorted(zip(self.clock.years, counts), reverse=True) for _ in range(n)]

    def _status(self, year):
        table = CURRENT if year == self.clock.today.year else PAST
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    def _item(self, status, year):
        rng, clock, people = self.rng, self.clock, self.people
        item = Item(status=status, year=year)
        item.complex = rng.random() < 0.1
        override = self._handling_start(item) if status == S.ASSIGNED and year == clock.today.year else None
        if override:
            submitted = override[0]
            item.year = submitted.year
        else:
            while True:
                last = min(datetime.date(item.year, 12, 31), clock.today - datetime.timedelta(days=NEED[status] + 1))
                if last >= datetime.date(item.year, 1, 1):
                    break
                item.year -= 1
            submitted = clock.day_between(datetime.date(item.year, 1, 1), last)
            sessions = [s for s in self.sessions.get(item.year, []) if s.start_date <= last]
            if sessions and rng.random() < 0.25:
                session = rng.choice(sessions)
                submitted, item.session_id = session.start_date, session.pk
                if rng.random() < 0.2:
                    item.kind = Suggestion.Kind.MOTION
        draw = rng.random()
        # A letter is entered by the office as it arrives (never a draft) and has no deputy to
        # revise it or to rate its answer.
        letter_ok = status not in (S.DRAFT, S.RETURNED, S.REHANDLING)
        if item.kind == Suggestion.Kind.SUGGESTION and draw < 0.04 and letter_ok:
            item.source, item.petitioner = Suggestion.Source.LETTER_VISIT, people.names.person()
        else:
            item.source = Suggestion.Source.RECEPTION if draw < 0.10 else Suggestion.Source.DEPUTY
            item.proposer = people.pick_deputy(submitted, strict=False)
            if item.proposer is None:
                raise RuntimeError(f"no scale deputy in office on {submitted}")
        category, topic = rng.choice(TOPICS)
        village = rng.choice(VILLAGES)
        item.category_id = self.categories.get(category) or rng.choice(list(self.categories.values()) or [None])
        words = {Suggestion.Kind.MOTION: "议案"}.get(item.kind, "来信" if item.petitioner else "建议")
        item.title = f"关于{village}村{topic}的{words}"
        item.content = f"{village}村群众反映{topic}问题已有多年，影响生产生活，希望有关部门尽快研究解决。"
        item.created = submitted
        if status == S.DRAFT:
            self._cosigners(item, submitted, confirmed=False)
            return item
        item.submitted = submitted
        self._cosigners(item, submitted, confirmed=True)
        if status == S.SUBMITTED:
            return item
        item.reviewed = override[1] if override else clock.after(submitted, 1, 15, clock.yesterday)
        if status in (S.RETURNED, S.NOT_ACCEPTED, S.MERGED, S.ACCEPTED):
            return item
        item.assigned = override[2] if override else clock.after(item.reviewed, 1, 10, clock.yesterday)
        self._handle(item)
        return item

    def _handling_start(self, item):
        """For an item of this year still being handled: a date of assignment that makes it due
        within the week (yellow) one time in five, not yet due (green) two in five, else none."""
        rng, clock = self.rng, self.clock
        draw = rng.random()
        if draw < 0.2:
            months = self.rules.months_complex if item.complex else self.rules.months_normal
            assigned = clock.today + datetime.timedelta(days=rng.randint(0, 6)) - relativedelta(months=months)
        elif draw < 0.6:
            assigned = clock.today - datetime.timedelta(days=rng.randint(1, 60))
        else:
            return None
        reviewed = assigned - datetime.timedelta(days=rng.randint(1, 10))
        return reviewed - datetime.timedelta(days=rng.randint(1, 15)), reviewed, assigned

    def _cosigners(self, item, day, *, confirmed):
        if item.proposer is None:
            return
        if item.kind == Suggestion.Kind.MOTION:
            wanted = 4  # five deputies jointly
        else:
            wanted = self.rng.choice((1, 2)) if self.rng.random() < 0.1 else 0
        taken = {item.proposer.deputy_id}
        for _ in range(wanted):
            seat = self.people.pick_deputy(day, exclude=taken)
            if seat is None:
                break
            taken.add(seat.deputy_id)
            item.cosigners.append((seat.deputy_id, confirmed))

    def _handle(self, item):
        rng, clock, people = self.rng, self.clock, self.people
        yesterday, status = clock.yesterday, item.status
        item.due = self.answer_due(item.assigned, item.complex)
        item.lead = people.pick_unit()
        co_units = []
        if rng.random() < 0.2:
            for _ in range(rng.choice((1, 2))):
                unit = people.pick_unit(exclude={item.lead.pk, *(u.pk for u in co_units)})
                if unit:
                    co_units.append(unit)
        if rng.random() < 0.02:
            item.key_leader = people.pick_leader(item.assigned)
        if status == S.ASSIGNED:
            if rng.random() < 0.7:
                item.acknowledged = clock.after(item.assigned, 0, 8, yesterday)
            item.co = [(unit, clock.after(item.assigned, 5, 40) if rng.random() < 0.5 else None) for unit in co_units]
            item.co = [(unit, sent if sent and sent <= yesterday else None) for unit, sent in item.co]
            return
        # Answered at least once.
        window = max(10, (item.due - item.assigned).days - 8)
        draw = rng.random()
        if draw < 0.6:
            replied = item.assigned + datetime.timedelta(days=rng.randint(min(10, window), window))
        elif draw < 0.85:
            replied = item.due - datetime.timedelta(days=rng.randint(0, 6))
        else:
            replied = item.due + datetime.timedelta(days=rng.randint(1, 60))
        replied = min(max(replied, item.assigned), yesterday)
        item.acknowledged = min(clock.after(item.assigned, 0, 5), replied)
        item.co = [(unit, min(clock.after(item.assigned, 5, 25), replied)) for unit in co_units]
        item.replies.append(self._answer(replied))
        if status == S.REPLIED:
            return
        if item.proposer is None:  # a letter: the office closes it once the writer has the answer
            item.closed_by_office = clock.after(replied, 3, 15, yesterday)
            return
        rated = clock.after(replied, 1, 20, yesterday)
        if status == S.REHANDLING or rng.random() < 0.1:
            item.ratings.append((rated, SAT.UNSATISFIED))
            item.due2 = self.rehandle_due(rated)
            if status == S.REHANDLING:
                return
            second = clock.after(rated, 5, 40, yesterday)
            item.replies.append(self._answer(second))
            rated = clock.after(second, 1, 15, yesterday)
        item.ratings.append((rated, SAT.SATISFIED if rng.random() < 0.7 else SAT.BASICALLY_SATISFIED))
        replied_on, result, promised, _kept = item.replies[-1]
        if promised and promised < self.clock.today and rng.random() < 0.8:
            item.replies[-1] = (replied_on, result, promised, clock.day_between(replied_on, min(
                promised + datetime.timedelta(days=20), yesterday)))
        item.published = rng.random() < 0.3

    def _answer(self, replied):
        weights = [0.6, 0.3, 0.1] + [0.05] * max(0, len(self.classes) - 3)
        result = self.rng.choices(self.classes, weights=weights[:len(self.classes)])[0]
        promised = self.clock.after(replied, 30, 180) if result.needs_promise_date else None
        return replied, result, promised, None

    def _merge_targets(self):
        """A merged item points at an accepted item of its year (or is kept for reference when its
        year has none)."""
        by_year = {}
        for item in self.items:
            if item.status in NUMBERED:
                by_year.setdefault(item.year, []).append(item)
        anywhere = [target for targets in by_year.values() for target in targets]
        for item in self.items:
            if item.status == S.MERGED:
                targets = by_year.get(item.year) or anywhere
                if targets:
                    item.merged_into = self.rng.choice(targets)
                else:
                    item.status = S.NOT_ACCEPTED

    def _numbers(self):
        """Numbers are given on acceptance, in order, after those the year has already."""
        last = dict(Suggestion.objects.values("year").annotate(last=Max("number")).values_list("year", "last"))
        for item in sorted((item for item in self.items if item.status in NUMBERED), key=lambda i: (i.reviewed, id(i))):
            last[item.year] = (last.get(item.year) or 0) + 1
            item.number = last[item.year]
        for year, number in last.items():
            if number:
                sequence, _ = NumberSequence.objects.get_or_create(year=year)
                if sequence.last_number < number:
                    sequence.last_number = number
                    sequence.save(update_fields=["last_number"])

    # --- rows -----------------------------------------------------------------------------------------

    def _insert(self, items):
        office = self.people.office.pk
        rows = []
        for item in items:
            author = item.proposer.user_id if item.proposer else office
            rows.append(Suggestion(
                kind=item.kind, source=item.source, tabled_by=Suggestion.TabledBy.DEPUTIES,
                period=Suggestion.Period.DURING_SESSION if item.session_id else Suggestion.Period.BETWEEN_SESSIONS,
                session_id=item.session_id, year=item.year, number=item.number, title=item.title, content=item.content,
                category_id=item.category_id, proposer_id=item.proposer.deputy_id if item.proposer else None,
                petitioner=item.petitioner, status=item.status,
                merged_into_id=item.merged_into.pk if item.merged_into else None, is_complex=item.complex,
                is_key=item.key_leader is not None,
                key_leader_id=item.key_leader.deputy_id if item.key_leader else None,
                assigned_at=item.assigned, due_date=item.due2 or item.due, is_published=item.published,
                created_by_id=author, created_at=at(item.created, 8),
                submitted_at=at(item.submitted, 9) if item.submitted else None,
                closed_at=at(item.closed_on, 16) if item.closed_on else None,
            ))
        self.insert.add(Suggestion, rows)
        for item, row in zip(items, rows):
            item.pk = row.pk
        self._assignments(items)
        for item in items:
            self._timeline(item)
            for deputy_id, confirmed in item.cosigners:
                self.insert.queue(CoSigner, suggestion_id=item.pk, deputy_id=deputy_id,
                                  status=CoSigner.Status.CONFIRMED if confirmed else CoSigner.Status.INVITED,
                                  responded_at=at(item.submitted, 11) if confirmed else None)
            target = item.merged_into
            if target and target.proposer and item.proposer and item.proposer.deputy_id not in (
                    target.proposer.deputy_id, *(deputy for deputy, _ in target.cosigners)):
                target.cosigners.append((item.proposer.deputy_id, True))
                self.insert.queue(CoSigner, suggestion_id=target.pk, deputy_id=item.proposer.deputy_id,
                                  status=CoSigner.Status.CONFIRMED, responded_at=at(item.reviewed, 10))

    def _assignments(self, items):
        leads, others = [], []
        for item in items:
            if item.assigned is None:
                continue
            if item.status == S.ASSIGNED:
                lead_status = AS.ACKNOWLEDGED if item.acknowledged else AS.ASSIGNED
            elif item.status == S.REHANDLING:
                lead_status = AS.ACKNOWLEDGED
            else:
                lead_status = AS.REPLIED
            leads.append(Assignment(
                suggestion_id=item.pk, unit_id=item.lead.pk, role=Assignment.Role.LEAD, status=lead_status,
                assigned_at=item.assigned, due_date=item.due2 or item.due,
                acknowledged_at=at(item.acknowledged, 9) if item.acknowledged else None))
            for unit, sent in item.co:
                status = AS.OPINION_SENT if sent else (AS.ACKNOWLEDGED if item.acknowledged else AS.ASSIGNED)
                others.append(Assignment(
                    suggestion_id=item.pk, unit_id=unit.pk, role=Assignment.Role.CO, status=status,
                    assigned_at=item.assigned, due_date=self.co_due(item.assigned),
                    acknowledged_at=at(item.acknowledged or sent, 10) if (item.acknowledged or sent) else None,
                    opinion=CO_OPINION if sent else "", opinion_sent_at=at(sent, 15) if sent else None))
        self.insert.add(Assignment, leads + others)
        lead_of = {row.suggestion_id: row.pk for row in leads}
        replies, rated = [], []
        for item in items:
            item.lead_pk = lead_of.get(item.pk)
            for round_, (replied, result, promised, kept) in enumerate(item.replies, start=1):
                reply = Reply(
                    suggestion_id=item.pk, assignment_id=item.lead_pk, round=round_, result_class=result,
                    text=REPLY_TEXT, signed_by=item.lead.head or item.lead.name, promised_date=promised,
                    due_date=item.due if round_ == 1 else item.due2, replied_on=replied, promise_kept_on=kept,
                    promise_report="承诺事项已按期完成。" if kept else "", created_by_id=item.lead.officer_id)
                replies.append(reply)
                if round_ <= len(item.ratings):
                    rated.append((reply, item.ratings[round_ - 1], item.proposer.deputy_id))
        self.insert.add(Reply, replies)
        for reply, (day, satisfaction), deputy_id in rated:
            self.insert.queue(Rating, reply_id=reply.pk, deputy_id=deputy_id, satisfaction=satisfaction,
                              rated_at=at(day, 15),
                              comment="" if satisfaction != SAT.UNSATISFIED else "问题没有得到实质解决。")

    def _timeline(self, item):
        office = self.people.office.pk
        author = item.proposer.user_id if item.proposer else office
        order = {}

        def step(action, day, actor, before="", after="", unit=None, comment=""):
            n = order.get(day, 0)
            order[day] = n + 1
            self.insert.queue(Event, suggestion_id=item.pk, action=action, from_status=before, to_status=after,
                              actor_id=actor, unit_id=unit, comment=comment,
                              at=at(item.created if day is None else day, 9) + datetime.timedelta(minutes=15 * n))

        step(Action.CREATE, item.created, author)
        if item.submitted is None:
            return
        step(Action.SUBMIT, item.submitted, author, S.DRAFT, S.SUBMITTED)
        if item.reviewed is None:
            return
        if item.status == S.RETURNED:
            step(Action.RETURN, item.reviewed, office, S.SUBMITTED, S.RETURNED, comment=RETURN_REASON)
        elif item.status == S.NOT_ACCEPTED:
            step(Action.NOT_ACCEPT, item.reviewed, office, S.SUBMITTED, S.NOT_ACCEPTED, comment=NOT_ACCEPTED_REASON)
        elif item.status == S.MERGED:
            step(Action.MERGE, item.reviewed, office, S.SUBMITTED, S.MERGED,
                 comment=f"与{item.merged_into.label}反映的问题相同，并案办理。")
        else:
            step(Action.ACCEPT, item.reviewed, office, S.SUBMITTED, S.ACCEPTED,
                 comment=f"立案，编号{item.year}-{item.number:03d}。")
        if item.assigned is None:
            return
        lead = item.lead
        if item.key_leader:
            step(Action.MARK_KEY, item.assigned, office, comment="列为重点督办建议。")
        step(Action.ASSIGN, item.assigned, office, S.ACCEPTED, S.ASSIGNED, unit=lead.pk,
             comment=f"主办：{lead.name}；答复期限{item.due:%Y-%m-%d}。")
        if item.acknowledged:
            step(Action.ACKNOWLEDGE, item.acknowledged, lead.officer_id, unit=lead.pk)
        for unit, sent in item.co:
            if sent:
                step(Action.OPINION, sent, unit.officer_id, unit=unit.pk, comment=CO_OPINION)
        before = S.ASSIGNED
        for round_, (replied, result, _promised, kept) in enumerate(item.replies, start=1):
            step(Action.REPLY, replied, lead.officer_id, before, S.REPLIED, unit=lead.pk,
                 comment=f"{result.code}类：{REPLY_TEXT}")
            if round_ <= len(item.ratings):
                day, satisfaction = item.ratings[round_ - 1]
                unsatisfied = satisfaction == SAT.UNSATISFIED
                step(Action.REHANDLE if unsatisfied else Action.RATE, day, author, S.REPLIED,
                     S.REHANDLING if unsatisfied else S.CLOSED, comment=str(Rating.Satisfaction(satisfaction).label))
                before = S.REHANDLING
            if kept:
                step(Action.PROMISE_KEPT, kept, lead.officer_id, unit=lead.pk, comment="承诺事项已按期完成。")
        if item.closed_by_office:
            step(Action.CLOSE, item.closed_by_office, office, S.REPLIED, S.CLOSED, comment="来信人已收到书面答复，无异议，予以办结。")
        if item.published:
            step(Action.PUBLISH, min(item.closed_on + datetime.timedelta(days=2), self.clock.yesterday), office)

    # --- what the daily chase would have written in the ledger --------------------------------------

    def reminders(self, cap):
        """Candidate ledger rows (source, item, kind, recipient, day, title) for the items' past,
        as core.chase_engine would have written them; each repeating warning at most `cap` times."""
        clock, people = self.clock, self.people
        office = people.office_ids
        rows = []
        K = Reminder.Kind

        def series(kind, item, first, until, recipients, once=False):
            day, n = first, 0
            recipients = [user for user in dict.fromkeys(recipients) if user]
            while day < until and day <= clock.yesterday and n < (1 if once else cap):
                rows.extend(("suggestion", item.pk, kind, user, day, item.label) for user in recipients)
                day += datetime.timedelta(days=7)
                n += 1

        for item in self.items:
            if item.assigned is None:
                continue
            officer = item.lead.officer_id
            leader = item.key_leader.user_id if item.key_leader else None
            first_reply = item.replies[0][0] if item.replies else None
            series(K.NOT_ACKNOWLEDGED, item, clock.working_days_after(item.assigned, 3),
                   item.acknowledged or clock.today, [officer])
            soon = item.due - datetime.timedelta(days=7)
            if soon >= item.assigned and (first_reply is None or first_reply > soon):
                series(K.DUE_SOON, item, soon, clock.today, [officer], once=True)
            series(K.OVERDUE, item, item.due + ONE_DAY, first_reply or clock.today, [officer, *office, leader])
            if item.due2:
                second = item.replies[1][0] if len(item.replies) > 1 else clock.today
                series(K.OVERDUE, item, item.due2 + ONE_DAY, second, [officer, *office, leader])
            for unit, sent in item.co:
                series(K.CO_OPINION_LATE, item, self.co_due(item.assigned) + ONE_DAY,
                       min(sent or clock.today, first_reply or clock.today), [unit.officer_id])
            for round_, (replied, _result, promised, kept) in enumerate(item.replies, start=1):
                if item.proposer and item.source != Suggestion.Source.LETTER_VISIT:
                    rated = item.ratings[round_ - 1][0] if round_ <= len(item.ratings) else clock.today
                    series(K.NOT_RATED, item, replied + datetime.timedelta(days=15), rated, [item.proposer.user_id])
                if promised:
                    series(K.PROMISE_PASSED, item, promised + ONE_DAY, kept or clock.today, [officer, *office])
        return rows
