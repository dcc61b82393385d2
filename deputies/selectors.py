"""Reads of the roster. The roster of a date is drawn from mandates: in office on `day` means
elected on or before `day` and not yet ended on `day` (ended_on is the first day out of office).

Every selector here runs a fixed number of queries whatever the number of deputies, so that the
pages and the year-end figures built on them stay fast with 80 deputies as with 8.
"""
import datetime
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    ContactPlatform,
    Deputy,
    ElectoralDistrict,
    GroupActivity,
    Mandate,
    ReceptionMatter,
    ReportToVoters,
    RepresentativeGroup,
    Term,
    VoterReception,
)

# Some provinces expect a representative group to meet at least three times a year.
EXPECTED_GROUP_ACTIVITIES_PER_YEAR = 3


def today():
    return timezone.localdate()


def _in_office_on(day, prefix=""):
    return Q(**{f"{prefix}elected_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day})
    )


def mandates_in_office(day=None, *, level=Mandate.Level.TOWNSHIP, term=None):
    day = day or today()
    mandates = Mandate.objects.filter(level=level, elected_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    if term is not None:
        mandates = mandates.filter(term=term)
    return mandates


def deputies_in_office(day=None, *, level=Mandate.Level.TOWNSHIP, term=None):
    """Deputies holding a mandate of `level` (township by default) on `day` (today by default)."""
    mandates = mandates_in_office(day, level=level, term=term).filter(deputy=OuterRef("pk"))
    return Deputy.objects.filter(Exists(mandates))


def deputies_in_office_any_level(day=None):
    """Deputies holding a mandate of any level on `day`: county and city deputies who live in the
    township also sit at its contact stations and join its representative groups."""
    mandates = Mandate.objects.filter(_in_office_on(day or today()), deputy=OuterRef("pk"))
    return Deputy.objects.filter(Exists(mandates))


def in_office_count(day=None, *, term=None):
    """The number the quorum and the majority are taken of: township deputies in office on `day`."""
    return mandates_in_office(day, term=term).values("deputy").distinct().count()


def current_term(day=None):
    return Term.on(day or today())


def township_mandate(deputy, day=None):
    """The deputy's township mandate of `day`'s term, or their latest one."""
    term = current_term(day)
    mandates = deputy.mandates.filter(level=Mandate.Level.TOWNSHIP)
    return (mandates.filter(term=term).first() if term else None) or mandates.order_by("-elected_on").first()


# --- the roster of any date ---------------------------------------------------------------------

class RosterStatus:
    """What the roster's status filter offers: the status each mandate had ON the chosen date."""

    IN_OFFICE = "in_office"
    LEFT = "left"
    ALL = "all"
    CHOICES = [
        (IN_OFFICE, gettext_lazy("In office on that date")),
        (LEFT, gettext_lazy("Left office by that date")),
        *[(status.value, status.label) for status in Mandate.ENDED_STATUSES],
        (ALL, gettext_lazy("Everyone elected by that date")),
    ]


def roster(day=None, *, level=Mandate.Level.TOWNSHIP, term=None, district=None, status=RosterStatus.IN_OFFICE,
           search=""):
    """The mandates of `level` as they stood on `day`, one row per mandate, in one query.

    A mandate elected after `day` is not on the roster of `day` (a by-elected deputy does not
    appear before the by-election). Each row carries `status_on_day`: in office until the day
    before ended_on, the recorded end status from ended_on on. Township mandates are those of
    `term` (the term in force on `day` when the caller passes it).
    """
    day = day or today()
    mandates = Mandate.objects.filter(level=level, elected_on__lte=day)
    if term is not None and level == Mandate.Level.TOWNSHIP:
        mandates = mandates.filter(term=term)
    if status == RosterStatus.IN_OFFICE:
        mandates = mandates.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    elif status == RosterStatus.LEFT:
        mandates = mandates.filter(ended_on__lte=day)
    elif status in Mandate.Status.values:
        mandates = mandates.filter(ended_on__lte=day, status=status)
    if district is not None:
        mandates = mandates.filter(deputy__district=district)
    if search:
        mandates = mandates.filter(
            Q(deputy__name__icontains=search) | Q(deputy__work_unit__icontains=search)
            | Q(deputy__phone__contains=search)
        )
    return (
        mandates.select_related("deputy", "deputy__district", "term")
        .annotate(status_on_day=Case(
            When(ended_on__lte=day, then=F("status")),
            default=Value(Mandate.Status.IN_OFFICE.value), output_field=CharField(),
        ))
        .order_by("deputy__district__number", "deputy__name", "pk")
    )


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class Composition:
    """The make-up of the deputies in office that a year-end summary quotes."""

    total: int
    by_gender: list
    by_occupation: list
    by_political_status: list


def roster_composition(day=None, *, level=Mandate.Level.TOWNSHIP, term=None):
    """Deputies in office on `day` by gender, occupation category and political status (one query)."""
    groups = {
        "gender": Deputy.Gender, "occupation": Deputy.Occupation, "political_status": Deputy.PoliticalStatus,
    }
    aggregates = {"total": Count("pk")}
    for field_name, choices in groups.items():
        for value in choices.values:
            aggregates[f"{field_name}__{value}"] = Count("pk", filter=Q(**{field_name: value}))
    figures = deputies_in_office(day, level=level, term=term).aggregate(**aggregates)
    total = figures["total"]

    def shares(field_name):
        choices = groups[field_name]
        return [
            Share(label, figures[f"{field_name}__{value}"], round(100 * figures[f"{field_name}__{value}"] / total)
                  if total else 0)
            for value, label in choices.choices if figures[f"{field_name}__{value}"]
        ]

    return Composition(total, shares("gender"), shares("occupation"), shares("political_status"))


def districts_with_counts(term, day=None):
    """The term's districts with their seats and the township deputies in office now (two queries)."""
    day = day or min(today(), term.end_date)
    # One township mandate per deputy and term (mandate_unique_per_term): the term's mandates in
    # office, grouped by their deputy's district, count each district's deputies in one pass.
    in_office = dict(mandates_in_office(day, term=term).order_by().values_list("deputy__district")
                     .annotate(n=Count("pk")).values_list("deputy__district", "n"))
    districts = list(ElectoralDistrict.objects.filter(term=term).order_by("number"))
    for district in districts:
        district.in_office = in_office.get(district.pk, 0)
        district.vacant = max(district.seats - district.in_office, 0)
    return districts


# --- one deputy's record ------------------------------------------------------------------------

@dataclass
class DeputyRecord:
    deputy: Deputy
    mandates: list
    groups: list
    groups_contacted: list
    platforms: list
    receptions: list
    reports_to_voters: list
    group_activities: list
    in_office: list = field(default_factory=list)


def deputy_record(deputy, day=None):
    """Everything the deputy's page shows, in a fixed number of queries (one per list)."""
    day = day or today()
    mandates = list(deputy.mandates.select_related("term").order_by("-elected_on", "level"))
    return DeputyRecord(
        deputy=deputy,
        mandates=mandates,
        in_office=[m for m in mandates if m.elected_on <= day and (m.ended_on is None or m.ended_on > day)],
        groups=list(deputy.groups.select_related("term", "leader").order_by("-term__number", "name")),
        groups_contacted=list(deputy.groups_contacted.select_related("term").order_by("-term__number", "name")),
        platforms=list(deputy.platforms.select_related("parent").order_by("kind", "name")),
        receptions=list(
            deputy.receptions.select_related("platform").annotate(matter_count=Count("matters"))
            .order_by("-date", "-pk")
        ),
        reports_to_voters=list(deputy.reports_to_voters.select_related("term").order_by("-date", "-pk")),
        group_activities=list(deputy.group_activities.select_related("group").order_by("-date", "-pk")),
    )


# --- reports to voters --------------------------------------------------------------------------

def _report_day(term):
    return min(today(), term.end_date)


def deputies_not_reported(term, day=None):
    """Deputies in office who have not yet reported to their voters in `term` (one query).

    The seeds require every deputy to report to the voters at least once per term (向选民述职).
    """
    reported = ReportToVoters.objects.filter(term=term, deputy=OuterRef("pk"))
    return (
        deputies_in_office(day or _report_day(term), term=term)
        .filter(~Exists(reported))
        .select_related("district")
        .order_by("district__number", "name", "pk")
    )


def _reporters(term):
    return ReportToVoters.objects.filter(term=term).values("deputy_id")


def not_reported_ids(term, day=None):
    """The ids of deputies_not_reported(term, day), as a subquery: the term's mandates in office
    less the reporters, read once as a set (IN), not once per deputy (EXISTS)."""
    return (mandates_in_office(day or _report_day(term), term=term)
            .exclude(deputy_id__in=_reporters(term)).values("deputy_id"))


def report_progress(term, day=None):
    """How many deputies in office have reported to their voters this term (one query)."""
    # One township mandate per deputy and term (mandate_unique_per_term): counting the term's
    # mandates in office counts its deputies, without reading the deputies; the reporters are read
    # once as a set (IN), not once per deputy (EXISTS).
    figures = mandates_in_office(day or _report_day(term), term=term).aggregate(
        in_office=Count("pk"), reported=Count("pk", filter=Q(deputy_id__in=_reporters(term))),
    )
    figures["not_reported"] = figures["in_office"] - figures["reported"]
    figures["percent"] = round(100 * figures["reported"] / figures["in_office"]) if figures["in_office"] else 0
    return figures


def reports_to_voters(term):
    reports = ReportToVoters.objects.filter(term=term).select_related("deputy", "deputy__district")
    return reports.order_by("-date", "-pk")


# --- representative groups ----------------------------------------------------------------------

def _year_range(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _count_of(rows, key):
    """The number of `rows` (correlated to the outer row by `key`) as a scalar subquery, 0 for none."""
    return Coalesce(Subquery(rows.order_by().values(key).annotate(n=Count("pk")).values("n")), 0)


def groups_with_counts(term, year):
    """The term's groups with their member count and activities in `year`, flagged when below the
    provincial expectation of three a year (one query)."""
    start, end = _year_range(year)
    groups = list(
        RepresentativeGroup.objects.filter(term=term)
        .select_related("leader", "contact_member")
        .annotate(
            # Counted apart: joining members and activities together would multiply their rows.
            member_count=_count_of(RepresentativeGroup.members.through.objects.filter(
                representativegroup=OuterRef("pk")), "representativegroup"),
            activity_count=_count_of(GroupActivity.objects.filter(group=OuterRef("pk"), date__range=(start, end)),
                                     "group"),
        )
        .order_by("name")
    )
    for group in groups:
        group.below_expectation = group.activity_count < EXPECTED_GROUP_ACTIVITIES_PER_YEAR
    return groups


def group_activity_counts(year):
    """Activities of every group of the terms in force during `year`: the figures of the year-end
    report, each group flagged when it met fewer than three times (one query)."""
    start, end = _year_range(year)
    groups = list(
        RepresentativeGroup.objects.filter(term__start_date__lte=end, term__end_date__gte=start)
        .annotate(activity_count=Count("activities", filter=Q(activities__date__range=(start, end))))
        .order_by("term__number", "name")
    )
    for group in groups:
        group.below_expectation = group.activity_count < EXPECTED_GROUP_ACTIVITIES_PER_YEAR
    return {
        "year": year,
        "expected": EXPECTED_GROUP_ACTIVITIES_PER_YEAR,
        "groups": groups,
        "activities": sum(group.activity_count for group in groups),
        "below_expectation": [group for group in groups if group.below_expectation],
    }


def group_detail(group):
    """A group's members (with whether each is in office today) and its activities, in three queries."""
    in_office = deputies_in_office_any_level().values("pk")
    members = list(
        group.members.select_related("district")
        .annotate(in_office_now=Exists(in_office.filter(pk=OuterRef("pk"))))
        .order_by("name", "pk")
    )
    activities = list(group.activities.prefetch_related(
        Prefetch("participants", queryset=Deputy.objects.order_by("name", "pk"))
    ).order_by("-date", "-pk"))
    return {"members": members, "activities": activities}


# --- contact platforms --------------------------------------------------------------------------

@dataclass
class PlatformNode:
    platform: ContactPlatform
    children: list = field(default_factory=list)


def platform_tree(year=None):
    """The three-level "家站点" as a tree: homes, the stations under them, the points under those.

    Platforms whose parent is missing stand at the top, so nothing disappears from the page.
    Each platform carries its receptions of `year` (this year by default). Two queries.
    """
    start, end = _year_range(year or today().year)
    platforms = list(
        ContactPlatform.objects.select_related("parent")
        .prefetch_related(Prefetch("duty_deputies", queryset=Deputy.objects.order_by("name", "pk")))
        .annotate(reception_count=Count("receptions", filter=Q(receptions__date__range=(start, end))))
        .order_by("kind", "name")
    )
    nodes = {platform.pk: PlatformNode(platform) for platform in platforms}
    roots = []
    for platform in platforms:
        parent = nodes.get(platform.parent_id)
        (parent.children if parent else roots).append(nodes[platform.pk])
    return roots


def platform_detail(platform):
    receptions = list(
        platform.receptions.annotate(matter_count=Count("matters")).order_by("-date", "-pk")[:20]
    )
    return {
        "duty_deputies": list(platform.duty_deputies.select_related("district").order_by("name", "pk")),
        "children": list(platform.children.order_by("kind", "name")),
        "receptions": receptions,
    }


# --- voter receptions ---------------------------------------------------------------------------

def receptions(*, year=None, platform=None):
    """Receptions, newest first, with their platform, deputies and the number of matters raised."""
    queryset = VoterReception.objects.select_related("platform").annotate(matter_count=Count("matters"))
    if year:
        queryset = queryset.filter(date__range=_year_range(year))
    if platform is not None:
        queryset = queryset.filter(platform=platform)
    return queryset.prefetch_related(
        Prefetch("deputies", queryset=Deputy.objects.order_by("name", "pk"))
    ).order_by("-date", "-pk")


def reception_counts(year):
    """The year's receptions, voters received and matters raised ("接待来访2人次"), in two queries."""
    start, end = _year_range(year)
    matters = ReceptionMatter.objects.filter(reception__date__range=(start, end))
    figures = VoterReception.objects.filter(date__range=(start, end)).aggregate(
        receptions=Count("pk"), voters=Sum("voters_received", default=0),
    )
    figures["matters"] = matters.count()
    return figures


def reception_detail(reception):
    return {
        "deputies": list(reception.deputies.select_related("district").order_by("name", "pk")),
        "matters": list(reception.matters.order_by("pk")),
    }


# --- duty-record sources (registered in DeputiesConfig.ready) --------------------------------------

def _narrowed(queryset, field, deputies):
    return queryset if deputies is None else queryset.filter(**{f"{field}__in": deputies})


def reception_count_query(start, end, deputies=None):
    """Rows (deputy_id, n): receptions the deputy was present at between start and end (not evaluated)."""
    rows = VoterReception.deputies.through.objects.filter(voterreception__date__range=(start, end))
    return _narrowed(rows, "deputy_id", deputies).order_by().values("deputy_id").annotate(n=Count("voterreception_id"))


def reception_count_by_deputy(start, end):
    """{deputy_id: receptions the deputy was present at between start and end}, one aggregate query."""
    return {row["deputy_id"]: row["n"] for row in reception_count_query(start, end)}


def reception_line_query(deputy, start, end):
    from .duty import line_values

    matters = (ReceptionMatter.objects.filter(reception=OuterRef("pk")).order_by()
               .values("reception").annotate(n=Count("pk")).values("n"))
    return line_values(deputy.receptions.filter(date__range=(start, end)), date="date", ref="pk",
                       text1="platform__name", number1="voters_received",
                       number2=Coalesce(Subquery(matters), 0))


def reception_line_row(row):
    from .duty import DutyLine

    return DutyLine(row["line_date"], _("Received voters at %(place)s: %(voters)d voters, %(matters)d matters raised") % {
        "place": row["line_text1"] or _("a village meeting"), "voters": row["line_number1"],
        "matters": row["line_number2"],
    }, reverse("deputies:reception_detail", args=[row["line_ref"]]))


def reception_lines(deputy, start, end):
    from .duty import DutyLine

    rows = (
        deputy.receptions.filter(date__range=(start, end)).select_related("platform")
        .annotate(matter_count=Count("matters")).order_by("date", "pk")
    )
    return [
        DutyLine(reception.date, _("Received voters at %(place)s: %(voters)d voters, %(matters)d matters raised") % {
            "place": reception.platform or _("a village meeting"), "voters": reception.voters_received,
            "matters": reception.matter_count,
        }, reverse("deputies:reception_detail", args=[reception.pk]))
        for reception in rows
    ]


def report_count_query(start, end, deputies=None):
    rows = _narrowed(ReportToVoters.objects.filter(date__range=(start, end)), "deputy_id", deputies)
    return rows.order_by().values("deputy_id").annotate(n=Count("pk"))


def report_count_by_deputy(start, end):
    return {row["deputy_id"]: row["n"] for row in report_count_query(start, end)}


def report_line_query(deputy, start, end):
    from .duty import line_values

    return line_values(deputy.reports_to_voters.filter(date__range=(start, end)), date="date", ref="deputy_id",
                       text1="place", number1="voters_attending")


def report_line_row(row):
    from .duty import DutyLine

    place = row["line_text1"]
    return DutyLine(row["line_date"], _("Reported to the voters%(place)s: %(voters)d voters attended") % {
        "place": f"（{place}）" if place else "", "voters": row["line_number1"],
    }, reverse("deputies:deputy_detail", args=[row["line_ref"]]) + "#reports-to-voters")


def report_lines(deputy, start, end):
    from .duty import DutyLine

    url = reverse("deputies:deputy_detail", args=[deputy.pk]) + "#reports-to-voters"
    return [
        DutyLine(report.date, _("Reported to the voters%(place)s: %(voters)d voters attended") % {
            "place": f"（{report.place}）" if report.place else "", "voters": report.voters_attending,
        }, url)
        for report in deputy.reports_to_voters.filter(date__range=(start, end)).order_by("date", "pk")
    ]


def group_activity_count_query(start, end, deputies=None):
    rows = GroupActivity.participants.through.objects.filter(groupactivity__date__range=(start, end))
    return _narrowed(rows, "deputy_id", deputies).order_by().values("deputy_id").annotate(n=Count("groupactivity_id"))


def group_activity_count_by_deputy(start, end):
    return {row["deputy_id"]: row["n"] for row in group_activity_count_query(start, end)}


def group_activity_line_query(deputy, start, end):
    from .duty import line_values

    return line_values(deputy.group_activities.filter(date__range=(start, end)), date="date", ref="group_id",
                       text1="group__name", text2="topic")


def group_activity_line_row(row):
    from .duty import DutyLine

    return DutyLine(row["line_date"], _("%(group)s activity: %(topic)s") % {
        "group": row["line_text1"], "topic": row["line_text2"]}, reverse("deputies:group_detail", args=[row["line_ref"]]))


def group_activity_lines(deputy, start, end):
    from .duty import DutyLine

    rows = deputy.group_activities.filter(date__range=(start, end)).select_related("group").order_by("date", "pk")
    return [
        DutyLine(activity.date, _("%(group)s activity: %(topic)s") % {"group": activity.group, "topic": activity.topic},
                 reverse("deputies:group_detail", args=[activity.group_id]))
        for activity in rows
    ]


# --- choices for the pickers --------------------------------------------------------------------

def deputies_for_picker(*, keep=()):
    """Deputies a form may offer: those in office today at any level, and `keep` (the ones already
    chosen), so that editing a record never silently drops a deputy who has since left."""
    in_office = deputies_in_office_any_level().values("pk")
    return (
        Deputy.objects.filter(Q(pk__in=in_office) | Q(pk__in=[d.pk for d in keep]))
        .select_related("district").order_by("district__number", "name", "pk")
    )


def deputies_of_recent_terms():
    """For records of past dates (receptions, reports): everyone whose mandate is in office today or
    ended within the last two years; the service checks the mandate on the record's own date."""
    since = today() - datetime.timedelta(days=2 * 366)
    recent = Mandate.objects.filter(deputy=OuterRef("pk")).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=since))
    return Deputy.objects.filter(Exists(recent)).select_related("district").order_by("district__number", "name", "pk")
