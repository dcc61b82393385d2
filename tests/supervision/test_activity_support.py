"""What the activity tests share (no tests here): a fixed "today" after the factories' activity
day, English messages, presidium members with their deputy record, and small uploads.

Import the fixtures a test module uses into it (pytest finds them there)."""
import datetime
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from core.roles import Role
from tests.congress.factories import PresidiumMembershipFactory
from tests.factories import DeputyFactory, TermFactory, user_with_role
from tests.supervision.factories import ACTIVITY_DAY  # noqa: F401 - re-exported for the tests

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# Two weeks after the factories' activity day (15 May 2026), within the 11th term.
TODAY = datetime.date(2026, 6, 1)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(name="意见.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def fix_today(monkeypatch, day):
    moment = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=SHANGHAI)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return day


@pytest.fixture
def today(monkeypatch):
    return fix_today(monkeypatch, TODAY)


@pytest.fixture
def english_messages():
    """Services speak English, so that assertions on their messages hold whatever the catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def presidium_deputy(*, since=None, until=None, user=None, **fields):
    """A deputy in office who sits on the presidium of the 11th term (from its start by default)."""
    term = TermFactory()
    deputy = DeputyFactory(user=user, **fields)
    PresidiumMembershipFactory(term=term, deputy=deputy, since=since or term.start_date, until=until)
    return deputy


def member_account(**fields):
    """A presidium member's account linked to their deputy record: (user, deputy)."""
    user = user_with_role(Role.PRESIDIUM_MEMBER, **fields)
    return user, presidium_deputy(user=user, name=user.name)


def deputy_account(**fields):
    """A plain deputy's account linked to their deputy record: (user, deputy)."""
    user = user_with_role(Role.DEPUTY, **fields)
    return user, DeputyFactory(user=user, name=user.name)
