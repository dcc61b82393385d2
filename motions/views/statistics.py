"""The statistics page (SPEC §4 "Statistics per year and session") for those who read everything,
and its Excel sheet. The figures come from the one selector the year-end report uses too."""
from django.http import Http404
from django.shortcuts import redirect, render

from core.excel import workbook_response
from core.models import Township
from core.permissions import reads_all_required

from .. import stats_excel, stats_tables
from ..forms_stats import StatisticsPicker
from ..permissions import deputy_of, get_suggestion_for_user_or_404
from ..selectors.statistics import statistics_sessions, statistics_years, suggestion_statistics


def _picked(request):
    picker = StatisticsPicker(request.GET, years=statistics_years(), sessions_of=statistics_sessions)
    # A session's items are that session's whatever their year; the whole year otherwise.
    if picker.session is not None:
        stats = suggestion_statistics(session=picker.session)
    else:
        stats = suggestion_statistics(year=picker.year)
    title = stats_tables.statistics_title(Township.current(), year=picker.year, session=picker.session)
    return picker, stats, title


@reads_all_required
def stats_overview(request):
    picker, stats, title = _picked(request)
    tables = [stats_tables.unit_table(stats), stats_tables.category_table(stats),
              stats_tables.source_table(stats), stats_tables.kind_table(stats)]
    return render(request, "motions/stats_overview.html", {
        "picker": picker, "stats": stats, "title": title, "figures": stats.overall,
        "tables": tables, "tables_html": stats_tables.rendered(stats, tables, page="overview"),
    })


@reads_all_required
def stats_export(request):
    """The page's figures and tables as an .xlsx file titled with the township and the year."""
    picker, stats, title = _picked(request)
    filename = f"{title}.xlsx".replace(" ", "").replace(":", "")
    return workbook_response(stats_excel.statistics_workbook(stats, title), filename)


def stats_item_link(request, pk):
    """The link of a duty-record line (履职档案): the office and presidium members land on the
    office's page of the item, its proposer or co-signer on the deputy's page; anyone else 404."""
    item = get_suggestion_for_user_or_404(request.user, pk)
    if request.user.reads_all:
        return redirect("motions:office_item", pk=item.pk)
    if deputy_of(request.user) is not None:
        return redirect("motions:deputy_item", pk=item.pk)
    raise Http404
