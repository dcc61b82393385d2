"""A term number in the address that str.isdigit() accepts but int() refuses ("²") is ignored,
never a server error (found by tests/fuzz)."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["congress:presidium", "congress:absence_list"])
@pytest.mark.parametrize("term", ["²", "①", "9" * 30])
def test_a_strange_term_number_shows_the_page_of_the_current_term(client, staff_user, name, term):
    client.force_login(staff_user)
    response = client.get(reverse(name), {"term": term})
    assert response.status_code in (200, 404)
