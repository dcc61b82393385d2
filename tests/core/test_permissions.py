"""Access is checked with the object: a helper fetches and checks in one step."""
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from core.permissions import (
    get_handling_unit_for_user_or_404,
    get_notification_for_user_or_404,
    get_object_for_user_or_404,
    role_required,
)
from core.models import HandlingUnit
from core.roles import Role
from tests.factories import HandlingUnitFactory, NotificationFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_an_object_the_check_refuses_is_answered_as_missing():
    unit = HandlingUnitFactory()
    with pytest.raises(Http404):
        get_object_for_user_or_404(None, HandlingUnit, lambda user, obj: False, pk=unit.pk)
    assert get_object_for_user_or_404(None, HandlingUnit, lambda user, obj: True, pk=unit.pk) == unit


def test_a_user_reads_only_their_own_notifications():
    mine = NotificationFactory()
    other = NotificationFactory()
    assert get_notification_for_user_or_404(mine.recipient, mine.pk) == mine
    with pytest.raises(Http404):
        get_notification_for_user_or_404(mine.recipient, other.pk)


def test_a_unit_officer_sees_only_their_own_unit(unit_officer):
    other = HandlingUnitFactory(name="自然资源所")
    assert get_handling_unit_for_user_or_404(unit_officer, unit_officer.handling_unit_id).name == "财政所"
    with pytest.raises(Http404):
        get_handling_unit_for_user_or_404(unit_officer, other.pk)


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.PRESIDIUM_MEMBER, Role.STAFF])
def test_those_who_read_everything_see_every_unit(role):
    unit = HandlingUnitFactory()
    assert get_handling_unit_for_user_or_404(user_with_role(role), unit.pk) == unit


def test_role_required_refuses_other_roles():
    view = role_required(Role.STAFF)(lambda request: "ok")
    request = RequestFactory().get("/")
    request.user = user_with_role(Role.STAFF)
    assert view(request) == "ok"
    request.user = user_with_role(Role.DEPUTY)
    with pytest.raises(PermissionDenied):
        view(request)
