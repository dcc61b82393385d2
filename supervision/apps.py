from decimal import Decimal

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision")

    def ready(self):
        from core import chase, navigation
        from core.roles import READ_ALL_ROLES, Role
        from deputies import duty

        from .chase import SOURCE as CHASE_SOURCE
        from .selectors import duty as duty_selectors

        navigation.register(navigation.NavItem(_("Supervision"), "supervision:activity_list", READ_ALL_ROLES, 25,
                                               "binoculars"))
        navigation.register(navigation.NavItem(_("My activities"), "supervision:my_activities",
                                               frozenset({Role.DEPUTY}), 25, "binoculars"))
        navigation.register(navigation.NavItem(_("Rectification"), "supervision:unit_items",
                                               frozenset({Role.UNIT_OFFICER}), 25, "tools"))
        duty.register(duty.DutySource(
            kind="supervision", label=_("Supervision activities"), count=duty_selectors.activity_counts_by_deputy,
            lines=duty_selectors.activity_lines, default_points=Decimal("2"), order=50,
            count_query=duty_selectors.activity_count_query, line_query=duty_selectors.activity_line_query,
            line_row=duty_selectors.activity_line_row,
        ))
        duty.register(duty.DutySource(
            kind="training", label=_("Trainings and study visits"), count=duty_selectors.training_counts_by_deputy,
            lines=duty_selectors.training_lines, default_points=Decimal("1"), order=51,
            count_query=duty_selectors.training_count_query, line_query=duty_selectors.training_line_query,
            line_row=duty_selectors.training_line_row,
        ))
        duty.register(duty.DutySource(
            kind="research_report", label=_("Research reports"), count=duty_selectors.research_counts_by_deputy,
            lines=duty_selectors.research_lines, default_points=Decimal("3"), order=52,
            count_query=duty_selectors.research_count_query, line_query=duty_selectors.research_line_query,
            line_row=duty_selectors.research_line_row,
        ))
        chase.register(CHASE_SOURCE)
