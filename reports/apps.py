from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from core import navigation
        from core.roles import READ_ALL_ROLES, Role

        navigation.register(navigation.NavItem(_("Dashboard"), "dashboard", frozenset(), 0, "house"))
        navigation.register(navigation.NavItem(
            _("Performance records"), "reports:performance_table", READ_ALL_ROLES, 30, "award",
        ))
        navigation.register(navigation.NavItem(
            _("My performance record"), "reports:my_performance", frozenset({Role.DEPUTY}), 31, "person-check",
        ))
        navigation.register(navigation.NavItem(
            _("Year-end report"), "annual:list", READ_ALL_ROLES, 32, "journal-text",
        ))
