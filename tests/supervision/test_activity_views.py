"""The activity pages: who may open what (403 for the wrong role, 404 for an activity a deputy did
not take part in), forms that keep what was typed and never answer 500 on bad input, the list
filtered by year, kind, status and topic in the same number of queries for 1 or 10 activities,
and the deputy's own page."""
import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import Role
from supervision.models import Activity, ActivityFile, SatisfactionVote
from tests.factories import DeputyFactory, HandlingUnitFactory, user_with_role
from tests.supervision.factories import (
    ActivityFactory,
    FollowUpFactory,
    PlannedActivityFactory,
    RectificationItemFactory,
    ResearchReportFactory,
    SatisfactionVoteFactory,
    TrainingFactory,
)

from .test_activity_support import (  # noqa: F401 - fixtures
    ACTIVITY_DAY,
    JPEG,
    PDF,
    TODAY,
    deputy_account,
    media,
    member_account,
    presidium_deputy,
    today,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

A = Activity.Status
K = Activity.Kind
ROLES = ["staff_user", "chairman", "presidium_member", "deputy_user", "unit_officer"]
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


def login(client, request, fixture):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    return user


def url(name, *args):
    return reverse(f"supervision:{name}", args=args)


def form_data(**fields):
    data = {"kind": K.INSPECTION, "topic": "农村公路建设视察", "start_date": NEXT_WEEK.isoformat(),
            "end_date": NEXT_WEEK.isoformat(), "place": "各村"}
    data.update(fields)
    return data


# --- who may open what --------------------------------------------------------------------------

@pytest.mark.parametrize("fixture, expected", list(zip(ROLES, [200, 200, 200, 403, 403])))
def test_the_list_is_for_those_who_read_everything(client, request, fixture, expected):
    login(client, request, fixture)
    assert client.get(url("activity_list")).status_code == expected


@pytest.mark.parametrize("fixture, expected", list(zip(ROLES, [200, 200, 200, 404, 404])))
def test_an_activity_is_seen_by_those_who_read_everything(client, request, fixture, expected):
    login(client, request, fixture)
    assert client.get(url("activity_detail", ActivityFactory().pk)).status_code == expected


def test_a_deputy_sees_an_activity_they_took_part_in_or_led_read_only(client):
    user, deputy = deputy_account()
    client.force_login(user)
    took_part = ActivityFactory(participants=[deputy])
    response = client.get(url("activity_detail", took_part.pk))
    assert response.status_code == 200
    assert b'data-action="edit"' not in response.content and b"act-upload" not in response.content
    led = ActivityFactory(leader=deputy)
    assert client.get(url("activity_detail", led.pk)).status_code == 200


def test_an_unknown_activity_answers_not_found(client, staff_user):
    client.force_login(staff_user)
    for name in ("activity_detail", "activity_update", "activity_hold", "activity_cancel", "vote_create"):
        assert client.get(url(name, 999999)).status_code == 404, name
    assert client.get(url("vote_update", 999999)).status_code == 404
    assert client.get(url("activity_file", 999999)).status_code == 404


MANAGER_PAGES = ["activity_update", "activity_hold", "activity_cancel"]


@pytest.mark.parametrize("page", MANAGER_PAGES)
@pytest.mark.parametrize("fixture, expected", list(zip(ROLES, [200, 200, 403, 403, 403])))
def test_only_the_office_opens_the_pages_that_record(client, request, fixture, expected, page):
    login(client, request, fixture)
    assert client.get(url(page, PlannedActivityFactory().pk)).status_code == expected


@pytest.mark.parametrize("page", MANAGER_PAGES)
def test_a_presidium_member_opens_them_for_the_activities_they_lead(client, page):
    user, deputy = member_account()
    client.force_login(user)
    assert client.get(url(page, PlannedActivityFactory(leader=deputy).pk)).status_code == 200
    assert client.get(url(page, PlannedActivityFactory(leader=presidium_deputy()).pk)).status_code == 403


@pytest.mark.parametrize("fixture, expected", list(zip(ROLES, [200, 200, 200, 403, 403])))
def test_planning_is_for_the_office_and_the_presidium_members(client, request, fixture, expected):
    login(client, request, fixture)
    assert client.get(url("activity_create")).status_code == expected


@pytest.mark.parametrize("fixture, expected", list(zip(ROLES, [403, 403, 403, 200, 403])))
def test_my_activities_is_the_deputies_page(client, request, fixture, expected):
    login(client, request, fixture)
    assert client.get(url("my_activities")).status_code == expected


def test_a_deputy_account_without_a_deputy_record_has_no_activities(client):
    client.force_login(user_with_role(Role.DEPUTY))
    assert client.get(url("my_activities")).status_code == 404


# --- the list -----------------------------------------------------------------------------------

def test_the_list_shows_the_current_year_by_default(english, staff_user):
    english.force_login(staff_user)
    this_year = ActivityFactory(topic="今年的视察", units=[HandlingUnitFactory(name="交通站")])
    ActivityFactory(topic="去年的视察", start_date=datetime.date(2025, 9, 1))
    RectificationItemFactory(activity=this_year)
    RectificationItemFactory(activity=this_year, status="verified")
    response = english.get(url("activity_list"))
    assert response.context["year"] == 2026
    assert [a.topic for a in response.context["page_obj"]] == ["今年的视察"]
    row = response.context["page_obj"][0]
    assert (row.items_open, row.items_total) == (1, 2)
    assert "交通站" in response.content.decode() and "1 open of 2" in response.content.decode()
    assert [a.topic for a in english.get(url("activity_list"), {"year": 2025}).context["page_obj"]] == ["去年的视察"]


def test_the_list_filters_by_kind_status_and_topic(client, staff_user):
    client.force_login(staff_user)
    ActivityFactory(topic="饮水安全调研", kind=K.SURVEY)
    PlannedActivityFactory(topic="道路视察", start_date=NEXT_WEEK)

    def topics(**query):
        return [a.topic for a in client.get(url("activity_list"), query).context["page_obj"]]

    assert topics(kind=K.SURVEY) == ["饮水安全调研"]
    assert topics(status=A.PLANNED) == ["道路视察"]
    assert topics(q="饮水") == ["饮水安全调研"]
    assert topics(kind="nonsense", year="abc") == ["道路视察", "饮水安全调研"]  # a bad filter shows the year


def test_the_list_takes_the_same_queries_for_one_or_ten_activities(client, staff_user, django_assert_max_num_queries):
    client.force_login(staff_user)
    units = HandlingUnitFactory.create_batch(4)

    def activity():
        made = ActivityFactory(units=units, leader=DeputyFactory())
        RectificationItemFactory(activity=made)
        return made

    activity()
    with CaptureQueriesContext(connection) as one:
        assert client.get(url("activity_list")).status_code == 200
    for _ in range(9):
        activity()
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url("activity_list"))
    assert len(response.context["page_obj"]) == 10


# --- planning and editing -----------------------------------------------------------------------

def test_the_office_plans_an_activity(client, staff_user):
    client.force_login(staff_user)
    unit, deputy, leader = HandlingUnitFactory(), DeputyFactory(), presidium_deputy()
    response = client.post(url("activity_create"), form_data(units=[unit.pk], participants=[deputy.pk],
                                                             leader=leader.pk))
    activity = Activity.objects.get()
    assert response.status_code == 302 and response.url == url("activity_detail", activity.pk)
    assert activity.status == A.PLANNED and activity.leader == leader
    assert list(activity.units.all()) == [unit] and list(activity.participants.all()) == [deputy]


def test_the_form_keeps_what_was_typed_when_the_end_is_before_the_start(english, staff_user):
    english.force_login(staff_user)
    deputy, unit = DeputyFactory(), HandlingUnitFactory()
    response = english.post(url("activity_create"), form_data(
        end_date=(NEXT_WEEK - datetime.timedelta(days=2)).isoformat(), participants=[deputy.pk], units=[unit.pk],
        plan_note="年度计划第三项"))
    assert response.status_code == 200
    assert "cannot end before it begins" in response.context["form"].errors["end_date"][0]
    html = response.content.decode()
    assert "农村公路建设视察" in html and "年度计划第三项" in html
    assert re.search(rf'value="{deputy.pk}" id="[^"]+" checked', html)
    assert response.context["form"]["participants"].value() == [str(deputy.pk)]
    assert not Activity.objects.exists()


@pytest.mark.parametrize("fields", [
    {"start_date": "明天", "end_date": "abc"},
    {"leader": "999999"},
    {"leader": "x"},
    {"units": ["999999"]},
    {"participants": ["abc"]},
    {"follows": "999999", "kind": K.FOLLOW_UP},
    {"kind": "nonsense"},
    {"topic": ""},
])
def test_bad_input_never_answers_500(client, staff_user, fields):
    client.force_login(staff_user)
    response = client.post(url("activity_create"), form_data(**fields))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_refusal_of_the_service_lands_on_the_form(english, staff_user):
    english.force_login(staff_user)
    not_member = DeputyFactory(name="普通代表")
    response = english.post(url("activity_create"), form_data(leader=not_member.pk))
    assert response.status_code == 200
    assert "not a member of the presidium" in response.context["form"].errors["leader"][0]


def test_a_follow_up_without_the_activity_it_follows_is_refused_on_the_form(english, staff_user):
    english.force_login(staff_user)
    response = english.post(url("activity_create"), form_data(kind=K.FOLLOW_UP))
    assert "must name the earlier activity" in response.context["form"].errors["follows"][0]
    earlier = ActivityFactory()
    response = english.post(url("activity_create"), form_data(kind=K.FOLLOW_UP, follows=earlier.pk))
    assert response.status_code == 302
    assert Activity.objects.get(kind=K.FOLLOW_UP).follows == earlier


def test_a_presidium_member_is_offered_only_themselves_as_leader(client):
    user, deputy = member_account()
    client.force_login(user)
    form = client.get(url("activity_create")).context["form"]
    assert list(form.fields["leader"].queryset) == [deputy]
    assert client.post(url("activity_create"), form_data(leader=deputy.pk)).status_code == 302
    assert Activity.objects.get().leader == deputy


def test_the_edit_page_of_a_held_activity_carries_the_findings_and_opinions(client, staff_user, media):
    client.force_login(staff_user)
    activity = ActivityFactory(summary="察看了道路")
    response = client.get(url("activity_update", activity.pk))
    assert "findings" in response.context["form"].fields
    assert "findings" not in client.get(url("activity_update", PlannedActivityFactory().pk)).context["form"].fields
    data = form_data(start_date=ACTIVITY_DAY.isoformat(), end_date=ACTIVITY_DAY.isoformat(), summary="察看了道路",
                     findings="两处塌方未修复", opinion_text="建议尽快修复", opinion_sent_on="2026-05-20")
    data["opinion_file"] = upload()
    response = client.post(url("activity_update", activity.pk), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.findings == "两处塌方未修复" and activity.opinion_file
    data.pop("opinion_file")
    assert client.post(url("activity_update", activity.pk), {**data, "findings": "一处"}).status_code == 302
    activity.refresh_from_db()
    assert activity.findings == "一处" and activity.opinion_file  # the document stays


# --- holding and cancelling ---------------------------------------------------------------------

def test_an_activity_is_recorded_held(client, staff_user, media):
    client.force_login(staff_user)
    deputy = DeputyFactory()
    activity = PlannedActivityFactory(participants=[deputy])
    response = client.post(url("activity_hold", activity.pk), {
        "start_date": ACTIVITY_DAY.isoformat(), "end_date": ACTIVITY_DAY.isoformat(), "summary": "察看了5个村",
        "findings": "垃圾清运不及时", "participants": [deputy.pk], "opinion_file": upload()})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == A.HELD and activity.findings == "垃圾清运不及时" and activity.opinion_file


def test_holding_ahead_of_time_is_refused_on_the_form_with_everything_kept(english, staff_user):
    english.force_login(staff_user)
    activity = PlannedActivityFactory(start_date=NEXT_WEEK)
    page = english.get(url("activity_hold", activity.pk))
    assert page.context["not_begun"]
    response = english.post(url("activity_hold", activity.pk), {
        "start_date": NEXT_WEEK.isoformat(), "end_date": NEXT_WEEK.isoformat(), "summary": "察看了5个村"})
    assert response.status_code == 200
    assert "has not begun yet" in response.context["form"].errors["start_date"][0]
    assert "察看了5个村" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).status == A.PLANNED


def test_holding_with_bad_input_never_answers_500(client, staff_user):
    client.force_login(staff_user)
    activity = PlannedActivityFactory()
    response = client.post(url("activity_hold", activity.pk), {"start_date": "abc", "end_date": "", "summary": "",
                                                               "participants": ["zz"], "opinion_sent_on": "x"})
    assert response.status_code == 200 and response.context["form"].errors


def test_a_held_activity_has_no_hold_page(client, staff_user):
    client.force_login(staff_user)
    activity = ActivityFactory()
    assert client.get(url("activity_hold", activity.pk)).status_code == 302


def test_cancelling_asks_for_the_reason(english, staff_user):
    english.force_login(staff_user)
    activity = PlannedActivityFactory(start_date=NEXT_WEEK)
    response = english.post(url("activity_cancel", activity.pk), {"reason": "  "})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert english.post(url("activity_cancel", activity.pk), {"reason": "防汛"}).status_code == 302
    assert Activity.objects.get(pk=activity.pk).status == A.CANCELLED


# --- the detail page ----------------------------------------------------------------------------

def test_the_detail_shows_the_chain_the_items_the_votes_the_photos_and_the_reports(client, staff_user, media):
    client.force_login(staff_user)
    activity = ActivityFactory(kind=K.EVALUATION, findings="两处问题")
    later = FollowUpFactory(follows=activity, start_date=datetime.date(2026, 5, 30))
    item = RectificationItemFactory(activity=activity)
    vote = SatisfactionVoteFactory(activity=activity)
    report = ResearchReportFactory(activity=activity)
    photo = ActivityFile.objects.create(activity=activity, file=upload("p.jpg", JPEG), name="p.jpg", is_photo=True)
    html = client.get(url("activity_detail", activity.pk)).content.decode()
    for link in (url("activity_detail", later.pk), reverse("supervision:item_detail", args=[item.pk]),
                 reverse("supervision:item_create", args=[activity.pk]), url("vote_update", vote.pk),
                 reverse("supervision:research_detail", args=[report.pk]), url("activity_file", photo.pk)):
        assert link in html
    assert "86.7%" in html
    back = client.get(url("activity_detail", later.pk)).content.decode()
    assert url("activity_detail", activity.pk) in back


def test_a_deputy_who_took_part_sees_photos_and_opinions_but_no_tools(client, media):
    user, deputy = deputy_account()
    client.force_login(user)
    activity = ActivityFactory(participants=[deputy], opinion_text="审议意见全文")
    activity.opinion_file.save("意见.pdf", upload())
    photo = ActivityFile.objects.create(activity=activity, file=upload("p.jpg", JPEG), name="p.jpg", is_photo=True)
    html = client.get(url("activity_detail", activity.pk)).content.decode()
    assert url("activity_file", photo.pk) in html and url("activity_opinion_file", activity.pk) in html
    assert "审议意见全文" in html
    assert url("activity_file_delete", photo.pk) not in html
    assert reverse("supervision:item_create", args=[activity.pk]) not in html


def test_photos_are_uploaded_on_the_detail_page(client, staff_user, media):
    client.force_login(staff_user)
    activity = ActivityFactory()
    response = client.post(url("activity_files_add", activity.pk),
                           {"files": [upload("a.jpg", JPEG), upload("b.pdf", PDF)], "caption": "现场"})
    assert response.status_code == 302
    assert sorted(ActivityFile.objects.values_list("name", "is_photo")) == [("a.jpg", True), ("b.pdf", False)]


def test_a_bad_upload_shows_its_error_on_the_detail_page(english, staff_user, media):
    english.force_login(staff_user)
    activity = ActivityFactory()
    response = english.post(url("activity_files_add", activity.pk), {"files": [upload("a.jpg", b"nope")],
                                                                      "caption": "现场"})
    assert response.status_code == 200
    assert "not the kind of file" in response.context["files_form"].errors["files"][0]
    assert 'value="现场"' in response.content.decode()
    assert not ActivityFile.objects.exists()
    response = english.post(url("activity_files_add", activity.pk), {"caption": "现场"})
    assert response.status_code == 200 and response.context["files_form"].errors["files"]


def test_a_deputy_cannot_upload_or_remove(client, media):
    user, deputy = deputy_account()
    client.force_login(user)
    activity = ActivityFactory(participants=[deputy])
    photo = ActivityFile.objects.create(activity=activity, file=upload("p.jpg", JPEG), name="p.jpg", is_photo=True)
    assert client.post(url("activity_files_add", activity.pk), {"files": [upload("a.jpg", JPEG)]}).status_code == 403
    assert client.post(url("activity_file_delete", photo.pk)).status_code == 403
    assert ActivityFile.objects.count() == 1


def test_a_file_is_removed_and_its_caption_edited(client, staff_user, media):
    client.force_login(staff_user)
    photo = ActivityFile.objects.create(activity=ActivityFactory(), file=upload("p.jpg", JPEG), name="p.jpg",
                                        is_photo=True)
    assert client.post(url("activity_file_update", photo.pk), {"caption": "村道现场"}).status_code == 302
    assert ActivityFile.objects.get().caption == "村道现场"
    assert client.get(url("activity_file_delete", photo.pk)).status_code == 200
    assert client.post(url("activity_file_delete", photo.pk)).status_code == 302
    assert not ActivityFile.objects.exists()


# --- votes --------------------------------------------------------------------------------------

def vote_data(**fields):
    data = {"subject": "镇政府工作", "held_on": ACTIVITY_DAY.isoformat(), "ballots": "30", "satisfied": "20",
            "basically_satisfied": "6", "unsatisfied": "3"}
    data.update(fields)
    return data


def test_a_vote_is_recorded_from_its_page(client, staff_user):
    client.force_login(staff_user)
    activity = ActivityFactory(kind=K.EVALUATION)
    unit = HandlingUnitFactory(name="财政所")
    assert client.get(url("vote_create", activity.pk)).status_code == 200
    response = client.post(url("vote_create", activity.pk), vote_data(unit=unit.pk, subject=""))
    assert response.status_code == 302
    vote = SatisfactionVote.objects.get()
    assert (vote.subject, vote.result) == ("财政所", SatisfactionVote.Result.SATISFIED)


@pytest.mark.parametrize("fields", [
    {"ballots": "三十"}, {"satisfied": "abc"}, {"unsatisfied": "-1"}, {"ballots": "99999999"},
    {"held_on": "昨天"}, {"unit": "999999"}, {"subject": "", "unit": ""},
])
def test_bad_tallies_never_answer_500(client, staff_user, fields):
    client.force_login(staff_user)
    activity = ActivityFactory(kind=K.EVALUATION)
    response = client.post(url("vote_create", activity.pk), vote_data(**fields))
    assert response.status_code == 200 and response.context["form"].errors
    assert not SatisfactionVote.objects.exists()


def test_tallies_over_the_ballots_are_refused_with_the_figures_kept(english, staff_user):
    english.force_login(staff_user)
    activity = ActivityFactory(kind=K.EVALUATION)
    response = english.post(url("vote_create", activity.pk), vote_data(ballots="20", satisfied="15",
                                                                        basically_satisfied="5", unsatisfied="1"))
    assert response.status_code == 200
    assert "21 votes are counted" in response.context["form"].errors["ballots"][0]
    assert 'value="15"' in response.content.decode()


def test_a_refused_vote_shows_the_services_reason(english, staff_user):
    english.force_login(staff_user)
    activity = ActivityFactory(kind=K.EVALUATION)
    response = english.post(url("vote_create", activity.pk), vote_data(held_on=NEXT_WEEK.isoformat()))
    assert response.status_code == 200 and response.context["form"].errors["held_on"]


def test_a_vote_is_edited_and_removed(client, staff_user):
    client.force_login(staff_user)
    vote = SatisfactionVoteFactory()
    assert client.get(url("vote_update", vote.pk)).status_code == 200
    response = client.post(url("vote_update", vote.pk), vote_data(unit=vote.unit_id, satisfied="5",
                                                                  basically_satisfied="5", unsatisfied="20"))
    assert response.status_code == 302
    assert SatisfactionVote.objects.get().result == SatisfactionVote.Result.UNSATISFIED
    assert client.get(url("vote_delete", vote.pk)).status_code == 200
    assert client.post(url("vote_delete", vote.pk)).status_code == 302
    assert not SatisfactionVote.objects.exists()


@pytest.mark.parametrize("fixture, expected", list(zip(ROLES, [200, 200, 403, 403, 403])))
def test_votes_are_recorded_by_those_who_manage_the_activity(client, request, fixture, expected):
    login(client, request, fixture)
    vote = SatisfactionVoteFactory()
    assert client.get(url("vote_create", vote.activity_id)).status_code == expected
    assert client.get(url("vote_update", vote.pk)).status_code == expected
    assert client.get(url("vote_delete", vote.pk)).status_code == expected


# --- the deputy's page --------------------------------------------------------------------------

def test_my_activities_lists_what_is_coming_then_what_was_held(client):
    user, deputy = deputy_account()
    client.force_login(user)
    soon = PlannedActivityFactory(topic="下周视察", start_date=NEXT_WEEK, participants=[deputy])
    later = PlannedActivityFactory(topic="下月调研", start_date=NEXT_WEEK + datetime.timedelta(days=30),
                                   participants=[deputy])
    off = PlannedActivityFactory(topic="取消的视察", status=A.CANCELLED, start_date=NEXT_WEEK, participants=[deputy])
    held = ActivityFactory(topic="五月视察", participants=[deputy])
    led = ActivityFactory(topic="去年带队的", leader=deputy, start_date=datetime.date(2025, 10, 8))
    ActivityFactory(topic="别人的视察")
    training = TrainingFactory(topic="履职培训", attendees=[deputy])
    response = client.get(url("my_activities"))
    context = response.context
    assert context["upcoming"] == [soon, off, later]
    assert context["held_this_year"] == [held] and context["held_earlier"] == [led]
    html = response.content.decode()
    assert "别人的视察" not in html
    assert reverse("supervision:training_detail", args=[training.pk]) in html


def test_my_activities_takes_the_same_queries_for_few_or_many(client, django_assert_max_num_queries):
    user, deputy = deputy_account()
    client.force_login(user)
    units = HandlingUnitFactory.create_batch(3)
    PlannedActivityFactory(start_date=NEXT_WEEK, participants=[deputy], units=units, leader=presidium_deputy())
    ActivityFactory(participants=[deputy], units=units)
    with CaptureQueriesContext(connection) as few:
        client.get(url("my_activities"))
    for _ in range(5):
        PlannedActivityFactory(start_date=NEXT_WEEK, participants=[deputy], units=units, leader=presidium_deputy())
        ActivityFactory(participants=[deputy], units=units)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("my_activities"))
