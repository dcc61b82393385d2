"""Importing a checked roster: all rows or none; a person is recognised by name and birth month, so a
second import updates and never duplicates; empty cells keep what the portal has."""
import datetime

import pytest
from django.utils import translation

from core.exceptions import ApplicationError
from deputies.models import Deputy, Mandate, RepresentativeGroup
from deputies.roster_excel import deputies_not_in_sheet, import_roster, plan_roster, read_roster
from tests.deputies.excel_samples import person, roster_term, second_person, sheet  # noqa: F401
from tests.factories import DeputyFactory, UserFactory

pytestmark = pytest.mark.django_db
L = Mandate.Level


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def actor(db):
    return UserFactory()


def load(roster_term, *rows):
    return read_roster(sheet(rows), term=roster_term)


def run(roster_term, actor, *rows, **options):
    return import_roster(load(roster_term, *rows), term=roster_term, actor=actor, **options)


def test_an_import_creates_each_deputy_with_a_township_mandate_of_the_term(roster_term, actor):
    counts = run(roster_term, actor, person(民族=None), second_person())
    assert (counts.created, counts.updated, counts.unchanged) == (2, 0, 0)
    deputy = Deputy.objects.get(name="张德福")
    assert (deputy.birth_date, deputy.gender, deputy.ethnicity) == (datetime.date(1968, 4, 1), "male", "汉族")
    assert (deputy.political_status, deputy.education, deputy.occupation) == ("cpc_member", "junior", "farmer")
    assert (deputy.work_unit, deputy.phone, deputy.district.number) == ("青山村村民，种粮大户", "13907310004", 1)
    mandate = deputy.mandates.get()
    assert (mandate.level, mandate.term, mandate.election) == (L.TOWNSHIP, roster_term, Mandate.Election.GENERAL)
    assert (mandate.elected_on, mandate.status) == (roster_term.start_date, Mandate.Status.IN_OFFICE)


def test_new_deputies_may_be_given_another_election_date_within_the_term(roster_term, actor):
    run(roster_term, actor, person(), elected_on=datetime.date(2024, 6, 20))
    assert Mandate.objects.get().elected_on == datetime.date(2024, 6, 20)


def test_an_election_date_outside_the_term_is_refused(roster_term, actor):
    with pytest.raises(ApplicationError, match="must fall within"):
        run(roster_term, actor, person(), elected_on=datetime.date(2030, 1, 1))
    assert Deputy.objects.count() == 0


def test_nothing_is_imported_when_one_row_is_bad(roster_term, actor):
    result = load(roster_term, person(), second_person(), person(姓名="李四", 出生年月="1975.13"))
    assert len(result.rows) == 2 and not result.ok
    with pytest.raises(ApplicationError, match="nothing was imported"):
        import_roster(result, term=roster_term, actor=actor)
    assert Deputy.objects.count() == 0 and Mandate.objects.count() == 0


def test_importing_the_same_sheet_again_changes_nothing_and_duplicates_nobody(roster_term, actor):
    run(roster_term, actor, person(代表小组="青山村代表小组", 代表层级="镇、县"), second_person())
    counts = run(roster_term, actor, person(代表小组="青山村代表小组", 代表层级="镇、县"), second_person())
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 2)
    assert Deputy.objects.count() == 2
    assert Mandate.objects.count() == 3
    assert RepresentativeGroup.objects.get(name="青山村代表小组").members.count() == 1


def test_a_second_import_updates_what_changed(roster_term, actor):
    run(roster_term, actor, person(), second_person())
    counts = run(roster_term, actor, person(联系电话="13900000000", 选区="第2选区", 文化程度="高中"), second_person())
    assert (counts.created, counts.updated, counts.unchanged) == (0, 1, 1)
    deputy = Deputy.objects.get(name="张德福")
    assert (deputy.phone, deputy.district.number, deputy.education) == ("13900000000", 2, "senior")
    assert Deputy.objects.count() == 2


def test_a_person_is_recognised_by_name_and_birth_month_even_with_a_day_on_record(roster_term, actor):
    deputy = DeputyFactory(name="张德福", birth_date=datetime.date(1968, 4, 15), phone="",
                           in_office__term=roster_term)
    counts = run(roster_term, actor, person())
    assert (counts.created, counts.updated) == (0, 1)
    deputy.refresh_from_db()
    assert deputy.birth_date == datetime.date(1968, 4, 15)  # the more precise date on record stays
    assert deputy.phone == "13907310004"
    assert Deputy.objects.count() == 1 and deputy.mandates.count() == 1


def test_namesakes_born_in_other_months_are_other_people(roster_term, actor):
    DeputyFactory(name="张德福", birth_date=datetime.date(1950, 1, 1))
    assert run(roster_term, actor, person()).created == 1
    assert Deputy.objects.filter(name="张德福").count() == 2


def test_two_namesakes_on_record_born_the_same_month_must_be_told_apart_first(roster_term, actor):
    DeputyFactory(name="张德福", birth_date=datetime.date(1968, 4, 3))
    DeputyFactory(name="张德福", birth_date=datetime.date(1968, 4, 20))
    result = load(roster_term, person())
    plan = plan_roster(result, term=roster_term)
    assert [(error.row, error.column) for error in plan.errors] == [(3, "姓名")]
    with pytest.raises(ApplicationError, match="Row 3"):
        import_roster(result, term=roster_term, actor=actor)


def test_empty_cells_keep_what_the_portal_has(roster_term, actor):
    run(roster_term, actor, person(民族="回族", 政治面貌="群众"))
    counts = run(roster_term, actor, person(民族=None, 政治面貌=None, 文化程度=None, 职业类别=None,
                                            工作单位及职务=None, 联系电话=None))
    assert counts.unchanged == 1
    deputy = Deputy.objects.get()
    assert (deputy.ethnicity, deputy.political_status, deputy.education) == ("回族", "masses", "junior")
    assert (deputy.work_unit, deputy.phone) == ("青山村村民，种粮大户", "13907310004")


def test_several_levels_become_one_mandate_each(roster_term, actor):
    run(roster_term, actor, person(代表层级="镇人大代表,县人大代表"))
    mandates = Mandate.objects.order_by("level")
    assert [(mandate.level, mandate.term) for mandate in mandates] == [(L.COUNTY, None), (L.TOWNSHIP, roster_term)]


def test_a_level_added_later_adds_its_mandate_and_keeps_the_others(roster_term, actor):
    run(roster_term, actor, person())
    counts = run(roster_term, actor, person(代表层级="镇、县、市"))
    assert counts.updated == 1
    assert set(Mandate.objects.values_list("level", flat=True)) == {L.TOWNSHIP, L.COUNTY, L.CITY}


def test_an_import_never_ends_a_mandate(roster_term, actor):
    run(roster_term, actor, person(代表层级="镇、县"))
    run(roster_term, actor, person(代表层级="镇"))
    assert Mandate.objects.filter(status=Mandate.Status.IN_OFFICE).count() == 2


def test_a_deputy_of_an_earlier_term_gets_a_mandate_in_this_one(roster_term, actor):
    from tests.factories import TermFactory

    earlier = TermFactory(number=10, start_date=datetime.date(2016, 11, 1), end_date=datetime.date(2021, 11, 25))
    deputy = DeputyFactory(name="张德福", birth_date=datetime.date(1968, 4, 1), in_office__term=earlier,
                           in_office__elected_on=datetime.date(2016, 11, 1))
    run(roster_term, actor, person())
    assert set(deputy.mandates.values_list("term__number", flat=True)) == {10, 11}


def test_listed_groups_are_joined(roster_term, actor):
    run(roster_term, actor, person(代表小组="青山村代表小组、白沙村代表小组"))
    deputy = Deputy.objects.get()
    assert set(deputy.groups.values_list("name", flat=True)) == {"青山村代表小组", "白沙村代表小组"}


def test_the_plan_says_what_each_row_will_do(roster_term, actor):
    run(roster_term, actor, person(), second_person())
    result = load(roster_term, person(联系电话="13900000000", 代表层级="镇、县", 代表小组="青山村代表小组"),
                  second_person(), person(姓名="刘春花", 出生年月="1991.05"))
    plan = plan_roster(result, term=roster_term)
    assert [item.action for item in plan.rows] == ["update", "unchanged", "create"]
    assert plan.counts == {"create": 1, "update": 1, "unchanged": 1}
    assert plan.rows[0].changes == ["mobile phone", "County deputy", "joins 青山村代表小组"]
    assert [item.row.name for item in plan.changing_rows] == ["张德福", "刘春花"]


def test_deputies_in_office_missing_from_the_sheet_are_listed_and_left_alone(roster_term, actor):
    run(roster_term, actor, person(), second_person())
    result = load(roster_term, person())
    assert [deputy.name for deputy in deputies_not_in_sheet(plan_roster(result, term=roster_term), term=roster_term)] \
        == ["赵红梅"]
    import_roster(result, term=roster_term, actor=actor)
    assert Mandate.objects.filter(deputy__name="赵红梅", status=Mandate.Status.IN_OFFICE).exists()


def test_the_plan_takes_a_fixed_number_of_queries(roster_term, actor, django_assert_num_queries):
    run(roster_term, actor, person(), second_person())
    one = load(roster_term, person())
    many = load(roster_term, person(), second_person(), *[person(姓名=f"代表{n}") for n in range(10)])
    with django_assert_num_queries(3):
        plan_roster(one, term=roster_term)
    with django_assert_num_queries(3):
        plan_roster(many, term=roster_term)
