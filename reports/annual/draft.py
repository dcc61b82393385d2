"""The first draft of the year-end work summary and plan, in the seeds' structure (SPEC §6).

A report is a list of sections. Each section has a heading, a narrative staff write (the draft
offers a default) and the paragraphs the portal writes from the records: the figures
(reports.annual.figures) and the year's records (AnnualRecords). The generated paragraphs are
written again from the records every time a draft is read, so they stay true until the report is
finalised; then the whole text is frozen (reports.annual.document).

The document's content is Chinese written here directly: it is a Chinese government document,
not the portal's interface.
"""
import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from congress.models import AgendaItem, Meeting
from deputies.models import Mandate
from deputies.numerals import chinese_number
from motions.selectors.statistics import rate
from supervision.models import Activity, RectificationItem, ResearchReport, Training

from ..document import Chart, Heading, Paragraph, Table
from ..models import PlanItem
from .figures import TableRow, percent

ACTIVITY_KIND = {
    Activity.Kind.REPORT: "听取和审议专项工作报告",
    Activity.Kind.INSPECTION: "视察",
    Activity.Kind.LAW_ENFORCEMENT: "执法检查",
    Activity.Kind.SURVEY: "专题调研",
    Activity.Kind.EVALUATION: "工作评议",
    Activity.Kind.INQUIRY: "询问",
    Activity.Kind.FOLLOW_UP: "“回头看”",
}
PLAN_CATEGORY = {
    PlanItem.Category.SUPERVISION: "重点监督议题",
    PlanItem.Category.SESSION: "会议安排",
    PlanItem.Category.TRAINING: "学习培训",
    PlanItem.Category.DEPUTY: "代表活动",
    PlanItem.Category.OTHER: "其他工作",
}


@dataclass(frozen=True)
class SectionTemplate:
    key: str
    level: int  # the heading's level in the document
    heading: str  # formatted with year and next_year
    narrative: str  # the default narrative, formatted likewise


SECTIONS = (
    SectionTemplate(
        "review", 1, "一、{year}年工作回顾",
        "{year}年，镇人大主席团在镇党委的坚强领导和县人大常委会的指导下，坚持党的领导、人民当家作主、"
        "依法治国有机统一，紧紧围绕全镇中心工作，依法履职，扎实工作，各项工作取得了新的成效。",
    ),
    SectionTemplate("sessions", 2, "（一）依法召开会议，认真行使重大事项决定权",
                    "主席团坚持依法按时召开人民代表大会和主席团会议，认真做好会前准备、会中服务和会后督办工作。"),
    SectionTemplate("supervision", 2, "（二）突出监督重点，增强监督实效",
                    "主席团围绕全镇中心工作和群众关心的热点难点问题，综合运用多种监督方式，推动问题整改落实。"),
    SectionTemplate("deputies", 2, "（三）加强代表工作，充分发挥代表作用",
                    "主席团坚持把服务代表履职作为基础性工作，依托代表之家、代表联络站和联络点，密切代表同人民群众的联系。"),
    SectionTemplate("suggestions", 2, "（四）认真办理代表建议，回应群众关切",
                    "主席团把代表建议办理作为联系群众、推动工作的重要抓手，坚持交办、督办、答复、测评全过程跟踪。"),
    SectionTemplate("self_building", 2, "（五）加强自身建设，提升履职能力",
                    "主席团坚持把学习放在首位，组织代表学习法律法规和履职知识，不断提高依法履职的能力和水平。"),
    SectionTemplate(
        "problems", 2, "（六）存在的问题和不足",
        "一年来，主席团的工作虽然取得了一定成效，但也存在一些问题和不足：一是监督的方式还不够多样，"
        "跟踪问效还需加强；二是代表活动的经常性和实效性有待提高；三是自身建设还需进一步加强。"
        "对这些问题，我们将在今后的工作中认真加以改进。",
    ),
    SectionTemplate("plan", 1, "二、{next_year}年工作计划",
                    "{next_year}年，镇人大主席团将继续在镇党委的领导下，紧紧围绕全镇中心工作，依法履职，重点做好以下工作："),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)
SECTION_LEVEL = {section.key: section.level for section in SECTIONS}


def default_sections(year):
    """(key, order, heading, narrative) of each section of a first draft for `year`."""
    names = {"year": year, "next_year": year + 1}
    return [(section.key, order, section.heading.format(**names), section.narrative.format(**names))
            for order, section in enumerate(SECTIONS, start=1)]


@dataclass(frozen=True)
class AnnualRecords:
    """The year's records the draft names one by one (seven queries)."""

    sessions: list  # sessions held, each with .agenda_items (with .vote)
    activities: list  # supervision activities held, each with .items_total and .items_verified
    trainings: list  # trainings and study visits held
    research_reports: list
    by_elected: list  # township mandates won at a by-election in the year, with .deputy
    plan_of_year: list  # plan items of the year, with their links
    plan_of_next_year: list


def annual_records(year):
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    agenda = AgendaItem.objects.select_related("vote").order_by("order", "pk")
    sessions = list(
        Meeting.objects.filter(kind=Meeting.Kind.SESSION, status=Meeting.Status.HELD, start_date__range=(start, end))
        .select_related("term").prefetch_related(Prefetch("agenda", queryset=agenda, to_attr="agenda_items"))
        .order_by("start_date", "pk")
    )
    live = ~Q(rectification_items__status=RectificationItem.Status.WITHDRAWN)
    activities = list(
        Activity.objects.filter(status=Activity.Status.HELD, start_date__range=(start, end))
        .annotate(items_total=Count("rectification_items", filter=live),
                  items_verified=Count("rectification_items",
                                       filter=Q(rectification_items__status=RectificationItem.Status.VERIFIED)))
        .order_by("start_date", "pk")
    )
    trainings = list(Training.objects.filter(status=Training.Status.HELD, start_date__range=(start, end))
                     .order_by("start_date", "pk"))
    research = list(ResearchReport.objects.filter(written_on__range=(start, end)).order_by("written_on", "pk"))
    by_elected = list(Mandate.objects.filter(level=Mandate.Level.TOWNSHIP, election=Mandate.Election.BY_ELECTION,
                                             elected_on__range=(start, end))
                      .select_related("deputy").order_by("elected_on", "pk"))
    plans = list(PlanItem.objects.filter(year__in=(year, year + 1)).select_related("activity", "meeting", "training")
                 .order_by("year", "category", "planned_month", "pk"))
    return AnnualRecords(
        sessions=sessions, activities=activities, trainings=trainings, research_reports=research,
        by_elected=by_elected, plan_of_year=[item for item in plans if item.year == year],
        plan_of_next_year=[item for item in plans if item.year == year + 1],
    )


# --- writing --------------------------------------------------------------------------------------

def day(value):
    return f"{value.year}年{value.month}月{value.day}日"


def titled(title):
    """《title》, unless the title is quoted already."""
    return title if title.startswith("《") else f"《{title}》"


def joined(parts):
    return "、".join(parts)


def _counted(pairs):
    """"视察2次、专题调研1次" from (label, count) pairs, leaving out what is zero."""
    return joined(f"{label}{count}次" for label, count in pairs if count)


def session_name(meeting, township):
    return (f"{township}第{chinese_number(meeting.term.number)}届人民代表大会"
            f"第{chinese_number(meeting.number)}次会议")


def headline(figures):
    """The opening sentence of the review, as every seed writes it."""
    return (
        f"一年来，共召开{figures.sessions}次人代会、{figures.presidium_meetings}次主席团会议，"
        f"组织开展{figures.inspections_and_surveys}次视察调研、{figures.law_enforcement_inspections}次执法检查、"
        f"{figures.trainings}次学习培训和{figures.study_visits}次考察学习，"
        f"收到代表建议{figures.suggestions_received}件，答复率{percent(figures.reply_rate)}，"
        f"满意率{percent(figures.satisfaction_rate)}。"
    )


def plan_achievement(year, items):
    if not items:
        return []
    done = [item for item in items if item.is_done]
    open_items = [item for item in items if not item.is_done]
    text = f"年初确定的{year}年工作计划共{len(items)}项，已完成{len(done)}项"
    if open_items:
        text += f"，未完成{len(open_items)}项（{joined(item.title for item in open_items)}），将统筹安排到下一年度推进。"
    else:
        text += "，全部完成。"
    return [Paragraph(text)]


def _review(figures, records, township):
    return [Paragraph(headline(figures)), *plan_achievement(figures.year, records.plan_of_year)]


REVIEW_VERBS = ("听取和审议", "审查和批准", "审议和批准", "听取", "审议", "审查")


def report_title(title):
    """An agenda item's report as the summary names it: 《镇人民政府工作报告》, without the verb
    the agenda puts before it ("听取和审议镇人民政府工作报告")."""
    for verb in REVIEW_VERBS:
        if title.startswith(verb) and len(title) > len(verb) + 2:
            return titled(title[len(verb):])
    return titled(title)


def _passed(item):
    return getattr(item, "vote", None) is not None and item.vote.passed


def _sessions(figures, records, township):
    blocks = []
    for meeting in records.sessions:
        items = meeting.agenda_items
        reports = [report_title(item.title) for item in items if item.kind == AgendaItem.Kind.REPORT]
        adopted = [titled(item.title) for item in items if item.kind == AgendaItem.Kind.RESOLUTION and _passed(item)]
        elections = [item.title for item in items
                     if item.kind in (AgendaItem.Kind.ELECTION, AgendaItem.Kind.DISMISSAL) and _passed(item)]
        text = f"{day(meeting.start_date)}，召开{session_name(meeting, township)}"
        if reports:
            text += f"，听取和审议了{joined(reports)}"
        if adopted:
            text += f"，表决通过了{joined(adopted)}"
        if elections:
            text += f"，依法完成了{joined(elections)}"
        blocks.append(Paragraph(text + "。"))
    meetings = f"全年召开人代会{figures.sessions}次、主席团会议{figures.presidium_meetings}次"
    if figures.chair_meetings:
        meetings += f"、主席会议{figures.chair_meetings}次"
    blocks.append(Paragraph(meetings + "，研究部署人代会筹备、代表建议办理、监督检查等重要事项。"))
    return blocks


def _supervision(figures, records, township):
    kinds = _counted([
        ("视察", figures.inspections), ("执法检查", figures.law_enforcement_inspections),
        ("专题调研", figures.surveys), ("听取和审议专项工作报告", figures.special_reports),
        ("工作评议", figures.evaluations), ("询问", figures.inquiries), ("“回头看”", figures.follow_ups),
    ])
    text = f"全年组织开展监督活动{figures.supervision_activities}次"
    if kinds:
        text += f"，其中{kinds}"
    text += f"，参加代表{figures.supervision_person_times}人次"
    if figures.satisfaction_votes:
        text += f"，开展满意度测评{figures.satisfaction_votes}次"
    text += (f"。共提出整改事项{figures.rectification_items}项，已整改验收{figures.rectification_verified}项，"
             f"正在整改{figures.rectification_in_handling}项。")
    blocks = [Paragraph(text)]
    for number, activity in enumerate(records.activities, start=1):
        line = f"{number}. {activity.start_date.month}月，{ACTIVITY_KIND.get(activity.kind, '')}：{activity.topic}"
        if activity.items_total:
            line += f"，提出整改事项{activity.items_total}项，已验收{activity.items_verified}项"
        blocks.append(Paragraph(line + "。"))
    return blocks


def _deputies(figures, records, township):
    text = (f"全镇现有代表之家{figures.deputies_homes}个、代表联络站{figures.contact_stations}个、"
            f"代表联络点{figures.contact_points}个。全年组织代表进家站点接待选民{figures.receptions}次，"
            f"接待选民{figures.voters_received}人次，收集意见建议{figures.matters_raised}条；"
            f"{figures.deputies_reported}名代表向选民述职。")
    blocks = [Paragraph(text)]
    if records.by_elected:
        names = joined(mandate.deputy.name for mandate in records.by_elected)
        blocks.append(Paragraph(f"依法做好代表补选工作，全年补选镇人大代表{figures.by_elected}名（{names}）。"))
    return blocks


def _suggestions(figures, records, township):
    text = f"全年共收到代表建议、批评和意见{figures.suggestions_received}件"
    extra = []
    if figures.motions_received:
        extra.append(f"议案{figures.motions_received}件")
    if figures.letters_and_visits:
        extra.append(f"群众来信来访{figures.letters_and_visits}件")
    if extra:
        text += f"（其中{joined(extra)}）"
    text += (f"，交办{figures.suggestions_assigned}件，已答复{figures.suggestions_replied}件，"
             f"其中按时答复{figures.suggestions_on_time}件，已办结{figures.suggestions_closed}件。"
             f"答复率{percent(figures.reply_rate)}，按时答复率{percent(figures.on_time_rate)}，"
             f"办结率{percent(figures.close_rate)}，代表满意率{percent(figures.satisfaction_rate)}。")
    blocks = [Paragraph(text)]
    if figures.by_unit:
        rows, folded = _bounded(figures.by_unit, TABLE_ROWS)
        blocks.append(Table(
            caption=f"表1  {figures.year}年代表建议按承办单位办理情况" + (f"（交办件数前{len(rows) - 1}位）" if folded else ""),
            columns=("承办单位", "交办", "已答复", "已办结", "满意率"),
            rows=tuple((row.label, str(row.assigned), str(row.replied), str(row.closed),
                        percent(row.satisfaction_rate)) for row in rows),
            numeric=(1, 2, 3, 4),
        ))
    if figures.by_category:
        rows, folded = _bounded(figures.by_category, TABLE_ROWS, key="received", other="其他{count}个类别")
        blocks.append(Table(
            caption=f"表2  {figures.year}年代表建议按类别分布情况" + (f"（收到前{len(rows) - 1}位）" if folded else ""),
            columns=("类别", "收到", "交办", "已答复", "已办结"),
            rows=tuple((row.label, str(row.received), str(row.assigned), str(row.replied), str(row.closed))
                       for row in rows),
            numeric=(1, 2, 3, 4),
        ))
    if figures.by_unit:
        if len(figures.by_unit) <= CHART_BARS:
            caption, rows = f"图1  {figures.year}年各承办单位交办建议件数", figures.by_unit
        else:
            caption = f"图1  {figures.year}年交办建议件数前{CHART_BARS}位的承办单位"
            rows = _busiest(figures.by_unit, CHART_BARS, "assigned")
        chart = _chart(caption, [row.label for row in rows], [row.assigned for row in rows])
        if chart is not None:
            blocks.append(chart)
    return blocks


# A county has hundreds of units: a table lists at most TABLE_ROWS lines (the busiest units, then
# one line adding up the others), and a chart, one drawing that cannot break across pages, draws
# at most CHART_BARS bars (the busiest units, most first). A township's dozen units are all shown.
TABLE_ROWS = 30
CHART_BARS = 15


def _busiest(rows, limit, key):
    """The `limit` rows with the most `key`, most first (ties in the table's order)."""
    return sorted(rows, key=lambda row: -getattr(row, key))[:limit]


def _bounded(rows, limit, *, key="assigned", other="其他{count}个单位"):
    """(rows to print, whether some were folded): all of them when they fit in `limit` lines, else
    the `limit` - 1 with the most `key`, in the table's order, and one line adding up the rest."""
    if len(rows) <= limit:
        return rows, False
    kept = {id(row) for row in _busiest(rows, limit - 1, key)}
    shown = [row for row in rows if id(row) in kept]
    rest = [row for row in rows if id(row) not in kept]
    rated = sum(row.rated for row in rest)
    satisfied = sum(row.satisfied for row in rest)
    folded = TableRow(
        label=other.format(count=len(rest)), received=sum(row.received for row in rest),
        assigned=sum(row.assigned for row in rest), replied=sum(row.replied for row in rest),
        closed=sum(row.closed for row in rest), satisfaction_rate=rate(satisfied, rated),
        rated=rated, satisfied=satisfied,
    )
    return [*shown, folded], True


def _chart(caption, labels, values):
    try:
        from ..charts import bar_chart
    except ImportError:  # the chart helper has not landed yet: the document reads without it
        return None
    return Chart(caption=caption, svg=bar_chart(caption, labels, values, unit="件"))


def _self_building(figures, records, township):
    text = (f"全年组织学习培训{figures.trainings}次、考察学习{figures.study_visits}次，"
            f"参加代表{figures.training_person_times}人次；形成调研报告{figures.research_reports}篇。")
    blocks = [Paragraph(text)]
    for training in records.trainings:
        kind = "考察学习" if training.kind == Training.Kind.STUDY_VISIT else "学习培训"
        blocks.append(Paragraph(f"{training.start_date.month}月，{kind}：{training.topic}。"))
    if records.research_reports:
        blocks.append(Paragraph(f"调研报告：{joined(titled(report.title) for report in records.research_reports)}。"))
    return blocks


def _plan(figures, records, township):
    blocks = []
    by_category = {}
    for item in records.plan_of_next_year:
        by_category.setdefault(item.category, []).append(item)
    for index, category in enumerate(cat for cat in PlanItem.Category.values if cat in by_category):
        blocks.append(Heading(2, f"（{chinese_number(index + 1)}）{PLAN_CATEGORY[category]}"))
        for number, item in enumerate(by_category[category], start=1):
            text = f"{number}. {item.title}"
            if item.planned_month:
                text += f"（{item.planned_month}月）"
            text += f"。{item.description}" if item.description else "。"
            blocks.append(Paragraph(text))
    return blocks


WRITERS = {
    "review": _review, "sessions": _sessions, "supervision": _supervision, "deputies": _deputies,
    "suggestions": _suggestions, "self_building": _self_building, "problems": lambda *args: [], "plan": _plan,
}


def generated_blocks(figures, records, township):
    """{section key: [blocks]} written from the figures and the records."""
    return {key: WRITERS[key](figures, records, township) for key in SECTION_KEYS}
