"""The meetings of the scale data set: two sessions a year at factor 100 (every deputy in office
expected, with notice, answers, attendance and a vote), the rest presidium meetings and meetings
of the chairman and vice-chairmen (the presidium members serving that day expected)."""
import datetime
from dataclasses import dataclass

from congress import rules
from congress.models import AgendaItem, Attendance, Meeting, MeetingNotice, NoticeReply, PresidiumMembership, Vote
from core.models import Township

from .base import at, own_timestamps, scaled

CHAIR_POSITIONS = (PresidiumMembership.Position.CHAIRMAN, PresidiumMembership.Position.VICE_CHAIRMAN)
SESSION_PLACE = "镇人民政府四楼大会议室"
PRESIDIUM_PLACE = "镇人大主席团会议室"
LEAVE_REASONS = ["外出务工", "参加县里培训", "身体不适住院", "家中有急事", "在外地出差"]


@dataclass(frozen=True)
class Session:
    pk: int
    term_id: int
    start_date: datetime.date


class Meetings:
    def __init__(self, people, insert):
        self.people, self.insert = people, insert
        self.rng, self.clock = people.rng, people.clock

    def build(self, stdout):
        total = scaled("meetings", self.people.factor)
        sessions = min(total, scaled("sessions", self.people.factor))
        rows = self._sessions(sessions) + self._presidium_meetings(total - sessions)
        with own_timestamps(Meeting, MeetingNotice, NoticeReply, Attendance, Vote):
            self.insert.add(Meeting, rows)
            self._notices(rows)
            for meeting in rows:
                self._people_of(meeting)
            self.insert.flush()
        self.sessions = [Session(m.pk, m.term_id, m.start_date) for m in rows
                         if m.kind == Meeting.Kind.SESSION and m.status == Meeting.Status.HELD]
        stdout.write(f"  congress: {sessions} sessions, {total - sessions} presidium meetings")

    def _sessions(self, count):
        clock, rows = self.clock, []
        span = (clock.last_day - clock.first_day).days
        for index in range(count):
            day = clock.first_day + datetime.timedelta(days=int(span * (index + 0.5) / count))
            while day.weekday() >= 5:
                day -= datetime.timedelta(days=1)
            term = self.people.term_of(day)
            rows.append(Meeting(term=term, kind=Meeting.Kind.SESSION, start_date=day,
                                end_date=day + datetime.timedelta(days=1 if index % 2 == 0 else 0),
                                place=SESSION_PLACE, convener=f"{Township.current().name}人大主席团",
                                status=self._status(day, cancel=0),
                                agenda_summary="听取和审议镇人民政府工作报告；审查和批准财政预算"))
        taken = {}
        for term_id, number in Meeting.objects.filter(kind=Meeting.Kind.SESSION).values_list("term_id", "number"):
            taken.setdefault(term_id, set()).add(number)
        for meeting in sorted(rows, key=lambda m: m.start_date):
            numbers = taken.setdefault(meeting.term.pk, set())
            meeting.number = next(n for n in range(1, len(numbers) + 2) if n not in numbers)
            numbers.add(meeting.number)
        return rows

    def _presidium_meetings(self, count):
        clock, rows = self.clock, []
        days = sorted(clock.weekday_between(clock.first_day, clock.last_day) for _ in range(count))
        per_year = {}
        for day in days:
            kind = Meeting.Kind.PRESIDIUM_MEMBERS if self.rng.random() < 0.2 else Meeting.Kind.PRESIDIUM
            key = (day.year, kind)
            per_year[key] = per_year.get(key, 0) + 1
            words = "主席团会议" if kind == Meeting.Kind.PRESIDIUM else "主席会议"
            topics = self.rng.sample(["研究确定年度工作要点", "听取代表建议办理情况汇报", "研究视察活动安排",
                                      "研究人民代表大会会议筹备事项", "讨论年度工作总结和工作计划"], 2)
            rows.append(Meeting(term=self.people.term_of(day), kind=kind, start_date=day, end_date=day,
                                title=f"{day.year}年第{per_year[key]}次{words}", place=PRESIDIUM_PLACE,
                                status=self._status(day, cancel=0.03), agenda_summary="；".join(topics),
                                minutes=f"会议{'、'.join(topics)}。" if day < clock.today else ""))
        return rows

    def _status(self, day, *, cancel):
        if day >= self.clock.today:
            return Meeting.Status.PLANNED
        return Meeting.Status.CANCELLED if self.rng.random() < cancel else Meeting.Status.HELD

    def _notices(self, meetings):
        office = self.people.office
        notices = []
        for meeting in meetings:
            sent = meeting.start_date - datetime.timedelta(days=10)
            notices.append(MeetingNotice(
                meeting=meeting, sent_by=office, sent_at=at(sent),
                reply_by=meeting.start_date - datetime.timedelta(days=3),
                message=f"定于{meeting.start_date:%Y年%-m月%-d日}在{meeting.place}召开{meeting}，请准时出席。"))
        self.insert.add(MeetingNotice, notices)
        self.notice_of = {notice.meeting.pk: notice for notice in notices}

    def _people_of(self, meeting):
        """Answers to the notice, attendance of a meeting held, the agenda and a session's vote."""
        people, rng, office = self.people, self.rng, self.people.office
        if meeting.kind == Meeting.Kind.SESSION:
            expected = [seat.deputy_id for seat in people.seats_by_term.get(meeting.term.pk, [])
                        if seat.serves(meeting.start_date)]
            leave, absent = 0.03, 0.02
        else:
            positions = CHAIR_POSITIONS if meeting.kind == Meeting.Kind.PRESIDIUM_MEMBERS else None
            expected = [member.deputy_id for member in people.presidium_on(meeting.start_date, positions)]
            leave, absent = 0.08, 0.02
        expected = list(dict.fromkeys(expected))
        notice = self.notice_of[meeting.pk]
        answered, recorded = at(meeting.start_date - datetime.timedelta(days=8)), at(meeting.end_date, 17)
        held = meeting.status == Meeting.Status.HELD
        present = 0
        for deputy_id in expected:
            draw = rng.random()
            reply = {"notice_id": notice.pk, "deputy_id": deputy_id}
            if draw < leave:
                reply.update(answer=NoticeReply.Answer.LEAVE, leave_reason=rng.choice(LEAVE_REASONS),
                             answered_at=answered)
                if held or meeting.status == Meeting.Status.CANCELLED or rng.random() < 0.5:
                    reply.update(leave_decision=NoticeReply.LeaveDecision.APPROVED, decided_by_id=office.pk,
                                 decided_at=answered + datetime.timedelta(days=1))
                else:
                    reply.update(leave_decision=NoticeReply.LeaveDecision.PENDING)
                status = Attendance.Status.ON_LEAVE
            elif draw < leave + absent or (not held and rng.random() < 0.5):
                status = Attendance.Status.ABSENT
            else:
                reply.update(answer=NoticeReply.Answer.ATTEND, answered_at=answered)
                status = Attendance.Status.PRESENT
            self.insert.queue(NoticeReply, **reply)
            if held:
                present += status == Attendance.Status.PRESENT
                self.insert.queue(Attendance, meeting_id=meeting.pk, deputy_id=deputy_id, status=status,
                                  recorded_by_id=office.pk, recorded_at=recorded)
        if meeting.kind != Meeting.Kind.SESSION:
            for order, topic in enumerate(meeting.agenda_summary.split("；"), start=1):
                self.insert.queue(AgendaItem, meeting_id=meeting.pk, order=order, kind=AgendaItem.Kind.OTHER,
                                  title=topic)
            return
        report = AgendaItem(meeting=meeting, order=1, kind=AgendaItem.Kind.REPORT, title="听取和审议镇人民政府工作报告")
        resolution = AgendaItem(meeting=meeting, order=2, kind=AgendaItem.Kind.RESOLUTION,
                                title="关于镇人民政府工作报告的决议")
        self.insert.add(AgendaItem, [report, resolution])
        in_office = len(expected)
        if held and rules.has_quorum(present, in_office):
            against = min(present, rng.randint(0, 2))
            abstentions = min(present - against, rng.randint(0, 2))
            votes_for = present - against - abstentions
            self.insert.queue(
                Vote, agenda_item_id=resolution.pk, votes_for=votes_for, votes_against=against, abstentions=abstentions,
                deputies_in_office=in_office, deputies_present=present, passed=rules.passes(votes_for, in_office),
                adopted_text=resolution.title, recorded_by_id=office.pk, recorded_at=recorded)
