"""Rectification items in the daily chase (SPEC §5: "chased by the same machinery and rules as
suggestions"), through core.chase_engine.chase_run with a fixed day, across the 2026 Dragon Boat
holidays (19-21 June): a unit that leaves an item untouched is reminded, yellow and red warnings
follow the deadline, a reported or closed item is left alone, each reminder goes out once and
shows on the item's timeline, and the chase board lists the items under their own kind."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import views_chase
from core.chase_engine import chase_run
from core.models import Notification, Reminder
from core.services import holidays_load_from_package
from supervision import workflow
from supervision.chase import SOURCE_KEY
from supervision.models import RectificationEvent, RectificationItem
from supervision.services import rectification as services
from tests.supervision.test_rectification_setup import fix_today, item_of, people  # noqa: F401

pytestmark = pytest.mark.django_db

K = Reminder.Kind
R = RectificationItem.Status
D = datetime.date
ASSIGNED_ON = D(2026, 6, 17)  # a Wednesday: then the 18th, the Dragon Boat holidays, the 22nd and 23rd
DEADLINE = D(2026, 7, 31)
RED = sorted([(K.OVERDUE, "chairman"), (K.OVERDUE, "czs"), (K.OVERDUE, "member"), (K.OVERDUE, "staff")])


@pytest.fixture(autouse=True)
def holidays_2026(db):
    holidays_load_from_package(from_year=2026, to_year=2026)


def sent(day):
    """Run the chase for `day` and give back the (kind, username) of the reminders of that day."""
    chase_run(today=day)
    return sorted((r.kind, r.recipient.username) for r in Reminder.objects.filter(day=day, source=SOURCE_KEY))


def test_an_item_left_untouched_three_working_days_reminds_the_unit_skipping_the_holidays(people):
    item = item_of(people, assigned_on=ASSIGNED_ON)
    assert sent(D(2026, 6, 19)) == []
    assert sent(D(2026, 6, 22)) == []  # only the second working day after assignment
    assert sent(D(2026, 6, 23)) == [(K.NOT_ACKNOWLEDGED, "czs")]
    reminder = Reminder.objects.get()
    assert reminder.notification.link == f"/supervision/unit/items/{item.pk}/"
    services.item_start(item=item, actor=people["officer"])
    assert sent(D(2026, 6, 30)) == []  # started: no weekly repeat


def test_an_item_due_within_seven_days_gets_the_yellow_warning_to_the_unit(people):
    item_of(people, status=R.IN_PROGRESS, deadline=DEADLINE)
    assert sent(D(2026, 7, 23)) == []  # eight days left: still green
    assert sent(D(2026, 7, 24)) == [(K.DUE_SOON, "czs")]
    assert sent(D(2026, 7, 25)) == []


def test_an_overdue_item_warns_the_unit_the_office_and_the_activity_leader_in_red(people):
    item = item_of(people, status=R.IN_PROGRESS, deadline=DEADLINE)
    assert sent(D(2026, 8, 1)) == RED
    links = dict(Reminder.objects.values_list("recipient__username", "notification__link"))
    assert links["czs"] == f"/supervision/unit/items/{item.pk}/"
    assert links["staff"] == links["member"] == f"/supervision/items/{item.pk}/"
    assert sent(D(2026, 8, 2)) == []
    assert sent(D(2026, 8, 8)) == RED  # repeated weekly while overdue


def test_a_leader_without_a_login_is_simply_not_warned(people):
    leader = people["activity"].leader
    leader.user = None
    leader.save()
    item_of(people, status=R.IN_PROGRESS, deadline=DEADLINE)
    assert sent(D(2026, 8, 1)) == [pair for pair in RED if pair[1] != "member"]


def test_an_item_reported_rectified_gets_no_due_date_warnings(people):
    item_of(people, status=R.RECTIFIED, deadline=DEADLINE, rectified_on=D(2026, 7, 20))
    assert sent(D(2026, 7, 28)) == []
    assert sent(D(2026, 8, 5)) == []


@pytest.mark.parametrize("status", [R.VERIFIED, R.WITHDRAWN])
def test_verified_and_withdrawn_items_are_not_chased(people, status):
    item_of(people, status=status, assigned_on=ASSIGNED_ON, deadline=DEADLINE)
    result = chase_run(today=D(2026, 8, 1))
    assert result.items == 0 and result.total == 0
    assert not Reminder.objects.exists()


def test_a_second_run_the_same_day_sends_nothing_more(people):
    item_of(people, status=R.IN_PROGRESS, deadline=DEADLINE)
    first = chase_run(today=D(2026, 8, 1))
    notifications = Notification.objects.count()
    second = chase_run(today=D(2026, 8, 1))
    assert first.counts[K.OVERDUE] == 4 and first.notified == 4
    assert second.total == 0 and second.notified == 0
    assert Reminder.objects.count() == 4 and Notification.objects.count() == notifications


def test_the_reminder_shows_on_the_item_s_timeline_once_per_kind(people, client):
    item = item_of(people, status=R.IN_PROGRESS, deadline=DEADLINE)
    chase_run(today=D(2026, 8, 1))
    chase_run(today=D(2026, 8, 1))
    [step] = RectificationEvent.objects.filter(item=item)
    assert step.action == workflow.Action.REMIND
    assert all(name in step.comment for name in ("财政所经办人", "人大办", "主席", "李主席团"))
    client.force_login(people["staff"])
    page = client.get(reverse("supervision:item_detail", args=[item.pk])).content.decode()
    assert 'data-action="remind"' in page


# --- the chase board -----------------------------------------------------------------------------

BOARD = reverse("chase_board")


def board(client, user, query="?source=rectification"):
    client.force_login(user)
    return client.get(f"{BOARD}{query}")


def test_the_chase_board_lists_rectification_items_under_their_own_kind_with_their_colour(people, client,
                                                                                          monkeypatch):
    fix_today(monkeypatch, D(2026, 7, 28))
    red = item_of(people, status=R.IN_PROGRESS, deadline=D(2026, 7, 20), problem="红牌的问题")
    yellow = item_of(people, deadline=D(2026, 7, 31), problem="黄牌的问题")
    green = item_of(people, status=R.RECTIFIED, deadline=D(2026, 7, 20), rectified_on=D(2026, 7, 19),
                    problem="已整改的问题")
    item_of(people, status=R.VERIFIED, problem="已验收的问题")
    response = board(client, people["staff"])
    assert response.status_code == 200
    rows = {row.item.item_id: row for row in response.context["board"].rows}
    assert {key: row.colour for key, row in rows.items()} == {red.pk: "red", yellow.pk: "yellow", green.pk: "green"}
    assert {row.item.source for row in rows.values()} == {SOURCE_KEY}
    page = response.content.decode()
    assert f'href="/supervision/items/{red.pk}/"' in page and "已验收的问题" not in page
    assert 'value="rectification"' in page  # the kind is one of the board's filters
    # An item reported rectified waits for the office's verification, not for an answer.
    assert rows[green.pk].done_label == "已整改（待验收）" and "已整改（待验收）" in page


def test_a_unit_officer_s_board_links_to_their_own_item_page(people, client, monkeypatch):
    fix_today(monkeypatch, D(2026, 7, 28))
    item = item_of(people, status=R.IN_PROGRESS, deadline=D(2026, 7, 20))
    item_of(people, unit=people["other_unit"], problem="别的单位的问题")
    page = board(client, people["officer"], "").content.decode()
    assert f'href="/supervision/unit/items/{item.pk}/"' in page and "别的单位的问题" not in page


def test_the_board_s_queries_do_not_grow_with_the_items(people, client, monkeypatch):
    fix_today(monkeypatch, D(2026, 7, 28))
    monkeypatch.setattr(views_chase, "_today", lambda: D(2026, 7, 28))

    def queries():
        client.force_login(people["staff"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{BOARD}?source=rectification").status_code == 200
        return len(captured)

    item_of(people, status=R.IN_PROGRESS, deadline=D(2026, 7, 20))
    one = queries()
    for n in range(9):
        other = people["unit"] if n % 2 else people["other_unit"]
        item_of(people, unit=other, status=R.IN_PROGRESS, deadline=D(2026, 7, 20 + n))
    assert queries() == one
