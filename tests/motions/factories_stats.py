"""Factories for the statistics and the public page, and KNOWN_YEAR: a year of items in every state
whose every figure the tests know by heart (tests/motions/test_stats_selector.py spells them out)."""
import datetime
from types import SimpleNamespace

import factory
from django.utils import timezone

from motions.models import Assignment, Category, CoSigner, Rating, ResultClass, Suggestion
from tests.congress.factories import SessionFactory
from tests.factories import HandlingUnitFactory

from .factories import AssignmentFactory, ReplyFactory, SuggestionFactory

S = Suggestion.Status
LEAD, CO = Assignment.Role.LEAD, Assignment.Role.CO
YEAR = 2026


def category(name):
    return Category.objects.get_or_create(name=name)[0]


def at(day, hour=10):
    """An aware moment in the township's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    reply = factory.SubFactory(ReplyFactory)
    deputy = factory.LazyAttribute(lambda rating: rating.reply.suggestion.proposer)
    satisfaction = Rating.Satisfaction.SATISFIED


class ConfirmedCoSignerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoSigner

    suggestion = factory.SubFactory(SuggestionFactory, status=S.SUBMITTED)
    deputy = factory.SubFactory("tests.factories.DeputyFactory")
    status = CoSigner.Status.CONFIRMED


_numbers = {}


def item(status, *, numbered=None, year=YEAR, submitted_on=datetime.date(2026, 3, 2), **fields):
    """An item in `status`; numbered by default from "accepted" on, as the office would have."""
    if numbered is None:
        numbered = status in (S.ACCEPTED, S.ASSIGNED, S.REPLIED, S.REHANDLING, S.CLOSED)
    if numbered:
        _numbers[year] = fields.pop("number", None) or _numbers.get(year, 0) + 1
        fields["number"] = _numbers[year]
    fields.setdefault("submitted_at", None if status == S.DRAFT else at(submitted_on))
    return SuggestionFactory(status=status, year=year, **fields)


def assign(suggestion, unit, *, role=LEAD, status=Assignment.Status.ACKNOWLEDGED, due=datetime.date(2026, 6, 16)):
    return AssignmentFactory(suggestion=suggestion, unit=unit, role=role, status=status,
                             assigned_at=due - datetime.timedelta(days=92), due_date=due)


DEFAULT_CLASSES = {"A": ("已解决或采纳", False, 1), "B": ("正在解决或列入计划", True, 2),
                   "C": ("因条件限制暂时无法解决", False, 3)}


def result_class(code):
    """The class of the data migration; made again on a live server's flushed database."""
    name, needs_promise_date, order = DEFAULT_CLASSES[code]
    return ResultClass.objects.get_or_create(code=code, defaults={
        "name": name, "needs_promise_date": needs_promise_date, "sort_order": order})[0]


def reply(assignment, code, *, late=False, round=1, rating=None, promise_kept_on=None):
    """A reply of `assignment`'s unit; `late` dates it one day after its due date."""
    due = assignment.due_date
    answer = ReplyFactory(
        assignment=assignment, suggestion=assignment.suggestion, round=round, result_class=result_class(code),
        due_date=due, replied_on=due + datetime.timedelta(days=1 if late else -3),
        promised_date=datetime.date(2026, 12, 31) if code == "B" else None, promise_kept_on=promise_kept_on,
    )
    if rating:
        RatingFactory(reply=answer, satisfaction=rating)
    return answer


def known_year():
    """Items 2..17 of 2026 (item 1 is a draft), two lead units, three categories, one session.

    U1 财政所 leads 7 8 9 10 17 (and once led 15 and 16, which it returned); U2 自然资源所 leads
    11 12 13 14 15 and is co-unit of 9. 农业农村: 1 2 5 7 8 9 17; 城乡建设: 3 6 10 11 15;
    社会事业: 4 12 13 14 16. The session holds 7 8 9. Item 9 is a motion, 11 came from voters at a
    contact platform, 14 from a letter. Plus a closed 2025 item that 2026 never counts.
    """
    SAT, BASIC, UNSAT = (Rating.Satisfaction.SATISFIED, Rating.Satisfaction.BASICALLY_SATISFIED,
                         Rating.Satisfaction.UNSATISFIED)
    _numbers.clear()
    for code in DEFAULT_CLASSES:
        result_class(code)
    u1, u2 = HandlingUnitFactory(name="财政所", sort_order=2), HandlingUnitFactory(name="自然资源所", sort_order=4)
    farming, building, social = category("农业农村"), category("城乡建设"), category("社会事业")
    session = SessionFactory(number=5, start_date=datetime.date(2026, 1, 8))
    items = {}
    items[1] = item(S.DRAFT, category=farming)
    items[2] = item(S.SUBMITTED, category=farming)
    items[3] = item(S.RETURNED, category=building)
    items[4] = item(S.NOT_ACCEPTED, category=social)
    items[6] = item(S.ACCEPTED, category=building)
    items[7] = item(S.ASSIGNED, category=farming, session=session)
    assign(items[7], u1, status=Assignment.Status.ASSIGNED)
    items[5] = item(S.MERGED, category=farming, merged_into=items[7])

    items[8] = item(S.REPLIED, category=farming, session=session)
    reply(assign(items[8], u1), "A")
    items[9] = item(S.CLOSED, category=farming, session=session, kind=Suggestion.Kind.MOTION)
    reply(assign(items[9], u1), "A", rating=SAT)
    assign(items[9], u2, role=CO, status=Assignment.Status.OPINION_SENT)
    items[10] = item(S.CLOSED, category=building)
    reply(assign(items[10], u1), "B", late=True, rating=BASIC)
    items[17] = item(S.CLOSED, category=farming)
    reply(assign(items[17], u1), "A", late=True, rating=SAT)

    items[11] = item(S.CLOSED, category=building, source=Suggestion.Source.RECEPTION)
    reply(assign(items[11], u2), "B", rating=SAT, promise_kept_on=datetime.date(2026, 10, 30))
    items[12] = item(S.CLOSED, category=social)
    lead = assign(items[12], u2)
    reply(lead, "C", late=True, rating=UNSAT)
    reply(lead, "A", round=2, rating=SAT)
    items[13] = item(S.REHANDLING, category=social)
    reply(assign(items[13], u2), "C", rating=UNSAT)
    items[14] = item(S.CLOSED, category=social, source=Suggestion.Source.LETTER_VISIT, proposer=None,
                     petitioner="来信人")
    reply(assign(items[14], u2), "A")
    items[15] = item(S.ASSIGNED, category=building)
    assign(items[15], u1, status=Assignment.Status.RETURNED)
    assign(items[15], u2, status=Assignment.Status.ASSIGNED)
    items[16] = item(S.ACCEPTED, category=social)
    assign(items[16], u1, status=Assignment.Status.RETURNED)

    older = item(S.CLOSED, year=2025, category=farming, submitted_on=datetime.date(2025, 4, 1))
    reply(assign(older, u1, due=datetime.date(2025, 7, 1)), "A", rating=SAT)
    return SimpleNamespace(items=items, u1=u1, u2=u2, farming=farming, building=building, social=social,
                           session=session, older=older)
