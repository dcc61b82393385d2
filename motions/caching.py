"""A short cache of what the suggestion pages compute over many items: the statistics of a year
and their tables, the likely duplicates of the items in the review queue and of one item, the
years that have items, the counts of the filtered lists, a unit's counts and its follow-up list.

Every entry belongs to a generation; saving or deleting an item or anything the figures count
(co-signers, assignments, replies, ratings, result classes, categories, units, deputies' names)
starts a new one, in every process that shares the cache (Redis), so a page never shows figures
older than the last change for longer than the change's own transaction. MOTIONS_CACHE_SECONDS
bounds an entry's life anyway (0 turns the cache off: the tests, whose rolled-back database the
cache would outlive).
"""
import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core.cache import quietly
from core.pagecache import depends_on

GENERATION_KEY = "motions:generation"
GENERATION_SECONDS = 7 * 24 * 3600
DEFAULT_SECONDS = 300
# The models whose rows change what the cached figures and lists say (a deputy's name is shown with
# the likely duplicates, and the office's list is searched by it).
WATCHED = ("motions.Suggestion", "motions.CoSigner", "motions.Assignment", "motions.Reply", "motions.Rating",
           "motions.ResultClass", "motions.Category", "core.HandlingUnit", "deputies.Deputy")


def seconds():
    return getattr(settings, "MOTIONS_CACHE_SECONDS", DEFAULT_SECONDS)


def _generation():
    # A page showing what is cached here depends on the rows it was computed from (core.pagecache).
    depends_on(*(apps.get_model(label) for label in WATCHED))
    value = quietly(cache.get, GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        if not quietly(cache.add, GENERATION_KEY, value, GENERATION_SECONDS):
            value = quietly(cache.get, GENERATION_KEY) or value
    return value


def _key(name):
    return f"motions:{_generation()}:{name}"


def cached(name, compute):
    """compute(), kept under `name` until the next change (or MOTIONS_CACHE_SECONDS)."""
    timeout = seconds()
    if not timeout:
        return compute()
    key = _key(name)
    value = quietly(cache.get, key)
    if value is None:
        value = compute()
        quietly(cache.set, key, value, timeout)
    return value


def generation():
    """(this generation, MOTIONS_CACHE_SECONDS) for a cache of core's keeping (the chase board's
    counts: ChaseSource.counts_cache), or None while the cache is off."""
    timeout = seconds()
    return (_generation(), timeout) if timeout else None


def cached_count(name, filters, queryset):
    """queryset.count(), kept as `cached` keeps a value, under `name` and the filters it counts
    ({name: value}; a model instance by its pk)."""
    if not seconds():
        return queryset.count()
    spelled = repr(sorted((key, getattr(value, "pk", value)) for key, value in filters.items()
                          if value not in (None, "")))
    return cached(f"count:{name}:{hashlib.sha1(spelled.encode()).hexdigest()}", queryset.count)


def cached_many(name, ids, compute):
    """{id: value} for `ids`: the cached ones, and compute(missing ids) → {id: value} for the rest."""
    timeout = seconds()
    if not timeout:
        return compute(list(ids))
    prefix = _key(name)
    found = {int(key.rsplit(":", 1)[1]): value
             for key, value in quietly(cache.get_many, [f"{prefix}:{pk}" for pk in ids], default={}).items()}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        computed = compute(missing)
        quietly(cache.set_many, {f"{prefix}:{pk}": value for pk, value in computed.items()}, timeout)
        found.update(computed)
    return found


def forget(**kwargs):
    """Start a new generation now, and again once the change's transaction commits (a page read
    in between would otherwise cache what it saw before the commit)."""
    quietly(cache.set, GENERATION_KEY, time.time_ns(), GENERATION_SECONDS)
    transaction.on_commit(lambda: quietly(cache.set, GENERATION_KEY, time.time_ns(), GENERATION_SECONDS))


def connect():
    """Called by MotionsConfig.ready()."""
    for label in WATCHED:
        for signal in (post_save, post_delete):
            signal.connect(forget, sender=label, dispatch_uid=f"motions.caching.{label}.{signal is post_save}")
