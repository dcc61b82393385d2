"""Reads of the presidium office's pages: the review queue, the list of every item with its
filters, one item with everything about it, likely duplicates, and the choices of its forms.
Each runs a fixed number of queries whatever the number of items."""
import re

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext as _

from congress.models import PresidiumMembership
from congress.selectors import presidium_serving
from deputies.models import Deputy, ReceptionMatter, Term

from .. import rules
from ..models import Assignment, CoSigner, HandlingRules, Reply, Suggestion
from .common import timeline, today

S = Suggestion.Status

# Statuses an item may have to absorb duplicates: still open and not yet answered.
MERGE_TARGET_STATUSES = frozenset({S.SUBMITTED, S.ACCEPTED, S.ASSIGNED})
# Statuses of items that can be merged into another (workflow: submitted or accepted → merged).
MERGEABLE_STATUSES = frozenset({S.SUBMITTED, S.ACCEPTED})
# Items worth supervising as key items: accepted and not yet closed.
KEY_STATUSES = frozenset({S.ACCEPTED, S.ASSIGNED, S.REPLIED, S.REHANDLING})
# Items whose reply the public may read once staff approve.
PUBLISHABLE_STATUSES = frozenset({S.REPLIED, S.CLOSED})

# --- likely duplicates --------------------------------------------------------------------------

# Two titles are alike when at least this share of their character pairs is common (Jaccard).
DUPLICATE_THRESHOLD = 0.3
# Words every title carries ("关于…的建议") say nothing about what it is about.
_BOILERPLATE = re.compile(r"^关于|(?:的|之)?(?:建议|议案|意见|批评|提案)$")
_NOT_WORD = re.compile(r"[\W_]+")


def title_bigrams(title):
    """The pairs of neighbouring characters of a title, without its boilerplate and punctuation.

    Chinese is written without spaces, so words are not split; pairs of characters catch shared
    words (机耕道 → 机耕, 耕道) well enough to point staff at a likely duplicate.
    """
    text = _NOT_WORD.sub("", (title or "").strip().lower())
    for _round in range(2):  # "关于…的建议" has boilerplate at both ends
        text = _BOILERPLATE.sub("", text)
    if len(text) < 2:
        return {text} if text else set()
    return {text[i:i + 2] for i in range(len(text) - 1)}


def title_similarity(first, second):
    """Jaccard similarity of two titles' character pairs, from 0 (nothing shared) to 1."""
    a, b = title_bigrams(first), title_bigrams(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _comparable(years):
    """Items of `years` a new one may duplicate: all but drafts and items already merged away."""
    return Suggestion.objects.filter(year__in=years).exclude(status__in=[S.DRAFT, S.MERGED])


def likely_duplicates(suggestion, *, earlier_only=True):
    """Items of the same or the previous year whose titles resemble this one, most alike first.

    Earlier items only by default (the queue counts each pair once, on the later item); the
    item page also shows later ones, so that staff can merge them into this one. One query.
    """
    candidates = _comparable([suggestion.year, suggestion.year - 1]).exclude(pk=suggestion.pk)
    if earlier_only:
        candidates = candidates.filter(pk__lt=suggestion.pk)
    mine = title_bigrams(suggestion.title)
    found = []
    for item in candidates.select_related("proposer").only(
            "pk", "year", "number", "title", "status", "kind", "source", "petitioner", "proposer__name"):
        theirs = title_bigrams(item.title)
        if mine and theirs:
            item.similarity = len(mine & theirs) / len(mine | theirs)
            item.similarity_percent = round(item.similarity * 100)
            if item.similarity >= DUPLICATE_THRESHOLD:
                found.append(item)
    return sorted(found, key=lambda item: (-item.similarity, item.pk))


def duplicate_counts(items):
    """{item pk: number of earlier items of its year or the one before with a similar title}, for
    a page of items, in one query."""
    years = {year for item in items for year in (item.year, item.year - 1)}
    if not years:
        return {}
    others = [(pk, year, title_bigrams(title))
              for pk, year, title in _comparable(years).values_list("pk", "year", "title")]
    counts = {}
    for item in items:
        mine = title_bigrams(item.title)
        counts[item.pk] = sum(
            1 for pk, year, theirs in others
            if pk < item.pk and year in (item.year, item.year - 1) and mine and theirs
            and len(mine & theirs) / len(mine | theirs) >= DUPLICATE_THRESHOLD
        )
    return counts


# --- the queue and the list ---------------------------------------------------------------------

def _with_people(items):
    confirmed = Q(cosigners__status=CoSigner.Status.CONFIRMED)
    return items.select_related("proposer", "category", "key_leader").annotate(
        cosigner_count=Count("cosigners", filter=confirmed, distinct=True))


def _live(assignments):
    return assignments.exclude(status=Assignment.Status.RETURNED)


def _with_lead_unit(items):
    lead = _live(Assignment.objects.filter(suggestion=OuterRef("pk"), role=Assignment.Role.LEAD))
    return items.annotate(lead_unit_name=Subquery(lead.values("unit__name")[:1]))


def review_queue():
    """Submitted items, the oldest first, each with its number of likely duplicates. Two queries."""
    items = list(_with_people(Suggestion.objects.filter(status=S.SUBMITTED)).order_by("submitted_at", "pk"))
    counts = duplicate_counts(items)
    for item in items:
        item.duplicate_count = counts[item.pk]
    return items


def items_to_assign():
    """Accepted items waiting to be assigned (including those a lead unit returned), oldest number first."""
    items = Suggestion.objects.filter(status=S.ACCEPTED)
    returned = Assignment.objects.filter(suggestion=OuterRef("pk"), role=Assignment.Role.LEAD,
                                         status=Assignment.Status.RETURNED)
    return list(_with_people(items).annotate(was_returned=Exists(returned)).order_by("year", "number", "pk"))


def office_counts():
    """The figures at the head of the office's pages, in one query."""
    return Suggestion.objects.aggregate(
        submitted=Count("pk", filter=Q(status=S.SUBMITTED)),
        to_assign=Count("pk", filter=Q(status=S.ACCEPTED)),
        in_handling=Count("pk", filter=Q(status__in=[S.ASSIGNED, S.REHANDLING])),
        waiting_rating=Count("pk", filter=Q(status=S.REPLIED)),
    )


_REFERENCE = re.compile(r"^\s*(\d{4})\s*[-－—]\s*(\d{1,4})\s*$")


def office_items(*, year=None, status="", kind="", source="", category=None, unit=None, key="", q=""):
    """Every item but drafts, filtered; with its people, category and lead unit. One query (plus
    the count of the paginator).

    `q` looks in the title, the content, the proposer's or letter writer's name, or matches a
    reference such as 2026-008; `key` is "yes" or "no".
    """
    items = Suggestion.objects.exclude(status=S.DRAFT)
    if year:
        items = items.filter(year=year)
    if status:
        items = items.filter(status=status)
    if kind:
        items = items.filter(kind=kind)
    if source:
        items = items.filter(source=source)
    if category is not None:
        items = items.filter(category=category)
    if unit is not None:
        items = items.filter(Exists(_live(Assignment.objects.filter(suggestion=OuterRef("pk"), unit=unit))))
    if key in ("yes", "no"):
        items = items.filter(is_key=(key == "yes"))
    q = (q or "").strip()
    if q:
        reference = _REFERENCE.match(q)
        if reference:
            items = items.filter(year=int(reference[1]), number=int(reference[2]))
        else:
            items = items.filter(Q(title__icontains=q) | Q(content__icontains=q) | Q(proposer__name__icontains=q)
                                 | Q(petitioner__icontains=q))
    return _with_lead_unit(_with_people(items)).order_by("-year", F("number").asc(nulls_last=True), "-pk")


def item_years():
    """The years that have items, newest first, and always this year."""
    years = set(Suggestion.objects.exclude(status=S.DRAFT).order_by().values_list("year", flat=True).distinct())
    return sorted(years | {today().year}, reverse=True)


# --- one item -----------------------------------------------------------------------------------

def office_item_detail(item):
    """Everything the office page shows about one item, in a fixed number of queries."""
    replies = (Reply.objects.filter(suggestion=item).select_related("result_class", "assignment__unit", "rating")
               .order_by("round"))
    return {
        "cosigners": list(item.cosigners.select_related("deputy").order_by("pk")),
        "attachments": list(item.attachments.order_by("pk")),
        "assignments": sorted(
            item.assignments.select_related("unit").prefetch_related("contacts"),
            key=lambda a: (a.status == Assignment.Status.RETURNED, a.role != Assignment.Role.LEAD, a.pk)),
        "replies": list(replies),
        "merged_items": list(item.merged_items.select_related("proposer").order_by("pk")),
        "events": timeline(item),
        "similar": likely_duplicates(item, earlier_only=False),
    }


def merge_target_choices(item, similar):
    """Choices of the item to merge `item` into: open items of the same kind of this year or the
    one before, the likely duplicates first. [(group label, [(pk, label), …]), …]"""
    targets = (Suggestion.objects.filter(kind=item.kind, year__in=[item.year, item.year - 1],
                                         status__in=MERGE_TARGET_STATUSES, merged_into__isnull=True)
               .exclude(pk=item.pk).order_by("-year", F("number").asc(nulls_last=True), "pk"))
    alike = {other.pk for other in similar}
    first, rest = [], []
    for target in targets.only("pk", "year", "number", "title", "status"):
        label = f"{target.reference or target.get_status_display()} · {target.title}"
        (first if target.pk in alike else rest).append((target.pk, label))
    groups = []
    if first:
        groups.append((_("Likely duplicates"), first))
    if rest:
        groups.append((_("Other open items"), rest))
    return groups


def mergeable_duplicates(item, similar):
    """The likely duplicates that can be merged into `item`: submitted or accepted, same kind,
    with nothing merged into them."""
    if item.status not in MERGE_TARGET_STATUSES:
        return []
    pks = [other.pk for other in similar if other.kind == item.kind and other.status in MERGEABLE_STATUSES]
    taken = set(Suggestion.objects.filter(merged_into__in=pks).values_list("merged_into", flat=True)) if pks else set()
    return [other for other in similar if other.pk in pks and other.pk not in taken]


# --- assignment and key items -------------------------------------------------------------------

def due_rule_preview(assigned_on=None):
    """What the assignment form shows: the rule in force and the dates it gives for an item
    assigned on `assigned_on` (today by default)."""
    assigned_on = assigned_on or today()
    handling = HandlingRules.current()
    if handling.due_rule == HandlingRules.DueRule.WORKING_DAYS:
        normal = _("%(days)s working days") % {"days": handling.working_days_normal}
        complex_ = _("%(days)s working days") % {"days": handling.working_days_complex}
    else:
        normal = _("%(months)s months") % {"months": handling.months_normal}
        complex_ = _("%(months)s months") % {"months": handling.months_complex}
    answer = rules.answer_due_date(assigned_on, rules=handling)
    return {
        "assigned_on": assigned_on,
        "normal_period": normal, "normal_due": answer,
        "complex_period": complex_,
        "complex_due": rules.answer_due_date(assigned_on, complex_item=True, rules=handling),
        "co_unit_due": min(answer, rules.co_unit_opinion_due(assigned_on, rules=handling)),
    }


def presidium_leaders(day=None):
    """Memberships of the presidium of the term in force, serving on `day`: who may lead a key item."""
    day = day or today()
    term = Term.on(day)
    if term is None:
        return PresidiumMembership.objects.none()
    return presidium_serving(day, term=term)


def key_leader_choices():
    return Deputy.objects.filter(pk__in=presidium_leaders().values("deputy")).order_by("name", "pk")


# --- matters raised at receptions ---------------------------------------------------------------

def reception_matters_to_enter():
    """Matters voters raised at receptions that are not yet items, the latest reception first."""
    return (ReceptionMatter.objects.filter(suggestion__isnull=True)
            .select_related("reception__platform")
            .prefetch_related(Prefetch("reception__deputies", queryset=Deputy.objects.order_by("name", "pk")))
            .order_by("-reception__date", "-reception__pk", "pk"))
