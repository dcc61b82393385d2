"""The suggestion ledger (办理台账): one row per item with every step's date, its units, its
result class and its rating, filtered as the office's list of items is (SPEC §6)."""
import io

from django.db.models import Min, OuterRef, Prefetch, Subquery
from django.utils import timezone

from core.excel import titled_table
from core.models import Township
from motions.models import Assignment, Event, Reply, Suggestion
from motions.selectors import office as office_selectors
from motions.workflow import Action

HEADERS = ("序号", "编号", "类型", "标题", "提出人", "联名代表", "内容分类", "主办单位", "协办单位",
           "提交日期", "立案日期", "交办日期", "签收日期", "答复日期", "测评日期", "办结日期",
           "答复期限", "办理状态", "答复类别", "满意度")
# Short kinds for a narrow column.
KIND_SHORT = {Suggestion.Kind.SUGGESTION: "建议", Suggestion.Kind.MOTION: "议案"}
STATUS_ZH = {
    "submitted": "待审查", "returned": "退回修改", "not_accepted": "不予立案（转为参考）", "merged": "已并案",
    "accepted": "已立案待交办", "assigned": "办理中", "replied": "已答复待测评", "rehandling": "重新办理",
    "closed": "已办结",
}
SATISFACTION_ZH = {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"}
# The filters of the office's list, in its form's words (motions.views.office.forms.ItemFilterForm).
FILTER_NAMES = ("year", "status", "kind", "source", "category", "unit", "key", "q")


def ledger_items(filters):
    """The office list's items for `filters` (its selector, so the ledger and the page always
    agree), with what the ledger adds: units, replies with ratings, the day of acceptance.
    Three queries whatever the number of items."""
    accepted = (Event.objects.filter(suggestion=OuterRef("pk"), action=Action.ACCEPT).order_by()
                .values("suggestion").annotate(first=Min("at")).values("first"))
    assignments = (Assignment.objects.exclude(status=Assignment.Status.RETURNED).select_related("unit")
                   .order_by("role", "unit__sort_order", "unit__name", "pk"))
    replies = Reply.objects.select_related("result_class", "rating").order_by("round", "pk")
    return (office_selectors.office_items(**filters)
            .annotate(accepted_at=Subquery(accepted[:1]))
            .prefetch_related(Prefetch("assignments", queryset=assignments, to_attr="live_assignments"),
                              Prefetch("replies", queryset=replies, to_attr="all_replies")))


def ledger_count(filters):
    return office_selectors.office_items(**filters).count()


def _day(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localdate(value)
    return value.isoformat()


def ledger_row(number, item):
    leads = [a for a in item.live_assignments if a.role == Assignment.Role.LEAD]
    co_units = [a.unit.name for a in item.live_assignments if a.role == Assignment.Role.CO]
    replies = item.all_replies
    latest = replies[-1] if replies else None
    rating = getattr(latest, "rating", None) if latest else None
    replied = "；".join(
        _day(reply.replied_on) if reply.round == 1 else f"重办 {_day(reply.replied_on)}" for reply in replies)
    ratings = [reply.rating for reply in replies if hasattr(reply, "rating")]
    return [
        number, item.reference, KIND_SHORT.get(item.kind, item.kind), item.title,
        item.proposer.name if item.proposer else item.petitioner,
        item.cosigner_count or "", item.category.name if item.category else "",
        "、".join(a.unit.name for a in leads), "、".join(co_units),
        _day(item.submitted_at), _day(item.accepted_at), _day(item.assigned_at),
        _day(leads[0].acknowledged_at) if leads else "", replied,
        _day(ratings[-1].rated_at) if ratings else "", _day(item.closed_at), _day(item.due_date),
        STATUS_ZH.get(item.status, item.status),
        f"{latest.result_class.code} {latest.result_class.name}" if latest else "",
        SATISFACTION_ZH.get(rating.satisfaction, "") if rating else "",
    ]


def ledger_workbook(filters, *, title_suffix="", progress=None):
    from openpyxl import Workbook

    items = list(ledger_items(filters))
    body = []
    for number, item in enumerate(items, start=1):
        body.append(ledger_row(number, item))
        if progress and number % 200 == 0:
            progress(10 + 80 * number // len(items), f"已写入 {number} / {len(items)} 件")
    township = Township.current()
    year = filters.get("year")
    title = f"{township.name}人大代表建议、议案办理台账" + (f"（{year}年）" if year else "") + title_suffix
    book = Workbook()
    sheet = book.active
    sheet.title = str(year or "台账")
    titled_table(sheet, title=title, headers=list(HEADERS), body=body, freeze="E3")
    sheet.column_dimensions["D"].width = 40  # titles wrap rather than stretch the page
    sheet.append([f"制表日期：{timezone.localdate().isoformat()}；共 {len(items)} 件。"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
