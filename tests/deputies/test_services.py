"""The rules of the deputies' records, one test per rule (deputies/services.py)."""
import contextlib
import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from core.exceptions import ApplicationError
from deputies import services
from deputies.models import ContactPlatform, Deputy, GroupActivity, Mandate, ReceptionMatter
from tests.factories import DeputyFactory, ElectoralDistrictFactory, MandateFactory, TermFactory, UserFactory

from .factories import ContactPlatformFactory, RepresentativeGroupFactory

pytestmark = pytest.mark.django_db

D = datetime.date
PERSON = {"name": "李春生", "gender": Deputy.Gender.MALE, "birth_date": D(1970, 5, 1), "phone": "13907311234"}


@pytest.fixture(autouse=True)
def english():
    """Messages in English, so that assertions on wording hold whatever the Chinese catalogue says."""
    with translation.override("en"):
        yield


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


@contextlib.contextmanager
def refused(field=None):
    """The service refuses with an ApplicationError, naming `field` when given."""
    with pytest.raises(ApplicationError) as error:
        yield error
    if field is not None:
        assert error.value.field == field, error.value.message


# --- people -------------------------------------------------------------------------------------

def test_a_new_deputy_gets_a_township_mandate_from_the_first_day_of_the_term(staff_user):
    term = TermFactory()
    deputy = services.deputy_create(fields=PERSON, term=term, actor=staff_user)
    mandate = deputy.mandates.get()
    assert (mandate.level, mandate.term, mandate.elected_on) == (Mandate.Level.TOWNSHIP, term, term.start_date)
    assert (mandate.status, mandate.election) == (Mandate.Status.IN_OFFICE, Mandate.Election.GENERAL)


def test_a_phone_that_is_not_a_mainland_mobile_number_is_refused(staff_user):
    with refused("phone"):
        services.deputy_create(fields={**PERSON, "phone": "0731-861200"}, actor=staff_user)
    assert not Deputy.objects.exists()


def test_the_same_name_and_date_of_birth_is_refused_as_the_same_person(staff_user):
    DeputyFactory(name=PERSON["name"], birth_date=PERSON["birth_date"])
    with refused() as error:
        services.deputy_create(fields=PERSON, actor=staff_user)
    assert "already on the roster" in error.value.message


def test_the_same_name_with_both_birth_dates_unknown_is_refused(staff_user):
    DeputyFactory(name=PERSON["name"], birth_date=None)
    with refused("birth_date"):
        services.deputy_create(fields={**PERSON, "birth_date": None}, actor=staff_user)


def test_the_same_name_with_another_date_of_birth_is_another_person(staff_user):
    DeputyFactory(name=PERSON["name"], birth_date=D(1980, 1, 1))
    assert services.deputy_create(fields=PERSON, actor=staff_user).pk


def test_a_login_account_belongs_to_one_deputy_only(staff_user):
    user = UserFactory()
    DeputyFactory(user=user)
    with refused("user"):
        services.deputy_create(fields={**PERSON, "user": user}, actor=staff_user)


def test_updating_a_deputy_checks_the_same_rules(staff_user):
    deputy = DeputyFactory(phone="13900000000")
    with refused("phone"):
        services.deputy_update(deputy=deputy, fields={"phone": "123"}, actor=staff_user)
    services.deputy_update(deputy=deputy, fields={"work_unit": "青山村村民"}, actor=staff_user)
    deputy.refresh_from_db()
    assert (deputy.phone, deputy.work_unit) == ("13900000000", "青山村村民")


# --- ending a mandate ---------------------------------------------------------------------------

@pytest.mark.parametrize("status", Mandate.ENDED_STATUSES)
def test_a_mandate_ends_with_its_status_date_and_reason_and_is_kept(staff_user, status):
    mandate = DeputyFactory().mandates.get()
    services.mandate_end(mandate=mandate, status=status, ended_on=D(2026, 6, 1), note="本人申请", actor=staff_user)
    mandate.refresh_from_db()
    assert (mandate.status, mandate.ended_on, mandate.end_note) == (status, D(2026, 6, 1), "本人申请")
    assert mandate.elected_on == D(2021, 11, 26)


def test_a_mandate_cannot_end_in_office(staff_user):
    mandate = DeputyFactory().mandates.get()
    with refused("status"):
        services.mandate_end(mandate=mandate, status=Mandate.Status.IN_OFFICE, ended_on=D(2026, 6, 1),
                             actor=staff_user)


def test_a_mandate_cannot_end_before_the_election(staff_user):
    mandate = DeputyFactory(in_office__elected_on=D(2024, 6, 20)).mandates.get()
    with refused("ended_on"):
        services.mandate_end(mandate=mandate, status=Mandate.Status.RESIGNED, ended_on=D(2024, 6, 19),
                             actor=staff_user)


def test_a_mandate_may_end_on_the_day_of_the_election(staff_user):
    mandate = DeputyFactory(in_office__elected_on=D(2024, 6, 20)).mandates.get()
    services.mandate_end(mandate=mandate, status=Mandate.Status.RESIGNED, ended_on=D(2024, 6, 20), actor=staff_user)


def test_an_ended_mandate_cannot_end_again(staff_user):
    mandate = DeputyFactory(in_office__status=Mandate.Status.RESIGNED, in_office__ended_on=D(2025, 1, 1)).mandates.get()
    with refused():
        services.mandate_end(mandate=mandate, status=Mandate.Status.DECEASED, ended_on=D(2026, 1, 1), actor=staff_user)
    mandate.refresh_from_db()
    assert (mandate.status, mandate.ended_on) == (Mandate.Status.RESIGNED, D(2025, 1, 1))


@pytest.mark.parametrize("status, ended_on", [
    (Mandate.Status.IN_OFFICE, D(2026, 1, 1)), (Mandate.Status.RESIGNED, None),
])
def test_the_database_keeps_status_and_end_date_consistent(status, ended_on):
    with pytest.raises(IntegrityError), transaction.atomic():
        MandateFactory(status=status, ended_on=ended_on)


def test_the_database_refuses_an_end_before_the_election():
    with pytest.raises(IntegrityError), transaction.atomic():
        MandateFactory(elected_on=D(2024, 1, 1), status=Mandate.Status.RESIGNED, ended_on=D(2023, 12, 31))


# --- by-elections and other levels --------------------------------------------------------------

def test_a_by_election_puts_a_new_person_on_the_roster_from_its_date(staff_user):
    mandate = services.by_election(term=TermFactory(), elected_on=D(2024, 6, 20), person=PERSON, actor=staff_user)
    assert mandate.deputy.name == PERSON["name"]
    assert (mandate.election, mandate.elected_on, mandate.level) == (
        Mandate.Election.BY_ELECTION, D(2024, 6, 20), Mandate.Level.TOWNSHIP)


def test_a_by_election_may_elect_a_person_already_on_the_roster(staff_user):
    county_deputy = DeputyFactory(in_office=False)
    MandateFactory(deputy=county_deputy, level=Mandate.Level.COUNTY, term=None)
    mandate = services.by_election(term=TermFactory(), elected_on=D(2024, 6, 20), deputy=county_deputy,
                                   actor=staff_user)
    assert set(county_deputy.mandates.values_list("level", flat=True)) == {"county", "township"}
    assert mandate.election == Mandate.Election.BY_ELECTION


def test_a_by_election_falls_within_the_term(staff_user):
    with refused("elected_on"):
        services.by_election(term=TermFactory(), elected_on=D(2021, 11, 25), person=PERSON, actor=staff_user)
    assert not Deputy.objects.exists()


def test_a_by_election_cannot_be_in_the_future(staff_user):
    with refused("elected_on"):
        services.by_election(term=TermFactory(), elected_on=tomorrow(), person=PERSON, actor=staff_user)


def test_a_deputy_already_holding_a_township_mandate_of_the_term_cannot_be_by_elected(staff_user):
    deputy = DeputyFactory()
    with refused():
        services.by_election(term=TermFactory(), elected_on=D(2024, 6, 20), deputy=deputy, actor=staff_user)


def test_a_by_election_names_one_person(staff_user):
    with refused():
        services.by_election(term=TermFactory(), elected_on=D(2024, 6, 20), actor=staff_user)


def test_a_township_deputy_may_also_be_a_county_deputy(staff_user):
    deputy = DeputyFactory()
    mandate = services.mandate_add(deputy=deputy, level=Mandate.Level.COUNTY, elected_on=D(2021, 11, 20),
                                   term=TermFactory(), actor=staff_user)
    assert mandate.term is None  # the term is the township congress's own
    assert deputy.mandates.count() == 2


def test_nobody_holds_two_mandates_of_one_level_at_once(staff_user):
    deputy = DeputyFactory()
    services.mandate_add(deputy=deputy, level=Mandate.Level.COUNTY, elected_on=D(2021, 11, 20), actor=staff_user)
    with refused("level"):
        services.mandate_add(deputy=deputy, level=Mandate.Level.COUNTY, elected_on=D(2022, 1, 1), actor=staff_user)


def test_a_township_mandate_needs_its_term(staff_user):
    with refused("term"):
        services.mandate_add(deputy=DeputyFactory(in_office=False), level=Mandate.Level.TOWNSHIP,
                             elected_on=D(2022, 1, 1), actor=staff_user)


# --- representative groups ----------------------------------------------------------------------

def group_kwargs(members, **overrides):
    return {"term": TermFactory(), "name": "青山村代表小组", "members": members, "leader": members[0], **overrides}


def test_a_group_has_at_least_three_deputies(staff_user):
    with refused("members") as error:
        services.group_save(**group_kwargs(DeputyFactory.create_batch(2)), actor=staff_user)
    assert "Art. 43" in error.value.message
    group = services.group_save(**group_kwargs(DeputyFactory.create_batch(3)), actor=staff_user)
    assert group.members.count() == 3


def test_the_group_leader_must_be_a_member(staff_user):
    members = DeputyFactory.create_batch(3)
    with refused("leader"):
        services.group_save(**group_kwargs(members, leader=DeputyFactory()), actor=staff_user)


def test_a_deputy_out_of_office_cannot_join_a_group(staff_user):
    members = DeputyFactory.create_batch(2) + [
        DeputyFactory(in_office__status=Mandate.Status.RESIGNED, in_office__ended_on=D(2025, 1, 1))]
    with refused("members"):
        services.group_save(**group_kwargs(members), actor=staff_user)


def test_a_member_who_has_left_may_stay_when_the_group_is_changed(staff_user):
    members = DeputyFactory.create_batch(3)
    group = services.group_save(**group_kwargs(members), actor=staff_user)
    services.mandate_end(mandate=members[2].mandates.get(), status=Mandate.Status.TRANSFERRED, ended_on=D(2026, 3, 1),
                         actor=staff_user)
    services.group_save(group=group, **group_kwargs(members, area="青山村一至五组"), actor=staff_user)
    group.refresh_from_db()
    assert group.area == "青山村一至五组"


def test_the_contact_member_may_be_any_deputy(staff_user):
    members = DeputyFactory.create_batch(3)
    contact = DeputyFactory(name="王建国")
    group = services.group_save(**group_kwargs(members, contact_member=contact), actor=staff_user)
    assert group.contact_member == contact


def test_two_groups_of_a_term_have_different_names(staff_user):
    services.group_save(**group_kwargs(DeputyFactory.create_batch(3)), actor=staff_user)
    with refused():
        services.group_save(**group_kwargs(DeputyFactory.create_batch(3)), actor=staff_user)


def test_a_group_activity_is_recorded_with_the_members_present(staff_user):
    group = RepresentativeGroupFactory()
    activity = services.group_activity_record(group=group, date=D(2026, 5, 20), topic="视察春耕生产",
                                              participants=list(group.members.all()), actor=staff_user)
    assert activity.participants.count() == 3
    assert activity.recorded_by == staff_user


def test_only_members_and_the_contact_member_take_part_in_a_group_activity(staff_user):
    contact = DeputyFactory()
    group = RepresentativeGroupFactory(contact_member=contact)
    services.group_activity_record(group=group, date=D(2026, 5, 20), topic="走访", participants=[contact],
                                   actor=staff_user)
    with refused("participants"):
        services.group_activity_record(group=group, date=D(2026, 5, 20), topic="走访", participants=[DeputyFactory()],
                                       actor=staff_user)


def test_a_group_activity_falls_within_the_term_and_not_in_the_future(staff_user):
    group = RepresentativeGroupFactory()
    members = list(group.members.all())
    with refused("date"):
        services.group_activity_record(group=group, date=D(2021, 1, 1), topic="走访", participants=members,
                                       actor=staff_user)
    with refused("date"):
        services.group_activity_record(group=group, date=tomorrow(), topic="走访", participants=members,
                                       actor=staff_user)
    assert not GroupActivity.objects.exists()


# --- contact platforms --------------------------------------------------------------------------

def test_the_platforms_form_a_tree_of_home_stations_and_points(staff_user):
    home = services.platform_save(name="代表之家", kind="home", actor=staff_user)
    station = services.platform_save(name="联络站", kind="station", parent=home, actor=staff_user)
    point = services.platform_save(name="联络点", kind="point", parent=station, actor=staff_user)
    assert (point.parent, station.parent, home.parent) == (station, home, None)


@pytest.mark.parametrize("kind, parent_kind", [
    ("home", "home"), ("home", "station"), ("station", "station"), ("station", "point"), ("point", "point"),
])
def test_a_platform_cannot_stand_below_a_platform_of_its_rank_or_lower(staff_user, kind, parent_kind):
    parent = ContactPlatformFactory(kind=parent_kind)
    with refused("parent"):
        services.platform_save(name="新阵地", kind=kind, parent=parent, actor=staff_user)


def test_a_platform_with_points_below_it_cannot_become_a_point(staff_user):
    station = services.platform_save(name="联络站", kind="station", actor=staff_user)
    services.platform_save(name="联络点", kind="point", parent=station, actor=staff_user)
    with refused("kind"):
        services.platform_save(platform=station, name="联络站", kind="point", actor=staff_user)


def test_the_database_keeps_the_home_at_the_top():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactPlatform.objects.create(name="二号之家", kind="home", parent=ContactPlatformFactory(kind="station"))


def test_deputies_put_on_duty_must_be_in_office(staff_user):
    gone = DeputyFactory(in_office__status=Mandate.Status.DECEASED, in_office__ended_on=D(2025, 1, 1))
    with refused("duty_deputies"):
        services.platform_save(name="联络点", kind="point", duty_deputies=[gone], actor=staff_user)
    platform = services.platform_save(name="联络点", kind="point", duty_deputies=[DeputyFactory()], actor=staff_user)
    assert platform.duty_deputies.count() == 1


# --- receptions and reports to voters ------------------------------------------------------------

def reception_kwargs(**overrides):
    return {"date": D(2026, 3, 10), "deputies": [DeputyFactory()], "voters_received": 4,
            "matters": [{"content": "机耕道硬化", "raised_by": "李大爷"}, {"content": "路灯损坏", "raised_by": ""}],
            **overrides}


def test_a_reception_is_recorded_with_each_matter_as_a_line(staff_user):
    reception = services.reception_record(platform=ContactPlatformFactory(), **reception_kwargs(), actor=staff_user)
    assert list(reception.matters.values_list("content", "raised_by")) == [("机耕道硬化", "李大爷"), ("路灯损坏", "")]
    assert reception.recorded_by == staff_user


def test_the_deputies_at_a_reception_were_in_office_that_day(staff_user):
    resigned = DeputyFactory(in_office__status=Mandate.Status.RESIGNED, in_office__ended_on=D(2026, 6, 1))
    services.reception_record(**reception_kwargs(date=D(2026, 5, 31), deputies=[resigned]), actor=staff_user)
    with refused("deputies"):
        services.reception_record(**reception_kwargs(date=D(2026, 6, 1), deputies=[resigned]), actor=staff_user)


def test_a_county_deputy_in_office_may_receive_voters(staff_user):
    county = DeputyFactory(in_office=False)
    MandateFactory(deputy=county, level=Mandate.Level.COUNTY, term=None)
    assert services.reception_record(**reception_kwargs(deputies=[county]), actor=staff_user).pk


def test_a_reception_needs_a_deputy(staff_user):
    with refused("deputies"):
        services.reception_record(**reception_kwargs(deputies=[]), actor=staff_user)


def test_voters_received_is_never_negative(staff_user):
    with refused("voters_received"):
        services.reception_record(**reception_kwargs(voters_received=-1), actor=staff_user)


def test_matters_raised_mean_at_least_one_voter_was_received(staff_user):
    with refused("voters_received"):
        services.reception_record(**reception_kwargs(voters_received=0), actor=staff_user)
    assert services.reception_record(**reception_kwargs(voters_received=0, matters=[]), actor=staff_user).pk


def test_each_matter_says_what_was_raised(staff_user):
    with refused():
        services.reception_record(**reception_kwargs(matters=[{"content": "  ", "raised_by": "张三"}]),
                                  actor=staff_user)
    assert not ReceptionMatter.objects.exists()


def test_a_reception_cannot_be_dated_in_the_future(staff_user):
    with refused("date"):
        services.reception_record(**reception_kwargs(date=tomorrow()), actor=staff_user)


def test_a_report_to_voters_belongs_to_the_term_of_its_date(staff_user):
    deputy = DeputyFactory()
    report = services.report_to_voters_record(deputy=deputy, date=D(2025, 4, 6), voters_attending=30,
                                              rating="satisfied", actor=staff_user)
    assert report.term == deputy.mandates.get().term


def test_a_deputy_reports_only_while_in_office(staff_user):
    by_elected = DeputyFactory(in_office__elected_on=D(2024, 6, 20), in_office__election="by_election")
    with refused("deputy"):
        services.report_to_voters_record(deputy=by_elected, date=D(2024, 6, 19), actor=staff_user)
    assert services.report_to_voters_record(deputy=by_elected, date=D(2024, 6, 20), actor=staff_user).pk


def test_a_report_to_voters_needs_a_term_in_force(staff_user):
    TermFactory()
    with refused("date"):
        services.report_to_voters_record(deputy=DeputyFactory(), date=D(2021, 1, 1), actor=staff_user)


def test_a_district_deputy_keeps_the_district(staff_user):
    district = ElectoralDistrictFactory()
    deputy = services.deputy_create(fields={**PERSON, "district": district}, term=district.term, actor=staff_user)
    assert deputy.district == district
