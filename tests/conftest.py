import pytest
from django.conf import settings

from core.roles import Role
from tests.factories import DeputyFactory, HandlingUnitFactory, user_with_role


@pytest.fixture
def staff_user(db):
    return user_with_role(Role.STAFF, username="staff")


@pytest.fixture
def chairman(db):
    return user_with_role(Role.CHAIRMAN, username="chairman")


@pytest.fixture
def presidium_member(db):
    return user_with_role(Role.PRESIDIUM_MEMBER, username="member")


@pytest.fixture
def deputy_user(db):
    user = user_with_role(Role.DEPUTY, username="deputy", phone="13800000001")
    DeputyFactory(name=user.name, user=user)
    return user


@pytest.fixture
def unit_officer(db):
    unit = HandlingUnitFactory(name="财政所")
    return user_with_role(Role.UNIT_OFFICER, username="czs", handling_unit=unit)


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A page requested in English leaves English active in the thread; the next test starts in
    the portal's default language whatever the previous one did."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def no_kept_pages():
    """Each test starts with no page kept (core.pagecache): a page kept by the previous test shows
    rows its rolled-back transaction took away."""
    from core import pagecache

    pagecache.forget_all()


@pytest.fixture(autouse=True)
def counted_pages_are_rendered(monkeypatch):
    """Queries counted (CaptureQueriesContext, and pytest-django's django_assert_num_queries through
    it) are a page's rendering: no page is served kept (core.pagecache) while they are counted."""
    from django.test.utils import CaptureQueriesContext, override_settings

    enter, leave = CaptureQueriesContext.__enter__, CaptureQueriesContext.__exit__

    def counting(self):
        self._rendered = override_settings(PAGE_CACHE_SECONDS=0)
        self._rendered.enable()
        return enter(self)

    def counted(self, *exc):
        try:
            return leave(self, *exc)
        finally:
            self._rendered.disable()

    monkeypatch.setattr(CaptureQueriesContext, "__enter__", counting)
    monkeypatch.setattr(CaptureQueriesContext, "__exit__", counted)


@pytest.fixture
def english(client):
    """Pages in English, so that assertions on wording hold whatever the Chinese catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
