"""What the rectification tests build (no tests here): the people of every kind, items of 财政所
(the officer czs), files of each kind, and a fixed "today".

The tests live on Monday 1 June 2026: the factories' activity was held on 15 May 2026 and its
items, assigned that day, are due on 31 July 2026. Import the fixtures you use into a test module
(pytest finds them there)."""
import datetime
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.roles import Role
from supervision.models import RectificationItem
from tests.factories import DeputyFactory, HandlingUnitFactory, user_with_role
from tests.supervision.factories import ActivityFactory, RectificationItemFactory

R = RectificationItem.Status
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 6, 1)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(name="整改照片.jpg", content=JPEG):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def fix_today(monkeypatch, day):
    """Make `day` today (at ten in the morning in Asia/Shanghai) for every part of the portal."""
    moment = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=SHANGHAI)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return day


@pytest.fixture
def today(monkeypatch):
    return fix_today(monkeypatch, TODAY)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def people(db):
    """One of every kind of actor: the officer of 财政所 (czs) and of another unit, staff, the
    chairman, a presidium member, a deputy who took part in the activity and one who did not."""
    czs_unit = HandlingUnitFactory(name="财政所")
    other_unit = HandlingUnitFactory(name="农业服务中心")
    member = user_with_role(Role.PRESIDIUM_MEMBER, username="member", name="李主席团")
    deputy = user_with_role(Role.DEPUTY, username="deputy", name="张德福")
    outsider = user_with_role(Role.DEPUTY, username="outsider", name="王代表")
    leader = DeputyFactory(name=member.name, user=member)
    participant = DeputyFactory(name=deputy.name, user=deputy)
    DeputyFactory(name=outsider.name, user=outsider)
    activity = ActivityFactory(topic="农村人居环境整治视察", leader=leader, participants=[participant],
                               units=[czs_unit], opinion_text="建议财政所加大人居环境整治资金投入。")
    return {
        "unit": czs_unit, "other_unit": other_unit, "activity": activity,
        "officer": user_with_role(Role.UNIT_OFFICER, username="czs", name="财政所经办人", handling_unit=czs_unit),
        "other_officer": user_with_role(Role.UNIT_OFFICER, username="nyzx", handling_unit=other_unit),
        "staff": user_with_role(Role.STAFF, username="staff", name="人大办"),
        "chairman": user_with_role(Role.CHAIRMAN, username="chairman", name="主席"),
        "member": member, "deputy": deputy, "outsider": outsider,
    }


def item_of(people, **fields):
    """An item of 财政所 from the people's activity (待整改, assigned 15 May, due 31 July)."""
    fields.setdefault("activity", people["activity"])
    fields.setdefault("unit", people["unit"])
    return RectificationItemFactory(**fields)
