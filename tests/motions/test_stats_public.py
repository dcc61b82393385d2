"""The public page: published items with their replies for anyone without an account, searchable
by year, category and unit; nothing unpublished and no personal data beyond the proposer's name;
the year's figures and the yearly handling report (组织法 Art. 42)."""
import datetime

import pytest
from django.utils import translation
from django.urls import reverse

from motions.models import Assignment, Suggestion
from tests.deputies.factories import VoterReceptionFactory
from tests.factories import DeputyFactory, HandlingUnitFactory

from .factories_stats import CO, ConfirmedCoSignerFactory, assign, category, item, known_year, reply

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def in_english(settings):
    """Pages and services speak English here, so wording assertions hold whatever the catalogue says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


S = Suggestion.Status
LIST = reverse("motions:public_list")
REPORT = reverse("motions:public_report")


def detail(suggestion):
    return reverse("motions:public_detail", args=[suggestion.pk])


def published(status=S.CLOSED, *, unit=None, code="A", **fields):
    fields.setdefault("category", category("农业农村"))
    suggestion = item(status, is_published=True, **fields)
    if unit is not None:
        lead = assign(suggestion, unit)
        if status in (S.REPLIED, S.CLOSED):
            reply(lead, code)
    return suggestion


def titles(response):
    return [suggestion.title for suggestion in response.context["page_obj"]]


# --- anyone may read, and only what was published ------------------------------------------------

def test_anyone_without_an_account_reads_the_list_the_item_and_the_report(client):
    shown = published(unit=HandlingUnitFactory(name="财政所"), title="关于硬化机耕道的建议")
    response = client.get(LIST)
    assert response.status_code == 200 and titles(response) == ["关于硬化机耕道的建议"]
    assert client.get(detail(shown)).status_code == 200
    assert client.get(REPORT).status_code == 200


def test_unpublished_items_and_drafts_are_not_there(client):
    hidden = item(S.CLOSED, category=None, title="未公开的建议")
    draft = item(S.DRAFT, category=None, is_published=True, title="草稿")
    response = client.get(LIST)
    assert titles(response) == []
    assert client.get(detail(hidden)).status_code == 404
    assert client.get(detail(draft)).status_code == 404
    assert client.get(reverse("motions:public_detail", args=[999999])).status_code == 404


def test_the_pages_answer_only_reading(client):
    assert client.post(LIST).status_code == 405
    assert client.post(REPORT).status_code == 405


def test_signed_in_people_read_it_too(client, deputy_user):
    shown = published(unit=HandlingUnitFactory(name="财政所"))
    client.force_login(deputy_user)
    assert client.get(detail(shown)).status_code == 200


# --- no personal data ---------------------------------------------------------------------------------

def test_the_item_shows_the_proposer_s_name_and_the_reply_but_no_personal_data(client):
    deputy = DeputyFactory(name="张德福", phone="13907310004")
    co_signer = ConfirmedCoSignerFactory(deputy=DeputyFactory(name="李联名", phone="13900000009")).deputy
    unit = HandlingUnitFactory(name="财政所", phone="0731-86120002")
    shown = published(unit=unit, proposer=deputy, code="B", title="关于提高补贴的建议")
    ConfirmedCoSignerFactory(suggestion=shown, deputy=co_signer)
    assign(shown, HandlingUnitFactory(name="农业农村综合服务中心"), role=CO, status=Assignment.Status.OPINION_SENT)
    html = client.get(detail(shown)).content.decode()
    assert "张德福" in html and "财政所" in html and "农业农村综合服务中心" in html
    assert "已安排资金硬化机耕道" in html  # the reply's text
    for private in ("13907310004", "13900000009", "李联名", "0731-86120002"):
        assert private not in html
    listed = client.get(LIST).content.decode()
    assert "张德福" in listed and "13907310004" not in listed and "李联名" not in listed


def test_a_letter_writer_and_a_voter_stay_unnamed(client):
    letter = published(source=Suggestion.Source.LETTER_VISIT, proposer=None, petitioner="来信人潘某某",
                       unit=HandlingUnitFactory(name="镇中心学校"))
    reception = VoterReceptionFactory(matters=[])
    from deputies.models import ReceptionMatter

    matter = ReceptionMatter.objects.create(reception=reception, raised_by="选民王某某", content="山塘需要清淤")
    from_voters = published(source=Suggestion.Source.RECEPTION, reception_matter=matter,
                            unit=HandlingUnitFactory(name="自然资源所"))
    for shown in (letter, from_voters):
        html = client.get(detail(shown)).content.decode()
        assert "潘某某" not in html and "王某某" not in html
    assert "潘某某" not in client.get(LIST).content.decode()


# --- search -------------------------------------------------------------------------------------------

@pytest.fixture
def shelf(db):
    finance, land = HandlingUnitFactory(name="财政所", sort_order=2), HandlingUnitFactory(name="自然资源所", sort_order=4)
    farming, building = category("农业农村"), category("城乡建设")
    items = {
        "road": published(unit=land, category=building, title="关于硬化产业路的建议", content="果园产业路泥泞"),
        "subsidy": published(unit=finance, category=farming, title="关于提高农机补贴的建议"),
        "pond": published(S.ASSIGNED, unit=land, category=farming, title="关于山塘清淤的建议"),
        "older": published(unit=finance, category=farming, title="关于路灯的建议", year=2025,
                           submitted_on=datetime.date(2025, 3, 1)),
    }
    return items, finance, land, farming, building


def test_the_newest_year_is_shown_first_and_any_year_can_be_picked(client, shelf):
    items, *_ = shelf
    assert titles(client.get(LIST)) == ["关于硬化产业路的建议", "关于提高农机补贴的建议", "关于山塘清淤的建议"]
    assert titles(client.get(LIST, {"year": 2025})) == ["关于路灯的建议"]


def test_search_by_category_by_unit_and_by_words(client, shelf):
    items, finance, land, farming, building = shelf
    assert titles(client.get(LIST, {"category": building.pk})) == ["关于硬化产业路的建议"]
    assert titles(client.get(LIST, {"unit": land.pk})) == ["关于硬化产业路的建议", "关于山塘清淤的建议"]
    assert titles(client.get(LIST, {"unit": finance.pk, "category": farming.pk})) == ["关于提高农机补贴的建议"]
    assert titles(client.get(LIST, {"text": "产业路"})) == ["关于硬化产业路的建议"]
    assert titles(client.get(LIST, {"text": "泥泞"})) == ["关于硬化产业路的建议"]


def test_a_bad_search_value_is_dropped_not_an_error(client, shelf):
    response = client.get(LIST, {"year": "abc", "category": "999999", "unit": "x"})
    assert response.status_code == 200 and len(titles(response)) == 3


def test_a_unit_leading_no_published_item_is_not_offered(client, shelf):
    HandlingUnitFactory(name="镇卫生院")
    units = [unit.name for unit in client.get(LIST).context["form"].fields["unit"].queryset]
    assert units == ["财政所", "自然资源所"]


def test_the_pages_keep_the_search(client, shelf):
    items, finance, land, farming, building = shelf
    for number in range(12):
        published(unit=finance, category=farming, title=f"关于第{number}件事的建议")
    response = client.get(LIST, {"category": farming.pk, "text": "建议"})
    assert response.context["page_obj"].paginator.count == 14 and len(titles(response)) == 10
    html = response.content.decode()
    assert f'href="?year=2026&amp;category={farming.pk}&amp;text=%E5%BB%BA%E8%AE%AE&amp;page=2"' in html
    assert len(titles(client.get(LIST, {"category": farming.pk, "text": "建议", "page": 2}))) == 4


def test_the_list_shows_the_latest_reply_and_the_lead_unit(client, shelf):
    response = client.get(LIST)
    by_title = {suggestion.title: suggestion for suggestion in response.context["page_obj"]}
    assert by_title["关于提高农机补贴的建议"].lead_unit_name == "财政所"
    assert [answer.result_class.code for answer in by_title["关于提高农机补贴的建议"].public_replies] == ["A"]
    assert by_title["关于山塘清淤的建议"].public_replies == []


def test_the_number_of_queries_does_not_grow_with_the_items(client, django_assert_num_queries):
    unit = HandlingUnitFactory(name="财政所")
    published(unit=unit)
    with django_assert_num_queries(QUERIES):
        client.get(LIST)
    for number in range(9):
        shown = published(unit=HandlingUnitFactory(name=f"单位{number}"), category=category(f"类别{number}"))
        assign(shown, unit, role=CO)
    with django_assert_num_queries(QUERIES):
        response = client.get(LIST)
    assert len(titles(response)) == 10


# The township of the layout; the years, the categories and the units of the search; the count,
# the items and their replies; the year's figures (the result classes and one aggregate: the list
# shows no table).
QUERIES = 1 + 3 + 3 + 2


# --- the year's figures and the yearly report --------------------------------------------------------

def test_the_list_shows_the_year_s_figures(client):
    known_year()
    html = client.get(LIST, {"year": 2026}).content.decode()
    for name, value in (("received", "16"), ("assigned", "10"), ("replied", "8"), ("reply-rate", "80.0%"),
                        ("satisfaction-rate", "83.3%")):
        assert f'data-figure="{name}">{value}<' in html


def test_the_yearly_report_shows_every_figure_and_the_tables_by_unit_and_category(client):
    known_year()
    response = client.get(REPORT, {"year": 2026})
    html = response.content.decode()
    assert 'data-figure="received">16<' in html and 'data-figure="close-rate">60.0%<' in html
    assert [table.key for table in response.context["tables"]] == ["unit", "category"]
    assert "财政所" in html and "社会事业" in html
    assert "In 2026, 16 items were received and 12 accepted; 10 were assigned" in response.context["summary"]
    assert "reply rate 80.0%" in response.context["summary"]
    assert client.get(REPORT, {"year": 2025}).context["figures"].received == 1


def test_the_report_of_a_year_without_items(client):
    response = client.get(REPORT)
    assert response.status_code == 200
    assert "reply rate —" in response.context["summary"]
