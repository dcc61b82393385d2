"""The main menu. Apps register their entries in AppConfig.ready(), so core imports no app and
each role sees only what it may use."""
from dataclasses import dataclass

from django.urls import reverse


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
        return reverse(self.url_name)


_registry: dict[str, NavItem] = {}


def register(item):
    _registry[item.url_name] = item


def items_for(user):
    if not user.is_authenticated:
        return []
    return sorted((item for item in _registry.values() if item.visible_to(user)), key=lambda item: item.order)
