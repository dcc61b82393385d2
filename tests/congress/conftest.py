import datetime

import pytest
from django.utils import timezone

from tests.factories import TermFactory



@pytest.fixture
def current_term(db):
    """A term running from a month ago for five years, for meetings that must lie in the future."""
    today = timezone.localdate()
    return TermFactory(number=12, start_date=today - datetime.timedelta(days=30),
                       end_date=today + datetime.timedelta(days=5 * 365))


@pytest.fixture
def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def english_messages():
    """Services speak English here, so that assertions on their messages hold whatever the Chinese
    catalogue says; pages follow the client's language (see `english`)."""
    from django.utils import translation

    with translation.override("en"):
        yield
