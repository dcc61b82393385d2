"""The two data sets the query-count tests open every page on.

- demo: the demo township (`seed_demo`), completed with the few rows it lacks so that every page
  has an object to show (an attachment, a co-signing invitation, an activity file, a training
  material, a promise to report on, an export job).
- larger: the same, plus the county-scale generator at a small factor (`seed_scale`, when the
  command exists) and `grow()`: more of every kind of row around the very objects and accounts the
  pages open (the demo deputy's items, the 财政所's assignments, the session's agenda...), so that a
  list or a detail page that queries once per row shows it in its count.

Both are built inside the module's transaction (tests/perf/conftest.py) and never committed.
"""
import datetime
import itertools

from django.core.files.base import ContentFile
from django.core.management import call_command, get_commands
from django.utils import timezone

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
YEAR = 2026
GROWTH = 6  # rows added per kind around each object a page opens (the demo has 0-5 of most kinds)


class Quiet:
    def write(self, *args, **kwargs):
        pass


def user(username):
    from core.models import User

    return User.objects.get(username=username)


def deputy(username="deputy"):
    from deputies.models import Deputy

    return Deputy.objects.get(user__username=username)


def unit(name="财政所"):
    from core.models import HandlingUnit

    return HandlingUnit.objects.get(name=name)


def build_demo():
    call_command("seed_demo", stdout=Quiet())
    complete_demo()


def seed_scale_available():
    return "seed_scale" in get_commands()


def _file(instance, field_name, name, content=PDF):
    getattr(instance, field_name).save(name, ContentFile(content, name=name), save=True)
    return instance


def complete_demo():
    """One row of each kind a page needs and the demo does not make."""
    from core.models import ExportJob
    from motions.models import Attachment, CoSigner, Reply, Suggestion
    from supervision.models import Activity, ActivityFile, RectificationFile, RectificationItem, Training
    from supervision.models import TrainingMaterial
    from tests.motions.factories import result_class
    from tests.supervision.factories import RectificationReportFactory

    me = deputy()
    # An invitation to co-sign a draft motion of another deputy, for the deputy's answer page.
    motion = Suggestion.objects.create(year=YEAR, kind=Suggestion.Kind.MOTION, title="关于加强村道安全管理的议案",
                                       content="村道缺少护栏。", proposer=deputy("zhaohm"))
    CoSigner.objects.create(suggestion=motion, deputy=me, status=CoSigner.Status.INVITED)
    # The deputy's replied item: an attachment; the 财政所's reply on it promises work by a date.
    replied = Suggestion.objects.filter(proposer=me, status=Suggestion.Status.REPLIED).order_by("pk").first()
    Attachment.objects.create(suggestion=replied, name="现场照片.jpg", uploaded_by=me.user,
                              file=ContentFile(JPEG, name="photo.jpg"))
    reply = Reply.objects.filter(assignment__unit=unit(), suggestion=replied).order_by("pk").first()
    reply.result_class = result_class("B")
    reply.promised_date = datetime.date(YEAR, 9, 30)
    reply.save(update_fields=["result_class", "promised_date"])
    _file(reply, "letter", "答复函.pdf")
    # Supervision: a photo of the inspection, a training's handout, a progress file of the 财政所.
    activity = Activity.objects.filter(kind=Activity.Kind.INSPECTION, status=Activity.Status.HELD).order_by("pk")[0]
    ActivityFile.objects.create(activity=activity, name="视察照片.jpg", is_photo=True,
                                file=ContentFile(JPEG, name="photo.jpg"))
    training = Training.objects.filter(status=Training.Status.HELD).order_by("pk").first()
    TrainingMaterial.objects.create(training=training, name="讲义.pdf", file=ContentFile(PDF, name="handout.pdf"))
    item = RectificationItem.objects.filter(unit=unit()).order_by("pk").first()
    report = item.reports.order_by("pk").first() or RectificationReportFactory(item=item, author=user("czs"))
    RectificationFile.objects.create(report=report, name="整改照片.pdf", file=ContentFile(PDF, name="r.pdf"))
    # Export jobs of the office and of the deputy.
    for username, kind, parameters in (("staff", "compilation", {"session": 1}),
                                       ("deputy", "performance", {"deputy": me.pk, "year": YEAR})):
        job = ExportJob.objects.create(kind=kind, parameters=parameters, requested_by=user(username),
                                       status=ExportJob.Status.DONE, progress=100, filename=f"{kind}.pdf",
                                       finished_at=timezone.now())
        job.file.save(f"{kind}.pdf", ContentFile(PDF, name=f"{kind}.pdf"), save=True)


_serial = itertools.count(1)


def grow(n=GROWTH):
    """`n` more rows of each kind around each object and account the pages open."""
    _grow_people(n)
    _grow_congress(n)
    _grow_suggestions(n)
    _grow_supervision(n)
    _grow_reports(n)
    _grow_inboxes(n)


def _grow_people(n):
    from deputies.models import ContactPlatform, ElectoralDistrict, RepresentativeGroup, Term, VoterReception
    from tests.deputies.factories import GroupActivityFactory, ReportToVotersFactory, VoterReceptionFactory
    from tests.factories import DeputyFactory, ElectoralDistrictFactory, UserFactory

    term = Term.objects.order_by("-number").first()
    me = deputy()
    districts = list(ElectoralDistrict.objects.filter(term=term).order_by("pk"))
    districts += [ElectoralDistrictFactory(term=term, number=100 + i) for i in range(n)]
    newcomers = []
    for i in range(n * 5):
        account = UserFactory(username=f"grown{next(_serial)}") if i % 2 else None
        newcomers.append(DeputyFactory(name=f"新代表{i}", district=districts[i % len(districts)], user=account,
                                       in_office__term=term))
    group = RepresentativeGroup.objects.filter(members=me).order_by("pk").first()
    group.members.add(*newcomers[:n])
    for i in range(n):
        GroupActivityFactory(group=group, date=datetime.date(YEAR, 1 + i % 12, 5), topic=f"小组活动{i}",
                             participants=[me, *newcomers[:n]])
    platform = ContactPlatform.objects.filter(receptions__deputies=me).order_by("pk").first()
    platform.duty_deputies.add(*newcomers[:n])
    for i in range(n):
        VoterReceptionFactory(platform=platform, deputies=[me, *newcomers[:3]], date=datetime.date(YEAR, 1 + i, 10),
                              matters=[f"群众反映的问题{i}-{k}" for k in range(3)])
        ReportToVotersFactory(deputy=newcomers[i], term=term)
    grown_platforms = [ContactPlatform.objects.create(name=f"新联络站{i}", kind=ContactPlatform.Kind.POINT,
                                                      parent=platform) for i in range(n)]
    for grown in grown_platforms:
        grown.duty_deputies.add(*newcomers[:2])
    for i in range(n):
        RepresentativeGroup.objects.create(term=term, name=f"新代表小组{i}", area="新区",
                                           leader=newcomers[i]).members.add(*newcomers[i:i + 3])
    return newcomers


def _grow_congress(n):
    from congress.models import Attendance, Meeting, NoticeReply, PresidiumMembership
    from deputies.models import Deputy, Term
    from tests.congress.factories import AgendaItemFactory, NoticeFactory, PresidiumMeetingFactory, VoteFactory

    term = Term.objects.order_by("-number").first()
    session = Meeting.objects.get(kind=Meeting.Kind.SESSION, number=5, term=term)
    newcomers = list(Deputy.objects.filter(name__startswith="新代表").order_by("pk"))
    Attendance.objects.bulk_create(Attendance(meeting=session, deputy=d, status=Attendance.Status.PRESENT)
                                   for d in newcomers)
    for i in range(n):
        item = _file(AgendaItemFactory(meeting=session, order=100 + i), "document", f"文件{i}.pdf")
        VoteFactory(agenda_item=item)
    for meeting in Meeting.objects.filter(term=term):
        notice = meeting.notices.order_by("pk").first() or NoticeFactory(meeting=meeting)
        NoticeReply.objects.bulk_create(
            NoticeReply(notice=notice, deputy=d, answer=NoticeReply.Answer.LEAVE, leave_reason="外出",
                        leave_decision=NoticeReply.LeaveDecision.PENDING) for d in newcomers
            if not notice.replies.filter(deputy=d).exists())
    for i in range(n):
        meeting = PresidiumMeetingFactory(term=term, start_date=datetime.date(YEAR, 1 + i, 20))
        AgendaItemFactory(meeting=meeting, order=1)
        Attendance.objects.bulk_create(Attendance(meeting=meeting, deputy=d, status=Attendance.Status.PRESENT)
                                       for d in newcomers[:3])
    for d in newcomers[:n]:
        PresidiumMembership.objects.create(term=term, deputy=d, since=term.start_date)


def _grow_suggestions(n):
    from core.models import Reminder
    from deputies.models import Deputy
    from motions.models import Assignment, Attachment, Contact, CoSigner, Event, Rating, Suggestion
    from tests.motions.factories import AssignmentFactory, ReplyFactory, SuggestionFactory, result_class

    S = Suggestion.Status
    me, czs, officer = deputy(), unit(), user("czs")
    others = list(Deputy.objects.filter(name__startswith="新代表").order_by("pk"))
    numbers = itertools.count(1000)
    units = [czs, unit("自然资源所"), unit("镇卫生院")]

    def item(status, **fields):
        fields.setdefault("number", next(numbers))
        return SuggestionFactory(proposer=fields.pop("proposer", me), status=status, submitted_at=timezone.now(),
                                 **fields)

    for i in range(n):
        SuggestionFactory(proposer=me, title=f"草稿{i}")
        item(S.SUBMITTED)
        item(S.ACCEPTED)
        for status in (S.ASSIGNED, S.REPLIED, S.CLOSED):
            suggestion = item(status, is_published=status == S.CLOSED)
            for k, handling in enumerate(units):
                assignment = AssignmentFactory(
                    suggestion=suggestion, unit=handling,
                    role=Assignment.Role.LEAD if k == 0 else Assignment.Role.CO,
                    status=Assignment.Status.ASSIGNED if status == S.ASSIGNED else Assignment.Status.REPLIED,
                    acknowledged_at=timezone.now())
                Contact.objects.create(assignment=assignment, date=datetime.date(YEAR, 4, 1),
                                       way=Contact.Way.choices[0][0], note="电话沟通", recorded_by=officer)
                if status != S.ASSIGNED and k == 0:
                    reply = _file(ReplyFactory(assignment=assignment, result_class=result_class("B"),
                                               promised_date=datetime.date(YEAR, 10, 1)), "letter", "答复函.pdf")
                    Rating.objects.create(reply=reply, deputy=me, satisfaction=Rating.Satisfaction.SATISFIED)
            Attachment.objects.create(suggestion=suggestion, name=f"附件{i}.jpg", uploaded_by=me.user,
                                      file=ContentFile(JPEG, name="photo.jpg"))
            for other in others[:3]:
                CoSigner.objects.create(suggestion=suggestion, deputy=other, status=CoSigner.Status.CONFIRMED)
            Event.objects.bulk_create(Event(suggestion=suggestion, action="submit", to_status=status, actor=me.user)
                                      for _ in range(3))
            Reminder.objects.create(source="suggestion", item_id=suggestion.pk, kind=Reminder.Kind.choices[0][0],
                                    recipient=officer, day=datetime.date(YEAR, 6, 1 + i), title="催办")
        # Invitations to co-sign others' motions, and their proposals the office reads.
        motion = item(S.DRAFT, proposer=others[i], kind=Suggestion.Kind.MOTION, number=None)
        CoSigner.objects.create(suggestion=motion, deputy=me, status=CoSigner.Status.INVITED)
        item(S.SUBMITTED, proposer=others[i])

    # The demo deputy's replied item: more of everything on its detail pages.
    replied = Suggestion.objects.filter(proposer=me, status=S.REPLIED).order_by("pk").first()
    for i in range(n):
        Attachment.objects.create(suggestion=replied, name=f"补充材料{i}.jpg", uploaded_by=me.user,
                                  file=ContentFile(JPEG, name="photo.jpg"))
        CoSigner.objects.create(suggestion=replied, deputy=others[i], status=CoSigner.Status.CONFIRMED)
        Event.objects.create(suggestion=replied, action="remind", to_status=replied.status, actor=user("staff"))
    for handling in units[1:]:
        if not replied.assignments.filter(unit=handling).exists():
            AssignmentFactory(suggestion=replied, unit=handling, role=Assignment.Role.CO,
                              status=Assignment.Status.ACKNOWLEDGED)
    assignment = Assignment.objects.filter(suggestion=replied, unit=czs).order_by("pk").first()
    for i in range(n):
        Contact.objects.create(assignment=assignment, date=datetime.date(YEAR, 4, 1 + i), way=Contact.Way.choices[0][0],
                               note=f"沟通{i}", recorded_by=officer)


def _grow_supervision(n):
    from deputies.models import Deputy
    from supervision.models import Activity, ActivityFile, RectificationFile, RectificationItem, Training
    from supervision.models import TrainingMaterial
    from tests.supervision.factories import (
        ActivityFactory,
        RectificationEventFactory,
        RectificationItemFactory,
        RectificationReportFactory,
        ResearchReportFactory,
        SatisfactionVoteFactory,
        TrainingFactory,
    )

    me, czs, officer = deputy(), unit(), user("czs")
    others = list(Deputy.objects.filter(name__startswith="新代表").order_by("pk"))
    units = [czs, unit("自然资源所"), unit("镇卫生院")]
    activity = Activity.objects.filter(kind=Activity.Kind.INSPECTION, status=Activity.Status.HELD).order_by("pk")[0]
    activity.participants.add(me, *others[:n])
    activity.units.add(*units)
    evaluation = Activity.objects.filter(kind=Activity.Kind.EVALUATION).order_by("pk").first()
    for i in range(n):
        ActivityFile.objects.create(activity=activity, name=f"照片{i}.jpg", is_photo=bool(i % 2),
                                    file=ContentFile(JPEG, name="photo.jpg"))
        item = RectificationItemFactory(activity=activity, unit=units[i % len(units)],
                                        status=("pending", "in_progress", "rectified")[i % 3])
        for k in range(2):
            report = RectificationReportFactory(item=item, author=officer)
            RectificationFile.objects.create(report=report, name=f"整改{k}.pdf", file=ContentFile(PDF, name="r.pdf"))
        RectificationEventFactory(item=item)
        SatisfactionVoteFactory(activity=evaluation, unit=units[i % len(units)])
        held = ActivityFactory(participants=[me, *others[:3]], units=units, leader=deputy("member"),
                               start_date=datetime.date(YEAR, 1 + i, 8))
        RectificationItemFactory(activity=held, unit=czs, status="in_progress")
        ResearchReportFactory(author=deputy("member"), activity=activity)
    item = RectificationItem.objects.filter(unit=czs, activity=activity).order_by("pk").first()
    for k in range(n):
        report = RectificationReportFactory(item=item, author=officer, text=f"进展{k}")
        RectificationFile.objects.create(report=report, name=f"整改照片{k}.pdf", file=ContentFile(PDF, name="r.pdf"))
        RectificationEventFactory(item=item)
    training = Training.objects.filter(status=Training.Status.HELD).order_by("pk").first()
    training.attendees.add(me, *others)
    for i in range(n):
        TrainingMaterial.objects.create(training=training, name=f"讲义{i}.pdf", file=ContentFile(PDF, name="h.pdf"))
        TrainingFactory(attendees=[me, *others[:5]], start_date=datetime.date(YEAR, 1 + i, 15))


def _grow_reports(n):
    from deputies.models import Award, Deputy, RepresentativeGroup
    from reports.models import PlanItem

    others = list(Deputy.objects.filter(name__startswith="新代表").order_by("pk"))
    groups = list(RepresentativeGroup.objects.order_by("pk"))
    staff = user("staff")
    for i in range(n):
        Award.objects.create(year=YEAR, title=f"优秀代表{i}", deputy=others[i])
        Award.objects.create(year=YEAR, title=f"优秀代表小组{i}", group=groups[i % len(groups)])
        for year in (YEAR, YEAR + 1):
            category = PlanItem.Category.values[i % len(PlanItem.Category.values)]
            PlanItem.objects.create(year=year, category=category,
                                    title=f"工作要点{year}-{i}", created_by=staff)


def _grow_inboxes(n):
    from core.models import ExportJob, Notification, User

    for account in User.objects.filter(username__in=["chairman", "member", "staff", "deputy", "czs"]):
        Notification.objects.bulk_create(Notification(recipient=account, kind="info", subject=f"通知{i}", body="请查收。")
                                         for i in range(n * 3))
        for i in range(n):
            ExportJob.objects.create(kind="performance", parameters={"deputy": 1, "year": YEAR}, requested_by=account,
                                     status=ExportJob.Status.DONE, progress=100, filename=f"履职档案{i}.pdf",
                                     finished_at=timezone.now())
