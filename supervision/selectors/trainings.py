"""Reads of trainings, study visits and research reports, each shaped for one page and run in a
fixed number of queries whatever the number of rows."""
import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from congress.models import PresidiumMembership
from deputies.models import Deputy, Mandate

from ..models import Activity, ResearchReport, Training


def today():
    return timezone.localdate()


def _years(*date_lists):
    years = {day.year for dates in date_lists for day in dates}
    years.add(today().year)
    return sorted(years, reverse=True)


# --- trainings ----------------------------------------------------------------------------------

def trainings_for_list(*, year=None, kind="", status=""):
    """Trainings and study visits, newest first, with how many attend and how many materials (one query)."""
    trainings = Training.objects.annotate(
        attendee_count=Count("attendees", distinct=True),
        material_count=Count("materials", distinct=True),
    )
    if year:
        trainings = trainings.filter(start_date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    if kind:
        trainings = trainings.filter(kind=kind)
    if status:
        trainings = trainings.filter(status=status)
    return trainings.order_by("-start_date", "-pk")


def training_years():
    """The years that have trainings, newest first, with this year (one query)."""
    return _years(Training.objects.dates("start_date", "year"))


def training_detail(training):
    """The attendees (by district and name) and the materials of one training (two queries)."""
    attendees = list(training.attendees.select_related("district", "user").order_by("district__number", "name", "pk"))
    materials = list(training.materials.select_related("uploaded_by").order_by("pk"))
    return {"attendees": attendees, "materials": materials}


def attendee_choices(*, keep=()):
    """Deputies the training form offers: township deputies in office today or who left within the
    last two years (a training is often recorded afterwards), and `keep` (those already chosen).
    The service checks each against the roster of the training's first day."""
    since = today() - datetime.timedelta(days=2 * 366)
    recent = Mandate.objects.filter(deputy=OuterRef("pk"), level=Mandate.Level.TOWNSHIP).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=since))
    return (Deputy.objects.filter(Q(Exists(recent)) | Q(pk__in=[deputy.pk for deputy in keep]))
            .select_related("district").order_by("district__number", "name", "pk"))


# --- research reports ---------------------------------------------------------------------------

def research_for_list(*, year=None, author=None):
    """Research reports, newest first, with their author and activity (one query)."""
    reports = ResearchReport.objects.select_related("author", "activity")
    if year:
        reports = reports.filter(written_on__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    if author is not None:
        reports = reports.filter(author=author)
    return reports.order_by("-written_on", "-pk")


def research_years():
    return _years(ResearchReport.objects.dates("written_on", "year"))


def presidium_deputies(*, keep=()):
    """Deputies who serve or served in a presidium, for the office's author picker (one query);
    the service checks the membership on the day the report was written."""
    members = PresidiumMembership.objects.filter(deputy=OuterRef("pk"))
    return (Deputy.objects.filter(Q(Exists(members)) | Q(pk__in=[deputy.pk for deputy in keep]))
            .order_by("name", "pk"))


def held_activities_for_choice(*, keep=None):
    """Held supervision activities of the last three years, newest first, for "the activity it
    came from" (and `keep`, the one already chosen)."""
    since = datetime.date(today().year - 2, 1, 1)
    chosen = Q(pk=keep.pk) if keep is not None else Q(pk__in=[])
    return Activity.objects.filter(Q(status=Activity.Status.HELD, start_date__gte=since) | chosen).order_by(
        "-start_date", "-pk")
