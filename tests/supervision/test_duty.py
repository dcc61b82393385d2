"""Supervision in the deputies' duty records (履职档案): the activities led or taken part in, the
trainings and study visits attended and the research reports written — counted when held, within
the dates — and the performance pages (/performance/) that show them."""
import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from deputies import duty
from supervision.models import Activity, Training
from tests.factories import DeputyFactory

from .factories import ActivityFactory, PlannedActivityFactory, ResearchReportFactory, TrainingFactory
from .test_training_helpers import fix_today

pytestmark = pytest.mark.django_db
YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def day(month, date, year=2026):
    return datetime.date(year, month, date)


def test_supervision_registers_its_three_sources_with_their_points():
    sources = {kind: duty.get(kind) for kind in ("supervision", "training", "research_report")}
    assert {kind: source.default_points for kind, source in sources.items()} == {
        "supervision": Decimal("2"), "training": Decimal("1"), "research_report": Decimal("3")}
    assert [source.order for source in sources.values()] == [50, 51, 52]


# --- activities -------------------------------------------------------------------------------------

def test_activities_count_once_per_deputy_whether_leader_participant_or_both(django_assert_num_queries):
    leader, member, other = DeputyFactory(), DeputyFactory(), DeputyFactory()
    ActivityFactory(leader=leader, participants=[leader, member, other])  # the leader listed too: once
    ActivityFactory(leader=leader, participants=[member])
    ActivityFactory(participants=[member])  # no leader
    with django_assert_num_queries(2):
        counts = duty.get("supervision").count(*YEAR)
    assert counts == {leader.pk: 2, member.pk: 3, other.pk: 1}


def test_only_held_activities_within_the_dates_count():
    deputy = DeputyFactory()
    ActivityFactory(leader=deputy, start_date=day(1, 1))  # first day of the range
    ActivityFactory(participants=[deputy], start_date=day(12, 31), end_date=day(1, 2, 2027))  # last day
    ActivityFactory(participants=[deputy], start_date=day(12, 31, 2025), end_date=day(1, 1))  # began last year
    ActivityFactory(participants=[deputy], start_date=day(1, 1, 2027))
    PlannedActivityFactory(leader=deputy, participants=[deputy], start_date=day(3, 1))
    PlannedActivityFactory(participants=[deputy], status=Activity.Status.CANCELLED, start_date=day(3, 1))
    assert duty.get("supervision").count(*YEAR) == {deputy.pk: 2}
    assert len(duty.get("supervision").lines(deputy, *YEAR)) == 2


def test_activity_lines_name_the_kind_and_topic_with_a_link_once_each(django_assert_num_queries):
    deputy = DeputyFactory()
    later = ActivityFactory(kind=Activity.Kind.SURVEY, topic="农村饮水安全", start_date=day(9, 1), leader=deputy,
                            participants=[deputy, DeputyFactory()])
    earlier = ActivityFactory(kind=Activity.Kind.INSPECTION, topic="人居环境", start_date=day(4, 1),
                              participants=[deputy])
    with django_assert_num_queries(1):
        lines = duty.get("supervision").lines(deputy, *YEAR)
    assert [(line.date, line.url) for line in lines] == [
        (earlier.start_date, reverse("supervision:activity_detail", args=[earlier.pk])),
        (later.start_date, reverse("supervision:activity_detail", args=[later.pk])),
    ]
    assert "人居环境" in lines[0].text and "农村饮水安全" in lines[1].text


# --- trainings -------------------------------------------------------------------------------------

def test_trainings_count_per_attendee_held_and_within_the_dates(django_assert_num_queries):
    first, second, third = DeputyFactory(), DeputyFactory(), DeputyFactory()
    TrainingFactory(attendees=[first, second, third])
    TrainingFactory(kind=Training.Kind.STUDY_VISIT, start_date=day(12, 31), attendees=[first, second])
    TrainingFactory(start_date=day(12, 31, 2025), end_date=day(1, 1), attendees=[first])
    TrainingFactory(status=Training.Status.PLANNED, start_date=day(10, 1), attendees=[first])
    TrainingFactory(status=Training.Status.CANCELLED, start_date=day(3, 1), attendees=[first])
    with django_assert_num_queries(1):
        counts = duty.get("training").count(*YEAR)
    assert counts == {first.pk: 2, second.pk: 2, third.pk: 1}


def test_training_lines_link_to_the_training():
    deputy = DeputyFactory()
    visit = TrainingFactory(kind=Training.Kind.STUDY_VISIT, topic="赴浙江考察", start_date=day(5, 8),
                            attendees=[deputy, DeputyFactory()])
    [line] = duty.get("training").lines(deputy, *YEAR)
    assert (line.date, line.url) == (visit.start_date, reverse("supervision:training_detail", args=[visit.pk]))
    assert "赴浙江考察" in line.text


# --- research reports ---------------------------------------------------------------------------------

def test_research_reports_count_by_the_day_written(django_assert_num_queries):
    author, other = DeputyFactory(), DeputyFactory()
    ResearchReportFactory(author=author, written_on=day(1, 1))
    ResearchReportFactory(author=author, written_on=day(12, 31))
    ResearchReportFactory(author=other, written_on=day(6, 1))
    ResearchReportFactory(author=author, written_on=day(12, 31, 2025))
    with django_assert_num_queries(1):
        assert duty.get("research_report").count(*YEAR) == {author.pk: 2, other.pk: 1}
    lines = duty.get("research_report").lines(author, *YEAR)
    assert [line.date for line in lines] == [day(1, 1), day(12, 31)]
    assert all(line.url.startswith("/supervision/research/") for line in lines)


# --- the performance pages --------------------------------------------------------------------------

@pytest.fixture
def year_2026(monkeypatch):
    from reports import performance

    fix_today(monkeypatch, day(11, 20))
    monkeypatch.setattr(performance, "current_year", lambda: 2026)


def supervision_year(deputy):
    """Three activities (one led), two trainings and one research report for `deputy` in 2026."""
    ActivityFactory(leader=deputy, participants=[deputy], start_date=day(3, 1), topic="河道保洁视察")
    ActivityFactory(participants=[deputy], start_date=day(5, 1))
    ActivityFactory(leader=deputy, start_date=day(7, 1))
    PlannedActivityFactory(participants=[deputy], start_date=day(12, 1))
    TrainingFactory(attendees=[deputy], start_date=day(4, 1), topic="代表法学习")
    TrainingFactory(kind=Training.Kind.STUDY_VISIT, attendees=[deputy], start_date=day(6, 1))
    ResearchReportFactory(author=deputy, written_on=day(8, 1), title="关于河道治理的调研报告")


def test_the_table_shows_the_supervision_columns_and_the_score(client, staff_user, year_2026):
    deputy, idle = DeputyFactory(name="甲代表"), DeputyFactory(name="乙代表")
    supervision_year(deputy)
    client.force_login(staff_user)
    response = client.get(reverse("reports:performance_table"), {"year": 2026})
    table = response.context["table"]
    kinds = [column.kind for column in table.columns]
    assert {"supervision", "training", "research_report"} <= set(kinds)
    rows = {row.deputy: row for row in table}
    assert {kind: rows[deputy].counts[kind] for kind in ("supervision", "training", "research_report")} == {
        "supervision": 3, "training": 2, "research_report": 1}
    assert rows[deputy].score == 3 * 2 + 2 * 1 + 1 * 3 and rows[idle].score == 0
    html = response.content.decode()
    row = re.search(rf'<tr data-deputy="{deputy.pk}">(.*?)</tr>', html, re.S).group(1)
    cells = re.findall(r'<td class="perf-num[^"]*"[^>]*>([^<]+)</td>', row)
    by_kind = dict(zip(kinds, cells))
    assert (by_kind["supervision"], by_kind["training"], by_kind["research_report"]) == ("3", "2", "1")
    assert 'data-score="11"' in row


def test_a_deputys_own_record_lists_each_act_with_a_link_that_opens(client, deputy_user, year_2026):
    deputy = deputy_user.deputy
    supervision_year(deputy)
    client.force_login(deputy_user)
    response = client.get(reverse("reports:my_performance"), {"year": 2026})
    record = response.context["record"]
    counts = {item.column.kind: item.count for item in record.items}
    assert (counts["supervision"], counts["training"], counts["research_report"]) == (3, 2, 1)
    lines = [line for line in record.lines if line.kind in ("supervision", "training", "research_report")]
    assert [line.kind for line in lines] == ["supervision", "training", "supervision", "training", "supervision",
                                             "research_report"]
    html = response.content.decode()
    for text in ("河道保洁视察", "代表法学习", "关于河道治理的调研报告"):
        assert text in html
    for line in lines:
        assert f'href="{line.url}"' in html
        assert client.get(line.url).status_code == 200, line.url
