"""The unit officer's rectification pages (SPEC §5), used from a phone: only their own unit's items,
open ones first by deadline with their colour and days left, a tab for closed ones; one item with
the activity's topic and opinions, the start button, a progress report with several photos, and
the report that it is done. Another unit's item is 404, another role 403, bad input never a 500."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import files as core_files
from core.models import Notification
from supervision.models import RectificationFile, RectificationItem
from supervision.services import rectification as services
from tests.supervision.factories import ActivityFactory
from tests.supervision.test_rectification_setup import (  # noqa: F401
    JPEG,
    PDF,
    PNG,
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
LIST = reverse("supervision:unit_items")


def page_of(item):
    return reverse("supervision:unit_item", args=[item.pk])


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def post(client, name, item, data):
    return client.post(reverse(f"supervision:{name}", args=[item.pk]), data)


# --- the list ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["staff", "member", "deputy"])
def test_the_unit_pages_are_for_unit_officers(client, people, today, kind):
    item = item_of(people)
    assert get(client, people[kind], LIST).status_code == 403
    assert get(client, people[kind], page_of(item)).status_code == 403


def test_the_list_shows_only_the_unit_s_open_items_in_hand_first_by_deadline(english, people, today):
    later = item_of(people, deadline=D(2026, 9, 1))
    overdue = item_of(people, status=R.IN_PROGRESS, deadline=D(2026, 5, 29))
    waiting = item_of(people, status=R.RECTIFIED, deadline=D(2026, 5, 20), rectified_on=D(2026, 5, 19))
    soon = item_of(people, deadline=D(2026, 6, 4))
    closed = item_of(people, status=R.VERIFIED)
    item_of(people, unit=people["other_unit"], problem="别的单位的问题")
    response = get(english, people["officer"], LIST)
    assert [row.item.pk for row in response.context["rows"]] == [overdue.pk, soon.pk, later.pk, waiting.pk]
    page = response.content.decode()
    assert "别的单位的问题" not in page
    assert "3 days overdue" in page and "3 days left" in page and "Red card" in page and "Yellow card" in page
    done = get(english, people["officer"], f"{LIST}?show=done")
    assert [row.item.pk for row in done.context["rows"]] == [closed.pk]
    assert response.context["counts"] == {"open": 4, "done": 1, "to_start": 2}


def test_a_bad_tab_shows_the_open_items(client, people, today):
    item = item_of(people)
    response = get(client, people["officer"], f"{LIST}?show=everything&page=abc")
    assert response.status_code == 200 and [row.item.pk for row in response.context["rows"]] == [item.pk]


def test_an_officer_without_a_unit_is_told_to_ask_the_office(client, people, today):
    people["officer"].handling_unit = None
    people["officer"].save()
    response = get(client, people["officer"], LIST)
    assert response.status_code == 200 and response.context["unit"] is None


def test_the_list_s_queries_do_not_grow_with_its_rows(client, people, today):
    def queries():
        client.force_login(people["officer"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    item_of(people)
    one = queries()
    for n in range(9):
        item_of(people, activity=ActivityFactory(), deadline=D(2026, 6, 1 + n), status=R.IN_PROGRESS)
    assert queries() == one <= 11


# --- one item ------------------------------------------------------------------------------------

def test_another_unit_s_item_is_404(client, people, today):
    item = item_of(people)
    assert get(client, people["other_officer"], page_of(item)).status_code == 404
    client.force_login(people["other_officer"])
    assert post(client, "unit_item_start", item, {}).status_code == 404
    assert post(client, "unit_item_report", item, {"text": "x"}).status_code == 404
    assert post(client, "unit_item_done", item, {"text": "x"}).status_code == 404
    assert RectificationItem.objects.get(pk=item.pk).status == R.PENDING


def test_the_item_shows_the_activity_s_topic_and_opinions_and_the_start_button(english, people, today):
    item = item_of(people)
    page = get(english, people["officer"], page_of(item)).content.decode()
    assert "农村人居环境整治视察" in page and "建议财政所加大人居环境整治资金投入。" in page
    assert 'data-form="start"' in page and 'data-form="report"' in page and 'data-form="done"' in page
    assert reverse("supervision:activity_detail", args=[item.activity.pk]) not in page  # not theirs to open


def test_starting_from_the_page(client, people, today):
    item = item_of(people)
    client.force_login(people["officer"])
    response = post(client, "unit_item_start", item, {})
    assert response.status_code == 302 and response.url == page_of(item)
    assert RectificationItem.objects.get(pk=item.pk).status == R.IN_PROGRESS
    response = post(client, "unit_item_start", item, {})  # a second tap: said, not a 500
    assert response.status_code == 302
    assert 'data-form="start"' not in client.get(page_of(item)).content.decode()


def test_a_progress_report_with_several_photos_at_once(client, people, today, media):
    item = item_of(people)
    client.force_login(people["officer"])
    data = {"text": "已清运两处，剩余一处本周完成。", "files": [upload("清运前.jpg", JPEG), upload("清运后.png", PNG)]}
    response = post(client, "unit_item_report", item, data)
    assert response.status_code == 302
    assert RectificationItem.objects.get(pk=item.pk).status == R.IN_PROGRESS
    assert sorted(RectificationFile.objects.values_list("name", flat=True)) == ["清运前.jpg", "清运后.png"]
    page = client.get(page_of(item)).content.decode()
    assert page.count('<img src="/supervision/rectification/files/') == 2


@pytest.mark.parametrize("name", ["unit_item_report", "unit_item_done"])
def test_a_report_without_text_keeps_the_page_and_asks_for_the_files_again(english, people, today, media, name):
    item = item_of(people, status=R.IN_PROGRESS)
    english.force_login(people["officer"])
    response = post(english, name, item, {"text": "  ", "files": [upload()]})
    assert response.status_code == 200
    form = response.context["done_form" if name == "unit_item_done" else "report_form"]
    assert form.errors["text"]
    assert 'data-note="files-again"' in response.content.decode()
    assert not RectificationFile.objects.exists()


def test_a_disguised_file_is_refused_and_the_text_kept(english, people, today, media):
    item = item_of(people, status=R.IN_PROGRESS)
    english.force_login(people["officer"])
    disguised = upload("整改报告.pdf", b"plain text pretending to be a PDF")
    response = post(english, "unit_item_report", item, {"text": "整改报告见附件", "files": [disguised]})
    assert response.status_code == 200
    assert response.context["report_form"].errors["files"]
    page = response.content.decode()
    assert "整改报告见附件" in page and "is not the kind of file its name says" in page
    assert not item.reports.exists()


def test_an_oversized_file_is_refused(client, people, today, media, monkeypatch):
    monkeypatch.setattr(core_files, "MAX_UPLOAD_BYTES", 1024)  # 10 MB in the portal; 1 KB here
    item = item_of(people, status=R.IN_PROGRESS)
    client.force_login(people["officer"])
    big = upload("现场.jpg", JPEG + b"\x00" * 2048)
    response = post(client, "unit_item_done", item, {"text": "已完成", "files": [big]})
    assert response.status_code == 200 and response.context["done_form"].errors["files"]
    assert RectificationItem.objects.get(pk=item.pk).status == R.IN_PROGRESS


def test_reporting_done_without_a_file_tells_the_office(client, people, today, media):
    item = item_of(people, status=R.IN_PROGRESS)
    client.force_login(people["officer"])
    response = post(client, "unit_item_done", item, {"text": "已全部整改到位。"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.rectified_on) == (R.RECTIFIED, TODAY)
    assert Notification.objects.filter(recipient=people["staff"], kind="supervision.item_rectified").exists()
    page = client.get(page_of(item)).content.decode()
    assert 'data-form="done"' not in page and 'data-form="report"' not in page


def test_reporting_done_twice_is_refused_on_the_form_not_a_500(client, people, today):
    item = item_of(people, status=R.RECTIFIED, rectified_on=D(2026, 5, 30))
    client.force_login(people["officer"])
    response = post(client, "unit_item_done", item, {"text": "再次报告"})
    assert response.status_code == 200 and response.context["done_form"].non_field_errors()
    assert not item.reports.exists()


def test_a_sent_back_item_says_why_at_the_top(english, people, today):
    item = item_of(people, status=R.RECTIFIED, rectified_on=D(2026, 5, 30))
    services.item_reject(item=item, reason="第二处仍有垃圾堆放", actor=people["staff"])
    page = get(english, people["officer"], page_of(item)).content.decode()
    assert 'data-field="sent-back"' in page and "第二处仍有垃圾堆放" in page


def test_action_addresses_opened_in_the_browser_go_back_to_the_item(client, people, today):
    item = item_of(people)
    for name in ("unit_item_start", "unit_item_report", "unit_item_done"):
        response = get(client, people["officer"], reverse(f"supervision:{name}", args=[item.pk]))
        assert response.status_code == 302 and response.url == page_of(item)
    assert RectificationItem.objects.get(pk=item.pk).status == R.PENDING
