"""A small known set of items for the exports' tests: two units, two sessions, two deputies."""
import datetime
import subprocess
from zoneinfo import ZoneInfo

from motions.models import Assignment, Category, CoSigner, Event, Rating, Suggestion
from motions.workflow import Action
from tests.congress.factories import SessionFactory
from tests.factories import DeputyFactory, HandlingUnitFactory
from tests.motions.factories import AssignmentFactory, ReplyFactory, SuggestionFactory, result_class

BEIJING = ZoneInfo("Asia/Shanghai")
S = Suggestion.Status


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=BEIJING)


def pdf_text(content, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout.replace(" ", "")


def build_world():
    finance = HandlingUnitFactory(name="财政所", sort_order=1)
    farming = HandlingUnitFactory(name="农业服务中心", sort_order=2)
    land = HandlingUnitFactory(name="自然资源所", sort_order=3)
    town = Category.objects.get_or_create(name="城乡建设")[0]
    farm = Category.objects.get_or_create(name="农业农村")[0]
    zhang = DeputyFactory(name="张德福")
    li = DeputyFactory(name="李秀英")
    wang = DeputyFactory(name="王建国")
    fifth, sixth = SessionFactory(number=5), SessionFactory(number=6, start_date=datetime.date(2026, 9, 1))

    closed = SuggestionFactory(
        number=1, title="关于硬化青山村机耕道的建议", content="机耕道雨天无法通行。\n建议今年硬化。",
        proposer=zhang, category=farm, status=S.CLOSED, session=fifth, period=Suggestion.Period.DURING_SESSION,
        submitted_at=at(2026, 3, 10), assigned_at=datetime.date(2026, 3, 16), due_date=datetime.date(2026, 6, 16),
        closed_at=at(2026, 6, 1))
    CoSigner.objects.create(suggestion=closed, deputy=li, status=CoSigner.Status.CONFIRMED)
    Event.objects.filter(pk=Event.objects.create(suggestion=closed, action=Action.ACCEPT).pk).update(at=at(2026, 3, 12))
    lead = AssignmentFactory(suggestion=closed, unit=finance, status=Assignment.Status.REPLIED,
                             acknowledged_at=at(2026, 3, 17))
    AssignmentFactory(suggestion=closed, unit=farming, role=Assignment.Role.CO)
    reply = ReplyFactory(assignment=lead, result_class=result_class("A"), replied_on=datetime.date(2026, 5, 20))
    Rating.objects.filter(pk=Rating.objects.create(reply=reply, deputy=zhang, satisfaction="satisfied").pk).update(
        rated_at=at(2026, 5, 25))

    open_item = SuggestionFactory(
        number=2, title="关于整治集镇占道经营的建议", content="集镇占道经营严重。", proposer=li, category=town,
        status=S.ASSIGNED, session=sixth, submitted_at=at(2026, 9, 1), assigned_at=datetime.date(2026, 9, 8),
        due_date=datetime.date(2026, 12, 8))
    AssignmentFactory(suggestion=open_item, unit=land, assigned_at=datetime.date(2026, 9, 8),
                      due_date=datetime.date(2026, 12, 8))
    AssignmentFactory(suggestion=open_item, unit=finance, role=Assignment.Role.CO,
                      assigned_at=datetime.date(2026, 9, 8), due_date=datetime.date(2026, 12, 8))

    motion = SuggestionFactory(
        number=3, kind=Suggestion.Kind.MOTION, title="关于加快青山村通村公路提质改造的议案", content="通村公路狭窄。",
        proposer=wang, category=town, status=S.ACCEPTED, session=fifth, submitted_at=at(2026, 3, 10))
    refused = SuggestionFactory(
        title="关于修建村民广场的建议", proposer=wang, status=S.NOT_ACCEPTED, session=fifth,
        submitted_at=at(2026, 3, 10))
    old = SuggestionFactory(year=2025, number=9, title="关于疏浚二组山塘的建议", proposer=zhang, status=S.CLOSED,
                            submitted_at=at(2025, 4, 1), closed_at=at(2025, 9, 1))
    return {"finance": finance, "farming": farming, "land": land, "zhang": zhang, "li": li, "wang": wang,
            "fifth": fifth, "sixth": sixth, "closed": closed, "open": open_item, "motion": motion,
            "refused": refused, "old": old, "town": town, "farm": farm}
