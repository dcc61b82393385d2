"""The office's forms for items it enters itself: matters raised at receptions, letters and
visits, motions of the presidium or the government. What was typed is kept on an error."""
import pytest
from django.utils import translation
from django.urls import reverse

from core.roles import Role
from motions.models import Category, Suggestion
from tests.factories import DeputyFactory, user_with_role
from tests.motions.factories_office import VoterReceptionFactory, english_messages, fixed_today, submitted  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages", "fixed_today")]


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def category():
    return Category.objects.get_or_create(name="农业农村")[0]


@pytest.mark.parametrize("name", ["office_reception_matters", "office_letter_create", "office_motion_create"])
@pytest.mark.parametrize("role", [Role.PRESIDIUM_MEMBER, Role.DEPUTY, Role.UNIT_OFFICER])
def test_only_the_office_enters_items(client, name, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse(f"motions:{name}")).status_code == 403


def test_the_reception_matters_not_yet_entered_are_listed_latest_first(staff):
    VoterReceptionFactory(matters=["路灯坏了"])
    entered = VoterReceptionFactory(matters=["公交太少"]).matters.get()
    submitted(source=Suggestion.Source.RECEPTION, reception_matter=entered)
    page = staff.get(reverse("motions:office_reception_matters")).content.decode()
    assert "路灯坏了" in page and "公交太少" not in page


# session, user with roles and their unread count; the count and the page of matters, their deputies;
# the township of the page's header
MATTERS_QUERIES = 6


@pytest.mark.parametrize("receptions", [1, 10])
def test_the_reception_matters_take_the_same_queries_for_one_or_many(staff, django_assert_num_queries, receptions):
    for _ in range(receptions):
        VoterReceptionFactory(deputies=[DeputyFactory(), DeputyFactory()], matters=["路灯坏了", "公交太少"])
    with django_assert_num_queries(MATTERS_QUERIES):
        response = staff.get(reverse("motions:office_reception_matters"))
    assert len(response.context["page_obj"].object_list) == 2 * receptions


def test_a_reception_matter_is_entered_with_its_text_as_the_first_draft(staff, category):
    on_duty = DeputyFactory(name="张德福")
    matter = VoterReceptionFactory(deputies=[on_duty], matters=["村口路灯坏了三个月没人修"]).matters.get()
    url = reverse("motions:office_reception_create", args=[matter.pk])
    form = staff.get(url).context["form"]
    assert form["content"].value() == "村口路灯坏了三个月没人修" and form["proposer"].value() == on_duty.pk
    response = staff.post(url, {"title": "关于修复村口路灯的建议", "content": "村口路灯坏了三个月没人修",
                                "category": category.pk, "proposer": on_duty.pk, "period": "between_sessions"})
    item = Suggestion.objects.get()
    assert response.status_code == 302 and response.url == reverse("motions:office_item", args=[item.pk])
    assert (item.source, item.reception_matter, item.status) == ("reception", matter, "submitted")


def test_entering_the_same_matter_twice_shows_why_and_keeps_the_input(staff, category):
    on_duty = DeputyFactory()
    matter = VoterReceptionFactory(deputies=[on_duty], matters=["路灯坏了"]).matters.get()
    data = {"title": "关于修复路灯的建议", "content": "路灯坏了", "category": category.pk, "proposer": on_duty.pk,
            "period": "between_sessions"}
    url = reverse("motions:office_reception_create", args=[matter.pk])
    staff.post(url, data)
    response = staff.post(url, data)
    assert response.status_code == 200
    with translation.override("zh-hans"):
        assert translation.gettext("This matter has already been entered as an item.") in response.content.decode()
    assert response.context["form"]["title"].value() == "关于修复路灯的建议"
    assert Suggestion.objects.count() == 1


def test_only_the_deputies_of_the_reception_are_offered_as_proposers(staff):
    on_duty, elsewhere = DeputyFactory(name="张德福"), DeputyFactory(name="李秀英")
    matter = VoterReceptionFactory(deputies=[on_duty], matters=["路灯坏了"]).matters.get()
    form = staff.get(reverse("motions:office_reception_create", args=[matter.pk])).context["form"]
    assert list(form.fields["proposer"].queryset) == [on_duty]
    assert elsewhere not in form.fields["proposer"].queryset


def test_a_letter_or_visit_is_entered_and_waits_for_review(staff, category):
    response = staff.post(reverse("motions:office_letter_create"), {
        "petitioner": "王桂兰", "received_on": "2026-03-12", "title": "关于村组道路积水的来信",
        "content": "雨天积水严重。", "category": category.pk})
    item = Suggestion.objects.get()
    assert response.status_code == 302
    assert (item.source, item.petitioner, item.proposer, item.status) == ("letter_visit", "王桂兰", None, "submitted")
    queue = staff.get(reverse("motions:office_queue")).context["queue"]
    assert [entry.pk for entry in queue] == [item.pk]


def test_a_letter_dated_in_the_future_keeps_what_was_typed(staff, category):
    response = staff.post(reverse("motions:office_letter_create"), {
        "petitioner": "王桂兰", "received_on": "2026-04-01", "title": "关于村组道路积水的来信",
        "content": "雨天积水严重。", "category": category.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert "received_on" in form.errors and form["content"].value() == "雨天积水严重。"
    assert not Suggestion.objects.exists()


def test_a_motion_of_the_presidium_is_entered_presented_by_the_chairman(client, category):
    chairman_user = user_with_role(Role.CHAIRMAN)
    chairman_deputy = DeputyFactory(name="王建国", user=chairman_user)
    client.force_login(chairman_user)
    url = reverse("motions:office_motion_create")
    assert client.get(url).context["form"]["proposer"].value() == chairman_deputy.pk
    response = client.post(url, {"tabled_by": "presidium", "proposer": chairman_deputy.pk,
                                 "title": "关于实施农村人居环境整治的议案", "content": "……", "category": category.pk,
                                 "period": "between_sessions"})
    assert response.status_code == 302
    item = Suggestion.objects.get()
    assert (item.kind, item.tabled_by, item.proposer) == ("motion", "presidium", chairman_deputy)


def test_a_motion_raised_during_a_session_needs_the_session(staff, category):
    deputy = DeputyFactory()
    response = staff.post(reverse("motions:office_motion_create"), {
        "tabled_by": "government", "proposer": deputy.pk, "title": "议案", "content": "内容", "category": category.pk,
        "period": "during_session"})
    assert response.status_code == 200 and "session" in response.context["form"].errors
