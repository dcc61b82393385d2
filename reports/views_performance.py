"""Pages of the deputies' performance record (履职档案, 代表法 Art. 58).

The office and presidium members read the table of all deputies and any deputy's record; a
deputy reads only their own record; unit officers have no business here (403). The office alone
sets the points of each kind of act and records awards.
"""
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods

from core.concurrency import submit_once
from core.excel import titled_table, workbook_response
from core.exceptions import ApplicationError
from core.models import Township
from core.permissions import get_object_for_user_or_404, office_required, reads_all_required, role_required
from core.roles import READ_ALL_ROLES, Role
from deputies.models import Award, Deputy
from deputies.services_performance import award_create, award_delete, duty_weights_save

from . import performance
from .forms import AWARD_TITLES, AwardForm, DutyWeightFormSet


# --- access ------------------------------------------------------------------------------------

def can_view_performance_record(user, deputy):
    """Readers of everything see every record; a deputy sees their own and no other (404)."""
    return user.reads_all or (user.has_role(Role.DEPUTY) and deputy.user_id == user.pk)


def get_deputy_record_for_user_or_404(user, deputy_id):
    deputies = Deputy.objects.select_related("district")
    return get_object_for_user_or_404(user, deputies, can_view_performance_record, pk=deputy_id)


def can_manage_award(user, award):
    return user.is_office


def get_award_for_user_or_404(user, pk):
    awards = Award.objects.select_related("deputy", "group")
    return get_object_for_user_or_404(user, awards, can_manage_award, pk=pk)


# --- the table of all deputies -------------------------------------------------------------------

@dataclass(frozen=True)
class SortHeader:
    key: str
    label: str
    query: str  # the query string that sorts by this column (or reverses it)
    active: bool
    descending: bool


def sort_headers(table):
    """One header per column; numbers sort highest first on the first click, names A to Z."""
    columns = [("name", pgettext("person", "Name")), ("district", _("Electoral district"))]
    columns += [(column.kind, column.label) for column in table.columns]
    columns += [("total", _("All acts")), ("score", _("Score"))]
    active_key, descending = table.sort.removeprefix("-"), table.sort.startswith("-")
    headers = []
    for key, label in columns:
        active = key == active_key
        first = key if key in ("name", "district") else f"-{key}"
        next_sort = (key if descending else f"-{key}") if active else first
        query = "?" + urlencode({"year": table.year, "sort": next_sort})
        headers.append(SortHeader(key, str(label), query, active, active and descending))
    return headers


@reads_all_required
def performance_table(request):
    years = performance.performance_years()
    year = performance.parse_year(request.GET.get("year"), years)
    table, page_obj = performance.performance_table_page(year, sort=request.GET.get("sort"),
                                                        page=request.GET.get("page"))
    return render(request, "reports/performance_table.html", {
        "table": table, "year": year, "years": years, "headers": sort_headers(table), "page_obj": page_obj,
        "export_query": urlencode({"year": year, "sort": table.sort}),
        "extra_query": urlencode({"year": year, "sort": table.sort}) + "&",
    })


@reads_all_required
def performance_export(request):
    """The same table as an Excel sheet, in the page's order, titled with the township and year."""
    years = performance.performance_years()
    year = performance.parse_year(request.GET.get("year"), years)
    table = performance.performance_table(year, sort=request.GET.get("sort"))
    filename = _("deputies-performance-records-%(year)s.xlsx") % {"year": year}
    return workbook_response(performance_workbook(table, Township.current()), filename)


# --- one deputy's record -------------------------------------------------------------------------

@role_required(*READ_ALL_ROLES, Role.DEPUTY)
def performance_record(request, deputy_id):
    deputy = get_deputy_record_for_user_or_404(request.user, deputy_id)
    return _record_page(request, deputy, own=deputy.user_id == request.user.pk)


@role_required(Role.DEPUTY)
def my_performance(request):
    """我的履职档案: the signed-in deputy's own record, for a phone."""
    deputy = Deputy.objects.select_related("district").filter(user=request.user).first()
    if deputy is None:
        return render(request, "reports/performance_not_linked.html")
    return _record_page(request, deputy, own=True)


def _record_page(request, deputy, *, own):
    years = performance.deputy_years(deputy)
    year = performance.parse_year(request.GET.get("year"), years)
    record = performance.deputy_record(deputy, year)
    return render(request, "reports/performance_record.html", {
        "record": record, "year": year, "years": years, "own": own,
        "page_obj": performance.record_lines_page(record, request.GET.get("page")),
        "extra_query": urlencode({"year": year}) + "&",
        "base_url": reverse("reports:my_performance") if own and not request.user.reads_all
        else reverse("reports:performance_record", args=[deputy.pk]),
    })


# --- points and awards (the office) ---------------------------------------------------------------

@office_required
@require_http_methods(["GET", "POST"])
def weights_edit(request):
    columns = performance.duty_columns()
    formset = DutyWeightFormSet(request.POST if request.method == "POST" else None, columns=columns)
    if request.method == "POST" and formset.is_valid():
        try:
            duty_weights_save(points_by_kind=formset.points_by_kind(), actor=request.user)
        except ApplicationError as error:
            form = formset.form_for_kind(error.field)
            if form is not None:
                form.add_error("points", error.message)
            else:
                formset.non_form_errors().append(error.message)
        else:
            messages.success(request, _("The points have been saved. Every score now uses them."))
            return redirect("reports:weights_edit")
    return render(request, "reports/weights_edit.html", {"formset": formset})


@reads_all_required
def award_list(request):
    years = performance.award_years()
    year = performance.parse_year(request.GET.get("year"), years)
    return render(request, "reports/award_list.html", {
        "awards": performance.awards_of_year(year), "year": year, "years": years,
    })


@office_required
@require_http_methods(["GET", "POST"])
@submit_once
def award_create_view(request):
    form = AwardForm(request.POST if request.method == "POST" else None,
                     initial={"year": request.GET.get("year") or performance.current_year()})
    if request.method == "POST" and form.is_valid():
        try:
            award = award_create(**form.cleaned_data, actor=request.user)
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The award “%(title)s” has been recorded.") % {"title": award.title})
            return redirect(f"{reverse('reports:award_list')}?year={award.year}")
    return render(request, "reports/award_form.html", {"form": form, "titles": AWARD_TITLES})


@office_required
@require_http_methods(["GET", "POST"])
def award_delete_view(request, pk):
    award = get_award_for_user_or_404(request.user, pk)
    if request.method == "POST":
        award_delete(award=award, actor=request.user)
        messages.success(request, _("The award “%(title)s” has been removed.") % {"title": award.title})
        return redirect(f"{reverse('reports:award_list')}?year={award.year}")
    return render(request, "reports/award_delete.html", {"award": award})


# --- the Excel sheet ----------------------------------------------------------------------------

SHEET_TITLE = gettext_lazy("%(township)s deputies' duty performance statistics (%(year)s)")


def performance_workbook(table, township):
    """The table as an .xlsx file in memory: a title row, bold headers, one row per deputy."""
    from openpyxl import Workbook

    headers = [_("No."), pgettext("person", "Name"), _("Electoral district")]
    headers += [_("%(label)s\n(%(points)s points each)") % {"label": column.label, "points": column.points_text}
                for column in table.columns]
    headers += [_("All acts"), _("Score"), _("Note")]
    body = []
    for number, row in enumerate(table, start=1):
        notes = []
        if row.served_from:
            notes.append(_("In office from %(date)s") % {"date": row.served_from.isoformat()})
        if row.left_on:
            notes.append(_("Mandate ended on %(date)s") % {"date": row.left_on.isoformat()})
        body.append([number, row.deputy.name, str(row.deputy.district or "")] + row.cells
                    + [row.total, row.score, "；".join(notes)])

    book = Workbook()
    sheet = book.active
    sheet.title = str(table.year)
    titled_table(sheet, title=str(SHEET_TITLE % {"township": township.name, "year": table.year}),
                 headers=headers, body=body, freeze="C3")
    sheet.append([_("Score = number of acts × points per act. Made on %(date)s.")
                  % {"date": timezone.localdate().isoformat()}])
    score_column = len(headers) - 1
    for (cell,) in sheet.iter_rows(min_row=3, max_row=2 + len(body), min_col=score_column, max_col=score_column):
        cell.number_format = "0.0"
    sheet.row_dimensions[2].height = 36
    return book
