"""The writes of the performance record: the office's points per kind of act and the awards."""
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from core.exceptions import ApplicationError
from deputies.models import Award, DutyWeight
from deputies.services_performance import award_create, award_delete, duty_weights_save
from tests.factories import DeputyFactory

from .test_performance_helpers import (  # noqa: F401  (fixtures)
    YEAR,
    AwardFactory,
    DutyWeightFactory,
    RepresentativeGroupFactory,
    fake_sources,
    registry,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The services' messages are matched in English, whatever the Chinese catalogue says."""
    with translation.override("en"):
        yield


def stored_points():
    return dict(DutyWeight.objects.values_list("kind", "points"))


# --- points per kind of act ------------------------------------------------------------------------

def test_the_office_sets_the_points_of_every_kind(fake_sources, staff_user):
    duty_weights_save(points_by_kind={"fake_reports": "4.5", "fake_receptions": 0}, actor=staff_user)
    assert stored_points() == {"fake_reports": Decimal("4.5"), "fake_receptions": Decimal("0")}


def test_saving_again_changes_the_points_without_doubling_rows(fake_sources, chairman):
    DutyWeightFactory(kind="fake_reports", points=Decimal("3"))
    duty_weights_save(points_by_kind={"fake_reports": Decimal("100")}, actor=chairman)
    assert stored_points() == {"fake_reports": Decimal("100")}


@pytest.mark.parametrize("points, message", [
    ("-1", "between 0 and 100"),
    ("100.1", "between 0 and 100"),
    ("2.25", "one decimal"),
    ("abc", "number"),
    ("NaN", "between 0 and 100"),
])
def test_points_lie_between_0_and_100_with_one_decimal(fake_sources, staff_user, points, message):
    with pytest.raises(ApplicationError, match=message) as error:
        duty_weights_save(points_by_kind={"fake_reports": points}, actor=staff_user)
    assert error.value.field == "fake_reports"


def test_one_bad_figure_saves_none_of_the_page(fake_sources, staff_user):
    with pytest.raises(ApplicationError):
        duty_weights_save(points_by_kind={"fake_receptions": "2", "fake_reports": "200"}, actor=staff_user)
    assert stored_points() == {}


def test_only_registered_kinds_have_points(fake_sources, staff_user):
    with pytest.raises(ApplicationError, match="no duty activity"):
        duty_weights_save(points_by_kind={"invented": "1"}, actor=staff_user)
    assert stored_points() == {}


@pytest.mark.parametrize("fixture", ["presidium_member", "deputy_user", "unit_officer"])
def test_only_the_office_sets_points(fake_sources, request, fixture):
    with pytest.raises(ApplicationError, match="Only the chairman"):
        duty_weights_save(points_by_kind={"fake_reports": "1"}, actor=request.getfixturevalue(fixture))


# --- awards -------------------------------------------------------------------------------------------

def test_the_office_records_an_award_to_a_deputy(staff_user):
    deputy = DeputyFactory(name="张德福")
    award = award_create(year=YEAR, title=" 四好代表 ", deputy=deputy, given_by="青山镇人大主席团", actor=staff_user)
    assert (award.year, award.title, award.deputy, award.group) == (YEAR, "四好代表", deputy, None)


def test_the_office_records_an_award_to_a_representative_group(chairman):
    group = RepresentativeGroupFactory(name="青山村代表小组")
    award = award_create(year=YEAR, title="五高代表小组", group=group, actor=chairman)
    assert award.group == group and award.deputy is None


def test_an_award_goes_to_a_deputy_or_a_group_not_both(staff_user):
    with pytest.raises(ApplicationError, match="not both"):
        award_create(year=YEAR, title="四好代表", deputy=DeputyFactory(), group=RepresentativeGroupFactory(),
                     actor=staff_user)
    with pytest.raises(ApplicationError, match="receives the award"):
        award_create(year=YEAR, title="四好代表", actor=staff_user)
    assert not Award.objects.exists()


def test_the_database_also_refuses_an_award_to_both_or_neither():
    deputy, group = DeputyFactory(), RepresentativeGroupFactory()
    for recipients in ({"deputy": deputy, "group": group}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Award.objects.create(year=YEAR, title="四好代表", **recipients)


def test_an_award_needs_a_title_and_a_plausible_year(staff_user):
    deputy = DeputyFactory()
    with pytest.raises(ApplicationError) as error:
        award_create(year=YEAR, title="  ", deputy=deputy, actor=staff_user)
    assert error.value.field == "title"
    with pytest.raises(ApplicationError) as error:
        award_create(year=20026, title="四好代表", deputy=deputy, actor=staff_user)
    assert error.value.field == "year"


def test_the_same_award_is_not_given_twice_in_a_year(staff_user):
    deputy = DeputyFactory(name="赵红梅")
    AwardFactory(deputy=deputy, title="四好代表", year=YEAR)
    with pytest.raises(ApplicationError, match="赵红梅 already has"):
        award_create(year=YEAR, title="四好代表", deputy=deputy, actor=staff_user)
    award_create(year=YEAR + 1, title="四好代表", deputy=deputy, actor=staff_user)
    assert Award.objects.filter(deputy=deputy).count() == 2


def test_the_office_removes_an_award(staff_user):
    award = AwardFactory()
    award_delete(award=award, actor=staff_user)
    assert not Award.objects.exists()


@pytest.mark.parametrize("fixture", ["presidium_member", "deputy_user"])
def test_only_the_office_records_or_removes_awards(request, fixture):
    user, award = request.getfixturevalue(fixture), AwardFactory()
    with pytest.raises(ApplicationError):
        award_create(year=YEAR, title="四好代表", deputy=DeputyFactory(), actor=user)
    with pytest.raises(ApplicationError):
        award_delete(award=award, actor=user)
    assert Award.objects.count() == 1
