"""The roster template ignores a term id that str.isdigit() accepts but int() refuses (found by
tests/fuzz)."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_superscript_term_id_falls_back_to_the_default_term(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("deputies_excel:template"), {"term": "²"})
    assert response.status_code in (200, 302)
