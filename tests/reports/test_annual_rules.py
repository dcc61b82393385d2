"""The year-end report's rules: who drafts, edits, finalises; frozen once final; new versions;
the plan items; the command; constant query counts."""
import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.exceptions import ApplicationError
from reports.annual.document import annual_document, document_text
from reports.models import AnnualReport, PlanItem
from reports.services_annual import (
    annual_report_draft,
    annual_report_finalise,
    annual_report_new_version,
    annual_report_recount,
    annual_section_update,
    current_version,
    plan_item_create,
)
from tests.supervision.factories import ActivityFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages():
    """The services' refusals in English, so the assertions on their words hold whatever the
    Chinese catalogue says (the document's own text is Chinese either way)."""
    from django.utils import translation

    with translation.override("en"):
        yield
DAY = datetime.date(2026, 12, 28)


@pytest.fixture
def draft(staff_user):
    return annual_report_draft(year=2026, actor=staff_user)


def section(report, key):
    return report.sections.get(key=key)


def test_the_first_draft_has_the_seeds_sections(draft):
    assert list(draft.sections.values_list("key", flat=True)) == [
        "review", "sessions", "supervision", "deputies", "suggestions", "self_building", "problems", "plan"]
    assert draft.status == AnnualReport.Status.DRAFT and draft.version == 1


def test_a_year_has_one_first_draft(draft, staff_user):
    with pytest.raises(ApplicationError):
        annual_report_draft(year=2026, actor=staff_user)


def test_a_presidium_member_cannot_draft(presidium_member):
    with pytest.raises(ApplicationError):
        annual_report_draft(year=2026, actor=presidium_member)


def test_the_narrative_is_edited_and_the_figures_stay_live(draft, staff_user):
    annual_section_update(section=section(draft, "problems"), heading="（六）存在的问题", narrative="监督刚性不足。",
                          actor=staff_user)
    before = document_text(annual_document(draft))
    assert "监督刚性不足。" in before and "全年组织学习培训0次" in before
    TrainingFactory(start_date=datetime.date(2026, 4, 1))
    assert "全年组织学习培训1次" in document_text(annual_document(draft))


def page_text(client, report):
    import html
    import re

    page = client.get(reverse("annual:detail", args=[report.pk])).content.decode()
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_page_shows_the_figures_as_last_counted_and_counting_again_brings_them_up_to_date(
        client, draft, staff_user):
    client.force_login(staff_user)
    assert draft.counted_at is not None and "全年组织学习培训0次" in page_text(client, draft)
    TrainingFactory(start_date=datetime.date(2026, 4, 1))
    assert "全年组织学习培训0次" in page_text(client, draft)  # as counted when the draft was written
    response = client.post(reverse("annual:recount", args=[draft.pk]))
    assert response.status_code == 302
    assert "全年组织学习培训1次" in page_text(client, draft)


def test_a_draft_written_before_figures_were_kept_is_counted_when_first_opened(client, draft, presidium_member):
    AnnualReport.objects.filter(pk=draft.pk).update(counted_blocks={}, counted_at=None)
    TrainingFactory(start_date=datetime.date(2026, 4, 1))
    client.force_login(presidium_member)  # any reader: the figures are the records', not an edit
    assert "全年组织学习培训1次" in page_text(client, draft)
    draft.refresh_from_db()
    assert draft.counted_at is not None and draft.counted_blocks["self_building"]


def test_finalising_counts_afresh_whatever_the_page_last_counted(draft, chairman):
    TrainingFactory(start_date=datetime.date(2026, 4, 1))
    final = annual_report_finalise(report=draft, doc_number="青人发〔2026〕5号", issued_on=DAY, actor=chairman)
    assert final.figures_snapshot["trainings"] == 1
    assert "全年组织学习培训1次" in document_text(annual_document(final))


def test_a_final_report_is_not_counted_again(draft, chairman, staff_user):
    final = annual_report_finalise(report=draft, doc_number="青人发〔2026〕5号", issued_on=DAY, actor=chairman)
    with pytest.raises(ApplicationError, match="final"):
        annual_report_recount(report=final, actor=staff_user)


def test_only_the_office_counts_again(draft, presidium_member, client):
    with pytest.raises(ApplicationError):
        annual_report_recount(report=draft, actor=presidium_member)
    client.force_login(presidium_member)
    assert client.post(reverse("annual:recount", args=[draft.pk])).status_code == 403


def test_a_new_version_is_counted_when_it_starts(draft, chairman, staff_user):
    final = annual_report_finalise(report=draft, doc_number="青人发〔2026〕5号", issued_on=DAY, actor=chairman)
    TrainingFactory(start_date=datetime.date(2026, 4, 1))
    new = annual_report_new_version(report=final, actor=staff_user)
    assert any("全年组织学习培训1次" in block.get("text", "") for block in new.counted_blocks["self_building"])


def test_only_the_chairman_finalises(draft, staff_user):
    with pytest.raises(ApplicationError, match="chairman"):
        annual_report_finalise(report=draft, doc_number="青人发〔2026〕5号", issued_on=DAY, actor=staff_user)


def test_finalising_needs_a_doc_number_and_a_date(draft, chairman):
    with pytest.raises(ApplicationError) as error:
        annual_report_finalise(report=draft, doc_number=" ", issued_on=DAY, actor=chairman)
    assert error.value.field == "doc_number"
    with pytest.raises(ApplicationError) as error:
        annual_report_finalise(report=draft, doc_number="青人发〔2026〕5号", issued_on=None, actor=chairman)
    assert error.value.field == "issued_on"


def test_the_doc_number_is_unique(draft, chairman, staff_user):
    annual_report_finalise(report=draft, doc_number="青人发〔2026〕5号", issued_on=DAY, actor=chairman)
    other = annual_report_draft(year=2025, actor=staff_user)
    with pytest.raises(ApplicationError, match="already bears"):
        annual_report_finalise(report=other, doc_number="青人发〔2026〕5号", issued_on=DAY, actor=chairman)


def test_a_final_report_is_frozen(draft, chairman, staff_user):
    final = annual_report_finalise(report=draft, doc_number="青人发〔2026〕5号", issued_on=DAY, actor=chairman)
    assert final.figures_snapshot["trainings"] == 0
    TrainingFactory(start_date=datetime.date(2026, 4, 1))
    text = document_text(annual_document(final))
    assert "全年组织学习培训0次" in text and "青人发〔2026〕5号" in text
    with pytest.raises(ApplicationError, match="final"):
        annual_section_update(section=section(final, "problems"), heading="x", narrative="y", actor=staff_user)
    with pytest.raises(ApplicationError):
        annual_report_finalise(report=final, doc_number="青人发〔2026〕6号", issued_on=DAY, actor=chairman)


def test_a_new_version_starts_from_a_final_one(draft, chairman, staff_user):
    annual_section_update(section=section(draft, "problems"), heading="（六）问题", narrative="自己写的。", actor=staff_user)
    with pytest.raises(ApplicationError, match="draft"):
        annual_report_new_version(report=draft, actor=staff_user)
    final = annual_report_finalise(report=draft, doc_number="青人发〔2026〕5号", issued_on=DAY, actor=chairman)
    new = annual_report_new_version(report=final, actor=staff_user)
    assert (new.version, new.status, new.based_on_id) == (2, AnnualReport.Status.DRAFT, final.pk)
    assert section(new, "problems").narrative == "自己写的。"
    assert current_version(2026) == final  # the final one speaks until the new one is final
    with pytest.raises(ApplicationError, match="open already"):
        annual_report_new_version(report=final, actor=staff_user)
    assert AnnualReport.objects.filter(year=2026).count() == 2


def test_the_plan_says_what_was_done(staff_user, draft):
    held = ActivityFactory(topic="视察饮水工程", start_date=datetime.date(2026, 4, 1))
    plan_item_create(actor=staff_user, year=2026, category=PlanItem.Category.SUPERVISION, title="视察饮水工程",
                     activity=held)
    plan_item_create(actor=staff_user, year=2026, category=PlanItem.Category.TRAINING, title="履职培训")
    plan_item_create(actor=staff_user, year=2027, category=PlanItem.Category.DEPUTY, title="代表进站活动",
                     planned_month=5)
    text = document_text(annual_document(draft))
    assert "年初确定的2026年工作计划共2项，已完成1项，未完成1项（履职培训）" in text
    assert "（一）代表活动" in text and "1. 代表进站活动（5月）。" in text


def test_a_plan_item_links_only_records_of_its_year(staff_user):
    other_year = ActivityFactory(start_date=datetime.date(2025, 4, 1))
    with pytest.raises(ApplicationError) as error:
        plan_item_create(actor=staff_user, year=2026, category="supervision", title="x", activity=other_year)
    assert error.value.field == "activity"


# --- pages -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["list", "detail", "finalise"])
def test_deputies_and_units_are_refused(client, deputy_user, unit_officer, draft, name):
    url = reverse("annual:list") if name == "list" else reverse(f"annual:{name}", args=[draft.pk])
    for user in (deputy_user, unit_officer):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_a_presidium_member_reads_only(client, presidium_member, draft):
    client.force_login(presidium_member)
    page = client.get(reverse("annual:detail", args=[draft.pk]))
    assert page.status_code == 200 and b"<textarea" not in page.content
    url = reverse("annual:section_update", args=[draft.pk, "problems"])
    assert client.post(url, {"section-problems-heading": "x"}).status_code == 403
    assert client.get(reverse("annual:finalise", args=[draft.pk])).status_code == 403
    assert client.post(reverse("annual:plan_create", args=[2027]), {}).status_code == 403


def test_staff_edit_a_section_in_the_page(client, staff_user, draft):
    client.force_login(staff_user)
    page = client.get(reverse("annual:detail", args=[draft.pk]))
    assert page.content.count(b"<textarea") == 8
    response = client.post(reverse("annual:section_update", args=[draft.pk, "problems"]),
                           {"section-problems-heading": "（六）存在的问题", "section-problems-narrative": "新的段落。"})
    assert response.status_code == 302
    assert section(draft, "problems").narrative == "新的段落。"


def test_a_section_form_keeps_what_was_typed(english, staff_user, draft):
    english.force_login(staff_user)
    response = english.post(reverse("annual:section_update", args=[draft.pk, "problems"]),
                            {"section-problems-heading": "", "section-problems-narrative": "我写了很长一段。"})
    assert response.status_code == 400 and "我写了很长一段。" in response.content.decode()


def test_the_finalise_form_keeps_input_and_explains(english, chairman, staff_user, draft):
    other = annual_report_draft(year=2025, actor=staff_user)
    annual_report_finalise(report=other, doc_number="青人发〔2025〕9号", issued_on=DAY, actor=chairman)
    english.force_login(chairman)
    url = reverse("annual:finalise", args=[draft.pk])
    response = english.post(url, {"doc_number": "青人发〔2025〕9号", "issued_on": "2026-12-28"})
    assert response.status_code == 400
    assert "already bears the issue number" in response.content.decode()
    assert 'value="2026-12-28"' in response.content.decode()
    response = english.post(url, {"doc_number": "", "issued_on": ""})
    assert "Give the issue number" in response.content.decode()


def test_editing_a_final_report_is_refused_with_a_message(english, chairman, draft):
    annual_report_finalise(report=draft, doc_number="青人发〔2026〕5号", issued_on=DAY, actor=chairman)
    english.force_login(chairman)
    response = english.post(reverse("annual:section_update", args=[draft.pk, "problems"]),
                            {"section-problems-heading": "x", "section-problems-narrative": "y"}, follow=True)
    assert "final and frozen" in response.content.decode()
    assert b"<textarea" not in response.content


def test_the_plan_form_keeps_input(english, staff_user):
    english.force_login(staff_user)
    response = english.post(reverse("annual:plan_create", args=[2027]),
                            {"year": "2027", "category": "training", "title": "", "description": "写好的说明"})
    assert response.status_code == 400 and "写好的说明" in response.content.decode()


def test_the_report_page_query_count_is_constant(client, staff_user, draft, django_assert_max_num_queries):
    client.force_login(staff_user)
    url = reverse("annual:detail", args=[draft.pk])
    client.get(url)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for month in range(1, 10):
        ActivityFactory(start_date=datetime.date(2026, month, 3))
        TrainingFactory(start_date=datetime.date(2026, month, 5))
        plan_item_create(actor=staff_user, year=2027, category="training", title=f"培训{month}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_list_and_plan_query_counts_are_constant(client, staff_user, django_assert_max_num_queries):
    client.force_login(staff_user)
    for year in (2024, 2025):
        annual_report_draft(year=year, actor=staff_user)
        plan_item_create(actor=staff_user, year=year, category="other", title="一项")
    counts = []
    for round_ in range(2):
        with django_assert_max_num_queries(30) as queries:
            client.get(reverse("annual:list"))
            client.get(reverse("annual:plan", args=[2025]))
        counts.append(len(queries.captured_queries))
        for year in (2030 + 3 * round_, 2031 + 3 * round_, 2032 + 3 * round_):
            annual_report_draft(year=year, actor=staff_user)
            for n in range(3):
                plan_item_create(actor=staff_user, year=2025, category="training", title=f"培训{year}{n}",
                                 training=TrainingFactory(start_date=datetime.date(2025, 3, 1)))
    assert counts[0] == counts[1]


# --- the PDF and the command -------------------------------------------------------------------------

def test_the_command_writes_the_current_version(tmp_path, draft):
    output = tmp_path / "report.pdf"
    call_command("annual_report", "--year", "2026", "--output", str(output))
    assert output.read_bytes().startswith(b"%PDF")


def test_the_command_says_when_there_is_no_report(tmp_path, db):
    with pytest.raises(CommandError, match="No work summary of 2030"):
        call_command("annual_report", "--year", "2030", "--output", str(tmp_path / "x.pdf"))


def test_the_pages_pdf_button_starts_the_export_job_and_nothing_renders_in_the_request(
        client, presidium_member, draft):
    """The PDF is an export job (tests/reports/test_annual_export.py); the page only offers it."""
    from django.urls import NoReverseMatch

    client.force_login(presidium_member)
    html = client.get(reverse("annual:detail", args=[draft.pk])).content.decode()
    assert f'action="{reverse("exports:start", args=["annual_report"])}"' in html
    assert f'name="report" value="{draft.pk}"' in html and 'data-action="pdf"' in html
    with pytest.raises(NoReverseMatch):
        reverse("annual:pdf", args=[draft.pk])
