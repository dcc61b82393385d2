"""The deputies' pages: what they show, their query counts, and forms that keep what was typed."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from deputies import selectors
from deputies.models import Deputy, Mandate, ReportToVoters, RepresentativeGroup, VoterReception
from tests.factories import DeputyFactory, ElectoralDistrictFactory, TermFactory

from .factories import (
    ContactPlatformFactory,
    GroupActivityFactory,
    ReportToVotersFactory,
    RepresentativeGroupFactory,
    VoterReceptionFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date



@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def page(client, name, *args, **query):
    response = client.get(reverse(f"deputies:{name}", args=args), query)
    assert response.status_code == 200
    return response


def html(response):
    return response.content.decode()


# --- every list page runs the same number of queries for 1 row as for many ------------------------

def one_deputy(term):
    return DeputyFactory(district=ElectoralDistrictFactory(term=term))


def rows_of(kind, term, n):
    """n rows of what the list page of `kind` shows."""
    for _ in range(n):
        deputy = DeputyFactory(district=ElectoralDistrictFactory(term=term))
        if kind == "reception":
            VoterReceptionFactory(deputies=[deputy, DeputyFactory()], platform=ContactPlatformFactory(),
                                  matters=["路灯", "饮水"])
        elif kind == "report":
            ReportToVotersFactory(deputy=deputy, term=term)
        elif kind == "group":
            GroupActivityFactory(group=RepresentativeGroupFactory(term=term))
        elif kind == "platform":
            point = ContactPlatformFactory(kind="point", parent=ContactPlatformFactory(kind="station"))
            point.duty_deputies.add(deputy)


LIST_PAGES = [
    ("deputy_list", "deputy", {}),
    ("deputy_list", "deputy", {"on": "2026-05-31", "status": "all", "q": "代表"}),
    ("district_list", "deputy", {}),
    ("group_list", "group", {}),
    ("platform_list", "platform", {}),
    ("reception_list", "reception", {"year": "2026"}),
    ("report_list", "report", {}),
    ("not_reported", "deputy", {}),
]


@pytest.mark.parametrize("name, kind, query", LIST_PAGES)
def test_a_list_page_runs_as_many_queries_for_many_rows_as_for_one(staff, django_assert_num_queries, name, kind,
                                                                   query):
    term = TermFactory()
    rows_of(kind, term, 1)
    page(staff, name, **query)  # the first request warms the session
    with CaptureQueriesContext(connection) as one_row:
        page(staff, name, **query)
    rows_of(kind, term, 12)
    with django_assert_num_queries(len(one_row)):
        page(staff, name, **query)
    assert len(one_row) <= 16


@pytest.mark.parametrize("name", ["deputy_detail", "group_detail"])
def test_a_record_page_runs_as_many_queries_for_a_long_record_as_for_a_short_one(staff, django_assert_num_queries,
                                                                                 name):
    deputy = one_deputy(TermFactory())
    group = RepresentativeGroupFactory(members=[deputy, DeputyFactory(), DeputyFactory()])
    pk = deputy.pk if name == "deputy_detail" else group.pk
    VoterReceptionFactory(deputies=[deputy])
    GroupActivityFactory(group=group)
    page(staff, name, pk)
    with CaptureQueriesContext(connection) as short:
        page(staff, name, pk)
    for month in range(1, 10):
        VoterReceptionFactory(deputies=[deputy], date=D(2026, month, 1))
        GroupActivityFactory(group=group, date=D(2026, month, 2))
        group.members.add(DeputyFactory())
    with django_assert_num_queries(len(short)):
        page(staff, name, pk)


# --- the roster ---------------------------------------------------------------------------------

def test_the_roster_of_a_past_date_shows_who_was_in_office_then(staff):
    TermFactory()
    DeputyFactory(name="辞职代表", in_office__status=Mandate.Status.RESIGNED, in_office__ended_on=D(2026, 6, 1))
    DeputyFactory(name="在任代表")
    assert "辞职代表" in html(page(staff, "deputy_list", on="2026-05-31"))
    assert "辞职代表" not in html(page(staff, "deputy_list", on="2026-06-01"))


def test_the_roster_shows_its_composition_at_the_top(staff):
    TermFactory()
    DeputyFactory(gender=Deputy.Gender.FEMALE)
    DeputyFactory(gender=Deputy.Gender.MALE)
    response = page(staff, "deputy_list", on="2026-03-01")
    assert response.context["composition"].total == 2
    assert 'data-figure="in-office">2<' in html(response)


def test_a_wrong_roster_date_is_explained_and_todays_roster_shown(staff):
    TermFactory()
    DeputyFactory(name="在任代表")
    response = page(staff, "deputy_list", on="2026-13-45", district="abc")
    assert response.context["day"] == selectors.today()
    assert "在任代表" in html(response)
    assert 'class="alert alert-warning' in html(response)


def test_staff_see_the_management_buttons_and_a_presidium_member_does_not(client, staff_user, presidium_member):
    TermFactory()
    deputy = DeputyFactory()
    client.force_login(staff_user)
    assert reverse("deputies:deputy_update", args=[deputy.pk]) in html(page(client, "deputy_detail", deputy.pk))
    client.force_login(presidium_member)
    assert reverse("deputies:deputy_update", args=[deputy.pk]) not in html(page(client, "deputy_detail", deputy.pk))


def test_a_deputy_reads_their_own_record_on_its_page(client, deputy_user):
    deputy = deputy_user.deputy
    VoterReceptionFactory(deputies=[deputy], platform=ContactPlatformFactory(name="青山村代表联络点"))
    client.force_login(deputy_user)
    content = html(page(client, "deputy_detail", deputy.pk))
    assert deputy.name in content and "青山村代表联络点" in content
    assert reverse("deputies:deputy_update", args=[deputy.pk]) not in content


# --- forms keep what was typed and explain in Chinese -------------------------------------------

def test_a_wrong_phone_is_explained_in_chinese_and_the_rest_kept(staff):
    term = TermFactory()
    response = staff.post(reverse("deputies:deputy_create"), {
        "name": "李春生", "gender": "male", "ethnicity": "汉族", "political_status": "masses", "occupation": "farmer",
        "work_unit": "青山村村民", "phone": "12345", "term": term.pk, "election": "general",
    })
    assert response.status_code == 200
    content = html(response)
    assert "请输入11位手机号码" in content
    assert 'value="李春生"' in content and 'value="青山村村民"' in content
    assert not Deputy.objects.exists()


def test_a_missing_name_is_explained_in_chinese(staff):
    response = staff.post(reverse("deputies:deputy_create"), {"gender": "male", "work_unit": "白沙村村民"})
    assert "这个字段是必填项。" in html(response)
    assert 'value="白沙村村民"' in html(response)


def test_a_new_deputy_is_created_with_a_mandate_and_shown(staff):
    term = TermFactory()
    response = staff.post(reverse("deputies:deputy_create"), {
        "name": "李春生", "gender": "male", "ethnicity": "汉族", "political_status": "masses", "occupation": "farmer",
        "phone": "13907319999", "term": term.pk, "election": "general",
    })
    deputy = Deputy.objects.get(name="李春生")
    assert response.url == reverse("deputies:deputy_detail", args=[deputy.pk])
    assert deputy.mandates.get().elected_on == term.start_date


def test_a_group_of_two_is_refused_and_the_ticked_members_stay_ticked(english, staff_user):
    english.force_login(staff_user)
    term = TermFactory()
    first, second = DeputyFactory(), DeputyFactory()
    response = english.post(reverse("deputies:group_create"), {
        "term": term.pk, "name": "青山村代表小组", "leader": first.pk, "members": [first.pk, second.pk],
    })
    content = html(response)
    assert "at least three deputies" in content
    assert content.count(" checked>") == 2
    assert not RepresentativeGroup.objects.exists()


def test_a_group_leader_who_is_not_a_member_is_refused_next_to_the_field(english, staff_user):
    english.force_login(staff_user)
    term = TermFactory()
    members, outsider = DeputyFactory.create_batch(3), DeputyFactory()
    response = english.post(reverse("deputies:group_create"), {
        "term": term.pk, "name": "青山村代表小组", "leader": outsider.pk, "members": [d.pk for d in members],
    })
    assert response.context["form"].errors["leader"] == ["The group leader must be one of its members."]


def test_ending_a_mandate_before_the_election_is_refused_and_nothing_changes(english, staff_user):
    english.force_login(staff_user)
    TermFactory()
    mandate = DeputyFactory(in_office__elected_on=D(2024, 6, 20)).mandates.get()
    response = english.post(reverse("deputies:mandate_end", args=[mandate.pk]),
                            {"status": "resigned", "ended_on": "2024-06-01", "note": "本人申请"})
    assert "cannot end before" in html(response) and 'value="本人申请"' in html(response)
    mandate.refresh_from_db()
    assert mandate.status == Mandate.Status.IN_OFFICE


def test_a_by_election_of_a_new_person_is_recorded(staff):
    term = TermFactory()
    response = staff.post(reverse("deputies:by_election"), {
        "term": term.pk, "elected_on": "2024-06-20", "name": "邹文杰", "gender": "male", "ethnicity": "汉族",
        "political_status": "cpc_member", "occupation": "cadre",
    })
    mandate = Mandate.objects.get(deputy__name="邹文杰")
    assert response.url == reverse("deputies:deputy_detail", args=[mandate.deputy_id])
    assert (mandate.election, mandate.elected_on) == (Mandate.Election.BY_ELECTION, D(2024, 6, 20))


def test_a_by_election_needs_a_person(staff):
    term = TermFactory()
    response = staff.post(reverse("deputies:by_election"), {"term": term.pk, "elected_on": "2024-06-20"})
    assert set(response.context["form"].errors) == {"name", "gender"}


# --- receptions ---------------------------------------------------------------------------------

def reception_post(deputies, lines, **extra):
    data = {"date": "2026-03-10", "deputies": [d.pk for d in deputies], "voters_received": "5",
            "summary": "接待选民", "matters-TOTAL_FORMS": str(len(lines)), "matters-INITIAL_FORMS": "0",
            "matters-MIN_NUM_FORMS": "0", "matters-MAX_NUM_FORMS": "50", **extra}
    for index, (content, raised_by) in enumerate(lines):
        data[f"matters-{index}-content"], data[f"matters-{index}-raised_by"] = content, raised_by
    return data


def test_a_reception_is_recorded_with_two_matters(staff):
    TermFactory()
    deputy = DeputyFactory()
    response = staff.post(reverse("deputies:reception_create"),
                          reception_post([deputy], [("机耕道硬化", "李大爷"), ("路灯损坏", ""), ("", "")]))
    reception = VoterReception.objects.get()
    assert response.url == reverse("deputies:reception_detail", args=[reception.pk])
    assert list(reception.matters.values_list("content", flat=True)) == ["机耕道硬化", "路灯损坏"]


def test_adding_another_matter_keeps_everything_typed_and_shows_no_error(staff):
    TermFactory()
    deputy = DeputyFactory()
    response = staff.post(reverse("deputies:reception_create"),
                          reception_post([deputy], [("机耕道硬化", "李大爷")], add_matter="1", voters_received=""))
    content = html(response)
    assert response.context["matters"].total_form_count() == 2
    assert "机耕道硬化" in content and 'value="李大爷"' in content and " checked>" in content
    assert "这个字段是必填项" not in content and "invalid-feedback" not in content
    assert not VoterReception.objects.exists()


def test_a_deputy_not_in_office_that_day_is_refused_and_the_matters_kept(english, staff_user):
    english.force_login(staff_user)
    TermFactory()
    gone = DeputyFactory(in_office__status=Mandate.Status.TRANSFERRED, in_office__ended_on=D(2026, 1, 1))
    response = english.post(reverse("deputies:reception_create"), reception_post([gone], [("饮水安全", "")]))
    assert "Not deputies in office" in html(response) and "饮水安全" in html(response)
    assert not VoterReception.objects.exists()


def test_a_reception_page_lists_what_the_voters_raised(staff):
    reception = VoterReceptionFactory(matters=["村小学校车", "垃圾清运"])
    content = html(page(staff, "reception_detail", reception.pk))
    assert content.index("村小学校车") < content.index("垃圾清运")


def test_the_reception_list_shows_the_years_figures(staff):
    VoterReceptionFactory(date=D(2026, 3, 10), voters_received=2, matters=["路灯"])
    VoterReceptionFactory(date=D(2025, 3, 10), voters_received=7)
    response = page(staff, "reception_list", year="2026")
    assert response.context["counts"] == {"receptions": 1, "voters": 2, "matters": 1}
    assert len(response.context["page_obj"].object_list) == 1


# --- reports to voters --------------------------------------------------------------------------

def test_a_report_to_voters_is_recorded_for_the_deputy_chosen(staff):
    TermFactory()
    deputy = DeputyFactory()
    form = page(staff, "report_create", deputy=deputy.pk).context["form"]
    assert str(form["deputy"].value()) == str(deputy.pk)
    staff.post(reverse("deputies:report_create"), {"deputy": deputy.pk, "date": "2025-04-06", "place": "村部",
                                                   "voters_attending": "30", "rating": "satisfied"})
    assert ReportToVoters.objects.get().deputy == deputy


def test_the_not_reported_page_lists_the_deputies_still_to_report(staff):
    term = TermFactory()
    ReportToVotersFactory(deputy=DeputyFactory(name="已述职"), term=term)
    DeputyFactory(name="未述职")
    response = page(staff, "not_reported")
    assert [d.name for d in response.context["deputies"]] == ["未述职"]
    assert response.context["progress"]["reported"] == 1


def test_a_group_page_flags_a_year_with_fewer_than_three_activities(staff):
    group = RepresentativeGroupFactory()
    GroupActivityFactory(group=group, date=selectors.today().replace(month=1, day=2))
    response = page(staff, "group_detail", group.pk)
    assert response.context["this_year"] == 1
    assert "text-bg-warning" in html(response)


def test_a_refusal_of_the_rules_is_explained_in_chinese(staff):
    message = "The group leader must be one of its members."
    with translation.override("zh-hans"):
        chinese = translation.gettext(message)
    if chinese == message:
        pytest.skip("the Chinese catalogue is compiled by the lead from /tmp/zh_deputies.py")
    term = TermFactory()
    members, outsider = DeputyFactory.create_batch(3), DeputyFactory()
    response = staff.post(reverse("deputies:group_create"), {
        "term": term.pk, "name": "青山村代表小组", "leader": outsider.pk, "members": [d.pk for d in members],
    })
    assert chinese in html(response)
    assert 'value="青山村代表小组"' in html(response)
