"""The cache backend used with Redis: an outage of Redis must never take a page down.

Django's own RedisCache raises when Redis is unreachable, so a page that only wanted a cached value
would answer 500. This backend behaves as django-redis does with DJANGO_REDIS_IGNORE_EXCEPTIONS:
while Redis is away every read is a miss and every write is dropped, with a warning in the log.
After a failure it leaves Redis alone for OUTAGE_PAUSE seconds, so a Redis host that does not answer
at all costs one short connect timeout now and then, not one per cache call. Sessions live in the
database (SESSION_ENGINE), never in the cache, so nobody is signed out by an outage.
"""
import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

OUTAGE_PAUSE = 10  # seconds
# Short timeouts: a cache that answers slowly is worse than no cache.
DEFAULT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}


def _or_else(fallback):
    """Run the method; when Redis fails (or failed a moment ago) return fallback(*args, **kwargs)."""
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._outage_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError):
                self._outage_until = time.monotonic() + OUTAGE_PAUSE
                logger.warning("The cache (Redis) is unavailable; going without it for %ss.", OUTAGE_PAUSE,
                               exc_info=True)
                return fallback(*args, **kwargs)
        return wrapper
    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _constant(value):
    return lambda *args, **kwargs: value


def _nothing_found(*args, **kwargs):
    return {}  # a new dict each time: the caller may fill it


def _all_keys_failed(data, *args, **kwargs):
    return list(data)


def _counter_from_delta(key, delta=1, *args, **kwargs):
    return delta


class _OneClientPerPool(RedisCacheClient):
    """Django's client builds a redis.Redis object for every cache call (a tenth of a millisecond,
    a third of a kept page's time, issue 9); one per connection pool does, as redis-py intends."""

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(index)
        if client is None:
            client = clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = _OneClientPerPool
        self._outage_until = 0.0

    get = _or_else(_default)(RedisCache.get)
    get_many = _or_else(_nothing_found)(RedisCache.get_many)
    has_key = _or_else(_constant(False))(RedisCache.has_key)
    add = _or_else(_constant(False))(RedisCache.add)
    set = _or_else(_constant(None))(RedisCache.set)
    set_many = _or_else(_all_keys_failed)(RedisCache.set_many)
    touch = _or_else(_constant(False))(RedisCache.touch)
    delete = _or_else(_constant(False))(RedisCache.delete)
    delete_many = _or_else(_constant(None))(RedisCache.delete_many)
    incr = _or_else(_counter_from_delta)(RedisCache.incr)
    clear = _or_else(_constant(False))(RedisCache.clear)


def quietly(call, *args, default=None):
    """A cache call whose failure costs only the cache: the caller computes afresh, a save still
    saves. ForgivingRedisCache forgives an outage already; this holds for any backend."""
    try:
        return call(*args)
    except Exception:  # noqa: BLE001 - whatever the backend raises, the page goes on without it
        logger.warning("The cache is unavailable for %s.", getattr(call, "__name__", call), exc_info=True)
        return default
