"""Every figure of the year-end work summary (SPEC §6), gathered from the selectors of the apps
that keep the records, never typed: one frozen AnnualFigures per year.

What each figure counts is defined where it is computed (congress.selectors.meeting_counts,
supervision.selectors.figures, motions.selectors.statistics, deputies.selectors); this module
only gathers them, plus the counts no selector offers yet (contact platforms, deputies who
reported to voters in the year, deputies by-elected in the year, motions and letters received).
About twenty queries whatever the number of records; of the suggestion statistics it reads only
the overall figures and the tables by unit and by category, the costly ones at county scale.
"""
import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db.models import Count, Q

from congress.selectors import meeting_counts
from deputies.models import ContactPlatform, Mandate, ReportToVoters
from deputies.selectors import reception_counts
from motions.models import Suggestion
from motions.selectors.statistics import statistics_items, suggestion_statistics
from supervision.models import Activity
from supervision.selectors.figures import supervision_figures


@dataclass(frozen=True)
class TableRow:
    """One line of the suggestion tables by unit and by category."""

    label: str
    received: int
    assigned: int
    replied: int
    closed: int
    satisfaction_rate: Decimal | None
    rated: int = 0  # items whose latest reply the deputy rated
    satisfied: int = 0  # of them, rated satisfied or basically satisfied (the rate's numerator)


@dataclass(frozen=True)
class AnnualFigures:
    year: int

    # Meetings held (congress.selectors.meeting_counts).
    sessions: int
    presidium_meetings: int
    chair_meetings: int  # meetings of the chairman and vice-chairmen (主席会议)

    # Supervision activities held (supervision.selectors.figures).
    supervision_activities: int
    inspections: int
    law_enforcement_inspections: int
    surveys: int
    special_reports: int  # hearings of special work reports (听取和审议专项工作报告)
    evaluations: int
    inquiries: int
    follow_ups: int
    supervision_person_times: int
    satisfaction_votes: int
    rectification_items: int
    rectification_verified: int
    rectification_in_handling: int

    # Self-building.
    trainings: int
    study_visits: int
    training_person_times: int
    research_reports: int

    # Suggestions of the year (motions.selectors.statistics, Suggestion.year).
    suggestions_received: int
    motions_received: int
    suggestions_assigned: int
    suggestions_replied: int
    suggestions_on_time: int
    suggestions_closed: int
    reply_rate: Decimal | None  # 答复率
    on_time_rate: Decimal | None  # 按时答复率
    close_rate: Decimal | None  # 办结率
    satisfaction_rate: Decimal | None  # 满意率
    letters_and_visits: int  # items that came as letters or visits to the presidium (来信来访)
    by_unit: tuple  # TableRow per lead unit
    by_category: tuple  # TableRow per category

    # Deputy work.
    receptions: int
    voters_received: int
    matters_raised: int
    deputies_homes: int
    contact_stations: int
    contact_points: int
    deputies_reported: int  # distinct deputies who reported to their voters in the year
    by_elected: int  # deputies elected at a by-election in the year

    @property
    def contact_platforms(self):
        return self.deputies_homes + self.contact_stations + self.contact_points

    @property
    def inspections_and_surveys(self):
        """视察调研: inspections, surveys and follow-up inspections."""
        return self.inspections + self.surveys + self.follow_ups

    def as_json(self):
        """The figures as JSON-ready data, for the snapshot taken at finalisation."""
        def plain(value):
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, (list, tuple)):
                return [plain(entry) for entry in value]
            if isinstance(value, dict):
                return {key: plain(entry) for key, entry in value.items()}
            return value
        return plain(asdict(self)) | {"contact_platforms": self.contact_platforms}


def _rows(rows):
    return tuple(TableRow(label=row.label, received=row.figures.received, assigned=row.figures.assigned,
                          replied=row.figures.replied, closed=row.figures.closed,
                          satisfaction_rate=row.figures.satisfaction_rate, rated=row.figures.rated,
                          satisfied=row.figures.satisfied + row.figures.basically_satisfied) for row in rows)


def annual_figures(year, *, today=None):
    """The figures of `year` (see the module's docstring)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    meetings = meeting_counts(year)
    supervision = supervision_figures(year, today=today)
    statistics = suggestion_statistics(year=year)
    overall = statistics.overall
    # Motions and letters are counts of items received (every item but drafts, as `received`
    # counts them): one plain count here rather than the statistics' tables by kind and by
    # source, whose every line also computes each item's replies (a second each at county scale).
    received = statistics_items(year=year).aggregate(
        motions=Count("pk", filter=Q(kind=Suggestion.Kind.MOTION)),
        letters=Count("pk", filter=Q(source=Suggestion.Source.LETTER_VISIT)),
    )
    receptions = reception_counts(year)
    platforms = ContactPlatform.objects.filter(active=True).aggregate(
        homes=Count("pk", filter=Q(kind=ContactPlatform.Kind.HOME)),
        stations=Count("pk", filter=Q(kind=ContactPlatform.Kind.STATION)),
        points=Count("pk", filter=Q(kind=ContactPlatform.Kind.POINT)),
    )
    reported = (ReportToVoters.objects.filter(date__range=(start, end)).order_by()
                .values("deputy").distinct().count())
    by_elected = Mandate.objects.filter(level=Mandate.Level.TOWNSHIP, election=Mandate.Election.BY_ELECTION,
                                        elected_on__range=(start, end)).count()
    kind = Activity.Kind
    return AnnualFigures(
        year=year,
        sessions=meetings["sessions"], presidium_meetings=meetings["presidium_meetings"],
        chair_meetings=meetings["presidium_members_meetings"],
        supervision_activities=supervision.activities_held,
        inspections=supervision.held(kind.INSPECTION), law_enforcement_inspections=supervision.held(kind.LAW_ENFORCEMENT),
        surveys=supervision.held(kind.SURVEY), special_reports=supervision.held(kind.REPORT),
        evaluations=supervision.held(kind.EVALUATION), inquiries=supervision.held(kind.INQUIRY),
        follow_ups=supervision.held(kind.FOLLOW_UP), supervision_person_times=supervision.person_times,
        satisfaction_votes=supervision.votes_held,
        rectification_items=supervision.items_total, rectification_verified=supervision.items_verified,
        rectification_in_handling=supervision.items_in_handling,
        trainings=supervision.trainings_held, study_visits=supervision.study_visits_held,
        training_person_times=supervision.training_person_times, research_reports=supervision.research_reports,
        suggestions_received=overall.received, motions_received=received["motions"],
        suggestions_assigned=overall.assigned, suggestions_replied=overall.replied,
        suggestions_on_time=overall.replied_on_time, suggestions_closed=overall.closed,
        reply_rate=overall.reply_rate, on_time_rate=overall.on_time_rate, close_rate=overall.close_rate,
        satisfaction_rate=overall.satisfaction_rate,
        letters_and_visits=received["letters"],
        by_unit=_rows(statistics.by_unit), by_category=_rows(statistics.by_category),
        receptions=receptions["receptions"], voters_received=receptions["voters"],
        matters_raised=receptions["matters"],
        deputies_homes=platforms["homes"], contact_stations=platforms["stations"], contact_points=platforms["points"],
        deputies_reported=reported, by_elected=by_elected,
    )


def percent(rate):
    """A rate as the seeds write it: "100%", "87.5%"; "—" when there is nothing to rate."""
    if rate is None:
        return "—"
    rate = Decimal(rate)
    return f"{rate.quantize(Decimal(1)) if rate == rate.to_integral_value() else rate}%"
