"""A known year (2026) for the year-end report tests: every figure the report prints is set here
and spelled out in EXPECTED_PHRASES."""
import datetime
from types import SimpleNamespace

from congress.models import AgendaItem, Meeting
from deputies.models import ContactPlatform, Mandate, ReceptionMatter, ReportToVoters, VoterReception
from supervision.models import Activity, RectificationItem, Training
from tests.congress.factories import AgendaItemFactory, PresidiumMeetingFactory, SessionFactory, VoteFactory
from tests.factories import DeputyFactory, MandateFactory, TownshipFactory
from tests.motions.factories_stats import known_year
from tests.supervision.factories import ActivityFactory, RectificationItemFactory, ResearchReportFactory, TrainingFactory

D = datetime.date
HELD = Meeting.Status.HELD
K = Activity.Kind


def build_known_year():
    TownshipFactory(name="青山镇")
    suggestions = known_year()  # 16 received, 10 assigned, 8 replied, 5 on time, 6 closed, 1 motion, 1 letter
    first = suggestions.session
    Meeting.objects.filter(pk=first.pk).update(status=HELD)
    AgendaItemFactory(meeting=first, kind=AgendaItem.Kind.REPORT, title="听取和审议镇人民政府工作报告", order=1)
    VoteFactory(agenda_item=AgendaItemFactory(meeting=first, kind=AgendaItem.Kind.RESOLUTION,
                                              title="关于镇人民政府工作报告的决议", order=2))
    VoteFactory(agenda_item=AgendaItemFactory(meeting=first, kind=AgendaItem.Kind.RESOLUTION,
                                              title="关于否决事项的决议", order=3), votes_for=10, votes_against=20, passed=False)
    second = SessionFactory(term=first.term, number=6, start_date=D(2026, 8, 20), status=HELD)
    SessionFactory(term=first.term, number=7, start_date=D(2026, 12, 28), status=Meeting.Status.PLANNED)
    SessionFactory(term=first.term, number=4, start_date=D(2025, 8, 20), status=HELD)  # another year
    for month in (2, 5, 9):
        PresidiumMeetingFactory(term=first.term, start_date=D(2026, month, 3), status=HELD)

    inspection = ActivityFactory(kind=K.INSPECTION, topic="视察农村饮水安全工程", start_date=D(2026, 4, 22))
    ActivityFactory(kind=K.INSPECTION, topic="视察集镇建设", start_date=D(2026, 7, 1))
    for month in (3, 5, 9):
        ActivityFactory(kind=K.SURVEY, topic=f"茶叶产业专题调研{month}", start_date=D(2026, month, 10))
    ActivityFactory(kind=K.LAW_ENFORCEMENT, topic="食品安全法执法检查", start_date=D(2026, 6, 16))
    ActivityFactory(kind=K.INSPECTION, topic="计划中的视察", status=Activity.Status.PLANNED, start_date=D(2026, 11, 1))
    for number, status in enumerate((RectificationItem.Status.VERIFIED, RectificationItem.Status.PENDING,
                                     RectificationItem.Status.IN_PROGRESS)):
        RectificationItemFactory(activity=inspection, status=status, unit=suggestions.u1)
    TrainingFactory(topic="组织法专题培训", start_date=D(2026, 3, 5))
    TrainingFactory(topic="履职能力培训", start_date=D(2026, 9, 24))
    TrainingFactory(kind=Training.Kind.STUDY_VISIT, topic="赴沙市镇考察学习", start_date=D(2026, 5, 28))
    TrainingFactory(topic="计划中的培训", status=Training.Status.PLANNED, start_date=D(2026, 12, 8))
    ResearchReportFactory(title="关于农村饮水安全的调研报告")

    home = ContactPlatform.objects.create(name="青山镇代表之家", kind=ContactPlatform.Kind.HOME)
    station = ContactPlatform.objects.create(name="白沙联络站", kind=ContactPlatform.Kind.STATION, parent=home)
    for name in ("青山村联络点", "枫林村联络点", "白沙村联络点"):
        ContactPlatform.objects.create(name=name, kind=ContactPlatform.Kind.POINT, parent=station)
    for month, voters in ((3, 9), (6, 8)):
        reception = VoterReception.objects.create(date=D(2026, month, 10), platform=station, voters_received=voters)
        ReceptionMatter.objects.create(reception=reception, content="村道破损")
    ReceptionMatter.objects.create(reception=reception, content="路灯不亮")
    VoterReception.objects.create(date=D(2025, 6, 10), platform=station, voters_received=40)  # another year
    reporters = [DeputyFactory(name=f"述职代表{n}") for n in range(4)]
    for deputy in reporters:
        ReportToVoters.objects.create(deputy=deputy, term=first.term, date=D(2026, 10, 1))
    ReportToVoters.objects.create(deputy=reporters[0], term=first.term, date=D(2026, 11, 1))  # the same deputy
    MandateFactory(deputy=DeputyFactory(name="补选代表甲", in_office=False), term=first.term,
                   election=Mandate.Election.BY_ELECTION, elected_on=D(2026, 6, 1))
    return SimpleNamespace(suggestions=suggestions, first=first, second=second, inspection=inspection)


# What the report must say of the known year, phrase by phrase.
EXPECTED_PHRASES = [
    "青山镇人大主席团2026年工作总结和2027年工作计划",
    "一年来，共召开2次人代会、3次主席团会议，组织开展5次视察调研、1次执法检查、2次学习培训和1次考察学习",
    "收到代表建议16件，答复率80%，满意率83.3%",
    # sessions
    "2026年1月8日，召开青山镇第十一届人民代表大会第五次会议，听取和审议了《镇人民政府工作报告》，"
    "表决通过了《关于镇人民政府工作报告的决议》。",
    "2026年8月20日，召开青山镇第十一届人民代表大会第六次会议",
    "全年召开人代会2次、主席团会议3次",
    # supervision
    "全年组织开展监督活动6次，其中视察2次、执法检查1次、专题调研3次",
    "共提出整改事项3项，已整改验收1项，正在整改2项",
    "视察：视察农村饮水安全工程，提出整改事项3项，已验收1项",
    # deputies
    "代表之家1个、代表联络站1个、代表联络点3个",
    "接待选民2次，接待选民17人次，收集意见建议3条；4名代表向选民述职",
    "补选镇人大代表1名（补选代表甲）",
    # suggestions
    "全年共收到代表建议、批评和意见16件（其中议案1件、群众来信来访1件），交办10件，已答复8件，其中按时答复5件，已办结6件",
    "答复率80%，按时答复率50%，办结率60%，代表满意率83.3%",
    "表1  2026年代表建议按承办单位办理情况",
    "财政所 5 4 3 100%",
    "自然资源所 5 4 3 66.7%",
    "表2  2026年代表建议按类别分布情况",
    "农业农村 6 4",
    # self-building
    "全年组织学习培训2次、考察学习1次",
    "形成调研报告1篇",
    "《关于农村饮水安全的调研报告》",
    # problems and the plan
    "（六）存在的问题和不足",
    "二、2027年工作计划",
]
