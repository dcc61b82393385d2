"""Reads of the presidium office's pages: the review queue, the list of every item with its
filters, one item with everything about it, likely duplicates, and the choices of its forms.
Each runs a fixed number of queries whatever the number of items."""
import functools
import re
from collections import Counter

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from congress.models import PresidiumMembership
from congress.selectors import presidium_serving
from core.paging import page_of
from deputies.models import Deputy, ReceptionMatter, Term

from .. import caching, rules
from ..models import Assignment, CoSigner, HandlingRules, Reply, Suggestion
from .common import timeline, today
from .statistics import received_years

S = Suggestion.Status

# Submitted items per page of the review queue; accepted items shown waiting to be assigned (the
# list of every item, filtered by status, shows them all).
QUEUE_PAGE_SIZE = 30
TO_ASSIGN_SHOWN = 30
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
    return set(_bigrams(title or ""))


@functools.lru_cache(maxsize=8192)
def _bigrams(title):
    """title_bigrams as a frozenset, remembered: the queue compares the same titles again and again."""
    text = _NOT_WORD.sub("", title.strip().lower())
    for _round in range(2):  # "关于…的建议" has boilerplate at both ends
        text = _BOILERPLATE.sub("", text)
    if len(text) < 2:
        return frozenset({text} if text else ())
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def title_similarity(first, second):
    """Jaccard similarity of two titles' character pairs, from 0 (nothing shared) to 1."""
    return _similarity(_bigrams(first or ""), _bigrams(second or ""))


def _comparable(years):
    """Items of `years` a new one may duplicate: all but drafts and items already merged away."""
    return Suggestion.objects.filter(year__in=years).exclude(status__in=[S.DRAFT, S.MERGED])


def likely_duplicates(suggestion, *, earlier_only=True, limit=None):
    """Items of the same or the previous year whose titles resemble this one, most alike first
    (the `limit` most alike when given).

    Earlier items only by default (the queue counts each pair once, on the later item); the
    item page also shows later ones, so that staff can merge them into this one. One query, read
    as plain tuples: the candidates are every item of two years, and only the few alike become
    Suggestion rows (with only the fields shown, as `only()` would give).
    """
    candidates = _comparable([suggestion.year, suggestion.year - 1]).exclude(pk=suggestion.pk)
    if earlier_only:
        candidates = candidates.filter(pk__lt=suggestion.pk)
    return _alike(suggestion, candidates.order_by().values_list(*_DUPLICATE_FIELDS, "proposer__name"), limit)


def _alike(suggestion, rows, limit):
    """The rows (tuples of _DUPLICATE_FIELDS and the proposer's name) whose titles resemble the
    suggestion's, most alike first, as Suggestion rows."""
    mine = _bigrams(suggestion.title)
    if not mine:
        return []
    found = []
    for values in rows:
        similarity = _similarity(mine, _bigrams(values[3]))
        if similarity >= DUPLICATE_THRESHOLD:
            found.append((similarity, values))
    found.sort(key=lambda pair: (-pair[0], pair[1][0]))
    return [_duplicate(similarity, values) for similarity, values in found[:limit]]


_DUPLICATE_FIELDS = ("id", "year", "number", "title", "status", "kind", "source", "petitioner", "proposer_id")


def _duplicate(similarity, values):
    given = dict(zip(_DUPLICATE_FIELDS, values))
    names = [fld.attname for fld in Suggestion._meta.concrete_fields if fld.attname in given]  # from_db's order
    item = Suggestion.from_db(None, names, [given[name] for name in names])
    proposer = None if item.proposer_id is None else Deputy.from_db(None, ["id", "name"], [item.proposer_id, values[-1]])
    Suggestion.proposer.field.set_cached_value(item, proposer)
    if similarity is not None:
        item.similarity = similarity
        item.similarity_percent = round(similarity * 100)
    return item


def duplicate_counts(items):
    """{item pk: number of earlier items of its year or the one before with a similar title}, for
    a page of items, in one query (none when the cache has them: motions/caching.py)."""
    by_pk = {item.pk: item for item in items}
    return caching.cached_many("duplicates", list(by_pk), lambda pks: _duplicate_counts([by_pk[pk] for pk in pks]))


def _duplicate_counts(items):
    """duplicate_counts, computed: the candidates' titles are read once (pk, year, title only) and
    each distinct title's character pairs indexed, so that an item meets only the titles sharing a
    pair with it, and only once however many items bear the same title."""
    years = {year for item in items for year in (item.year, item.year - 1)}
    if not years:
        return {}
    wanted = {item.pk: _bigrams(item.title) for item in items}
    needed = frozenset().union(*wanted.values())
    latest = max(wanted)
    titles, sets, index = {}, [], {}  # title → [(pk, year)], its pairs by title number, pair → title numbers
    for pk, year, title in _comparable(years).filter(pk__lt=latest).order_by().values_list("pk", "year", "title"):
        found = titles.get(title)
        if found is None:
            found = titles[title] = []
            number, theirs = len(sets), _bigrams(title)
            sets.append((theirs, found))
            for pair in theirs & needed:
                index.setdefault(pair, []).append(number)
        found.append((pk, year))
    counts = {}
    for item in items:
        mine = wanted[item.pk]
        shared = Counter()
        for pair in mine:
            shared.update(index.get(pair, ()))
        count = 0
        for number, common in shared.items():
            theirs, members = sets[number]
            if common / (len(mine) + len(theirs) - common) >= DUPLICATE_THRESHOLD:
                count += sum(1 for pk, year in members if pk < item.pk and year in (item.year, item.year - 1))
        counts[item.pk] = count
    return counts


# --- the queue and the list ---------------------------------------------------------------------

def _with_people(items):
    """With the proposer, category and key leader, and the number of confirmed co-signers (a
    subquery rather than a grouped join, so that the database counts them for the page of items
    only, and a paginator's count does not repeat it)."""
    confirmed = (CoSigner.objects.filter(suggestion=OuterRef("pk"), status=CoSigner.Status.CONFIRMED)
                 .order_by().values("suggestion").annotate(n=Count("pk")).values("n"))
    return items.select_related("proposer", "category", "key_leader").annotate(
        cosigner_count=Coalesce(Subquery(confirmed), 0))


def _live(assignments):
    return assignments.exclude(status=Assignment.Status.RETURNED)


def _with_lead_unit(items):
    lead = _live(Assignment.objects.filter(suggestion=OuterRef("pk"), role=Assignment.Role.LEAD)).order_by()
    return items.annotate(lead_unit_name=Subquery(lead.values("unit__name")[:1]))  # one at most: a constraint


def review_queue(page=None, *, per_page=QUEUE_PAGE_SIZE, total=None):
    """A page of the submitted items, the oldest first, each with its number of likely duplicates.
    Two queries, or one when `total` (the number of submitted items, office_counts) is given."""
    shown = page_of(Suggestion.objects.filter(status=S.SUBMITTED).order_by("submitted_at", "pk"), page, per_page,
                    _with_people, count=total)
    counts = duplicate_counts(shown.object_list)
    for item in shown.object_list:
        item.duplicate_count = counts[item.pk]
    return shown


def items_to_assign(limit=TO_ASSIGN_SHOWN):
    """The `limit` accepted items waiting longest to be assigned (including those a lead unit
    returned), oldest number first. One query."""
    order = ("year", "number", "pk")
    first = Suggestion.objects.filter(status=S.ACCEPTED).order_by(*order).values("pk")[:limit]
    returned = Assignment.objects.filter(suggestion=OuterRef("pk"), role=Assignment.Role.LEAD,
                                         status=Assignment.Status.RETURNED)
    items = Suggestion.objects.filter(pk__in=first)
    return list(_with_people(items).annotate(was_returned=Exists(returned)).order_by(*order))


def office_counts():
    """The figures at the head of the office's pages, in one query (none when the cache has them:
    motions/caching.py)."""
    wanted = [S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.REHANDLING, S.REPLIED]
    by_status = caching.cached("office_counts", lambda: dict(
        Suggestion.objects.filter(status__in=wanted).order_by().values_list("status")
        .annotate(n=Count("pk"))))  # the open statuses only: read from the (status, due) index
    return {
        "submitted": by_status.get(S.SUBMITTED, 0), "to_assign": by_status.get(S.ACCEPTED, 0),
        "in_handling": by_status.get(S.ASSIGNED, 0) + by_status.get(S.REHANDLING, 0),
        "waiting_rating": by_status.get(S.REPLIED, 0),
    }


_REFERENCE = re.compile(r"^\s*(\d{4})\s*[-－—]\s*(\d{1,4})\s*$")


def office_items(**filters):
    """Every item but drafts, filtered (see _filtered_items); with its people, category and lead
    unit. One query."""
    return _decorated(_filtered_items(**filters))


def office_items_page(number, per_page, **filters):
    """Page `number` of office_items: the count, then one query that sorts and cuts the filtered
    items (from the index in ITEM_ORDER) before it reads the page's people and lead units. The
    count is kept in the cache until the next change: counting ten years of items costs more than
    reading the page."""
    items = _filtered_items(**filters)
    return page_of(items, number, per_page, _decorated, count=caching.cached_count("items", filters, items))


def _decorated(items):
    return _with_lead_unit(_with_people(items)).order_by(*ITEM_ORDER)


ITEM_ORDER = ("-year", F("number").asc(nulls_last=True), "-pk")


def _filtered_items(*, year=None, status="", kind="", source="", category=None, unit=None, key="", q=""):
    """Every item but drafts, filtered, in ITEM_ORDER.

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
    return items.order_by(*ITEM_ORDER)


def item_years():
    """The years that have items, newest first, and always this year."""
    return sorted(set(received_years()) | {today().year}, reverse=True)


# --- one item -----------------------------------------------------------------------------------

# Likely duplicates the item page lists, the most alike first (a common title may resemble hundreds).
SIMILAR_SHOWN = 20

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
        **_similar_and_merged(item),
        "events": timeline(item),
    }


def _similar_and_merged(item):
    """{"similar": the SIMILAR_SHOWN likely duplicates (likely_duplicates, earlier and later),
    "merged_items": the items merged into this one}, kept in the cache until the next change
    (motions/caching.py)."""
    similar, merged = caching.cached(f"similar:{item.pk}", lambda: _similar_and_merged_rows(item))
    return {"similar": [_duplicate(similarity, values) for similarity, values in similar],
            "merged_items": [_duplicate(None, values) for values in merged]}


def _similar_and_merged_rows(item):
    """([(similarity, row)] of the likely duplicates shown, [row] of the merged items), rows being
    tuples of _DUPLICATE_FIELDS and the proposer's name. Two queries: the distinct titles of the two
    years with how many items bear each (a common title is compared once, and thousands of items
    are not read to show twenty), then the items of the most alike titles and the merged items."""
    comparable = (Q(year__in=[item.year, item.year - 1]) & ~Q(status__in=[S.DRAFT, S.MERGED])  # as _comparable
                  & ~Q(pk=item.pk))
    mine = _bigrams(item.title)
    alike = []  # (similarity, title, items bearing it)
    if mine:
        for title, bearing in (Suggestion.objects.filter(comparable).order_by().values_list("title")
                               .annotate(n=Count("pk"))):
            similarity = _similarity(mine, _bigrams(title))
            if similarity >= DUPLICATE_THRESHOLD:
                alike.append((similarity, title, bearing))
    alike.sort(key=lambda entry: -entry[0])
    # The most alike titles until they bear SIMILAR_SHOWN items, and every title as alike as the
    # last one taken, so that the shown items are those likely_duplicates puts first.
    chosen, bearing = {}, 0
    for similarity, title, count in alike:
        if bearing >= SIMILAR_SHOWN and similarity < min(chosen.values()):
            break
        chosen[title] = similarity
        bearing += count
    wanted = Q(merged_into=item)
    if chosen:
        wanted |= comparable & Q(title__in=list(chosen))
    rows = (Suggestion.objects.filter(wanted).order_by()
            .values_list(*_DUPLICATE_FIELDS, "proposer__name", "merged_into_id"))
    similar, merged = [], []
    for values in rows:
        if values[-1] == item.pk:
            merged.append(values[:-1])
        if values[3] in chosen and values[0] != item.pk and values[1] in (item.year, item.year - 1) \
                and values[4] not in (S.DRAFT, S.MERGED):
            similar.append((chosen[values[3]], values[:-1]))
    similar.sort(key=lambda pair: (-pair[0], pair[1][0]))
    return similar[:SIMILAR_SHOWN], sorted(merged)


def _similarity(mine, theirs):
    """Jaccard similarity of two sets of character pairs (title_similarity's arithmetic)."""
    if not mine or not theirs:
        return 0.0
    common = len(mine & theirs)
    return common / (len(mine) + len(theirs) - common)


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
    """The presidium members serving today in the term in force (one query: the term is a subquery)."""
    day = today()
    term = Term.objects.filter(start_date__lte=day, end_date__gte=day).order_by("-number").values("pk")[:1]
    return Deputy.objects.filter(pk__in=presidium_serving(day, term=term).values("deputy")).order_by("name", "pk")


# --- matters raised at receptions ---------------------------------------------------------------

def reception_matters_to_enter():
    """Matters voters raised at receptions that are not yet items, the latest reception first."""
    return (ReceptionMatter.objects.filter(suggestion__isnull=True)
            .select_related("reception__platform")
            .prefetch_related(Prefetch("reception__deputies", queryset=Deputy.objects.order_by("name", "pk")))
            .order_by("-reception__date", "-reception__pk", "pk"))
