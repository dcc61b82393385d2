"""The public page (公众): published items with their replies, and the yearly handling report that
must be made public (组织法 Art. 42). No account is needed; nothing here shows personal data
beyond the proposer's name."""
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.models import Township

from .. import stats_tables
from ..forms_stats import PublicSearchForm, StatisticsPicker
from ..permissions import get_published_suggestion_or_404
from ..selectors import public as selectors
from ..selectors.statistics import statistics_years, suggestion_statistics

PAGE_SIZE = 10


@login_not_required
@require_GET
def public_list(request):
    form = PublicSearchForm(request.GET, years=statistics_years(),
                            categories=selectors.public_categories(), units=selectors.public_units())
    page = selectors.published_page(request.GET.get("page"), PAGE_SIZE, **form.filters)
    return render(request, "motions/public_list.html", {
        "form": form, "page_obj": page, "year": form.chosen_year, "extra_query": f"{form.query}&",
        "figures": suggestion_statistics(year=form.chosen_year).overall,
    })


@login_not_required
@require_GET
def public_detail(request, pk):
    suggestion = get_published_suggestion_or_404(request.user, pk)
    replies, assignments = selectors.published_detail(suggestion)
    return render(request, "motions/public_detail.html", {
        "suggestion": suggestion, "replies": replies, "assignments": assignments,
    })


@login_not_required
@require_GET
def public_report(request):
    """年度代表建议办理情况: the year's figures and the tables by unit and category, for everyone."""
    picker = StatisticsPicker(request.GET, years=statistics_years(), sessions_of=lambda year: [])
    stats = suggestion_statistics(year=picker.year)
    tables = [stats_tables.unit_table(stats), stats_tables.category_table(stats)]
    return render(request, "motions/public_report.html", {
        "picker": picker, "year": picker.year, "figures": stats.overall,
        "summary": stats_tables.summary_sentence(stats.overall, picker.year),
        "title": stats_tables.statistics_title(Township.current(), year=picker.year),
        "tables": tables, "tables_html": stats_tables.rendered(stats, tables, page="public"),
    })
