"""The office's rectification pages (SPEC §5): the list with its filters, counts and colours; one
item with its reports, photos, timeline and action forms; recording items from an activity one
after another; editing. Wrong roles get 403, items a person may not see 404, bad input never a
500, and the list's queries do not grow with its rows."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import chase
from supervision.chase import chase_item
from supervision.models import RectificationItem
from supervision.selectors import rectification as selectors
from supervision.services import rectification as services
from tests.supervision.factories import ActivityFactory, PlannedActivityFactory, RectificationReportFactory
from tests.supervision.test_rectification_setup import (  # noqa: F401
    JPEG,
    PDF,
    TODAY,
    item_of,
    media,
    people,
    today,
    upload,
)

pytestmark = pytest.mark.django_db

R = RectificationItem.Status
D = datetime.date
LIST = reverse("supervision:item_list")


def detail(item):
    return reverse("supervision:item_detail", args=[item.pk])


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def shown(response):
    return [row.item.pk for row in response.context["rows"]]


# --- the list ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["officer", "deputy"])
def test_the_list_is_for_those_who_read_everything(client, people, today, kind):
    assert get(client, people[kind], LIST).status_code == 403


@pytest.mark.parametrize("kind", ["staff", "chairman", "member"])
def test_the_office_and_presidium_members_see_every_item_open_first_by_deadline(client, people, today, kind):
    late = item_of(people, deadline=D(2026, 9, 1))
    soon = item_of(people, deadline=D(2026, 6, 5), unit=people["other_unit"])
    closed = item_of(people, status=R.VERIFIED, deadline=D(2026, 6, 2))
    waiting = item_of(people, status=R.RECTIFIED, deadline=D(2026, 6, 3), rectified_on=D(2026, 5, 30))
    response = get(client, people[kind], LIST)
    assert response.status_code == 200
    assert shown(response) == [soon.pk, late.pk, waiting.pk, closed.pk]


def test_the_list_filters_by_status_unit_year_and_colour(client, people, today):
    red = item_of(people, status=R.IN_PROGRESS, deadline=D(2026, 5, 20))
    yellow = item_of(people, deadline=D(2026, 6, 8))
    green = item_of(people, deadline=D(2026, 9, 1), unit=people["other_unit"])
    verified = item_of(people, status=R.VERIFIED, deadline=D(2026, 5, 20))
    old = item_of(people, activity=ActivityFactory(start_date=D(2025, 10, 9)), assigned_on=D(2025, 10, 9),
                  deadline=D(2025, 12, 31), status=R.WITHDRAWN)
    client.force_login(people["staff"])

    def ids(query):
        return set(shown(client.get(f"{LIST}?{query}")))

    assert ids("status=open") == {red.pk, yellow.pk, green.pk}
    assert ids("status=verified") == {verified.pk}
    assert ids(f"unit={people['other_unit'].pk}") == {green.pk}
    assert ids("year=2025") == {old.pk}
    assert ids("colour=red") == {red.pk}  # a verified item past its deadline is not red
    assert ids("colour=yellow") == {yellow.pk}
    counts = client.get(LIST).context["counts"]
    assert (counts["open"], counts["red"], counts["yellow"], counts["verified"], counts["withdrawn"]) == (3, 1, 1, 1, 1)


def test_the_sql_colour_filter_agrees_with_the_chase_colours(people, today):
    for deadline in (D(2026, 5, 20), D(2026, 6, 1), D(2026, 6, 8), D(2026, 6, 9), D(2026, 9, 1)):
        for status in (R.PENDING, R.IN_PROGRESS, R.RECTIFIED):
            item_of(people, status=status, deadline=deadline, rectified_on=D(2026, 5, 19) if status == R.RECTIFIED else None)
    items = RectificationItem.objects.select_related("activity__leader")
    for colour in ("red", "yellow"):
        by_sql = set(selectors.office_items(today=TODAY, colour=colour).values_list("pk", flat=True))
        by_chase = {item.pk for item in items if chase.colour(chase_item(item), TODAY) == colour}
        assert by_sql == by_chase and by_sql


def test_bad_filter_values_are_ignored_not_a_500(client, people, today):
    item = item_of(people)
    response = get(client, people["staff"], f"{LIST}?status=bogus&unit=99999&year=abc&colour=purple&page=x")
    assert response.status_code == 200 and shown(response) == [item.pk]
    assert get(client, people["staff"], f"{LIST}?unit=abc").status_code == 200


def test_the_list_shows_words_as_well_as_colours_and_paginates(english, people, today):
    item_of(people, status=R.IN_PROGRESS, deadline=D(2026, 5, 27), assigned_on=D(2026, 5, 15))
    for _n in range(30):
        item_of(people, deadline=D(2026, 9, 1))
    response = get(english, people["staff"], LIST)
    page = response.content.decode()
    assert "Red card" in page and "5 days overdue" in page and "31 items" in page
    assert len(response.context["rows"]) == 30
    assert len(get(english, people["staff"], f"{LIST}?page=2").context["rows"]) == 1


def test_the_list_s_queries_do_not_grow_with_its_rows(client, people, today):
    def queries():
        client.force_login(people["staff"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{LIST}?status=open").status_code == 200
        return len(captured)

    RectificationReportFactory(item=item_of(people))
    one = queries()
    for n in range(9):
        RectificationReportFactory(item=item_of(people, unit=people["other_unit"] if n % 2 else people["unit"],
                                                activity=ActivityFactory()))
    assert queries() == one <= 12  # session, user, roles, years, items, count, counts, units, page chrome


# --- one item ------------------------------------------------------------------------------------

def test_the_office_sees_reports_with_photo_thumbnails_and_the_forms_the_status_allows(english, people, today, media):
    item = item_of(people, status=R.IN_PROGRESS)
    services.item_claim_done(item=item, text="已全部清运。", files=[upload("清运后.jpg", JPEG), upload("台账.pdf", PDF)],
                             actor=people["officer"])
    page = get(english, people["staff"], detail(item)).content.decode()
    photo, document = item.reports.get().files.order_by("pk")
    assert f'<img src="/supervision/rectification/files/{photo.pk}/"' in page
    assert f'href="/supervision/rectification/files/{document.pk}/"' in page and "台账.pdf" in page
    assert 'data-form="verify"' in page and 'data-form="reject"' in page
    assert 'data-form="extend"' not in page and 'data-form="withdraw"' not in page
    assert reverse("supervision:activity_detail", args=[item.activity.pk]) in page
    assert "Report the rectification done" in page  # the timeline's words


def test_an_open_item_offers_extending_once_and_withdrawing(english, people, today):
    item = item_of(people)
    page = get(english, people["staff"], detail(item)).content.decode()
    assert 'data-form="extend"' in page and 'data-form="withdraw"' in page and 'data-form="verify"' not in page
    assert reverse("supervision:item_update", args=[item.pk]) in page
    services.item_extend(item=item, deadline=D(2026, 9, 30), reason="跨季度施工", actor=people["staff"])
    page = get(english, people["staff"], detail(item)).content.decode()
    assert 'data-form="extend"' not in page and "Extended from 2026-07-31" in page and "跨季度施工" in page


@pytest.mark.parametrize("kind", ["member", "deputy"])
def test_presidium_members_and_deputies_who_took_part_read_without_forms(client, people, today, kind):
    item = item_of(people, status=R.RECTIFIED, rectified_on=D(2026, 5, 30))
    response = get(client, people[kind], detail(item))
    assert response.status_code == 200
    assert "data-form=" not in response.content.decode()


@pytest.mark.parametrize("kind", ["outsider", "other_officer"])
def test_an_item_is_404_to_those_who_may_not_see_it(client, people, today, kind):
    assert get(client, people[kind], detail(item_of(people))).status_code == 404


def test_the_unit_s_officer_is_sent_to_their_own_page(client, people, today):
    item = item_of(people)
    response = get(client, people["officer"], detail(item))
    assert response.status_code == 302 and response.url == reverse("supervision:unit_item", args=[item.pk])


def test_files_are_served_only_to_those_who_may_see_the_item(client, people, today, media):
    item = item_of(people)
    services.item_report(item=item, text="进展", files=[upload()], actor=people["officer"])
    url = reverse("supervision:rectification_file", args=[item.reports.get().files.get().pk])
    for kind in ("staff", "member", "deputy", "officer"):
        assert get(client, people[kind], url).status_code == 200
    for kind in ("outsider", "other_officer"):
        assert get(client, people[kind], url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


# --- the office's actions ------------------------------------------------------------------------

def post(client, user, name, item, data):
    client.force_login(user)
    return client.post(reverse(f"supervision:{name}", args=[item.pk]), data)


def test_verifying_from_the_page(client, people, today):
    item = item_of(people, status=R.RECTIFIED, rectified_on=D(2026, 5, 30))
    response = post(client, people["chairman"], "item_verify", item, {"comment": "现场核查"})
    assert response.status_code == 302 and response.url == detail(item)
    item.refresh_from_db()
    assert (item.status, item.verified_by) == (R.VERIFIED, people["chairman"])


def test_sending_back_without_a_reason_shows_the_error_on_the_open_panel(english, people, today):
    item = item_of(people, status=R.RECTIFIED, rectified_on=D(2026, 5, 30))
    response = post(english, people["staff"], "item_reject", item, {"reason": "  "})
    assert response.status_code == 200
    assert response.context["panel"] == "reject_form" and response.context["reject_form"].errors["reason"]
    assert '<details class="card portal-card mb-3 rect-panel" id="send-back" open>' in response.content.decode()
    assert RectificationItem.objects.get(pk=item.pk).status == R.RECTIFIED


@pytest.mark.parametrize("deadline", ["2026-02-30", "not a date", "", "2026-07-01"])
def test_a_bad_extension_keeps_the_reason_typed(client, people, today, deadline):
    item = item_of(people)
    response = post(client, people["staff"], "item_extend", item, {"deadline": deadline, "reason": "需要跨季度施工"})
    assert response.status_code == 200
    form = response.context["extend_form"]
    assert form.errors["deadline"] and "需要跨季度施工" in response.content.decode()
    assert RectificationItem.objects.get(pk=item.pk).original_deadline is None


def test_a_second_extension_is_refused_on_the_form(client, people, today):
    item = item_of(people, original_deadline=D(2026, 7, 1))
    response = post(client, people["staff"], "item_extend", item, {"deadline": "2026-12-31", "reason": "再延期"})
    assert response.status_code == 200 and response.context["extend_form"].non_field_errors()


def test_withdrawing_needs_a_reason(client, people, today):
    item = item_of(people)
    assert post(client, people["staff"], "item_withdraw", item, {"reason": ""}).status_code == 200
    assert post(client, people["staff"], "item_withdraw", item, {"reason": "重复录入"}).status_code == 302
    assert RectificationItem.objects.get(pk=item.pk).status == R.WITHDRAWN


@pytest.mark.parametrize("kind", ["member", "officer", "deputy"])
@pytest.mark.parametrize("name", ["item_verify", "item_reject", "item_extend", "item_withdraw"])
def test_only_the_office_may_post_its_actions(client, people, today, kind, name):
    item = item_of(people, status=R.RECTIFIED, rectified_on=D(2026, 5, 30))
    assert post(client, people[kind], name, item, {"reason": "x", "deadline": "2026-12-31"}).status_code == 403
    assert RectificationItem.objects.get(pk=item.pk).status == R.RECTIFIED


def test_an_action_address_opened_in_the_browser_goes_back_to_the_item(client, people, today):
    item = item_of(people)
    response = get(client, people["staff"], reverse("supervision:item_withdraw", args=[item.pk]))
    assert response.status_code == 302 and response.url == detail(item)


# --- recording and editing -----------------------------------------------------------------------

def create_url(activity):
    return reverse("supervision:item_create", args=[activity.pk])


def test_the_form_offers_a_deadline_three_months_ahead(client, people, today):
    response = get(client, people["staff"], create_url(people["activity"]))
    assert response.status_code == 200
    assert response.context["form"]["deadline"].value() == D(2026, 9, 1)


def test_problems_are_recorded_one_after_another(client, people, today):
    url = create_url(people["activity"])
    data = {"problem": "垃圾收集点未清运", "requirement": "", "unit": people["unit"].pk, "deadline": "2026-08-31",
            "another": "1"}
    response = post(client, people["staff"], "item_create", people["activity"], data)
    assert response.status_code == 302 and response.url == f"{url}?deadline=2026-08-31"
    page = client.get(response.url)
    assert page.context["form"]["deadline"].value() == D(2026, 8, 31)
    assert "垃圾收集点未清运" in page.content.decode()  # among the items recorded so far
    data.pop("another")
    data["problem"] = "公厕无人管护"
    response = client.post(url, data)
    second = RectificationItem.objects.get(problem="公厕无人管护")
    assert response.url == detail(second)
    assert RectificationItem.objects.count() == 2


@pytest.mark.parametrize(("field", "value"), [("unit", "99999"), ("unit", "abc"), ("deadline", "2026-13-01"),
                                              ("deadline", "2026-05-01"), ("problem", "   ")])
def test_bad_input_on_the_record_form_keeps_what_was_typed(client, people, today, field, value):
    data = {"problem": "村道两侧垃圾堆放", "requirement": "限期清理", "unit": people["unit"].pk,
            "deadline": "2026-08-31", field: value}
    response = post(client, people["staff"], "item_create", people["activity"], data)
    assert response.status_code == 200 and response.context["form"].errors[field]
    page = response.content.decode()
    assert "限期清理" in page
    if field != "problem":
        assert "村道两侧垃圾堆放" in page
    assert not RectificationItem.objects.exists()


def test_an_activity_not_yet_held_takes_no_items(client, people, today):
    activity = PlannedActivityFactory(start_date=D(2026, 6, 20))
    response = get(client, people["staff"], create_url(activity))
    assert response.status_code == 200 and not response.context["held"]
    data = {"problem": "问题", "unit": people["unit"].pk, "deadline": "2026-09-30"}
    response = client.post(create_url(activity), data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not RectificationItem.objects.exists()


@pytest.mark.parametrize("kind", ["member", "officer", "deputy"])
def test_only_the_office_records_items(client, people, today, kind):
    assert get(client, people[kind], create_url(people["activity"])).status_code == 403


def test_recording_for_an_unknown_activity_is_404(client, people, today):
    assert get(client, people["staff"], reverse("supervision:item_create", args=[99999])).status_code == 404


def test_editing_an_item_before_the_unit_starts(client, people, today):
    item = item_of(people)
    url = reverse("supervision:item_update", args=[item.pk])
    assert get(client, people["staff"], url).context["form"]["problem"].value() == item.problem
    response = client.post(url, {"problem": "更正后的问题", "requirement": "", "unit": people["other_unit"].pk,
                                 "deadline": "2026-07-31"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.problem, item.unit) == ("更正后的问题", people["other_unit"])


def test_an_item_the_unit_has_started_is_not_edited(client, people, today):
    item = item_of(people, status=R.IN_PROGRESS)
    response = get(client, people["staff"], reverse("supervision:item_update", args=[item.pk]))
    assert response.status_code == 302 and response.url == detail(item)
    assert get(client, people["member"], reverse("supervision:item_update", args=[item.pk])).status_code == 403
