from django.shortcuts import render

from core.roles import Role

from . import selectors

# Each role's first page: its template and the selector that gathers its figures.
DASHBOARDS = {
    Role.STAFF: ("reports/dashboard_staff.html", selectors.staff_dashboard),
    Role.CHAIRMAN: ("reports/dashboard_chairman.html", selectors.chairman_dashboard),
    Role.PRESIDIUM_MEMBER: ("reports/dashboard_presidium_member.html", selectors.presidium_member_dashboard),
    Role.DEPUTY: ("reports/dashboard_deputy.html", selectors.deputy_dashboard),
    Role.UNIT_OFFICER: ("reports/dashboard_unit_officer.html", selectors.unit_officer_dashboard),
}
NO_ROLE_TEMPLATE = "reports/dashboard_no_role.html"


def dashboard(request):
    """The page at "/": what the signed-in user's widest role needs to see first."""
    template, selector = DASHBOARDS.get(request.user.primary_role, (NO_ROLE_TEMPLATE, None))
    context = selector(request.user) if selector else {}
    return render(request, template, context)
