"""What every signed-in page pays (issue 9): the user read with their roles in one query, the inbox
badge, the menu, and the township kept in the cache and dropped from there when it changes."""
import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from core import navigation
from core.backends import PhoneOrUsernameBackend
from core.models import Township
from core.roles import Role
from core.selectors import unread_notification_count
from tests.factories import NotificationFactory, TownshipFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


# --- the user and their roles ------------------------------------------------------------------------

@pytest.mark.parametrize("roles", [[], [Role.DEPUTY], [Role.STAFF, Role.PRESIDIUM_MEMBER], list(Role)])
def test_the_signed_in_user_comes_with_their_roles_in_one_query(django_assert_num_queries, roles):
    user = UserFactory(roles=roles)
    user.groups.add(Group.objects.get_or_create(name="not a role")[0])  # a group of no role adds nothing
    with django_assert_num_queries(1):
        read = PhoneOrUsernameBackend().get_user(str(user.pk))  # the session keeps the id as text
        assert read.roles == frozenset(roles)
    assert read == user and read.username == user.username


def test_no_user_for_an_unknown_or_malformed_id_or_a_disabled_account():
    backend = PhoneOrUsernameBackend()
    assert backend.get_user(987654) is None
    assert backend.get_user("not a number") is None
    assert backend.get_user(UserFactory(roles=[Role.STAFF], is_active=False).pk) is None


def test_a_page_knows_the_roles_of_its_user(client):
    staff = user_with_role(Role.STAFF)
    client.force_login(staff)
    response = client.get(reverse("dashboard"))
    assert response.context["user"].roles == frozenset({Role.STAFF})


# --- the inbox badge and the menu --------------------------------------------------------------------

def test_the_unread_count_counts_only_the_users_unread_messages():
    user, other = UserFactory(), UserFactory()
    NotificationFactory.create_batch(3, recipient=user)
    NotificationFactory(recipient=user, is_read=True)
    NotificationFactory(recipient=other)
    assert unread_notification_count(user) == 3
    assert unread_notification_count(UserFactory()) == 0


def test_the_signed_in_user_comes_with_their_unread_count(django_assert_num_queries):
    user = UserFactory(roles=[Role.DEPUTY])
    NotificationFactory.create_batch(2, recipient=user)
    NotificationFactory(recipient=user, is_read=True)
    NotificationFactory(recipient=UserFactory())
    read = PhoneOrUsernameBackend().get_user(user.pk)
    with django_assert_num_queries(0):
        assert unread_notification_count(read) == 2
    assert unread_notification_count(PhoneOrUsernameBackend().get_user(UserFactory().pk)) == 0


def test_a_page_counts_the_badge_with_the_user(client):
    deputy = user_with_role(Role.DEPUTY)
    NotificationFactory.create_batch(4, recipient=deputy)
    client.force_login(deputy)
    response = client.get(reverse("notification_list"))
    assert response.context["unread_count"] == 4


def test_opening_an_unread_message_counts_it_read_on_its_own_page(client):
    deputy = user_with_role(Role.DEPUTY)
    first, _second = NotificationFactory.create_batch(2, recipient=deputy)
    client.force_login(deputy)
    response = client.get(reverse("notification_detail", args=[first.pk]))
    assert response.context["unread_count"] == 1
    assert client.get(reverse("notification_list")).context["unread_count"] == 1


def test_the_menu_marks_the_page_shown(client):
    staff = user_with_role(Role.STAFF)
    client.force_login(staff)
    response = client.get(reverse("dashboard"))
    menu = response.context["nav_items"]
    assert [entry.url_name for entry in menu] == [item.url_name for item in navigation.items_for(staff)]
    assert [entry.url_name for entry in menu if entry.current] == ["dashboard"]
    assert {entry.url for entry in menu} == {reverse(entry.url_name) for entry in menu}
    assert f'href="{reverse("dashboard")}" aria-current="page"' in response.content.decode()


# --- the township in the cache -----------------------------------------------------------------------

@pytest.fixture
def township_cache(settings):
    settings.TOWNSHIP_CACHE_SECONDS = 60  # off for the other tests (config/settings/test.py)
    cache.clear()
    yield
    cache.clear()


def test_the_township_is_read_once_then_from_the_cache(township_cache, django_assert_num_queries):
    TownshipFactory(name="青山镇")
    with django_assert_num_queries(1):
        assert Township.current().name == "青山镇"
    with django_assert_num_queries(0):
        assert Township.current().name == "青山镇"


def test_a_saved_or_deleted_township_leaves_the_cache(township_cache):
    township = TownshipFactory(name="青山镇")
    assert Township.current().name == "青山镇"
    township.name = "绿水镇"
    township.save()
    assert Township.current().name == "绿水镇"
    township.delete()
    assert Township.current().pk is None  # the placeholder of an installation not yet set up


def test_without_a_township_the_placeholder_is_not_cached(township_cache):
    assert Township.current().pk is None
    Township.objects.bulk_create([TownshipFactory.build(name="青山镇")])  # even written without signals
    assert Township.current().name == "青山镇"
