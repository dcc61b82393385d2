"""The supervision of the scale data set: activities over ten years (planned ahead, held or
cancelled) with their units, deputies, satisfaction votes and rectification items in every state:
open, overdue, extended, rectified awaiting verification, verified and withdrawn."""
import datetime
from dataclasses import dataclass, field

from core.models import Reminder
from supervision import rules
from supervision.models import (
    Activity,
    RectificationEvent,
    RectificationItem,
    RectificationReport,
    SatisfactionVote,
)
from supervision.workflow import Action

from .base import ACTIVITY_TOPICS, ONE_DAY, PROBLEMS, VILLAGES, at, own_timestamps, scaled

K = Activity.Kind
R = RectificationItem.Status
KINDS = {K.INSPECTION: 30, K.SURVEY: 20, K.REPORT: 15, K.LAW_ENFORCEMENT: 10, K.EVALUATION: 10, K.INQUIRY: 5,
         K.FOLLOW_UP: 10}
WORDS = {K.INSPECTION: "视察全镇{}工作", K.SURVEY: "关于全镇{}情况的专题调研", K.REPORT: "听取和审议镇人民政府关于{}工作情况的专项工作报告",
         K.LAW_ENFORCEMENT: "{}相关法律法规贯彻实施情况执法检查", K.EVALUATION: "对{}工作开展工作评议",
         K.INQUIRY: "就{}工作向镇人民政府有关部门询问", K.FOLLOW_UP: "{}视察整改情况回头看"}
PAST = {R.VERIFIED: 85, R.WITHDRAWN: 3, R.RECTIFIED: 4, R.IN_PROGRESS: 5, R.PENDING: 3}
RECENT = {R.PENDING: 20, R.IN_PROGRESS: 40, R.RECTIFIED: 15, R.VERIFIED: 20, R.WITHDRAWN: 5}
# The first items made, the oldest: one verified, one overdue being rectified, one overdue untouched.
FIRST = [R.VERIFIED, R.IN_PROGRESS, R.PENDING]


@dataclass(slots=True)
class Fix:
    """One rectification item's story."""

    activity: object
    unit: object
    leader_user: int | None
    status: str
    assigned: datetime.date
    deadline: datetime.date
    original: datetime.date | None = None
    extended_on: datetime.date | None = None
    started: datetime.date | None = None
    reports: list = field(default_factory=list)  # [(day, completion?)]
    rectified: datetime.date | None = None
    verified: datetime.date | None = None
    withdrawn: datetime.date | None = None
    pk: int | None = None


class Supervision:
    def __init__(self, people, insert):
        self.people, self.insert = people, insert
        self.rng, self.clock = people.rng, people.clock

    def build(self, stdout):
        count = scaled("activities", self.people.factor)
        with own_timestamps(Activity, RectificationItem, RectificationEvent, RectificationReport):
            activities = self._activities(count)
            self.fixes = self._fixes(activities)
            self.insert.flush()
        open_count = sum(1 for fix in self.fixes if fix.status in (R.PENDING, R.IN_PROGRESS, R.RECTIFIED))
        stdout.write(f"  supervision: {count} activities, {len(self.fixes)} rectification items, {open_count} open")

    def _activities(self, count):
        rng, clock, people, office = self.rng, self.clock, self.people, self.people.office
        days = sorted(clock.weekday_between(clock.first_day, clock.last_day) for _ in range(count))
        rows, leaders, held_before = [], {}, []
        for day in days:
            kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
            end = day + datetime.timedelta(days=rng.choice((0, 0, 1)))
            if end >= clock.today:
                status = Activity.Status.PLANNED
            else:
                status = Activity.Status.CANCELLED if rng.random() < 0.05 else Activity.Status.HELD
            follows = None
            if kind == K.FOLLOW_UP:
                follows = rng.choice(held_before[-50:]) if held_before else None
                if follows is None:
                    kind = K.INSPECTION
            theme = rng.choice(ACTIVITY_TOPICS)
            leader = people.pick_leader(day)
            held = status == Activity.Status.HELD
            activity = Activity(
                kind=kind, topic=WORDS[kind].format(theme), status=status, start_date=day, end_date=end,
                place="、".join(f"{village}村" for village in rng.sample(VILLAGES, 2)),
                leader_id=leader.deputy_id if leader else None, follows=follows,
                plan_note=f"{day.year}年镇人大工作要点：组织代表开展{theme}{K(kind).label}。",
                summary=f"主席团成员和部分代表围绕{theme}开展活动，听取了有关部门的情况汇报。" if held else "",
                findings=f"{theme}方面{rng.choice(PROBLEMS)}。" if held else "",
                opinion_text=f"请镇人民政府督促有关单位就{theme}存在的问题限期整改。" if held and kind != K.INQUIRY else "",
                opinion_sent_on=(min(end + datetime.timedelta(days=2), clock.yesterday)
                                 if held and kind != K.INQUIRY else None),
                cancel_reason="因防汛工作需要，活动取消。" if status == Activity.Status.CANCELLED else "",
                created_by=office, created_at=at(day - datetime.timedelta(days=20), 10), updated_at=at(end, 18),
            )
            rows.append(activity)
            leaders[id(activity)] = leader.user_id if leader else None
            if held and kind in (K.INSPECTION, K.LAW_ENFORCEMENT, K.SURVEY):
                held_before.append(activity)
        # Follow-ups point at earlier activities: those go in first.
        self.insert.add(Activity, [row for row in rows if row.follows is None])
        self.insert.add(Activity, [row for row in rows if row.follows is not None])
        units, participants, votes = [], [], []
        self.units_of, self.leader_of = {}, {}
        for activity in rows:
            self.leader_of[activity.pk] = leaders[id(activity)]
            chosen = []
            for _ in range(rng.choice((1, 1, 2, 3))):
                unit = people.pick_unit(exclude={u.pk for u in chosen})
                if unit:
                    chosen.append(unit)
            self.units_of[activity.pk] = chosen
            units += [(activity.pk, unit.pk) for unit in chosen]
            taken = set()
            for _ in range(rng.randint(3, 8)):
                seat = people.pick_deputy(activity.start_date, exclude=taken)
                if seat:
                    taken.add(seat.deputy_id)
            participants += [(activity.pk, deputy_id) for deputy_id in taken]
            if activity.status == Activity.Status.HELD and activity.kind in (K.REPORT, K.EVALUATION):
                subjects = ([(unit.pk, unit.name) for unit in chosen] if activity.kind == K.EVALUATION
                            else [(None, activity.topic.removeprefix("听取和审议"))])
                votes += [self._vote(activity, unit_id, subject) for unit_id, subject in subjects]
        self.insert.link(Activity._meta.get_field("units"), units)
        self.insert.link(Activity._meta.get_field("participants"), participants)
        self.insert.add(SatisfactionVote, votes)
        return rows

    def _vote(self, activity, unit_id, subject):
        rng = self.rng
        ballots = rng.randint(25, 40)
        if rng.random() < 0.1:  # one vote in ten finds the unit unsatisfactory
            favourable = rng.randint(ballots // 4, ballots // 2)
        else:
            favourable = rng.randint(ballots // 2 + 1, ballots)
        satisfied = rng.randint(favourable // 2, favourable)
        unsatisfied = rng.randint(0, ballots - favourable)
        figures = {"ballots": ballots, "satisfied": satisfied, "basically_satisfied": favourable - satisfied,
                   "unsatisfied": unsatisfied}
        return SatisfactionVote(activity=activity, unit_id=unit_id, subject=subject[:200], held_on=activity.start_date,
                                result=rules.vote_result(**figures), recorded_by=self.people.office, **figures)

    def _fixes(self, activities):
        rng, clock = self.rng, self.clock
        fixes = []
        for activity in activities:
            if activity.status != Activity.Status.HELD or activity.kind == K.INQUIRY:
                continue
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                assigned = clock.after(activity.end_date, 1, 5, clock.yesterday)
                deadline = assigned + datetime.timedelta(days=rng.randint(30, 150))
                table = PAST if deadline < clock.today - datetime.timedelta(days=60) else RECENT
                status = (FIRST[len(fixes)] if len(fixes) < len(FIRST)
                          else rng.choices(list(table), list(table.values()))[0])
                fixes.append(self._story(Fix(activity=activity, unit=rng.choice(self.units_of[activity.pk]),
                                             leader_user=self.leader_of[activity.pk], status=status,
                                             assigned=assigned, deadline=deadline)))
        self._rows(fixes)
        return fixes

    def _story(self, fix):
        rng, clock = self.rng, self.clock
        yesterday = clock.yesterday
        if fix.status in (R.PENDING, R.IN_PROGRESS) and rng.random() < 0.1 and fix.assigned < yesterday:
            fix.extended_on = clock.day_between(fix.assigned, min(fix.deadline, yesterday))
            fix.original, fix.deadline = fix.deadline, fix.deadline + datetime.timedelta(days=rng.randint(30, 60))
        if fix.status == R.PENDING:
            return fix
        if fix.status == R.WITHDRAWN:
            fix.withdrawn = clock.after(fix.assigned, 10, 60, yesterday)
            return fix
        fix.started = clock.after(fix.assigned, 0, 10, yesterday)
        if fix.status == R.IN_PROGRESS:
            fix.reports.append((clock.after(fix.started, 5, 40, yesterday), False))
            return fix
        if rng.random() < 0.5:
            fix.reports.append((clock.after(fix.started, 5, 20, yesterday), False))
        last = max([fix.started] + [day for day, _ in fix.reports])
        fix.rectified = clock.day_between(last, max(last, min(fix.deadline + datetime.timedelta(days=20), yesterday)))
        fix.reports.append((fix.rectified, True))
        if fix.status == R.VERIFIED:
            fix.verified = clock.after(fix.rectified, 3, 20, yesterday)
        return fix

    def _rows(self, fixes):
        office = self.people.office
        rows = [RectificationItem(
            activity=fix.activity, unit_id=fix.unit.pk, status=fix.status, assigned_on=fix.assigned,
            deadline=fix.deadline, original_deadline=fix.original,
            problem=f"{fix.unit.name}{self.rng.choice(PROBLEMS)}。", requirement="限期整改到位，并书面报告整改情况。",
            extension_reason="需协调县级部门，申请延期。" if fix.original else "",
            started_at=at(fix.started, 9) if fix.started else None, rectified_on=fix.rectified,
            verified_on=fix.verified,
            verified_by=office if fix.verified else None, created_by=office, created_at=at(fix.assigned, 9),
        ) for fix in fixes]
        self.insert.add(RectificationItem, rows)
        for fix, row in zip(fixes, rows):
            fix.pk = row.pk
            officer = fix.unit.officer_id
            events = [(fix.assigned, Action.CREATE, office.pk, "", R.PENDING, "")]
            status = R.PENDING
            if fix.extended_on:
                events.append((fix.extended_on, Action.EXTEND, office.pk, status, status, "需协调县级部门，申请延期。"))
            if fix.started:
                events.append((fix.started, Action.START, officer, R.PENDING, R.IN_PROGRESS, ""))
                status = R.IN_PROGRESS
            for day, completion in fix.reports:
                text = "整改已完成，请验收。" if completion else "整改正在推进，已完成部分工作。"
                self.insert.queue(RectificationReport, item_id=row.pk, text=text, is_completion=completion,
                                  author_id=officer, created_at=at(day, 15))
                after = R.RECTIFIED if completion else R.IN_PROGRESS
                events.append((day, Action.CLAIM_DONE if completion else Action.REPORT, officer, status, after, text))
                status = after
            if fix.verified:
                events.append((fix.verified, Action.VERIFY, office.pk, R.RECTIFIED, R.VERIFIED, "经实地查看，验收通过。"))
            if fix.withdrawn:
                events.append((fix.withdrawn, Action.WITHDRAW, office.pk, R.PENDING, R.WITHDRAWN, "问题已不存在，撤销该事项。"))
            current = R.PENDING
            for n, (day, action, actor, before, after, comment) in enumerate(sorted(events, key=lambda e: e[0])):
                if action == Action.EXTEND:
                    before = after = current
                current = after or current
                self.insert.queue(RectificationEvent, item_id=row.pk, action=action, actor_id=actor, from_status=before,
                                  to_status=after, comment=comment,
                                  created_at=at(day, 10) + datetime.timedelta(minutes=n))

    def reminders(self, cap):
        """Candidate ledger rows for the rectification items, as the daily chase would have written them."""
        clock, office = self.clock, self.people.office_ids
        Kind = Reminder.Kind
        rows = []

        def series(kind, fix, first, until, recipients, once=False):
            day, n = first, 0
            recipients = [user for user in dict.fromkeys(recipients) if user]
            title = f"整改：{fix.unit.name}"[:200]
            while day < until and day <= clock.yesterday and n < (1 if once else cap):
                rows.extend(("rectification", fix.pk, kind, user, day, title) for user in recipients)
                day += datetime.timedelta(days=7)
                n += 1

        for fix in self.fixes:
            officer = fix.unit.officer_id
            done = fix.rectified or fix.withdrawn or clock.today
            series(Kind.NOT_ACKNOWLEDGED, fix, clock.working_days_after(fix.assigned, 3),
                   fix.started or fix.withdrawn or clock.today, [officer])
            soon = fix.deadline - datetime.timedelta(days=7)
            if soon >= fix.assigned:
                series(Kind.DUE_SOON, fix, soon, done, [officer], once=True)
            series(Kind.OVERDUE, fix, fix.deadline + ONE_DAY, done, [officer, *office, fix.leader_user])
        return rows
