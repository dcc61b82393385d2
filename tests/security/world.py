"""The world the access matrix walks: one real user per role, each with objects of their own.

Deputy A and deputy B each have a draft and a submitted item with an attachment, a reply letter
and a rating; A's item is handled by unit X, B's by unit Y. Supervision has an activity A took
part in (B did not) with a rectification item and progress file for unit X, and another for unit
Y; A attended a training; the presidium member wrote a research report. The congress has a
session with an agenda item, its document, the minutes and a notice A has to answer. The year's
report, a plan item, awards, export jobs of A and of unit X complete it.

`build_world()` returns a `World` whose attributes the matrix names (world.a_draft, ...).
"""
import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from congress.models import Meeting, NoticeReply, PresidiumMembership
from core.models import ExportJob, Notification
from core.roles import Role
from deputies.models import Award, Mandate
from motions.models import Assignment, Attachment, CoSigner, Rating, Suggestion
from reports.models import PlanItem
from reports.services_annual import annual_report_draft
from supervision.models import ActivityFile, RectificationFile, TrainingMaterial
from tests.congress.factories import (
    AgendaItemFactory,
    NoticeFactory,
    NoticeReplyFactory,
    PresidiumMeetingFactory,
    PresidiumMembershipFactory,
    SessionFactory,
)
from tests.deputies.factories import (
    ContactPlatformFactory,
    GroupActivityFactory,
    ReportToVotersFactory,
    RepresentativeGroupFactory,
    VoterReceptionFactory,
)
from tests.factories import (
    DeputyFactory,
    ElectoralDistrictFactory,
    HandlingUnitFactory,
    NotificationFactory,
    TermFactory,
    TownshipFactory,
    user_with_role,
)
from tests.motions.factories import AssignmentFactory, CoSignerFactory, ReplyFactory, SuggestionFactory
from tests.motions.factories_unit import result_class
from tests.supervision.factories import (
    ActivityFactory,
    RectificationItemFactory,
    RectificationReportFactory,
    ResearchReportFactory,
    SatisfactionVoteFactory,
    TrainingFactory,
)

S = Suggestion.Status
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
YEAR = 2026

ROLES = ("anon", "a", "b", "x", "y", "st", "m", "c")  # anonymous, deputies A and B, officers of units X
# and Y, office staff, presidium member, chairman


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role key (ROLES) -> User; none for "anon"

    def __getattr__(self, name):  # objects are set as attributes; a missing one says which
        raise AttributeError(f"the world has no {name!r}")


def pdf(name="文件.pdf"):
    return ContentFile(PDF, name=name)


def _with_file(instance, field_name, name, content=PDF):
    getattr(instance, field_name).save(name, ContentFile(content, name=name), save=True)
    return instance


def build_world():
    w = World()
    TownshipFactory()
    term = TermFactory()
    district = ElectoralDistrictFactory(term=term)
    w.term = term
    w.unit_x = HandlingUnitFactory(name="财政所")
    w.unit_y = HandlingUnitFactory(name="自然资源所")

    # --- people ----------------------------------------------------------------------------------
    def deputy(role, username, **user_fields):
        user = user_with_role(role, username=username, **user_fields)
        return user, DeputyFactory(user=user, name=f"{username}代表", district=district)

    w.users["a"], w.deputy_a = deputy(Role.DEPUTY, "dep_a")
    w.users["b"], w.deputy_b = deputy(Role.DEPUTY, "dep_b")
    # Presidium member and chairman are deputies too (SPEC §1), as in the demo; the chairman may use
    # the admin site, the member may not (core.demo.ACCOUNTS).
    w.users["m"], w.deputy_member = deputy(Role.PRESIDIUM_MEMBER, "member")
    w.users["c"], w.deputy_chair = deputy(Role.CHAIRMAN, "chair", is_staff=True)
    w.users["st"] = user_with_role(Role.STAFF, username="staff", is_staff=True)
    w.users["x"] = user_with_role(Role.UNIT_OFFICER, username="unit_x", handling_unit=w.unit_x)
    w.users["y"] = user_with_role(Role.UNIT_OFFICER, username="unit_y", handling_unit=w.unit_y)
    w.mandate_a = Mandate.objects.get(deputy=w.deputy_a)
    w.membership = PresidiumMembershipFactory(term=term, deputy=w.deputy_member)
    PresidiumMembershipFactory(term=term, deputy=w.deputy_chair, position=PresidiumMembership.Position.CHAIRMAN)
    w.notification_a = NotificationFactory(recipient=w.users["a"])

    # --- deputies' records --------------------------------------------------------------------------
    others = DeputyFactory.create_batch(2, district=district)
    w.group_a = RepresentativeGroupFactory(term=term, members=[w.deputy_a, *others])
    GroupActivityFactory(group=w.group_a)
    w.platform = ContactPlatformFactory()
    w.reception_a = VoterReceptionFactory(platform=w.platform, deputies=[w.deputy_a])
    w.matter = w.reception_a.matters.get()
    ReportToVotersFactory(deputy=w.deputy_a, term=term)

    # --- congress -------------------------------------------------------------------------------------
    w.session = SessionFactory(term=term, number=5)
    _with_file(w.session, "minutes_file", "会议纪要.pdf")
    w.agenda_item = _with_file(AgendaItemFactory(meeting=w.session), "document", "决议草案.pdf")
    w.presidium_meeting = PresidiumMeetingFactory(term=term)
    notice = NoticeFactory(meeting=w.session)
    w.notice_reply_a = NoticeReplyFactory(notice=notice, deputy=w.deputy_a, answer=NoticeReply.Answer.LEAVE,
                                          leave_reason="外出务工", leave_decision=NoticeReply.LeaveDecision.PENDING)
    NoticeReplyFactory(notice=notice, deputy=w.deputy_b)

    # --- suggestions ------------------------------------------------------------------------------------
    def item(proposer, unit, number, title):
        suggestion = SuggestionFactory(proposer=proposer, status=S.REPLIED, number=number, title=title,
                                       is_published=True, submitted_at=timezone.now())
        assignment = AssignmentFactory(suggestion=suggestion, unit=unit, status=Assignment.Status.REPLIED,
                                       acknowledged_at=timezone.now())
        reply = ReplyFactory(assignment=assignment, round=1, result_class=result_class("B"),
                             promised_date=datetime.date(2026, 9, 30))
        _with_file(reply, "letter", "答复函.pdf")
        rating = Rating.objects.create(reply=reply, deputy=proposer, satisfaction=Rating.Satisfaction.SATISFIED)
        attachment = _attach(suggestion, proposer.user)
        return suggestion, assignment, reply, rating, attachment

    (w.a_item, w.assignment_x, w.reply_x, w.rating_a, w.a_attachment) = item(
        w.deputy_a, w.unit_x, 1, "关于修缮青山村机耕道的建议")
    (w.b_item, w.assignment_y, w.reply_y, w.rating_b, w.b_attachment) = item(
        w.deputy_b, w.unit_y, 2, "关于白沙村饮水工程的建议")
    w.a_draft = SuggestionFactory(proposer=w.deputy_a, title="甲代表的草稿")
    w.a_draft_attachment = _attach(w.a_draft, w.users["a"])
    w.b_draft = SuggestionFactory(proposer=w.deputy_b, title="乙代表的草稿")
    # A invites B to co-sign a draft motion of A's: the invitation is B's to answer.
    w.a_motion = SuggestionFactory(proposer=w.deputy_a, kind=Suggestion.Kind.MOTION, title="甲代表的议案草稿")
    w.invitation_b = CoSignerFactory(suggestion=w.a_motion, deputy=w.deputy_b, status=CoSigner.Status.INVITED)
    # Items still in the unit's hands, for the unit's actions: X's live and Y's live.
    w.live_x = AssignmentFactory(suggestion=SuggestionFactory(proposer=w.deputy_a, status=S.ASSIGNED, number=3),
                                 unit=w.unit_x)
    w.live_y = AssignmentFactory(suggestion=SuggestionFactory(proposer=w.deputy_b, status=S.ASSIGNED, number=4),
                                 unit=w.unit_y)
    # A submitted item waiting for the office.
    w.submitted_a = SuggestionFactory(proposer=w.deputy_a, status=S.SUBMITTED, submitted_at=timezone.now())

    # --- supervision --------------------------------------------------------------------------------------
    w.activity_a = ActivityFactory(participants=[w.deputy_a], units=[w.unit_x, w.unit_y], leader=w.deputy_member)
    _with_file(w.activity_a, "opinion_file", "审议意见.pdf")
    w.activity_file = ActivityFile.objects.create(activity=w.activity_a, name="视察照片.jpg", is_photo=True,
                                                  file=ContentFile(JPEG, name="photo.jpg"))
    w.planned = ActivityFactory(status="planned", participants=[w.deputy_a], units=[w.unit_x])
    w.vote = SatisfactionVoteFactory(activity=ActivityFactory(kind="evaluation", participants=[w.deputy_a]),
                                     unit=w.unit_x)
    w.item_x = RectificationItemFactory(activity=w.activity_a, unit=w.unit_x, status="in_progress")
    w.item_y = RectificationItemFactory(activity=ActivityFactory(participants=[w.deputy_b]), unit=w.unit_y,
                                        status="in_progress")
    w.item_pending = RectificationItemFactory(activity=w.activity_a, unit=w.unit_x)
    w.rect_file_x = _rect_file(w.item_x, w.users["x"])
    w.rect_file_y = _rect_file(w.item_y, w.users["y"])
    w.training_a = TrainingFactory(attendees=[w.deputy_a])
    w.material = TrainingMaterial.objects.create(training=w.training_a, name="讲义.pdf", file=pdf())
    w.research = _with_file(ResearchReportFactory(author=w.deputy_member, activity=w.activity_a),
                            "file", "调研报告.pdf")

    # --- reports -----------------------------------------------------------------------------------------
    w.annual = annual_report_draft(year=YEAR, actor=w.users["st"])
    w.section = w.annual.sections.order_by("order").first()
    w.plan_item = PlanItem.objects.create(year=YEAR + 1, category=PlanItem.Category.choices[0][0],
                                          title="开展农村饮水安全视察", created_by=w.users["st"])
    w.award = Award.objects.create(year=YEAR, title="四好代表", deputy=w.deputy_a)
    w.job_a = _done_job("performance", {"deputy": w.deputy_a.pk, "year": YEAR}, w.users["a"])
    w.job_x = _done_job("letter", {"unit": w.unit_x.pk}, w.users["x"])
    _admin_rows(w)
    return w


def _admin_rows(w):
    """A row of each model the admin lists that the records above do not make, and a history row
    of each model django-simple-history tracks, for the admin's object pages."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.apps import apps
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    from congress.models import AbsenceFlag
    from core.models import Reminder
    from deputies.models import DutyWeight
    from motions.models import Contact, Event, NumberSequence
    from tests.congress.factories import AttendanceFactory, VoteFactory
    from tests.factories import HolidayFactory
    from tests.supervision.factories import RectificationEventFactory

    HolidayFactory(day=datetime.date(2026, 10, 1), name="国庆节")
    Contact.objects.create(assignment=w.assignment_x, date=datetime.date(2026, 4, 1), way=Contact.Way.choices[0][0],
                           note="电话沟通", recorded_by=w.users["x"])
    DutyWeight.objects.get_or_create(kind="session", defaults={"points": 2})
    VoteFactory(agenda_item=w.agenda_item)
    AttendanceFactory(meeting=w.session, deputy=w.deputy_a)
    AbsenceFlag.objects.create(term=w.term, deputy=w.deputy_b, absences=2)
    RectificationEventFactory(item=w.item_x)
    NumberSequence.objects.get_or_create(year=YEAR, defaults={"last_number": 4})
    Event.objects.create(suggestion=w.a_item, action="submit", to_status="submitted", actor=w.users["a"])
    Reminder.objects.create(source="suggestion", item_id=w.a_item.pk, kind=Reminder.Kind.choices[0][0],
                            recipient=w.users["x"], day=datetime.date(2026, 6, 1), title="催办")
    interval = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.DAYS)
    CrontabSchedule.objects.create(minute="0", hour="8")
    SolarSchedule.objects.create(event="sunrise", latitude=28.2, longitude=112.9)
    ClockedSchedule.objects.create(clocked_time=timezone.now())
    PeriodicTask.objects.create(name="access-matrix", task="core.tasks.chase_overdue", interval=interval)
    attempt = {"user_agent": "pytest", "ip_address": "10.0.0.1", "username": "dep_b", "http_accept": "*/*",
               "path_info": "/accounts/login/"}
    AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**attempt)
    AccessFailureLog.objects.create(**attempt)
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model") and not history.exists():
            first = model._default_manager.order_by("pk").first()
            if first is not None:
                first.save()


def _attach(suggestion, user):
    return Attachment.objects.create(suggestion=suggestion, name="现场照片.jpg", uploaded_by=user,
                                     file=ContentFile(JPEG, name="photo.jpg"))


def _rect_file(item, officer):
    report = RectificationReportFactory(item=item, author=officer)
    return RectificationFile.objects.create(report=report, name="整改照片.pdf", file=pdf())


def _done_job(kind, parameters, user):
    job = ExportJob.objects.create(kind=kind, parameters=parameters, requested_by=user,
                                   status=ExportJob.Status.DONE, progress=100, filename=f"{kind}.pdf",
                                   finished_at=timezone.now())
    job.file.save(f"{kind}.pdf", pdf(), save=True)
    return job
