from decimal import Decimal

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeputiesConfig(AppConfig):
    name = "deputies"
    verbose_name = _("Deputies")

    def ready(self):
        from core import navigation
        from core.roles import READ_ALL_ROLES, Role

        from . import duty, selectors

        navigation.register(navigation.NavItem(_("Deputies"), "deputies:deputy_list", READ_ALL_ROLES, 10, "people"))
        navigation.register(navigation.NavItem(_("My deputy record"), "deputies:my_record", frozenset({Role.DEPUTY}),
                                               11, "person-vcard"))
        navigation.register(navigation.NavItem(_("Voter receptions"), "deputies:reception_list", READ_ALL_ROLES, 12,
                                               "chat-square-text"))

        # The acts recorded here become lines of each deputy's duty record (履职档案).
        duty.register(duty.DutySource(
            kind="voter_reception", label=_("Voter receptions"), count=selectors.reception_count_by_deputy,
            lines=selectors.reception_lines, default_points=Decimal("2"), order=30,
            count_query=selectors.reception_count_query, line_query=selectors.reception_line_query,
            line_row=selectors.reception_line_row,
        ))
        duty.register(duty.DutySource(
            kind="report_to_voters", label=_("Reports to voters"), count=selectors.report_count_by_deputy,
            lines=selectors.report_lines, default_points=Decimal("3"), order=31,
            count_query=selectors.report_count_query, line_query=selectors.report_line_query,
            line_row=selectors.report_line_row,
        ))
        duty.register(duty.DutySource(
            kind="group_activity", label=_("Group activities"), count=selectors.group_activity_count_by_deputy,
            lines=selectors.group_activity_lines, default_points=Decimal("1"), order=32,
            count_query=selectors.group_activity_count_query, line_query=selectors.group_activity_line_query,
            line_row=selectors.group_activity_line_row,
        ))
