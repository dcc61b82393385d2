"""Official documents written on request (SPEC §6): an assignment letter (交办函) to one unit,
a session's suggestion compilation (建议汇编) and a deputy's performance record (履职档案),
each an OfficialDocument for reports.pdf.render_pdf. Their text is Chinese on purpose: they are
government documents, whatever language the page is in."""
import datetime

from django.db.models import Prefetch
from django.utils import timezone

from core.models import Township
from deputies.numerals import chinese_number
from motions.models import Assignment, CoSigner, HandlingRules, Suggestion

from . import performance
from .document import Heading, OfficialDocument, Paragraph, Table

S = Suggestion.Status
ACCEPTED_OR_LATER = (S.ACCEPTED, S.ASSIGNED, S.REPLIED, S.REHANDLING, S.CLOSED)
OPEN_FOR_UNIT = (S.ASSIGNED, S.REHANDLING)
ROLE_ZH = {Assignment.Role.LEAD: "主办", Assignment.Role.CO: "协办"}
KIND_ZH = {Suggestion.Kind.SUGGESTION: "建议", Suggestion.Kind.MOTION: "议案"}


def presidium(township):
    return f"{township.name}人大主席团"


def _proposer(item):
    return item.proposer.name if item.proposer else (item.petitioner or "来信来访群众")


def _today():
    return timezone.localdate()


# --- 交办函 ------------------------------------------------------------------------------------

def letter_assignments(unit, day=None):
    """The unit's live assignments: those made on `day`, or, without a day, every one still open
    (the item assigned or being re-handled, the unit not having returned it). One query."""
    assignments = (Assignment.objects.filter(unit=unit).exclude(status=Assignment.Status.RETURNED)
                   .select_related("suggestion__proposer"))
    if day:
        assignments = assignments.filter(assigned_at=day)
    else:
        assignments = assignments.filter(suggestion__status__in=OPEN_FOR_UNIT)
    return list(assignments.order_by("suggestion__year", "suggestion__number", "pk"))


def rules_paragraph(handling):
    if handling.due_rule == HandlingRules.DueRule.WORKING_DAYS:
        normal = f"{handling.working_days_normal}个工作日"
        complex_ = f"{handling.working_days_complex}个工作日"
    else:
        normal = f"{chinese_number(handling.months_normal)}个月"
        complex_ = f"{chinese_number(handling.months_complex)}个月"
    return (
        f"请按照《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》第五十一条等规定办理："
        f"主办单位应当自交办之日起{normal}内书面答复代表，涉及面广、处理难度大的应当在{complex_}内答复；"
        f"协办单位应当自交办之日起{chinese_number(handling.co_unit_opinion_months)}个月内将协办意见书面送主办单位；"
        f"认为不属于本单位职责范围的，应当自交办之日起{handling.return_working_days}个工作日内说明理由并退回，"
        f"不得自行转办；代表对答复不满意、需要重新办理的，应当在{chinese_number(handling.rehandle_months)}个月内再次答复。"
        f"答复须经单位主要负责人签发并加盖公章，送提出建议的代表和全体联名代表。"
    )


def assignment_letter(unit, day=None, *, today=None):
    """交办函 to `unit`: the items assigned to it on `day`, or all its open ones."""
    township = Township.current()
    assignments = letter_assignments(unit, day)
    leads = sum(1 for a in assignments if a.role == Assignment.Role.LEAD)
    when = f"{day.year}年{day.month}月{day.day}日交办的" if day else "目前由你单位承办、尚未办结的"
    opening = (f"现将{when}代表建议、议案{len(assignments)}件交由你单位办理，其中主办{leads}件、"
               f"协办{len(assignments) - leads}件，请认真研究，按期办理答复。") if assignments else (
               f"经查，{when}代表建议、议案暂无。")
    rows = tuple(
        (a.suggestion.reference, a.suggestion.title, _proposer(a.suggestion),
         ROLE_ZH.get(a.role, a.role), a.due_date.isoformat())
        for a in assignments)
    blocks = [Paragraph(f"{unit.name}："), Paragraph(opening)]
    if rows:
        blocks.append(Table(caption="交办事项清单", columns=("编号", "标题", "提出人", "承办方式", "答复期限"),
                            rows=rows))
    blocks.append(Paragraph(rules_paragraph(HandlingRules.current())))
    contact = f"联系人：{presidium(township)}办公室" + (f"，电话：{township.phone}" if township.phone else "") + "。"
    blocks.append(Paragraph(contact))
    return OfficialDocument(
        title=f"{presidium(township)}关于交办代表建议的函", blocks=tuple(blocks), issuer=presidium(township),
        date=day or today or _today(), meta={"subject": f"{unit.name}交办函"},
    )


# --- 建议汇编 ----------------------------------------------------------------------------------

def compilation_items(session):
    """Every accepted suggestion and motion raised at `session`, by category then number, with
    the confirmed co-signers and live assignments. Three queries."""
    confirmed = CoSigner.objects.filter(status=CoSigner.Status.CONFIRMED).select_related("deputy").order_by("pk")
    units = (Assignment.objects.exclude(status=Assignment.Status.RETURNED).select_related("unit")
             .order_by("role", "unit__sort_order", "unit__name"))
    return list(Suggestion.objects.filter(session=session, status__in=ACCEPTED_OR_LATER)
                .select_related("proposer", "category")
                .prefetch_related(Prefetch("cosigners", queryset=confirmed, to_attr="confirmed_cosigners"),
                                  Prefetch("assignments", queryset=units, to_attr="live_assignments"))
                .order_by("category__sort_order", "category__name", "number", "pk"))


def _paragraphs(text):
    return [Paragraph(line.strip()) for line in (text or "").splitlines() if line.strip()]


def compilation(session, *, progress=None, today=None):
    township = Township.current()
    items = compilation_items(session)
    groups = {}
    for item in items:
        groups.setdefault(item.category.name if item.category else "其他", []).append(item)
    motions = sum(1 for item in items if item.kind == Suggestion.Kind.MOTION)
    split = f"，其中议案{motions}件、建议{len(items) - motions}件" if motions else ""
    blocks = [Paragraph(
        f"{session}期间，代表共提出并经主席团审查立案的建议、议案{len(items)}件{split}。现按内容分类汇编如下。")]
    if items:
        blocks.append(Table(caption="目录", columns=("序号", "编号", "标题", "提出人", "分类"), numeric=(0,), rows=tuple(
            (str(i), item.reference, item.title, _proposer(item), item.category.name if item.category else "其他")
            for i, item in enumerate(items, start=1))))
    done = 0
    for group_index, (category, members) in enumerate(groups.items(), start=1):
        blocks.append(Heading(1, f"{chinese_number(group_index)}、{category}（{len(members)}件）"))
        for index, item in enumerate(members, start=1):
            blocks.append(Heading(2, f"（{chinese_number(index)}）{item.reference} {item.title}"))
            cosigners = "、".join(c.deputy.name for c in item.confirmed_cosigners)
            people = f"类型：{KIND_ZH.get(item.kind, '')}；提出人：{_proposer(item)}"
            if cosigners:
                people += f"；联名代表：{cosigners}"
            blocks.append(Paragraph(people + "。"))
            leads = "、".join(a.unit.name for a in item.live_assignments if a.role == Assignment.Role.LEAD)
            cos = "、".join(a.unit.name for a in item.live_assignments if a.role == Assignment.Role.CO)
            unit_line = f"主办单位：{leads or '尚未交办'}" + (f"；协办单位：{cos}" if cos else "") + "。"
            blocks.append(Paragraph(unit_line))
            blocks.extend(_paragraphs(item.content))
            done += 1
            if progress:
                progress(5 + 70 * done // len(items), f"已整理 {done} / {len(items)} 件")
    return OfficialDocument(
        title=f"{session}代表建议、议案汇编", blocks=tuple(blocks), issuer=presidium(township),
        date=today or _today(), meta={"subject": "建议汇编"},
    )


# --- 履职档案 ----------------------------------------------------------------------------------

def performance_document(deputy, year, *, today=None):
    township = Township.current()
    record = performance.deputy_record(deputy, year)
    district = f"，{deputy.district}" if deputy.district else ""
    blocks = [
        Paragraph(f"{deputy.name}代表{district}，{year}年度共履职{record.total}次，"
                  f"按主席团确定的积分标准计{_points(record.score)}分。具体情况如下。"),
        Heading(1, "一、履职情况统计"),
        Table(caption=f"{year}年度履职统计", columns=("履职类别", "次数", "每次积分", "积分"), numeric=(1, 2, 3),
              rows=tuple((item.column.label, str(item.count), item.column.points_text, _points(item.points))
                         for item in record.items) + (("合计", str(record.total), "", _points(record.score)),)),
        Heading(1, "二、履职记录"),
    ]
    if record.lines:
        blocks.append(Table(caption="履职记录（按日期）", columns=("日期", "类别", "事项"), rows=tuple(
            (line.date.isoformat(), line.label, line.text) for line in record.lines)))
    else:
        blocks.append(Paragraph(f"{year}年度暂无履职记录。"))
    awards = [award.title for award in record.awards] + [
        f"{award.title}（代表小组：{award.group.name}）" for award in record.group_awards]
    if awards:
        blocks += [Heading(1, "三、表彰奖励"), Paragraph("；".join(awards) + "。")]
    return OfficialDocument(
        title=f"{deputy.name}代表{year}年度履职档案", blocks=tuple(blocks), issuer=presidium(township),
        date=today or _today(), meta={"subject": "代表履职档案"},
    )


def _points(number):
    return format(number.normalize(), "f") if number else "0"


def parse_day(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
