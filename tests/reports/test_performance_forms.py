"""The office's forms of the performance record: points per kind of act, and awards."""
from decimal import Decimal

import pytest
from django.urls import reverse

from deputies.models import Award, DutyWeight
from tests.factories import DeputyFactory

from .test_performance_helpers import (  # noqa: F401  (fixtures)
    YEAR,
    AwardFactory,
    DutyWeightFactory,
    RepresentativeGroupFactory,
    fake_sources,
    registry,
    silent_source,
)

pytestmark = pytest.mark.django_db

WEIGHTS = reverse("reports:weights_edit")
AWARDS = reverse("reports:award_list")
AWARD_NEW = reverse("reports:award_create")
LAYOUT_QUERIES = 3  # session, user with roles and unread count, township


def weights_data(**points):
    """The formset's POST for the fake sources, in their order: receptions, then reports."""
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000"}
    for index, kind in enumerate(["fake_receptions", "fake_reports"]):
        data[f"form-{index}-kind"] = kind
        data[f"form-{index}-points"] = points.get(kind, "1")
    return data


def stored_points():
    return dict(DutyWeight.objects.values_list("kind", "points"))


# --- points per kind of act ----------------------------------------------------------------------

def test_the_points_page_lists_every_registered_kind_with_its_points_and_default(english, fake_sources, staff_user):
    DutyWeightFactory(kind="fake_reports", points=Decimal("4.5"))
    english.force_login(staff_user)
    content = english.get(WEIGHTS).content.decode()
    assert content.index("接待选民") < content.index("向选民述职")
    assert 'name="form-0-points" value="2"' in content  # the default, not yet set
    assert 'name="form-1-points" value="4.5"' in content  # the office's figure
    assert "Default: 3 points" in content and "Default: 2 points" in content


def test_the_office_saves_the_points(client, fake_sources, chairman):
    client.force_login(chairman)
    response = client.post(WEIGHTS, weights_data(fake_receptions="2.5", fake_reports="0"))
    assert response.status_code == 302 and response.url == WEIGHTS
    assert stored_points() == {"fake_receptions": Decimal("2.5"), "fake_reports": Decimal("0")}


@pytest.mark.parametrize("typed, error", [
    ("abc", "输入一个数字"),
    ("100.5", "小于或等于100"),
    ("-1", "大于或等于0"),
    ("1.25", "小数不超过 1 位"),
])
def test_a_wrong_figure_is_explained_in_chinese_and_what_was_typed_is_kept(client, fake_sources, staff_user,
                                                                           typed, error):
    client.force_login(staff_user)
    response = client.post(WEIGHTS, weights_data(fake_receptions="3", fake_reports=typed))
    content = response.content.decode()
    assert response.status_code == 200
    assert error in content
    assert f'name="form-1-points" value="{typed}"' in content
    assert 'name="form-0-points" value="3"' in content
    assert stored_points() == {}


def test_a_page_opened_before_a_kind_was_added_asks_to_reload(client, fake_sources, staff_user):
    data = weights_data()
    data["form-1-kind"] = "invented"
    client.force_login(staff_user)
    response = client.post(WEIGHTS, data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert stored_points() == {}


def test_a_broken_post_is_an_error_on_the_page_not_a_crash(client, fake_sources, staff_user):
    client.force_login(staff_user)
    response = client.post(WEIGHTS, {"form-0-points": "1"})
    assert response.status_code == 200
    assert stored_points() == {}


def test_the_points_page_without_any_registered_kind_says_so(english, registry, staff_user):
    english.force_login(staff_user)
    assert "No kind of duty act is recorded" in english.get(WEIGHTS).content.decode()


def test_the_points_page_shows_every_kind_the_apps_registered(client, staff_user):
    """No fakes: the real registry, whatever the apps have added by now."""
    from deputies import duty

    client.force_login(staff_user)
    content = client.get(WEIGHTS).content.decode()
    for source in duty.sources():
        assert f'value="{source.kind}"' in content


def test_points_saved_for_a_kind_show_in_the_table_header(english, registry, staff_user):
    registry.register(silent_source("quiet", label="学习培训", points="1"))
    english.force_login(staff_user)
    english.post(WEIGHTS, {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-kind": "quiet",
                           "form-0-points": "7"})
    assert "学习培训 7 points" in english.get(reverse("reports:performance_table")).content.decode()


# --- awards ----------------------------------------------------------------------------------------

def test_the_office_records_an_award_to_a_deputy(client, staff_user):
    deputy = DeputyFactory(name="张德福")
    client.force_login(staff_user)
    response = client.post(AWARD_NEW, {"year": YEAR, "title": "四好代表", "deputy": deputy.pk, "given_by": "青山镇人大主席团"})
    assert response.status_code == 302 and response.url == f"{AWARDS}?year={YEAR}"
    award = Award.objects.get()
    assert (award.deputy, award.group, award.title, award.given_by) == (deputy, None, "四好代表", "青山镇人大主席团")


def test_the_office_records_an_award_to_a_group(client, chairman):
    group = RepresentativeGroupFactory(name="白沙村代表小组")
    client.force_login(chairman)
    client.post(AWARD_NEW, {"year": YEAR, "title": "五高代表小组", "group": group.pk})
    assert Award.objects.get().group == group


@pytest.mark.parametrize("recipients, error", [
    ("both", "not both"),
    ("neither", "receives the award"),
])
def test_an_award_to_both_or_neither_is_refused_and_the_form_kept(english, staff_user, recipients, error):
    deputy, group = DeputyFactory(), RepresentativeGroupFactory()
    data = {"year": YEAR, "title": "优秀人大代表", "note": "年度表彰"}
    if recipients == "both":
        data.update(deputy=deputy.pk, group=group.pk)
    english.force_login(staff_user)
    response = english.post(AWARD_NEW, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert error in content
    assert 'value="优秀人大代表"' in content and 'value="年度表彰"' in content
    assert not Award.objects.exists()


def test_a_second_identical_award_is_refused_on_the_form(english, staff_user):
    deputy = DeputyFactory(name="杨卫东")
    AwardFactory(deputy=deputy, title="四好代表")
    english.force_login(staff_user)
    response = english.post(AWARD_NEW, {"year": YEAR, "title": "四好代表", "deputy": deputy.pk})
    assert response.status_code == 200
    assert "杨卫东 already has the award" in response.content.decode()
    assert Award.objects.count() == 1


def test_an_award_without_title_or_with_a_strange_year_is_refused(client, staff_user):
    deputy = DeputyFactory()
    client.force_login(staff_user)
    response = client.post(AWARD_NEW, {"year": "二〇二六", "title": "", "deputy": deputy.pk})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"year", "title"}


def test_the_office_removes_an_award_after_confirming(client, staff_user):
    award = AwardFactory(title="四好代表")
    url = reverse("reports:award_delete", args=[award.pk])
    client.force_login(staff_user)
    assert "四好代表" in client.get(url).content.decode()
    assert Award.objects.exists()
    response = client.post(url)
    assert response.status_code == 302 and response.url == f"{AWARDS}?year={YEAR}"
    assert not Award.objects.exists()


def test_removing_an_award_that_is_gone_is_a_404(client, staff_user):
    client.force_login(staff_user)
    assert client.post(reverse("reports:award_delete", args=[999_999])).status_code == 404


def test_the_awards_page_lists_the_years_awards(client, staff_user):
    deputy = DeputyFactory(name="赵红梅")
    AwardFactory(deputy=deputy, title="四好代表")
    AwardFactory(deputy=DeputyFactory(name="往年"), title="四好代表", year=YEAR - 1)
    AwardFactory(deputy=None, group=RepresentativeGroupFactory(name="枫林村代表小组"), title="五高代表小组")
    client.force_login(staff_user)
    content = client.get(AWARDS, {"year": YEAR}).content.decode()
    assert "赵红梅" in content and "枫林村代表小组" in content and "往年" not in content


@pytest.mark.parametrize("awards", [1, 20])
def test_the_awards_page_runs_a_fixed_number_of_queries(client, staff_user, django_assert_num_queries, awards):
    for n in range(awards):
        if n % 2:
            AwardFactory(deputy=DeputyFactory())
        else:
            AwardFactory(deputy=None, group=RepresentativeGroupFactory())
    client.force_login(staff_user)
    # the first term, the years with awards, the awards with their deputies and groups
    with django_assert_num_queries(LAYOUT_QUERIES + 3):
        response = client.get(AWARDS, {"year": YEAR})
    assert len(response.context["awards"]) == awards
