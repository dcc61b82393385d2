"""Accounts and roles (SPEC §1): five role groups, sign-in by user name or mobile number."""
import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.urls import reverse

from core.roles import Role
from tests.factories import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_a_group_exists_for_each_role():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_sign_in_by_user_name_ignores_case():
    user = UserFactory(username="Chenxm")
    assert authenticate(username="chenxm", password=PASSWORD) == user


def test_sign_in_by_mobile_number():
    user = UserFactory(phone="13907310004")
    assert authenticate(username=" 13907310004 ", password=PASSWORD) == user


def test_a_wrong_password_or_unknown_login_is_refused():
    UserFactory(username="chenxm", phone="13907310004")
    assert authenticate(username="chenxm", password="nope") is None
    assert authenticate(username="13900000000", password=PASSWORD) is None


def test_a_disabled_account_cannot_sign_in():
    UserFactory(username="gone", is_active=False)
    assert authenticate(username="gone", password=PASSWORD) is None


def test_roles_come_from_groups_and_the_widest_role_leads():
    user = UserFactory(roles=[Role.DEPUTY, Role.CHAIRMAN])
    assert user.roles == {Role.DEPUTY, Role.CHAIRMAN}
    assert user.primary_role == Role.CHAIRMAN
    assert user.is_office and user.reads_all


def test_a_presidium_member_reads_all_but_does_not_manage():
    member = user_with_role(Role.PRESIDIUM_MEMBER)
    assert member.reads_all and not member.is_office


def test_deputies_and_unit_officers_neither_read_all_nor_manage():
    for role in (Role.DEPUTY, Role.UNIT_OFFICER):
        user = user_with_role(role)
        assert not user.reads_all and not user.is_office


def test_the_login_page_explains_a_wrong_password_in_chinese_and_keeps_the_login(client):
    UserFactory(username="chenxm")
    response = client.post(reverse("login"), {"username": "chenxm", "password": "wrong"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "用户名、手机号或密码不正确" in body
    assert 'value="chenxm"' in body


def test_signing_in_leads_to_the_dashboard(client):
    UserFactory(username="chenxm")
    response = client.post(reverse("login"), {"username": "chenxm", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("dashboard")


def test_password_change_requires_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("password_change"), {
        "old_password": "wrong", "new_password1": "Qingshan-2027!", "new_password2": "Qingshan-2027!",
    })
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Qingshan-2027!", "new_password2": "Qingshan-2027!",
    })
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Qingshan-2027!")


def test_sign_out_is_a_post_and_ends_the_session(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302
