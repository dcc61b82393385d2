"""The year's supervision figures (督查工作一览): what the year's records count, the activities
still to hold and the rectification items past their deadline (the first few of each, with a link
to the list that shows them all)."""
from django.shortcuts import render
from django.utils import timezone

from core.permissions import reads_all_required

from ..forms_training import YearForm
from ..selectors import figures

# Rows of each list shown here; the rest are a link away, on the activities' and the items' lists.
LIST_ROWS = 10


@reads_all_required
def overview(request):
    form = YearForm(request.GET or None, years=figures.figure_years())
    today = timezone.localdate()
    year = (form.cleaned_data.get("year") if form.is_valid() else None) or today.year
    return render(request, "supervision/overview.html", {
        "form": form, "year": year, "today": today, "figures": figures.supervision_figures(year, today=today),
        "planned": figures.planned_activities(year, limit=LIST_ROWS),
        "overdue": figures.overdue_items(year, today=today, limit=LIST_ROWS),
        "can_manage": request.user.is_office,
    })
