"""The demo township's performance record: the office's points and the awards of 2026."""
import io
from decimal import Decimal

import pytest

from core.roles import Role
from deputies.models import Award, DutyWeight
from reports import demo
from tests.factories import DeputyFactory, user_with_role

from .test_performance_helpers import RepresentativeGroupFactory, registry, silent_source  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_kinds(registry):
    for order, kind in enumerate(demo.POINTS):
        registry.register(silent_source(kind, order=order))


def test_the_demo_sets_the_points_and_gives_the_awards_of_2026_and_runs_twice(demo_kinds):
    user_with_role(Role.STAFF, username="staff")
    for name in ("张德福", "赵红梅", "杨卫东"):
        DeputyFactory(name=name)
    group = RepresentativeGroupFactory(name="青山村代表小组")
    RepresentativeGroupFactory(name="白沙村代表小组")
    for _ in range(2):
        demo.seed(io.StringIO())
    assert dict(DutyWeight.objects.values_list("kind", "points")) == {
        "session_attendance": Decimal("2"), "presidium_meeting_attendance": Decimal("1"),
        "voter_reception": Decimal("2"), "report_to_voters": Decimal("3"), "group_activity": Decimal("1"),
        "suggestion": Decimal("3"), "suggestion_cosign": Decimal("1"), "supervision": Decimal("2"),
        "training": Decimal("1"), "research_report": Decimal("3"),
    }
    awards = Award.objects.filter(year=2026)
    assert sorted(awards.filter(title="四好代表").values_list("deputy__name", flat=True)) == ["张德福", "杨卫东", "赵红梅"]
    assert list(awards.filter(title="五高代表小组").values_list("group", flat=True)) == [group.pk]
    assert awards.count() == 4


def test_the_demo_skips_whom_it_cannot_find(demo_kinds):
    user_with_role(Role.STAFF, username="staff")
    DeputyFactory(name="张德福")
    out = io.StringIO()
    demo.seed(out)
    assert list(Award.objects.values_list("deputy__name", flat=True)) == ["张德福"]
    assert "1 awards in 2026" in out.getvalue()


def test_the_demo_sets_points_only_for_the_kinds_registered(registry):
    registry.register(silent_source("voter_reception"))
    user_with_role(Role.STAFF, username="staff")
    demo.seed(io.StringIO())
    assert list(DutyWeight.objects.values_list("kind", flat=True)) == ["voter_reception"]
