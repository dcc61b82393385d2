"""What the suggestion pages keep in the cache (motions/caching.py) — an item's likely duplicates,
the counts of the lists, a unit's follow-up list, the statistics' tables — is what they would
compute afresh, and a change shows on the next page read."""
import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import HandlingUnit
from motions.models import Assignment, Suggestion
from motions.selectors.office import SIMILAR_SHOWN, likely_duplicates, office_item_detail
from tests.factories import HandlingUnitFactory, TownshipFactory, user_with_role
from tests.motions.factories import ReplyFactory, SuggestionFactory
from tests.motions.factories_office import accepted, english_messages, fixed_today, submitted  # noqa: F401
from tests.motions.factories_unit import assigned, result_class

from .factories_stats import known_year

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages", "fixed_today")]

S = Suggestion.Status
TITLE = "关于硬化青山村机耕道的建议"


@pytest.fixture(autouse=True)
def in_english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def cache_on(settings):
    settings.MOTIONS_CACHE_SECONDS = 60


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def found(response, name):
    html = response.content.decode()
    marker = f'data-figure="{name}">'
    start = html.index(marker) + len(marker)
    return html[start:html.index("<", start)].strip()


# --- one item's likely duplicates -----------------------------------------------------------------

def test_the_item_page_shows_the_most_alike_items_as_likely_duplicates_puts_them_first():
    item = accepted(1, year=2026, title=TITLE)
    for number in range(2, 14):  # a dozen bearing one title: a tie broken by the oldest first
        accepted(number, year=2026, title="关于硬化青山村机耕道路面的建议")
    for number in range(14, 24):
        accepted(number, year=2026, title="关于青山村机耕道硬化的建议")
    exact = accepted(1, year=2025, title=TITLE)
    submitted(year=2026, title="关于硬化青山村机耕道的意见")  # same words, other boilerplate
    SuggestionFactory(status=S.DRAFT, year=2026, title=TITLE)
    SuggestionFactory(status=S.CLOSED, year=2024, title=TITLE, number=5)  # two years back
    merged = SuggestionFactory(status=S.MERGED, year=2026, title=TITLE, merged_into=item)
    accepted(30, year=2026, title="关于增设村卫生室的建议")

    detail = office_item_detail(item)
    expected = likely_duplicates(item, earlier_only=False, limit=SIMILAR_SHOWN)
    assert len(expected) == SIMILAR_SHOWN
    assert [(other.pk, other.similarity_percent) for other in detail["similar"]] == [
        (other.pk, other.similarity_percent) for other in expected]
    assert detail["similar"][0].pk == exact.pk and detail["similar"][0].proposer.name == exact.proposer.name
    assert [other.pk for other in detail["merged_items"]] == [merged.pk]


def test_the_item_page_shows_a_new_likely_duplicate_at_once(cache_on, staff):
    item = accepted(1, year=2026, title=TITLE)
    alike = accepted(2, year=2026, title="关于青山村机耕道硬化的建议")
    page = staff.get(reverse("motions:office_item", args=[item.pk]))
    assert [other.pk for other in page.context["similar"]] == [alike.pk]
    newer = submitted(year=2026, title=TITLE)
    page = staff.get(reverse("motions:office_item", args=[item.pk]))
    assert [other.pk for other in page.context["similar"]] == [newer.pk, alike.pk]
    newer.proposer.name = "改名的代表"
    newer.proposer.save()
    assert "改名的代表" in staff.get(reverse("motions:office_item", args=[item.pk])).content.decode()


# --- the counts of the lists ------------------------------------------------------------------------

def test_the_lists_count_a_new_item_at_once(cache_on, staff, client):
    for number in range(1, 4):
        accepted(number, year=2026)
    page = reverse("motions:office_item_list")
    assert found(staff.get(page), "found") == "3 items"
    assert found(staff.get(page, {"year": 2026, "status": S.ACCEPTED}), "found") == "3 items"
    accepted(4, year=2026)
    assert found(staff.get(page), "found") == "4 items"
    assert found(staff.get(page, {"year": 2026, "status": S.ACCEPTED}), "found") == "4 items"
    assert found(staff.get(page, {"year": 2026, "status": S.ASSIGNED}), "found") == "0 items"


def test_the_public_list_counts_and_offers_what_is_published_now(cache_on, client):
    TownshipFactory()
    shown = SuggestionFactory(status=S.CLOSED, year=2026, number=1, is_published=True)
    lead = Assignment.objects.create(suggestion=shown, unit=HandlingUnitFactory(name="交通办"), role="lead",
                                     status="replied", assigned_at=datetime.date(2026, 2, 1),
                                     due_date=datetime.date(2026, 5, 1))
    page = reverse("motions:public_list")
    response = client.get(page, {"year": 2026})
    assert response.context["page_obj"].paginator.count == 1
    assert list(response.context["form"].fields["unit"].queryset) == [lead.unit]
    later = SuggestionFactory(status=S.CLOSED, year=2026, number=2, is_published=True)
    Assignment.objects.create(suggestion=later, unit=HandlingUnitFactory(name="财政所"), role="lead",
                              status="replied", assigned_at=datetime.date(2026, 2, 1),
                              due_date=datetime.date(2026, 5, 1))
    response = client.get(page, {"year": 2026})
    assert response.context["page_obj"].paginator.count == 2
    assert {unit.name for unit in response.context["form"].fields["unit"].queryset} == {"交通办", "财政所"}


# --- the unit's pages ---------------------------------------------------------------------------------

def test_the_units_counts_and_follow_up_list_change_at_once(cache_on, client):
    unit = HandlingUnitFactory()
    client.force_login(user_with_role("unit_officer", handling_unit=unit))
    answer = ReplyFactory(assignment=assigned(unit, status=Assignment.Status.REPLIED,
                                              item=SuggestionFactory(status=S.REPLIED, number=1)),
                          result_class=result_class("B"), promised_date=datetime.date(2026, 9, 30))
    assert f'data-reply="{answer.pk}"' in client.get(reverse("motions:unit_follow_up")).content.decode()
    assert client.get(reverse("motions:unit_items")).context["counts"]["all"] == 1
    answer.promise_kept_on = datetime.date(2026, 9, 1)
    answer.save()
    assert f'data-reply="{answer.pk}"' not in client.get(reverse("motions:unit_follow_up")).content.decode()
    assigned(unit, item=SuggestionFactory(status=S.ASSIGNED, number=2))
    assert client.get(reverse("motions:unit_items")).context["counts"]["all"] == 2


# --- the statistics' tables -----------------------------------------------------------------------------

def test_the_statistics_tables_show_a_renamed_unit_at_once(cache_on, staff):
    TownshipFactory()
    known_year()
    page = staff.get(reverse("motions:stats_overview"), {"year": 2026})
    assert 'data-row="财政所"' in page.content.decode()
    unit = HandlingUnit.objects.get(pk=next(row.key for row in page.context["stats"].by_unit if row.label == "财政所"))
    unit.name = "财政所（新）"
    unit.save()
    html = staff.get(reverse("motions:stats_overview"), {"year": 2026}).content.decode()
    assert 'data-row="财政所（新）"' in html and 'data-row="财政所"' not in html
    report = staff.get(reverse("motions:public_report"), {"year": 2026}).content.decode()
    assert 'data-row="财政所（新）"' in report
