"""Demo congress of 青山镇 for 2026: the presidium of the 11th term, two sessions held with their
attendance, votes and notices, four presidium meetings, and the December session planned with its
notice out and some answers still to come (the demo deputy 张德福 has one to answer).

One deputy, 曾凡荣, missed both 2026 sessions without leave, so the absence-rule list shows him.
Runs after deputies/demo.py; safe to run again (rows are matched, never doubled; answers given to
the planned session's notice are kept).
"""
import datetime

from django.urls import reverse
from django.utils import timezone

from core.models import Notification, User
from deputies.models import Deputy, Term

from . import rules, selectors
from .models import AbsenceFlag, AgendaItem, Attendance, Meeting, MeetingNotice, NoticeReply, PresidiumMembership, Vote

Position = PresidiumMembership.Position
Kind = AgendaItem.Kind

PRESIDIUM = [("王建国", Position.CHAIRMAN), ("李秀英", Position.VICE_CHAIRMAN), ("赵红梅", Position.MEMBER),
             ("徐建华", Position.MEMBER), ("杨卫东", Position.MEMBER)]
SESSION_PLACE = "青山镇人民政府四楼大会议室"
PRESIDIUM_PLACE = "青山镇人大主席团会议室"
ALWAYS_ABSENT = "曾凡荣"  # absent without leave at both 2026 sessions: flagged under 代表法 Art. 62

# number, first and last day, status, {deputy: reason for approved leave}, [absent without leave], agenda
SESSIONS = [
    (5, datetime.date(2026, 1, 8), datetime.date(2026, 1, 9), Meeting.Status.HELD,
     {"高文斌": "参加县供电公司年度工作会议", "董志刚": "执行县公安局专项任务", "宋美玲": "在长沙出庭代理案件"},
     [ALWAYS_ABSENT],
     [(Kind.REPORT, "听取和审议镇人民政府工作报告", None),
      (Kind.REPORT, "审查和批准2025年财政预算执行情况和2026年财政预算草案的报告", None),
      (Kind.RESOLUTION, "关于镇人民政府工作报告的决议", (31, 0, 1)),
      (Kind.RESOLUTION, "关于2025年财政预算执行情况和2026年财政预算的决议", (30, 1, 1)),
      (Kind.ELECTION, "补选青山镇人民政府副镇长", (31, 1, 0))]),
    (6, datetime.date(2026, 8, 27), datetime.date(2026, 8, 27), Meeting.Status.HELD,
     {"郑国华": "赴广州参加茶叶博览会"},
     [ALWAYS_ABSENT, "韩光明"],
     [(Kind.REPORT, "听取和审议镇人民政府关于2026年上半年工作情况的报告", None),
      (Kind.REPORT, "审查2025年财政决算报告", None),
      (Kind.RESOLUTION, "关于批准2025年财政决算的决议", (32, 0, 1)),
      (Kind.OPINIONS, "听取代表对2026年民生实事项目实施情况的意见", None)]),
    (7, datetime.date(2026, 12, 29), datetime.date(2026, 12, 29), Meeting.Status.PLANNED, {}, [],
     [(Kind.REPORT, "听取和审议镇人民政府关于2026年民生实事项目完成情况的报告", None),
      (Kind.REPORT, "听取和审议镇人大主席团2026年工作报告", None),
      (Kind.RESOLUTION, "关于2027年民生实事项目的决定", None)]),
]
# The December session's notice: who has answered so far (the others, 张德福 among them, have not).
PLANNED_ATTEND = ["王建国", "李秀英", "赵红梅", "刘国强", "杨卫东", "黄秋菊", "吴春燕", "徐建华", "孙丽娟", "朱海波",
                  "郭立新", "罗德胜", "梁志勇", "冯建平", "彭建军", "萧雅琴", "邹文杰"]
PLANNED_LEAVE = {"何晓燕": ("在杭州参加农村电商培训班", NoticeReply.LeaveDecision.APPROVED),
                 "林淑珍": ("腿部骨折，正在县人民医院住院治疗", NoticeReply.LeaveDecision.PENDING)}

# first day, title, [agenda], {member: on leave}
PRESIDIUM_MEETINGS = [
    (datetime.date(2026, 2, 10), "2026年第一次主席团会议",
     ["研究确定2026年镇人大工作要点", "确定2026年重点督办建议"], set()),
    (datetime.date(2026, 5, 12), "2026年第二次主席团会议",
     ["听取代表建议办理情况中期汇报", "研究上半年视察活动安排"], set()),
    (datetime.date(2026, 8, 11), "2026年第三次主席团会议",
     ["研究第十一届人民代表大会第六次会议筹备事项", "审议大会议程草案"], set()),
    (datetime.date(2026, 11, 10), "2026年第四次主席团会议",
     ["研究第十一届人民代表大会第七次会议筹备事项", "讨论2026年工作总结和2027年工作计划"], {"徐建华"}),
]


def _at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _agenda(meeting, items, staff):
    for order, (kind, title, figures) in enumerate(items, start=1):
        item, _ = AgendaItem.objects.update_or_create(meeting=meeting, order=order,
                                                      defaults={"kind": kind, "title": title})
        if figures and meeting.status == Meeting.Status.HELD:
            quorum = selectors.meeting_quorum(meeting)
            votes_for, against, abstentions = figures
            Vote.objects.update_or_create(agenda_item=item, defaults={
                "votes_for": votes_for, "votes_against": against, "abstentions": abstentions,
                "deputies_in_office": quorum.in_office, "deputies_present": quorum.present,
                "passed": rules.passes(votes_for, quorum.in_office), "adopted_text": title, "recorded_by": staff,
            })


def _notice(meeting, message, sent_on, reply_by, staff):
    notice = meeting.notices.order_by("pk").first() or MeetingNotice(meeting=meeting)
    notice.message, notice.reply_by, notice.sent_by = message, reply_by, staff
    notice.save()
    MeetingNotice.objects.filter(pk=notice.pk).update(sent_at=_at(sent_on))
    return notice


def _held_session(meeting, expected, leave, absent, staff):
    notice = _notice(meeting, f"定于{meeting.start_date:%Y年%-m月%-d日}在{SESSION_PLACE}召开{meeting.title}，请准时出席。"
                     "因故不能出席的，请在线请假并说明理由。",
                     meeting.start_date - datetime.timedelta(days=10), meeting.start_date - datetime.timedelta(days=3),
                     staff)
    answered = _at(meeting.start_date - datetime.timedelta(days=8))
    for deputy in expected:
        if deputy.name in leave:
            reply = {"answer": NoticeReply.Answer.LEAVE, "leave_reason": leave[deputy.name],
                     "leave_decision": NoticeReply.LeaveDecision.APPROVED, "decided_by": staff, "decided_at": answered}
            status = Attendance.Status.ON_LEAVE
        elif deputy.name == ALWAYS_ABSENT:
            reply, status = {"answer": NoticeReply.Answer.PENDING}, Attendance.Status.ABSENT
        else:
            reply = {"answer": NoticeReply.Answer.ATTEND}
            status = Attendance.Status.ABSENT if deputy.name in absent else Attendance.Status.PRESENT
        defaults = {"leave_reason": "", "leave_decision": "", "decided_by": None, "decided_at": None,
                    "answered_at": None if reply["answer"] == NoticeReply.Answer.PENDING else answered, **reply}
        NoticeReply.objects.update_or_create(notice=notice, deputy=deputy, defaults=defaults)
        Attendance.objects.update_or_create(meeting=meeting, deputy=deputy,
                                            defaults={"status": status, "recorded_by": staff})


def _planned_session(meeting, expected, staff):
    notice = _notice(meeting, f"定于{meeting.start_date:%Y年%-m月%-d日}上午9时在{SESSION_PLACE}召开{meeting.title}，"
                     "听取和审议镇人民政府关于民生实事项目完成情况的报告和主席团工作报告，决定2027年民生实事项目。"
                     "请于12月22日前在线回复是否出席。",
                     datetime.date(2026, 11, 20), datetime.date(2026, 12, 22), staff)
    office = list(selectors.office_users())
    for deputy in expected:
        defaults = {}
        if deputy.name in PLANNED_ATTEND:
            defaults = {"answer": NoticeReply.Answer.ATTEND, "answered_at": _at(datetime.date(2026, 11, 21))}
        elif deputy.name in PLANNED_LEAVE:
            reason, decision = PLANNED_LEAVE[deputy.name]
            defaults = {"answer": NoticeReply.Answer.LEAVE, "leave_reason": reason, "leave_decision": decision,
                        "answered_at": _at(datetime.date(2026, 11, 22))}
            if decision == NoticeReply.LeaveDecision.APPROVED:
                defaults.update(decided_by=staff, decided_at=_at(datetime.date(2026, 11, 23)))
            else:
                for user in office:
                    Notification.objects.get_or_create(
                        recipient=user, kind="congress.leave_request", link=reverse("congress:notice_replies",
                                                                                    args=[meeting.pk]),
                        defaults={"subject": f"{deputy.name}申请{meeting.title}请假", "body": f"事由：{reason}"},
                    )
        reply, _ = NoticeReply.objects.get_or_create(notice=notice, deputy=deputy, defaults=defaults)
        if deputy.user_id:
            Notification.objects.get_or_create(
                recipient=deputy.user, kind="congress.notice",
                link=reverse("congress:notice_reply", args=[reply.pk]),
                defaults={"subject": f"会议通知：{meeting.title}，2026年12月29日", "body": notice.message},
            )


def _presidium_meeting(term, day, title, topics, on_leave, members, staff):
    meeting, _ = Meeting.objects.update_or_create(
        term=term, kind=Meeting.Kind.PRESIDIUM, start_date=day,
        defaults={"title": title, "end_date": day, "place": PRESIDIUM_PLACE, "convener": "王建国",
                  "status": Meeting.Status.HELD, "agenda_summary": "；".join(topics),
                  "minutes": f"会议由主席王建国主持。会议{'、'.join(topics)}。"},
    )
    _agenda(meeting, [(Kind.OTHER, topic, None) for topic in topics], staff)
    for deputy in members:
        status = Attendance.Status.ON_LEAVE if deputy.name in on_leave else Attendance.Status.PRESENT
        Attendance.objects.update_or_create(meeting=meeting, deputy=deputy,
                                            defaults={"status": status, "recorded_by": staff})


def _absence_flags(term):
    office = list(selectors.office_users())
    for deputy in selectors.deputies_absent_twice(term):
        AbsenceFlag.objects.update_or_create(term=term, deputy=deputy,
                                             defaults={"absences": deputy.unexcused_absences})
        for user in office:
            Notification.objects.get_or_create(
                recipient=user, kind="congress.absence_rule", link=reverse("congress:absence_list"),
                subject=f"{deputy.name}已两次未经批准不出席人民代表大会会议",
                defaults={"body": "代表法第六十二条：未经批准两次不出席本级人民代表大会会议的，其代表资格终止。请核实并依法处理。"},
            )


def seed(stdout):
    term = Term.objects.get(number=11)
    staff = User.objects.filter(username="staff").first()
    deputies = {deputy.name: deputy for deputy in Deputy.objects.filter(name__in=[name for name, _ in PRESIDIUM])}
    for name, position in PRESIDIUM:
        PresidiumMembership.objects.update_or_create(
            term=term, deputy=deputies[name], defaults={"position": position, "since": term.start_date, "until": None},
        )

    for number, start, end, status, leave, absent, agenda in SESSIONS:
        meeting, _ = Meeting.objects.update_or_create(
            term=term, kind=Meeting.Kind.SESSION, number=number,
            defaults={"title": f"青山镇第十一届人民代表大会第{'五六七'[number - 5]}次会议", "start_date": start,
                      "end_date": end, "place": SESSION_PLACE, "convener": "青山镇人大主席团", "status": status,
                      "agenda_summary": "；".join(title for _, title, _ in agenda)},
        )
        expected = list(selectors.expected_attendees(meeting).select_related("user").order_by("name"))
        if status == Meeting.Status.HELD:
            _held_session(meeting, expected, leave, absent, staff)
        else:
            _planned_session(meeting, expected, staff)
        _agenda(meeting, agenda, staff)

    for day, title, topics, on_leave in PRESIDIUM_MEETINGS:
        probe = Meeting(term=term, kind=Meeting.Kind.PRESIDIUM, start_date=day)
        members = list(selectors.expected_attendees(probe))
        _presidium_meeting(term, day, title, topics, on_leave, members, staff)

    _absence_flags(term)
    counts = selectors.meeting_counts(2026)
    stdout.write(f"Congress: {counts['sessions']} sessions and {counts['presidium_meetings']} presidium meetings "
                 f"held in 2026; {len(selectors.deputies_absent_twice(term))} deputy absent twice without leave.")
