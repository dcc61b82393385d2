"""The main menu. Apps register their entries in AppConfig.ready(), so core imports no app and
each role sees only what it may use."""
import functools
from dataclasses import dataclass

from django.urls import get_script_prefix, get_urlconf, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset  # the roles that see the entry; empty means every signed-in user
    order: int = 100
    icon: str = "circle"

    def visible_to(self, user):
        return not self.roles or user.has_role(*self.roles)

    @property
    def url(self):
        return _url(self.url_name, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=256)
def _url(url_name, script_prefix, urlconf):
    """A menu entry's address, reversed once per process rather than on every page for every entry
    (the menu's URLs take no arguments; the key holds what else reverse() depends on)."""
    return reverse(url_name, urlconf=urlconf)


_registry: dict[str, NavItem] = {}


def register(item):
    _registry[item.url_name] = item


def items_for(user):
    if not user.is_authenticated:
        return []
    return sorted((item for item in _registry.values() if item.visible_to(user)), key=lambda item: item.order)


@dataclass(frozen=True)
class MenuEntry:
    """An entry as the header shows it: its address looked up, and whether it is the page shown."""

    url_name: str
    label: str
    icon: str
    url: str
    current: bool


def menu_for(user, current_url_name=None):
    """The user's menu for a page whose URL name is current_url_name."""
    return [MenuEntry(item.url_name, item.label, item.icon, item.url, item.url_name == current_url_name)
            for item in items_for(user)]
