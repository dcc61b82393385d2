"""The exports reports offers (core.exports): the suggestion ledger, an assignment letter, a
session's compilation and a deputy's performance record. Found by core.exports the way the
admin finds admin modules; each kind says who may have it, and core checks that at every step.
"""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from congress.models import Meeting
from core import exports
from core.excel import XLSX
from core.exceptions import ApplicationError
from core.models import HandlingUnit
from core.roles import Role
from deputies.models import Deputy
from motions.selectors import office as office_selectors
from motions.views.office.forms import ItemFilterForm

from . import exports_documents as documents
from . import exports_ledger as ledger
from . import performance

# Up to this many rows the ledger is written inside the request; more go to a job.
LEDGER_INLINE_ROWS = 2000


def _render(document):
    from .pdf import render_pdf

    return render_pdf(document)


def _int(query, name, message):
    try:
        return int(query.get(name, ""))
    except (TypeError, ValueError):
        raise ApplicationError(message) from None


# --- the ledger -----------------------------------------------------------------------------------

def parse_ledger(query):
    """The office list's filters, read by the office list's own form; values that are not among
    its choices are dropped, as on the page. Stored as plain ids and strings."""
    form = ItemFilterForm({name: query.get(name, "") for name in ledger.FILTER_NAMES},
                          years=office_selectors.item_years())
    form.is_valid()
    parameters = {}
    for name, value in form.cleaned_data.items():
        if value in (None, ""):
            continue
        parameters[name] = value.pk if hasattr(value, "pk") else value
    return parameters


def _ledger_filters(parameters):
    filters = dict(parameters)
    if "category" in filters:
        from motions.models import Category

        filters["category"] = Category.objects.filter(pk=filters["category"]).first()
    if "unit" in filters:
        filters["unit"] = HandlingUnit.objects.filter(pk=filters["unit"]).first()
    return filters


def build_ledger(job, progress):
    with override("zh-hans"):
        progress(5, "正在读取建议")
        content = ledger.ledger_workbook(_ledger_filters(job.parameters), progress=progress)
    year = job.parameters.get("year")
    return (f"建议办理台账-{year}.xlsx" if year else "建议办理台账.xlsx"), content


def ledger_title(parameters):
    year = parameters.get("year")
    return f"建议办理台账（{year}年）" if year else "建议办理台账"


# --- 交办函 ------------------------------------------------------------------------------------

def parse_letter(query):
    unit = HandlingUnit.objects.filter(pk=_int(query, "unit", _("Choose a handling unit."))).first()
    if unit is None:
        raise ApplicationError(_("This handling unit does not exist."))
    day = query.get("day", "")
    if day and documents.parse_day(day) is None:
        raise ApplicationError(_("The date must be written as YYYY-MM-DD."))
    return {"unit": unit.pk, "day": day} if day else {"unit": unit.pk}


def can_have_letter(user, parameters):
    """The office writes the letters and presidium members read all; a unit officer may fetch
    the letters to their own unit."""
    return user.reads_all or (user.has_role(Role.UNIT_OFFICER) and user.handling_unit_id == parameters.get("unit"))


def build_letter(job, progress):
    unit = HandlingUnit.objects.get(pk=job.parameters["unit"])
    day = documents.parse_day(job.parameters.get("day"))
    with override("zh-hans"):
        content = _render(documents.assignment_letter(unit, day))
    suffix = f"-{day.isoformat()}" if day else ""
    return f"交办函-{unit.name}{suffix}.pdf", content


def letter_title(parameters):
    unit = HandlingUnit.objects.filter(pk=parameters.get("unit")).first()
    day = parameters.get("day")
    return f"{unit.name if unit else ''}交办函" + (f"（{day}）" if day else "")


# --- 建议汇编 ----------------------------------------------------------------------------------

def parse_compilation(query):
    session = Meeting.objects.filter(pk=_int(query, "session", _("Choose a session.")),
                                     kind=Meeting.Kind.SESSION).first()
    if session is None:
        raise ApplicationError(_("This session does not exist."))
    return {"session": session.pk}


def build_compilation(job, progress):
    session = Meeting.objects.select_related("term").get(pk=job.parameters["session"])
    with override("zh-hans"):
        progress(5, "正在读取建议")
        document = documents.compilation(session, progress=progress)
        progress(80, "正在排版")
        content = _render(document)
    return f"建议汇编-{session}.pdf".replace(" ", ""), content


def compilation_title(parameters):
    session = Meeting.objects.select_related("term").filter(pk=parameters.get("session")).first()
    with override("zh-hans"):
        return f"{session}建议汇编" if session else "建议汇编"


# --- 履职档案 ----------------------------------------------------------------------------------

def parse_performance(query):
    deputy = Deputy.objects.filter(pk=_int(query, "deputy", _("Choose a deputy."))).first()
    if deputy is None:
        raise ApplicationError(_("This deputy does not exist."))
    years = performance.deputy_years(deputy)
    return {"deputy": deputy.pk, "year": performance.parse_year(query.get("year"), years)}


def can_have_performance(user, parameters):
    """Readers of everything, and the deputy themselves (as on the record's page)."""
    if user.reads_all:
        return True
    return user.has_role(Role.DEPUTY) and Deputy.objects.filter(pk=parameters.get("deputy"), user=user).exists()


def build_performance(job, progress):
    deputy = Deputy.objects.select_related("district").get(pk=job.parameters["deputy"])
    year = job.parameters["year"]
    with override("zh-hans"):
        content = _render(documents.performance_document(deputy, year))
    return f"履职档案-{deputy.name}-{year}.pdf", content


def performance_title(parameters):
    deputy = Deputy.objects.filter(pk=parameters.get("deputy")).first()
    return f"{deputy.name if deputy else ''}{parameters.get('year')}年度履职档案"


# --- 年度工作总结和计划 --------------------------------------------------------------------------

def parse_annual(query):
    from .models import AnnualReport

    report = AnnualReport.objects.filter(pk=_int(query, "report", _("Choose a report."))).first()
    if report is None:
        raise ApplicationError(_("This report does not exist."))
    return {"report": report.pk}


def can_have_annual(user, parameters):
    """Whoever may read the report page (reports.annual.permissions): the readers of everything."""
    from .annual.permissions import can_view_annual_report
    from .models import AnnualReport

    report = AnnualReport.objects.filter(pk=parameters.get("report")).first()
    return report is not None and can_view_annual_report(user, report)


def annual_name(report):
    """"<title>（第N版）", "（第N版草稿）" while a draft."""
    return f"{report.title}（第{report.version}版{'' if report.is_final else '草稿'}）"


def build_annual(job, progress):
    from .models import AnnualReport
    from .services_annual import annual_report_pdf

    report = AnnualReport.objects.filter(pk=job.parameters["report"]).first()
    if report is None:
        raise ApplicationError("这份报告已不存在。")
    with override("zh-hans"):
        progress(10, "正在汇总全年数据并排版")
        content = annual_report_pdf(report)
        progress(95, "正在保存")
    return f"{annual_name(report)}.pdf", content


def annual_title(parameters):
    from .models import AnnualReport

    report = AnnualReport.objects.filter(pk=parameters.get("report")).first()
    return annual_name(report) if report else "年度工作总结和计划"


def _reads_all(user, parameters):
    return user.reads_all


exports.register(exports.ExportKind(
    key="ledger", label=gettext_lazy("Suggestion ledger"), parse=parse_ledger, can_request=_reads_all,
    build=build_ledger, title=ledger_title, content_type=XLSX,
    run_inline=lambda parameters: ledger.ledger_count(_ledger_filters(parameters)) <= LEDGER_INLINE_ROWS,
    description=gettext_lazy("Every item of the list with every step's date, its units, result class and rating."),
))
exports.register(exports.ExportKind(
    key="letter", label=gettext_lazy("Assignment letter"), parse=parse_letter, can_request=can_have_letter,
    build=build_letter, title=letter_title, run_inline=lambda parameters: True,
))
exports.register(exports.ExportKind(
    key="compilation", label=gettext_lazy("Suggestion compilation"), parse=parse_compilation,
    can_request=_reads_all, build=build_compilation, title=compilation_title,
    description=gettext_lazy("Every accepted suggestion and motion raised at the session, grouped by category, "
                             "with its proposer, co-signers, content and units."),
))
exports.register(exports.ExportKind(
    key="performance", label=gettext_lazy("Performance record"), parse=parse_performance,
    can_request=can_have_performance, build=build_performance, title=performance_title,
    run_inline=lambda parameters: True,
))
exports.register(exports.ExportKind(
    key="annual_report", label=gettext_lazy("Year-end work summary and plan"), parse=parse_annual,
    can_request=can_have_annual, build=build_annual, title=annual_title,
    description=gettext_lazy("The report as it reads now, in the official document format."),
))
