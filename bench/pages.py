"""Page latency under load, as a multiple of the framework floor measured in the same run.

gunicorn (2 sync workers, bench settings) serves the bench database; each page is requested by a
signed-in user of the role that reads it (a real session cookie), with wrk keeping two connections
busy for a few seconds; the measure is the median latency. The floor is bench/floor/, a view that
returns "ok" through the same gunicorn and middleware. Goal: every page within 10× the floor.

A page that does not answer 200 to its role is a failed row whatever its speed: a 302 to the sign-in
page or a 403 is fast and means nothing. Detail pages show a busy object of the data set: the deputy
with the most suggestions, the item with the most history, the meeting with the most attendance.
"""
import statistics
import time
from dataclasses import dataclass
from typing import Callable

from bench.common import Measure
from bench.server import FLOOR_PATH, Gunicorn, LoadResult, get, load

GOAL_RATIO = 10
# Fewer requests than this in a wrk run: the page is timed one request at a time instead.
SLOW_PAGE_REQUESTS = 5


@dataclass(frozen=True)
class Page:
    name: str  # the URL name
    role: str  # a key of ROLE_USERS, or "public" for no session
    pick: Callable | None = None  # (user) -> the URL's kwargs, or None when there is no object to show
    query: str = ""

    @property
    def label(self):
        return f"{self.name}{'?' + self.query if self.query else ''} as {self.role}"


# --- the objects detail pages show: busy ones -------------------------------------------------------

def _busiest(queryset, relation, **filters):
    from django.db.models import Count

    return (queryset.filter(**filters).annotate(_n=Count(relation, distinct=True))
            .order_by("-_n", "-pk").values_list("pk", flat=True).first())


def _pk(value, key="pk"):
    return None if value is None else {key: value}


def busy_deputy(user):
    from deputies.models import Deputy

    return _pk(_busiest(Deputy.objects, "suggestions"))


def busy_deputy_record(user):
    from deputies.models import Deputy

    return _pk(_busiest(Deputy.objects, "suggestions"), "deputy_id")


def own_deputy(user):
    return _pk(getattr(user, "deputy", None) and user.deputy.pk)


def busy_group(user):
    from deputies.models import RepresentativeGroup

    return _pk(_busiest(RepresentativeGroup.objects, "members"))


def busy_platform(user):
    from deputies.models import ContactPlatform

    return _pk(_busiest(ContactPlatform.objects, "receptions"))


def busy_reception(user):
    from deputies.models import VoterReception

    return _pk(_busiest(VoterReception.objects, "matters"))


def busy_meeting(user):
    from congress.models import Meeting

    return _pk(_busiest(Meeting.objects, "attendance"))


def busy_notice_meeting(user):
    from congress.models import Meeting

    return _pk(_busiest(Meeting.objects, "notices__replies"))


def busy_item(user):
    from motions.models import Suggestion

    return _pk(_busiest(Suggestion.objects.exclude(status=Suggestion.Status.DRAFT), "events"))


def busy_public_item(user):
    from motions.models import Suggestion

    return _pk(_busiest(Suggestion.objects, "events", is_published=True))


def own_busy_item(user):
    from motions.models import Suggestion

    deputy = getattr(user, "deputy", None)
    return deputy and _pk(_busiest(Suggestion.objects, "events", proposer=deputy))


def own_busy_assignment(user):
    from motions.models import Assignment

    return _pk(_busiest(Assignment.objects.exclude(status=Assignment.Status.RETURNED), "suggestion__events",
                        unit_id=user.handling_unit_id))


def busy_activity(user):
    from supervision.models import Activity

    return _pk(_busiest(Activity.objects, "rectification_items"))


def busy_rectification_item(user):
    from supervision.models import RectificationItem

    return _pk(_busiest(RectificationItem.objects, "events"))


def own_busy_rectification_item(user):
    from supervision.models import RectificationItem

    return _pk(_busiest(RectificationItem.objects.filter(unit_id=user.handling_unit_id)
                        .exclude(status=RectificationItem.Status.WITHDRAWN), "events"))


def busy_training(user):
    from supervision.models import Training

    return _pk(_busiest(Training.objects, "attendees"))


def any_research(user):
    from supervision.models import ResearchReport

    return _pk(ResearchReport.objects.order_by("-pk").values_list("pk", flat=True).first())


def latest_annual(user):
    from reports.models import AnnualReport

    return _pk(AnnualReport.objects.order_by("-year", "-version").values_list("pk", flat=True).first())


def own_notification(user):
    from core.models import Notification

    return _pk(Notification.objects.filter(recipient=user).order_by("-pk").values_list("pk", flat=True).first())


def latest_export_job(user):
    from core.models_exports import ExportJob

    return _pk(ExportJob.objects.order_by("-pk").values_list("pk", flat=True).first())


def own_busy_session(user):
    from congress.models import Meeting

    return _pk(_busiest(Meeting.objects, "attendance", kind=Meeting.Kind.SESSION,
                        attendance__deputy__user=user))


def this_year(user):
    from django.utils import timezone

    return {"year": timezone.localdate().year}


# --- the pages --------------------------------------------------------------------------------------
# Every list and detail page a person reads (forms and file downloads are left out), by the role
# that reads it. The dashboards once per role.

PAGES = [
    # dashboards
    Page("dashboard", "staff"),
    Page("dashboard", "chairman"),
    Page("dashboard", "member"),
    Page("dashboard", "deputy"),
    Page("dashboard", "unit"),
    Page("notification_list", "staff"),
    Page("notification_detail", "staff", own_notification),
    Page("exports:job_list", "staff"),
    Page("exports:job", "staff", latest_export_job),
    # the chase board
    Page("chase_board", "staff"),
    Page("chase_board", "unit"),
    # deputies (staff)
    Page("deputies:deputy_list", "staff"),
    Page("deputies:deputy_detail", "staff", busy_deputy),
    Page("deputies:district_list", "staff"),
    Page("deputies:group_list", "staff"),
    Page("deputies:group_detail", "staff", busy_group),
    Page("deputies:platform_list", "staff"),
    Page("deputies:platform_detail", "staff", busy_platform),
    Page("deputies:reception_list", "staff"),
    Page("deputies:reception_detail", "staff", busy_reception),
    Page("deputies:report_list", "staff"),
    Page("deputies:not_reported", "staff"),
    # congress (staff)
    Page("congress:meeting_list", "staff"),
    Page("congress:meeting_detail", "staff", busy_meeting),
    Page("congress:notice_replies", "staff", busy_notice_meeting),
    Page("congress:absence_list", "staff"),
    Page("congress:presidium", "staff"),
    # suggestions (staff) and the statistics
    Page("motions:office_queue", "staff"),
    Page("motions:office_item_list", "staff"),
    Page("motions:office_item", "staff", busy_item),
    Page("motions:office_reception_matters", "staff"),
    Page("motions:stats_overview", "staff"),
    Page("motions:stats_overview", "member"),
    # supervision (staff)
    Page("supervision:activity_list", "staff"),
    Page("supervision:activity_detail", "staff", busy_activity),
    Page("supervision:item_list", "staff"),
    Page("supervision:item_detail", "staff", busy_rectification_item),
    Page("supervision:overview", "staff"),
    Page("supervision:training_list", "staff"),
    Page("supervision:training_detail", "staff", busy_training),
    Page("supervision:research_list", "staff"),
    Page("supervision:research_detail", "staff", any_research),
    # reports (staff)
    Page("reports:performance_table", "staff"),
    Page("reports:performance_record", "staff", busy_deputy_record),
    Page("reports:award_list", "staff"),
    Page("annual:list", "staff"),
    Page("annual:detail", "staff", latest_annual),
    Page("annual:plan", "staff", this_year),
    # the deputy's own pages (the deputy with the most suggestions)
    Page("motions:deputy_list", "deputy"),
    Page("motions:deputy_item", "deputy", own_busy_item),
    Page("motions:deputy_cosign_list", "deputy"),
    Page("deputies:deputy_detail", "deputy", own_deputy),
    Page("congress:my_meetings", "deputy"),
    Page("congress:meeting_detail", "deputy", own_busy_session),
    Page("supervision:my_activities", "deputy"),
    Page("reports:my_performance", "deputy"),
    Page("notification_list", "deputy"),
    # the handling unit's officer (the unit with the most assignments)
    Page("motions:unit_items", "unit"),
    Page("motions:unit_follow_up", "unit"),
    Page("motions:unit_item", "unit", own_busy_assignment),
    Page("supervision:unit_items", "unit"),
    Page("supervision:unit_item", "unit", own_busy_rectification_item),
    # the public, without an account
    Page("motions:public_list", "public"),
    Page("motions:public_detail", "public", busy_public_item),
    Page("motions:public_report", "public"),
    Page("login", "public"),
]


# --- who signs in -----------------------------------------------------------------------------------

def _demo_user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _busiest_deputy_user():
    """The deputy with the most suggestions; given a login (bench data only) when they have none."""
    from django.contrib.auth.models import Group
    from django.contrib.auth import get_user_model
    from core.roles import Role
    from deputies.models import Deputy

    deputy = Deputy.objects.get(pk=_busiest(Deputy.objects, "suggestions", mandates__status="in_office")
                                or _busiest(Deputy.objects, "suggestions"))
    if deputy.user_id is None:
        user, _ = get_user_model().objects.get_or_create(username="bench-deputy", defaults={"name": deputy.name})
        Deputy.objects.filter(user=user).update(user=None)
        deputy.user = user
        deputy.save(update_fields=["user"])
    user = deputy.user
    user.groups.add(Group.objects.get(name=Role.DEPUTY))
    return get_user_model().objects.get(pk=user.pk)


def _busiest_unit_user():
    """An officer of the unit with the most assignments; one is made (bench data only) when it has none."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from core.models import HandlingUnit
    from core.roles import Role

    unit = HandlingUnit.objects.get(pk=_busiest(HandlingUnit.objects, "assignments"))
    group = Group.objects.get(name=Role.UNIT_OFFICER)
    user = get_user_model().objects.filter(handling_unit=unit, groups=group, is_active=True).order_by("pk").first()
    if user is None:
        user, _ = get_user_model().objects.get_or_create(username="bench-unit", defaults={"name": "承办员"})
        user.handling_unit = unit
        user.is_active = True
        user.save(update_fields=["handling_unit", "is_active"])
        user.groups.add(group)
    return user


ROLE_USERS = {
    "staff": lambda: _demo_user("staff"),
    "chairman": lambda: _demo_user("chairman"),
    "member": lambda: _demo_user("member"),
    "deputy": _busiest_deputy_user,
    "unit": _busiest_unit_user,
}


def signed_in_roles(roles):
    """{role: (user, Cookie header value)}; "public" is (None, None)."""
    from bench.server import session_cookie

    result = {}
    for role in roles:
        if role == "public":
            result[role] = (None, None)
        else:
            user = ROLE_USERS[role]()
            result[role] = (user, session_cookie(user))
    return result


def targets(pages=PAGES):
    """[(page, path or None, cookie, why-not)] for the pages, with their objects picked."""
    from django.urls import reverse

    sessions = signed_in_roles(sorted({page.role for page in pages}))
    result = []
    for page in pages:
        user, cookie = sessions[page.role]
        kwargs = page.pick(user) if page.pick else {}
        if kwargs is None:
            result.append((page, None, cookie, "no object of this kind in the data set"))
            continue
        path = reverse(page.name, kwargs=kwargs or None)
        result.append((page, f"{path}?{page.query}" if page.query else path, cookie, ""))
    return result


# --- the measure ------------------------------------------------------------------------------------

def run(ctx):
    seconds = 2 if ctx.quick else 8
    warmup = 1 if ctx.quick else 2
    page_targets = targets()
    measures = []
    with Gunicorn(ctx.database_url) as server:
        load(server.port, FLOOR_PATH, seconds=warmup)
        floor = load(server.port, FLOOR_PATH, seconds=seconds)
        floor_ok = floor.non_2xx == 0 and floor.errors == 0 and floor.requests > 0
        measures.append(Measure(
            name="floor: bench/floor/ (trivial view, same gunicorn)", value=floor.median_ms, unit="ms",
            goal="answers 200", met=floor_ok,
            detail={"rps": floor.rps, "requests": floor.requests, "tool": floor.tool, "non_2xx": floor.non_2xx},
        ))
        for page, path, cookie, why_not in page_targets:
            measures.append(measure_page(server, page, path, cookie, why_not, floor.median_ms, seconds, warmup))
        # Measured again at the end: a floor that moved tells the machine was busier at one end of the run.
        measures[0].detail["floor_at_end_ms"] = load(server.port, FLOOR_PATH, seconds=seconds).median_ms
    for measure, (page, path, cookie, _) in zip(measures[1:], page_targets):
        if path and measure.detail.get("bytes"):
            measure.detail["queries"], measure.detail["rendered_ms"] = rendering(path, cookie)
    return measures


def timed_one_by_one(port, path, cookie, requests=SLOW_PAGE_REQUESTS):
    """A page too slow for wrk to finish a few requests in its run: the median of a few, one at a time."""
    latencies, statuses = [], []
    for _ in range(requests):
        started = time.perf_counter()
        statuses.append(get(port, path, cookie)[0])
        latencies.append((time.perf_counter() - started) * 1000)
    elapsed = sum(latencies) / 1000
    return LoadResult(median_ms=statistics.median(latencies), requests=requests, rps=requests / elapsed,
                      non_2xx=sum(1 for status in statuses if status != 200), tool="one by one (too slow for wrk)")


class QueryCounter:
    """Counts the SQL statements run inside it. (CaptureQueriesContext reads Django's query log, which
    the test client's request_started signal empties, so it reports 0 for a page under DEBUG off.)"""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        from django.db import connection

        self._wrapping = connection.execute_wrapper(self)
        self._wrapping.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapping.__exit__(*exc)


def rendering(path, cookie, times=3):
    """(SQL queries, median ms) of rendering the page in this process, as if it were not kept
    (core.pagecache): what a page costs the first time and after a change to what it shows, to read
    beside the latency under load, which mostly serves the kept copy."""
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    if cookie:
        client.cookies.load(cookie)
    timings = []
    with override_settings(PAGE_CACHE_SECONDS=0):
        with QueryCounter() as queries:
            client.get(path)
        for _ in range(times):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
    return queries.count, round(statistics.median(timings), 2)


def measure_page(server, page, path, cookie, why_not, floor_ms, seconds, warmup):
    name = f"page {page.label}"
    goal = f"≤ {GOAL_RATIO}× floor"
    if path is None:
        return Measure(name=name, value=float("nan"), unit="ms", goal=goal, met=False, floor=floor_ms,
                       detail={"error": why_not})
    try:
        started = time.monotonic()
        status, size, location = get(server.port, path, cookie)
    except OSError as error:  # gunicorn's 60 s timeout kills the worker: the page never answers
        return Measure(name=name, value=float("nan"), unit="ms", goal=goal, met=False, floor=floor_ms,
                       detail={"path": path, "error": f"no answer after {time.monotonic() - started:.0f} s ({error!r})"})
    if status != 200:
        return Measure(name=name, value=float("nan"), unit="ms", goal=goal, met=False, floor=floor_ms,
                       detail={"path": path, "error": f"answered {status}" + (f" → {location}" if location else ""),
                               "gunicorn_log": server.log_tail(1500) if status >= 500 else ""})
    load(server.port, path, cookie, seconds=warmup)  # both workers compile the templates and warm caches
    result = load(server.port, path, cookie, seconds=seconds)
    if result.requests < SLOW_PAGE_REQUESTS:
        result = timed_one_by_one(server.port, path, cookie)
    ratio = result.median_ms / floor_ms if floor_ms else None
    ok = result.non_2xx == 0 and result.errors == 0 and result.requests > 0
    detail = {"path": path, "bytes": size, "rps": round(result.rps, 1), "requests": result.requests,
              "tool": result.tool}
    if not ok:
        detail["error"] = f"{result.non_2xx} non-2xx/3xx responses, {result.errors} socket errors under load"
    return Measure(name=name, value=result.median_ms, unit="ms", goal=goal,
                   met=ok and ratio is not None and ratio <= GOAL_RATIO, floor=floor_ms, ratio=ratio, detail=detail)

