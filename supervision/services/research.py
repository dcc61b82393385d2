"""Research reports (调研报告, SPEC §5) written by presidium members, often after a survey or an
inspection they took part in. The office records any presidium member's report; a presidium
member records their own (permissions.can_manage_research_report)."""
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from congress.models import PresidiumMembership
from core.exceptions import ApplicationError
from core.files import upload_check

from ..models import Activity, ResearchReport
from ..permissions import can_manage_research_report

RESEARCH_FIELDS = ("title", "author", "activity", "written_on", "summary", "file")


def _day(value):
    return date_format(value, "DATE_FORMAT")


def is_presidium_member_on(deputy, day):
    """Whether `deputy` served in the presidium of the term in force on `day` (one query)."""
    return PresidiumMembership.objects.filter(
        deputy=deputy, since__lte=day, term__start_date__lte=day, term__end_date__gte=day,
    ).filter(Q(until__isnull=True) | Q(until__gte=day)).exists()


def _check(report, actor):
    """The rules of a report: the writer may record it; written on a past day by a member of that
    day's presidium; from a held activity that had begun by then; a document of an accepted kind."""
    if not can_manage_research_report(actor, report):
        raise ApplicationError(_("You may record only research reports you wrote yourself."), field="author")
    if report.written_on > timezone.localdate():
        raise ApplicationError(_("The date it was written cannot be in the future."), field="written_on")
    if not is_presidium_member_on(report.author, report.written_on):
        raise ApplicationError(
            _("%(deputy)s was not a member of the presidium on %(date)s: research reports are written by "
              "presidium members.") % {"deputy": report.author, "date": _day(report.written_on)},
            field="author",
        )
    activity = report.activity
    if activity is not None:
        if activity.status != Activity.Status.HELD:
            raise ApplicationError(_("Choose a supervision activity that has been held."), field="activity")
        if activity.start_date > report.written_on:
            raise ApplicationError(
                _("The activity began on %(date)s, after the report was written.")
                % {"date": _day(activity.start_date)},
                field="activity",
            )


def research_report_create(*, title, author, written_on, actor, activity=None, summary="", file=None):
    """Record a research report of a presidium member, with the activity it came from if any."""
    report = ResearchReport(title=title, author=author, written_on=written_on, activity=activity, summary=summary,
                            created_by=actor)
    _check(report, actor)
    if file:
        upload_check(file, field="file")
        report.file = file
    report.save()
    return report


def research_report_update(*, report, actor, **changes):
    """Change a report. A presidium member keeps it theirs; `file=""` takes the document off."""
    unknown = set(changes) - set(RESEARCH_FIELDS)
    if unknown:
        raise ValueError(f"research_report_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        report = (ResearchReport.objects.select_for_update(of=("self",)).select_related("author", "activity")
                  .get(pk=report.pk))
        if not can_manage_research_report(actor, report):
            raise ApplicationError(_("You may change only research reports you wrote yourself."))
        upload = changes.pop("file", None)
        for name, value in changes.items():
            setattr(report, name, value)
        _check(report, actor)
        old_file = report.file.name if report.file else ""
        if upload:
            upload_check(upload, field="file")
            report.file = upload
        elif upload == "":
            report.file = ""
        report.save()
        if old_file and old_file != report.file.name:
            storage = report.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return report
