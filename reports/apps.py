from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from core import navigation

        navigation.register(navigation.NavItem(_("Dashboard"), "dashboard", frozenset(), 0, "house"))
