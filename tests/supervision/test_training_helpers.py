"""What the trainings' and research reports' tests share (no tests in this module): a fixed
"today", files of each kind, accounts of each role linked to deputies, and presidium members.

Import the fixtures you use into a test module (pytest finds them there)."""
import datetime
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from core.roles import Role
from tests.congress.factories import PresidiumMembershipFactory
from tests.factories import DeputyFactory, TermFactory, user_with_role, word_document_bytes

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# A Wednesday after the factories' training (20 April 2026) and activity (15 May 2026).
TODAY = datetime.date(2026, 5, 20)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
DOCX = word_document_bytes()


def upload(name="讲义.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def fix_today(monkeypatch, day):
    """Make `day` today, at ten in the morning in Asia/Shanghai."""
    moment = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=SHANGHAI)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return day


@pytest.fixture
def today(monkeypatch):
    return fix_today(monkeypatch, TODAY)


@pytest.fixture
def en():
    """Services speak English, so that assertions on wording hold whatever the catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def deputy_account(name=None, *, role=Role.DEPUTY, **deputy_fields):
    """A deputy in office with a login account of `role`."""
    user = user_with_role(role, **({"name": name} if name else {}))
    DeputyFactory(user=user, **({"name": name} if name else {}), **deputy_fields)
    return user


def presidium_account(name=None, *, since=None):
    """A presidium member's account, linked to a deputy who serves in the 11th term's presidium."""
    user = deputy_account(name, role=Role.PRESIDIUM_MEMBER)
    membership_of(user.deputy, since=since)
    return user


def membership_of(deputy, *, since=None, until=None):
    term = TermFactory()
    return PresidiumMembershipFactory(term=term, deputy=deputy, since=since or term.start_date, until=until)


@pytest.fixture
def office(db):
    return user_with_role(Role.STAFF, username="office")


@pytest.fixture
def member(db):
    return presidium_account("李秀英")
