import pytest

from core.services import holidays_load_from_package


@pytest.fixture
def holidays_2026(db):
    """The 2026 holidays and adjusted working days, as load_holidays copies them from the package."""
    holidays_load_from_package(from_year=2026, to_year=2026)
