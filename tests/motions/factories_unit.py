"""What the handling unit's tests build: officers of a unit, items assigned to it as lead or
co-unit, a signed letter of each kind, the 2026 National Day holidays, and a fixed "today".

Import the fixtures you use into a test module (pytest finds them there)."""
import datetime
import itertools
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from core.roles import Role
from motions.models import Assignment, CoSigner, HandlingRules, ResultClass, Suggestion
from tests.factories import DeputyFactory, HandlingUnitFactory, HolidayFactory, user_with_role, word_document_bytes
from tests.motions.factories import AssignmentFactory, ReplyFactory, SuggestionFactory

S = Suggestion.Status
AS = Assignment.Status
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

# The unit's tests live on a Monday in March 2026, the day items are assigned by default
# (tests.motions.factories.ASSIGNED_ON); replies fall due three months later.
TODAY = datetime.date(2026, 3, 16)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DOCX = word_document_bytes()


def letter(name="答复函.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def result_class(code):
    """A default result class; live-server tests run on a flushed database, so it is made again
    when the data migration's rows are gone."""
    defaults = {"A": ("已解决或采纳", False, 1), "B": ("正在解决或列入计划", True, 2), "C": ("因条件限制暂时无法解决", False, 3)}
    name, needs_promise_date, order = defaults[code]
    return ResultClass.objects.get_or_create(
        code=code, defaults={"name": name, "needs_promise_date": needs_promise_date, "sort_order": order})[0]


def officer(unit=None, **fields):
    """A unit officer's account of `unit` (a new unit by default)."""
    return user_with_role(Role.UNIT_OFFICER, handling_unit=unit or HandlingUnitFactory(), **fields)


def assigned(unit, *, role=Assignment.Role.LEAD, status=AS.ASSIGNED, item=None, **fields):
    """An assignment of an item (new by default, numbered and assigned) to `unit`."""
    item = item or SuggestionFactory(status=S.ASSIGNED, number=fields.pop("number", None) or _next_number())
    return AssignmentFactory(suggestion=item, unit=unit, role=role, status=status, **fields)


_numbers = itertools.count(101)


def _next_number():
    return next(_numbers)


def acknowledged(unit, **kwargs):
    """An assignment the unit has acknowledged (or moved on from: pass another status)."""
    kwargs.setdefault("status", AS.ACKNOWLEDGED)
    return assigned(unit, acknowledged_at=timezone.now(), **kwargs)


def confirmed_cosigner(item, *, with_login=True):
    user = user_with_role(Role.DEPUTY) if with_login else None
    return CoSigner.objects.create(suggestion=item, deputy=DeputyFactory(user=user), status=CoSigner.Status.CONFIRMED)


def proposer_with_login():
    return DeputyFactory(user=user_with_role(Role.DEPUTY))


def rehandling(unit, *, first_class="B", due_date=datetime.date(2026, 7, 20)):
    """An item whose first reply (of `first_class`) the deputy sent back for re-handling: the item
    and the lead unit's assignment carry the new, shorter due date, the assignment stands
    acknowledged again (as motions.services.deputy.reply_rate leaves it)."""
    item = SuggestionFactory(status=S.REHANDLING, number=_next_number(), due_date=due_date)
    lead = AssignmentFactory(suggestion=item, unit=unit, status=AS.ACKNOWLEDGED, due_date=due_date)
    first = ReplyFactory(assignment=lead, round=1, result_class=result_class(first_class),
                         promised_date=datetime.date(2026, 9, 30) if first_class == "B" else None)
    return lead, first


def rules_row():
    return HandlingRules.objects.order_by("pk").first() or HandlingRules.objects.create()


def national_day_2026():
    """The State Council's 2026 National Day and Mid-autumn holidays: 1–7 October off, Sunday
    20 September and Saturday 10 October worked (调休)."""
    for day in range(1, 8):
        HolidayFactory(day=datetime.date(2026, 10, day), name="国庆节")
    HolidayFactory(day=datetime.date(2026, 9, 20), name="国庆节", is_workday=True)
    HolidayFactory(day=datetime.date(2026, 10, 10), name="国庆节", is_workday=True)


def fix_today(monkeypatch, day):
    """Make `day` today (at ten in the morning in Asia/Shanghai) for every part of the portal:
    timezone.localdate() reads timezone.now(), and so do the times stamped on rows."""
    moment = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=SHANGHAI)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return day


@pytest.fixture
def today(monkeypatch):
    """Today is TODAY; call fix_today(monkeypatch, day) in a test for another day."""
    return fix_today(monkeypatch, TODAY)


@pytest.fixture
def english():
    """Services speak English, so that assertions on wording hold whatever the Chinese catalogue
    says (use it with autouse in the test module)."""
    with translation.override("en"):
        yield


@pytest.fixture
def unit(db):
    return HandlingUnitFactory(name="财政所")


@pytest.fixture
def czs(unit):
    """The officer of 财政所."""
    return officer(unit, username="czs", name="刘志强")
