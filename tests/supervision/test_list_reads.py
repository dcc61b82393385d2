"""How the long lists read their rows: a page is cut in SQL and still reaches every row in the
list's order; the years a filter offers are exactly the years with records, gaps left out, read
in at most two queries whatever the number of rows."""
import datetime

import pytest

from supervision.models import Activity, RectificationItem, Training
from core.paging import page_of
from supervision.selectors.common import years_of
from supervision.selectors.rectification import OPEN_FIRST, office_count, office_counts, office_items
from tests.supervision.factories import ActivityFactory, RectificationItemFactory, TrainingFactory

pytestmark = pytest.mark.django_db

D = datetime.date
R = RectificationItem.Status
TODAY = D(2026, 6, 1)


def test_the_years_are_those_with_records_gaps_left_out(django_assert_max_num_queries):
    for year in (2017, 2019, 2022, 2026):
        ActivityFactory(start_date=D(year, 3, 1))
    with django_assert_max_num_queries(2):
        assert years_of((Activity, "start_date")) == [2026, 2022, 2019, 2017]


def test_the_years_of_several_sources_are_their_union():
    ActivityFactory(start_date=D(2020, 3, 1))
    TrainingFactory(start_date=D(2023, 4, 1))
    RectificationItemFactory(activity=ActivityFactory(start_date=D(2024, 5, 1)), assigned_on=D(2025, 1, 2),
                             deadline=D(2025, 3, 1))
    sources = [(Training, "start_date"), (Activity, "start_date"), (RectificationItem, "assigned_on")]
    assert years_of(*sources) == [2025, 2024, 2023, 2020]
    Training.objects.all().delete()
    assert years_of((Training, "start_date"), (Activity, "start_date")) == [2024, 2020]


def test_no_records_no_years():
    assert years_of((Activity, "start_date")) == []
    assert years_of((Activity, "start_date"), (Training, "start_date")) == []


def test_the_pages_of_a_list_reach_every_row_in_its_order():
    items = [RectificationItemFactory(status=status, deadline=D(2026, 7, day))
             for day, status in enumerate([R.VERIFIED, R.PENDING, R.RECTIFIED, R.IN_PROGRESS, R.WITHDRAWN,
                                           R.PENDING, R.VERIFIED], start=1)]
    ordered = RectificationItem.objects.order_by(*OPEN_FIRST)
    read = []
    for number in (1, 2, 3):
        page = page_of(ordered, number, 3)
        read += [item.pk for item in page.object_list]
    assert read == list(ordered.values_list("pk", flat=True)) and sorted(read) == sorted(item.pk for item in items)
    assert [RectificationItem.objects.get(pk=pk).status for pk in read[:4]] == [R.PENDING, R.IN_PROGRESS,
                                                                               R.PENDING, R.RECTIFIED]


@pytest.mark.parametrize("status", ["", "open", R.PENDING, R.VERIFIED])
@pytest.mark.parametrize("colour", ["", "red", "yellow"])
def test_the_count_read_from_the_tabs_is_the_list_s_length(status, colour):
    activity = ActivityFactory(start_date=D(2026, 1, 2))
    for deadline in (D(2026, 5, 1), D(2026, 6, 3), D(2026, 9, 1)):
        for item_status in R.values:
            RectificationItemFactory(activity=activity, status=item_status, deadline=deadline)
    counts = office_counts(today=TODAY)
    known = office_count(counts, status=status, colour=colour)
    actual = office_items(today=TODAY, status=status, colour=colour).count()
    assert known is None or known == actual
    if status in ("", "open") or not colour:
        assert known == actual


def test_the_unit_filter_lists_every_unit_keeps_the_choice_and_escapes_names():
    from supervision.forms_rectification import ItemFilterForm
    from tests.factories import HandlingUnitFactory

    plain, odd = HandlingUnitFactory(name="城建办"), HandlingUnitFactory(name='A&B <"站">')
    html = str(ItemFilterForm({"unit": str(odd.pk)}, years=[2026])["unit"])
    assert f'<option value="{plain.pk}">城建办</option>' in html
    assert f'<option value="{odd.pk}" selected>A&amp;B &lt;&quot;站&quot;&gt;</option>' in html
    assert '<option value="">' in html and 'name="unit"' in html and 'id="id_unit"' in html
    assert ItemFilterForm({"unit": str(odd.pk)}, years=[2026]).filters()["unit"] == odd
