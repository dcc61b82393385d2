"""An activity form posted with ids no integer column can hold — a superscript digit, twenty
nines — comes back with errors instead of a server error (found by tests/fuzz)."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["²", "9" * 25])
def test_strange_leader_and_participant_ids_are_invalid_choices(client, staff_user, value):
    client.force_login(staff_user)
    response = client.post(reverse("supervision:activity_create"),
                           {"kind": "inspection", "topic": "视察", "leader": value, "participants": [value],
                            "units": [value]})
    assert response.status_code == 200
    assert response.context["form"].errors
