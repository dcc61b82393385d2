"""Who may read and change the year-end report (SPEC §1): the readers of everything read it, the
office (chairman and staff) drafts and edits it, only the chairman finalises it."""
from core.permissions import get_object_for_user_or_404
from core.roles import Role

from ..models import AnnualReport, PlanItem


def can_view_annual_report(user, report):
    return user.reads_all


def can_edit_annual_report(user, report):
    return user.is_office and not report.is_final


def can_finalise_annual_report(user, report):
    return user.has_role(Role.CHAIRMAN) and not report.is_final


def can_manage_plan_item(user, item):
    return user.is_office


def get_annual_report_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, AnnualReport, can_view_annual_report, pk=pk)


def get_plan_item_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, PlanItem, can_manage_plan_item, pk=pk)
