"""Pages kept as rendered until a table they read is written (issue 9).

A page of the portal is a function of the request (path and query, language, the signed-in user,
the day) and of the rows it read. The rows are the part a cache usually gets wrong, so here nothing
is declared by hand: every SQL statement of every process passes `_watch`, which

- notes, while a page is being rendered, the tables the statement names (a SELECT's FROM and JOINs,
  a subquery's, raw SQL's too), and
- after a statement that writes (INSERT, UPDATE, DELETE, …), starts a new generation of each table
  it names: at once, and again when the transaction commits (a page rendered in between by another
  process saw the rows before the commit, and must not be kept under the new generation).

A page is kept with the generations of the tables it read; it is served from the cache while they
are all unchanged, at most PAGE_CACHE_SECONDS. A page during whose rendering one of its tables was
written is not kept (a generation is the writer's clock; PAGE_CACHE_CLOCK_SKEW allows for servers'
clocks that differ by up to 50 ms). The generations live in the shared cache (Redis), so
a reminder written by the Celery worker or a reply saved by another web worker retires the pages
that showed the item, and only those. PAGE_CACHE_SECONDS is 0 (off) without Redis: each process
would keep its own generations and miss the others' writes.

What a page shows besides rows is in the key (`_key`): the user with their roles, name and unread
count as the request read them, the language, the local date (deadlines and the chase's colours are
counted in days), the code (`_code_version`, so a deploy never serves the last release's markup).
Not kept: anything but a GET answered 200 with HTML; a page whose view wrote, set a cookie or
changed the session; a request with messages to show; a view marked @uncached (one that reads what
is not in the database: the session, a file). The CSRF token and the CSP nonce differ on each
request: they are kept as markers and put in on the way out. Caches that stand between a page and
the database (the township, the suggestions' figures) name their tables with `depends_on`.

`kept_until_written` keeps any value so, given its tables: the signed-in user of every request is
read through it (core.backends), one round trip to Redis instead of the query.
"""
import contextvars
import functools
import hashlib
import logging
import re
import threading
import time
import typing
from collections import OrderedDict
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from .cache import quietly

logger = logging.getLogger(__name__)

PREFIX = "page"
_CSRF_MARK = b"\x00page-csrf\x00"
_NONCE_MARK = b"\x00page-nonce\x00"
_CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A statement writes when it begins so (after any opening parentheses), or when a WITH query holds
# such a statement; a SELECT, a UNION of them or a CTE that only reads does not.
_WRITING = re.compile(r"^[\s(]*(INSERT|UPDATE|DELETE|TRUNCATE|REPLACE|MERGE|COPY|ALTER|CREATE|DROP)\b", re.I)
_WITH = re.compile(r"^[\s(]*WITH\b", re.I)
_WRITING_INSIDE = re.compile(r"\b(INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM)\b", re.I)
# The session is checked on every request before a kept page is looked up; its writes (a sign-in,
# a refreshed expiry) retire nothing.
_UNWATCHED = frozenset({"django_session"})

_rendering = contextvars.ContextVar("page_rendering", default=None)


def seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def uncached(view):
    """A view whose page must be rendered on every request (it reads the session, a file, …)."""
    view.page_uncached = True
    return view


def depends_on(*models):
    """A cache in front of the database served these models' rows to the page being rendered."""
    reading = _rendering.get()
    if reading is not None:
        reading.tables.update(model._meta.db_table for model in models)


# --- which tables a statement names ---------------------------------------------------------------

@functools.cache
def _known_tables():
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return frozenset(tables - _UNWATCHED)


def _tables_in(sql):
    # Django's statements repeat with other parameters: the short ones are remembered, the long
    # ones (a bulk insert's thousand rows of placeholders) read afresh, never kept in memory.
    return _remembered_tables_in(sql) if len(sql) <= 8192 else _scan(sql)


@functools.lru_cache(maxsize=4096)
def _remembered_tables_in(sql):
    return _scan(sql)


def _scan(sql):
    known = _known_tables()
    return frozenset(word for word in _WORD.findall(sql) if word in known)


def _writes(sql):
    return bool(_WRITING.match(sql) or (_WITH.match(sql) and _WRITING_INSIDE.search(sql)))


# --- generations --------------------------------------------------------------------------------

def _generation_key(table):
    return f"{PREFIX}:gen:{table}"


def _bump(tables):
    if tables:
        stamp = time.time_ns()
        quietly(cache.set_many, {_generation_key(table): stamp for table in tables}, None)


def _generations(tables):
    """{table: generation}; a table the cache has no generation of gets one now."""
    keys = {_generation_key(table): table for table in tables}
    found = dict(quietly(cache.get_many, list(keys), default={}))
    missing = {key: time.time_ns() for key in keys if key not in found}
    if missing:
        for key, stamp in missing.items():
            if not quietly(cache.add, key, stamp, None):
                stamp = quietly(cache.get, key) or stamp
            found[key] = stamp
    return {keys[key]: value for key, value in found.items()}


def kept_until_written(key, tables, compute):
    """compute(), kept in the shared cache until one of `tables` is written: read with their
    generations in one round trip. The generations are read before computing, so a value computed
    while a table was being written is kept under the generation before the write and never served.
    Each call returns a value of its own (unpickled), never one shared with another request."""
    if not seconds():
        return compute()
    key = f"{PREFIX}:value:{key}"
    generation_keys = [_generation_key(table) for table in tables]
    found = quietly(cache.get_many, [key, *generation_keys], default={})
    generations = tuple(found.get(name) for name in generation_keys)
    kept = found.get(key)
    if kept is not None and None not in generations and kept[0] == generations:
        return kept[1]
    if None in generations:
        current = _generations(tables)
        generations = tuple(current[table] for table in tables)
    value = compute()
    quietly(cache.set, key, (generations, value), seconds())
    return value


def forget_all():
    """Every kept page is retired (after rows were written around the ORM, e.g. by COPY)."""
    _bump(_known_tables())
    _nearby.clear()


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    reading = _rendering.get()
    tables = _tables_in(sql) if isinstance(sql, str) else frozenset()
    if reading is not None:
        reading.tables |= tables
    if tables and _writes(sql):
        if reading is not None:
            reading.wrote = True
        _bump(tables)
        connection = context["connection"]
        if connection.in_atomic_block:
            transaction.on_commit(functools.partial(_bump, tables), using=connection.alias)
    return result


def _install(sender, connection, **kwargs):
    if _watch not in connection.execute_wrappers:
        # First: a connection opened inside `with connection.execute_wrapper(w)` pops the last
        # wrapper when the block ends, which must be w, not this one.
        connection.execute_wrappers.insert(0, _watch)


def connect():
    """Called by CoreConfig.ready(): watch every connection of this process."""
    if not seconds():
        return
    connection_created.connect(_install, dispatch_uid="core.pagecache")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


# --- the key of a page --------------------------------------------------------------------------

@functools.cache
def _code_version():
    """Changes whenever the code, a template or a catalogue does."""
    digest = hashlib.sha1()
    for folder in sorted(Path(settings.BASE_DIR).iterdir()):
        if not folder.is_dir() or folder.name.startswith((".", "var", "static", "media", "node_modules")):
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".html", ".mo"):
                stat = path.stat()
                digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:12]


def _key(request):
    user = request.user
    who = ((user.pk, user.get_username(), user.get_full_name(), getattr(user, "_role_bits", None),
            getattr(user, "_unread_count", None)) if user.is_authenticated else None)
    spelled = repr((_code_version(), request.scheme, request.get_host(), request.get_full_path(), get_language(),
                    timezone.localdate().isoformat(), who))
    return f"{PREFIX}:{hashlib.sha1(spelled.encode()).hexdigest()}"


@functools.cache
def user_tables():
    """What the request's user was read from (core.backends, besides the unread count, which is in
    the key): a change to the user or their groups retires their pages."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return frozenset({user_model._meta.db_table, user_model.groups.through._meta.db_table,
                      apps.get_model("auth", "Group")._meta.db_table})


# --- the middleware -----------------------------------------------------------------------------

class _Rendering:
    __slots__ = ("tables", "wrote", "key", "skip", "started")

    def __init__(self):
        self.tables = set()
        self.wrote = False
        self.key = None
        self.skip = False
        self.started = time.time_ns()


def _has_messages(request):
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


class PageCacheMiddleware:
    """Last in MIDDLEWARE: around the view only, after the session, the user and CSRF are known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not seconds() or request.method != "GET" or _has_messages(request):
            return self.get_response(request)
        reading = _Rendering()
        session = getattr(request, "session", None)
        session_changed = session.modified if session is not None else False
        token = _rendering.set(reading)
        try:
            response = self.get_response(request)
        finally:
            _rendering.reset(token)
        if reading.key and not reading.skip:
            why_not = self._why_not_kept(request, response, reading, session_changed)
            if why_not is None:
                self._keep(request, response, reading)
            else:
                logger.debug("%s not kept: %s", request.path, why_not)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        reading = _rendering.get()
        if reading is None:
            return None
        if getattr(view_func, "page_uncached", False) or getattr(getattr(view_func, "view_class", None),
                                                                 "page_uncached", False):
            reading.skip = True
            return None
        reading.key = _key(request)
        response = self._served(request, reading.key)
        if response is not None:
            reading.skip = True
            return response
        if request.user.is_authenticated:
            reading.tables |= user_tables()
        return None

    @staticmethod
    def _why_not_kept(request, response, reading, session_changed):
        """None for a page that may be kept, else the reason (logged at DEBUG)."""
        session = getattr(request, "session", None)
        if response.status_code != 200 or response.streaming:
            return f"answered {response.status_code}"
        if not response.get("Content-Type", "").startswith("text/html"):
            return "not HTML"
        if reading.wrote:
            return "the view wrote"
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:  # csrf_protect's is set on each request
            return "the view set a cookie"
        if session is not None and session.modified and not session_changed:
            return "the view changed the session"
        if _has_messages(request):
            return "messages to show"
        return None

    @staticmethod
    def _keep(request, response, reading):
        body = response.content
        for token in set(_CSRF_FIELD.findall(body)):
            body = body.replace(token, _CSRF_MARK)
        nonce = getattr(request, "_csp_nonce", None)
        if nonce:
            body = body.replace(nonce.encode(), _NONCE_MARK)
        tables = sorted(reading.tables)
        generations = _generations(tables)
        # A table written since the rendering began (by another process: this one's view wrote
        # nothing) may have changed under it: the page is not kept under the new generation.
        settled = reading.started - int(getattr(settings, "PAGE_CACHE_CLOCK_SKEW", 0.05) * 1e9)
        if any(stamp > settled for stamp in generations.values()):
            logger.debug("%s not kept: a table it read was written meanwhile", request.path)
            return
        headers = tuple((name, value) for name, value in response.items() if name.lower() != "content-length")
        kept = _Kept(body, headers, tuple(tables), tuple(generations[table] for table in tables))
        quietly(cache.set, reading.key, kept, seconds())
        _nearby.put(reading.key, kept)

    @staticmethod
    def _served(request, key):
        """The kept page, if there is one and no table it read has been written since."""
        kept = _nearby.get(key)
        if kept is None:
            kept = quietly(cache.get, key)
            if not isinstance(kept, _Kept):
                return None
            _nearby.put(key, kept)
        current = _generations(kept.tables)
        if tuple(current.get(table) for table in kept.tables) != kept.generations:
            _nearby.drop(key)
            return None
        body = kept.body
        if _CSRF_MARK in body:
            body = body.replace(_CSRF_MARK, get_token(request).encode())
        if _NONCE_MARK in body:
            body = body.replace(_NONCE_MARK, str(request.csp_nonce).encode())
        response = HttpResponse(body)
        for name, value in kept.headers:
            response[name] = value
        response.page_cached = True
        return response


class _Kept(typing.NamedTuple):
    body: bytes  # with markers for the CSRF token and the CSP nonce
    headers: tuple
    tables: tuple
    generations: tuple


class _Nearby:
    """The pages this process kept or served lately, in its own memory up to PAGE_CACHE_LOCAL_BYTES:
    a page served again costs one round trip to Redis (the generations), not two and the body's
    transfer. Whether it may be served is still decided by the shared generations."""

    def __init__(self):
        self._pages = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            kept, until = found
            if time.monotonic() > until:  # as long as the shared copy lives, not longer
                self._pages.pop(key)
                self._bytes -= len(kept.body)
                return None
            self._pages.move_to_end(key)
            return kept

    def put(self, key, kept):
        budget = getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024)
        if len(kept.body) > budget // 8:
            return
        with self._lock:
            self._drop(key)
            self._pages[key] = (kept, time.monotonic() + seconds())
            self._bytes += len(kept.body)
            while self._bytes > budget:
                _, (gone, _until) = self._pages.popitem(last=False)
                self._bytes -= len(gone.body)

    def drop(self, key):
        with self._lock:
            self._drop(key)

    def _drop(self, key):
        found = self._pages.pop(key, None)
        if found is not None:
            self._bytes -= len(found[0].body)

    def clear(self):
        with self._lock:
            self._pages.clear()
            self._bytes = 0


_nearby = _Nearby()
