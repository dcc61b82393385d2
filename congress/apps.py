from decimal import Decimal
from functools import partial

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Congress")

    def ready(self):
        from core import navigation
        from core.roles import READ_ALL_ROLES, Role
        from deputies import duty

        from . import selectors
        from .models import Meeting

        navigation.register(navigation.NavItem(_("Meetings"), "congress:meeting_list", READ_ALL_ROLES, 20,
                                               "calendar-event"))
        navigation.register(navigation.NavItem(_("My meetings"), "congress:my_meetings", frozenset({Role.DEPUTY}), 21,
                                               "calendar-check"))

        # Attending a session or a presidium meeting is a line of the deputy's duty record (履职档案).
        sessions = (Meeting.Kind.SESSION,)
        presidium = (Meeting.Kind.PRESIDIUM, Meeting.Kind.PRESIDIUM_MEMBERS)
        duty.register(duty.DutySource(
            kind="session_attendance", label=_("Sessions attended"),
            count=partial(selectors.attendance_counts, sessions),
            lines=lambda deputy, start, end: selectors.attendance_lines(deputy, sessions, start, end),
            default_points=Decimal("2"), order=10,
            count_query=partial(selectors.attendance_count_query, sessions),
            line_query=partial(selectors.attendance_line_query, sessions), line_row=selectors.attendance_line_row,
        ))
        duty.register(duty.DutySource(
            kind="presidium_meeting_attendance", label=_("Presidium meetings attended"),
            count=partial(selectors.attendance_counts, presidium),
            lines=lambda deputy, start, end: selectors.attendance_lines(deputy, presidium, start, end),
            default_points=Decimal("1"), order=11,
            count_query=partial(selectors.attendance_count_query, presidium),
            line_query=partial(selectors.attendance_line_query, presidium), line_row=selectors.attendance_line_row,
        ))
