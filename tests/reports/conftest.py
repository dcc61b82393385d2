import pytest
from django.conf import settings


@pytest.fixture
def english(client):
    """Pages in English, so that assertions on wording hold whatever the Chinese catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
