"""The chase board (SPEC §4): the office and presidium members see every open item, a unit
officer only their own unit's, whatever the address says; the same rows export to Excel."""
from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import chase
from .excel import titled_table, workbook_response
from .models import HandlingUnit, Township
from .permissions import role_required
from .roles import Role
from .selectors_chase import COLOUR_CHOICES, chase_board

BOARD_ROLES = (Role.CHAIRMAN, Role.STAFF, Role.PRESIDIUM_MEMBER, Role.UNIT_OFFICER)


class ChaseFilterForm(forms.Form):
    """GET filters; a value that is not one of the choices is ignored (the board shows all)."""

    unit = forms.ModelChoiceField(label=gettext_lazy("Handling unit"), required=False,
                                  queryset=HandlingUnit.objects.all(), empty_label=gettext_lazy("All units"))
    colour = forms.ChoiceField(label=gettext_lazy("Colour"), required=False)
    source = forms.ChoiceField(label=gettext_lazy("Kind of item"), required=False)

    def __init__(self, *args, own_unit_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colour"].choices = [("", _("All colours")), *COLOUR_CHOICES]
        self.fields["source"].choices = [("", _("All kinds")), *((s.key, s.label) for s in chase.sources())]
        if own_unit_only:
            del self.fields["unit"]
        if len(chase.sources()) < 2:
            del self.fields["source"]

    def filters(self):
        self.is_valid()
        data = self.cleaned_data
        unit = data.get("unit")
        return {"unit_id": unit.pk if unit else None, "colour": data.get("colour") or None,
                "source": data.get("source") or None}


def _today():
    return timezone.localdate(timezone=timezone.get_default_timezone())


def _board_for(request, *, paged=True):
    """The form and the board the user may see: a unit officer's unit is forced, never chosen. The
    page shows one page of rows (?page=), the export every row."""
    own_unit_only = not request.user.reads_all
    form = ChaseFilterForm(request.GET or None, own_unit_only=own_unit_only)
    filters = form.filters() if request.GET else {"unit_id": None, "colour": None, "source": None}
    if own_unit_only:
        filters["unit_id"] = request.user.handling_unit_id
        if filters["unit_id"] is None:
            return form, None
    page = (request.GET.get("page") or 1) if paged else None
    return form, chase_board(today=_today(), page=page, **filters)


def _colour_tabs(request, board):
    """One tab per colour with its count, keeping the other filters: (key, label, count, query, active)."""
    query = request.GET.copy()
    query.pop("colour", None)
    query.pop("page", None)
    chosen = request.GET.get("colour", "")
    tabs = [("", _("All"), board.total if board else 0, query.urlencode(), chosen not in dict(COLOUR_CHOICES))]
    for key, label in COLOUR_CHOICES:
        query["colour"] = key
        tabs.append((key, label, board.counts[key] if board else 0, query.urlencode(), chosen == key))
    return tabs


def _without_page(query):
    query = query.copy()
    query.pop("page", None)
    return query


def _page_query(query):
    """The filters the pager's links keep, as "key=value&" for partials/pagination.html."""
    encoded = _without_page(query).urlencode()
    return f"{encoded}&" if encoded else ""


@role_required(*BOARD_ROLES)
def chase_board_view(request):
    form, board = _board_for(request)
    return render(request, "core/chase_board.html", {
        "form": form, "board": board, "today": _today(), "for_unit": not request.user.reads_all,
        "colour_tabs": _colour_tabs(request, board), "query": _without_page(request.GET).urlencode(),
        "page_query": _page_query(request.GET),
        "filtered": any(value for key, value in request.GET.items() if key in form.fields),
    })


@role_required(*BOARD_ROLES)
def chase_board_export(request):
    """The board as an .xlsx file named 催办看板-YYYYMMDD.xlsx, titled with the township and the date."""
    _form, board = _board_for(request, paged=False)
    today = _today()
    title = _("%(township)s chase board, %(date)s") % {
        "township": Township.current().name, "date": today.strftime("%Y-%m-%d")}
    return workbook_response(chase_workbook(board.rows if board else [], title), f"催办看板-{today:%Y%m%d}.xlsx")


# --- the workbook --------------------------------------------------------------------------------

def _days_text(row):
    if row.item.done_on:
        return f'{row.done_label} {row.item.done_on.strftime("%Y-%m-%d")}'
    if row.days_left is None:
        return _("No due date")
    if row.days_left < 0:
        return ngettext("%(days)d day overdue", "%(days)d days overdue", row.days_overdue) % {"days": row.days_overdue}
    return ngettext("%(days)d day left", "%(days)d days left", row.days_left) % {"days": row.days_left}


def chase_rows(rows):
    """The sheet's lines, in the board's order: what the page shows, as plain values."""
    return [[
        str(row.colour_label), row.item.title, row.source_label, row.unit_name or "—",
        row.item.due_date or "—", _days_text(row),
        f"{row.last_reminder.day:%Y-%m-%d} {row.last_reminder.kind_label}" if row.last_reminder else "—",
    ] for row in rows]


def chase_workbook(rows, title):
    """The board as a workbook in the office's printed layout (core.excel)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Chase board")
    headers = [_("Colour"), _("Item"), _("Kind of item"), _("Handling unit"), _("Due date"),
               _("Days left"), _("Last reminder")]
    titled_table(sheet, title=title, headers=headers, body=chase_rows(rows) or [[_("No open item.")]],
                 freeze="A3", first_column_left=False)
    for row in sheet.iter_rows(min_row=3, min_col=5, max_col=5):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    return book
