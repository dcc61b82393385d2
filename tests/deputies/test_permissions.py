"""Who may open which deputies' page (SPEC §1), declared as a map and checked for every role.

Office roles (chairman, staff) manage; presidium members read everything; a deputy reads their
own record, their groups and the receptions they took part in; a unit officer sees none of it.
An object the user may not see answers 404; a page the role may not use answers 403.
"""
import datetime

import pytest
from django.urls import get_resolver, reverse

from core.roles import Role
from tests.factories import DeputyFactory, ElectoralDistrictFactory, TermFactory, user_with_role

from .factories import ContactPlatformFactory, RepresentativeGroupFactory, VoterReceptionFactory

pytestmark = pytest.mark.django_db

ROLES = ["chairman", "staff", "presidium_member", "deputy", "unit_officer"]
READ = {"chairman": 200, "staff": 200, "presidium_member": 200, "deputy": 403, "unit_officer": 403}
MANAGE = {"chairman": 200, "staff": 200, "presidium_member": 403, "deputy": 403, "unit_officer": 403}
# Pages of one object: a deputy who may not see it, and a unit officer, get 404.
READ_OBJECT_NOT_DEPUTY = {**READ, "deputy": 404, "unit_officer": 404}
READ_OWN = {**READ, "deputy": 200, "unit_officer": 404}

# url name -> (how to build its arguments from the world, expected status per role)
PERMISSIONS = {
    "deputy_list": (None, READ),
    "deputy_create": (None, MANAGE),
    "by_election": (None, MANAGE),
    "deputy_detail": ("own_deputy", READ_OWN),
    "deputy_update": ("own_deputy", MANAGE),
    "mandate_add": ("own_deputy", MANAGE),
    "mandate_end": ("own_mandate", MANAGE),
    "district_list": (None, READ),
    "group_list": (None, READ),
    "group_create": (None, MANAGE),
    "group_detail": ("own_group", READ_OWN),
    "group_update": ("own_group", MANAGE),
    "group_activity_create": ("own_group", MANAGE),
    "platform_list": (None, READ),
    "platform_create": (None, MANAGE),
    "platform_detail": ("platform", READ_OBJECT_NOT_DEPUTY),
    "platform_update": ("platform", MANAGE),
    "reception_list": (None, READ),
    "reception_create": (None, MANAGE),
    "reception_detail": ("own_reception", READ_OWN),
    "report_list": (None, READ),
    "report_create": (None, MANAGE),
    "not_reported": (None, READ),
}
# The deputy may not see what is another deputy's, whatever the page.
OTHERS = {
    "deputy_detail": "other_deputy",
    "group_detail": "other_group",
    "reception_detail": "other_reception",
}


@pytest.fixture
def world(deputy_user):
    term = TermFactory()
    own = deputy_user.deputy
    own.district = ElectoralDistrictFactory(term=term)
    own.save()
    other = DeputyFactory()
    return {
        "own_deputy": own.pk,
        "own_mandate": own.mandates.get().pk,
        "other_deputy": other.pk,
        "own_group": RepresentativeGroupFactory(members=[own, DeputyFactory(), DeputyFactory()]).pk,
        "other_group": RepresentativeGroupFactory().pk,
        "platform": ContactPlatformFactory().pk,
        "own_reception": VoterReceptionFactory(deputies=[own], date=datetime.date(2026, 3, 10)).pk,
        "other_reception": VoterReceptionFactory(deputies=[other], date=datetime.date(2026, 3, 10)).pk,
    }


@pytest.fixture
def users(deputy_user, unit_officer):
    return {
        "chairman": user_with_role(Role.CHAIRMAN),
        "staff": user_with_role(Role.STAFF),
        "presidium_member": user_with_role(Role.PRESIDIUM_MEMBER),
        "deputy": deputy_user,
        "unit_officer": unit_officer,
    }


def test_every_page_of_the_deputies_is_in_the_permission_map():
    resolver = get_resolver().namespace_dict["deputies"][1]
    names = {pattern.name for pattern in resolver.url_patterns if pattern.name}
    names -= {"my_record"}  # a redirect to the user's own record, tested on its own
    assert names == set(PERMISSIONS)


@pytest.mark.parametrize("name", sorted(PERMISSIONS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_map_says(client, world, users, name, role):
    argument, expected = PERMISSIONS[name]
    client.force_login(users[role])
    url = reverse(f"deputies:{name}", args=[world[argument]] if argument else [])
    assert client.get(url).status_code == expected[role]


@pytest.mark.parametrize("name", sorted(OTHERS))
def test_a_deputy_never_opens_another_deputys_record_group_or_reception(client, world, deputy_user, name):
    client.force_login(deputy_user)
    assert client.get(reverse(f"deputies:{name}", args=[world[OTHERS[name]]])).status_code == 404


def test_a_presidium_member_cannot_post_an_edit(client, world, presidium_member):
    client.force_login(presidium_member)
    url = reverse("deputies:deputy_update", args=[world["own_deputy"]])
    assert client.post(url, {"name": "改名"}).status_code == 403


def test_the_menu_entry_of_a_deputy_leads_to_their_own_record(client, world, deputy_user):
    client.force_login(deputy_user)
    response = client.get(reverse("deputies:my_record"))
    assert response.url == reverse("deputies:deputy_detail", args=[world["own_deputy"]])


def test_an_account_without_a_deputy_record_is_sent_home_with_an_explanation(client, unit_officer):
    client.force_login(unit_officer)
    response = client.get(reverse("deputies:my_record"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert len(list(response.context["messages"])) == 1


@pytest.mark.parametrize("role, sees", [("staff", True), ("presidium_member", True), ("deputy", False),
                                        ("unit_officer", False)])
def test_the_menu_shows_deputies_and_receptions_to_those_who_read_everything(client, users, role, sees):
    client.force_login(users[role])
    labels = {item.url_name for item in client.get(reverse("dashboard")).context["nav_items"]}
    assert ("deputies:deputy_list" in labels, "deputies:reception_list" in labels) == (sees, sees)
    assert ("deputies:my_record" in labels) == (role == "deputy")
