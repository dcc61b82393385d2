from decimal import Decimal

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MotionsConfig(AppConfig):
    name = "motions"
    verbose_name = _("Suggestions and motions")

    def ready(self):
        from core import chase, navigation
        from core.roles import READ_ALL_ROLES, Role
        from deputies import duty

        from . import caching
        from .chase import SOURCE as CHASE_SOURCE
        from .selectors import statistics

        navigation.register(navigation.NavItem(_("Suggestions"), "motions:office_queue", READ_ALL_ROLES, 15,
                                               "journal-text"))
        navigation.register(navigation.NavItem(_("My suggestions"), "motions:deputy_list",
                                               frozenset({Role.DEPUTY}), 15, "journal-plus"))
        navigation.register(navigation.NavItem(_("Our unit's items"), "motions:unit_items",
                                               frozenset({Role.UNIT_OFFICER}), 15, "inboxes"))
        navigation.register(navigation.NavItem(_("Follow-up list"), "motions:unit_follow_up",
                                               frozenset({Role.UNIT_OFFICER}), 16, "hourglass-split"))
        duty.register(duty.DutySource(
            kind="suggestion", label=_("Suggestions proposed"), count=statistics.suggestion_counts_by_deputy,
            lines=statistics.suggestion_lines, default_points=Decimal("2"), order=40,
            count_query=statistics.suggestion_count_query, line_query=statistics.suggestion_line_query,
            line_row=statistics.suggestion_line_row,
        ))
        duty.register(duty.DutySource(
            kind="suggestion_cosign", label=_("Suggestions co-signed"), count=statistics.cosign_counts_by_deputy,
            lines=statistics.cosign_lines, default_points=Decimal("1"), order=41,
            count_query=statistics.cosign_count_query, line_query=statistics.cosign_line_query,
            line_row=statistics.cosign_line_row,
        ))
        chase.register(CHASE_SOURCE)
        caching.connect()
