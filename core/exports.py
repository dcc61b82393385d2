"""Files the portal writes on request (SPEC §6): the suggestion ledger, a session's compilation,
an assignment letter, a deputy's performance record, and whatever comes next.

Apps describe each kind of export as an ExportKind in a module named `exports` (found the way
the admin finds `admin` modules: core imports no app by name). Core owns the rest: the job row,
the Celery task, progress, the page that waits, and serving the file only to those allowed.

A builder is `build(job, progress) -> (filename, bytes)`: it reads `job.parameters` and calls
`progress(percent, message="")` now and then; it never writes the file itself, so a failure
leaves nothing half-written.
"""
from dataclasses import dataclass
from typing import Callable

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class ExportKind:
    key: str  # e.g. "ledger"; in URLs
    label: str  # e.g. "办理台账", what the job page calls it
    # parse(query: QueryDict) -> dict of JSON-able parameters; raises ApplicationError when they make no sense
    parse: Callable
    # can_request(user, parameters) -> bool: may this user have this file? Checked again at download.
    can_request: Callable
    # build(job, progress) -> (filename, bytes)
    build: Callable
    # title(parameters) -> str: names the file on the job page, e.g. "财政所交办函（2026-03-02）"
    title: Callable
    # run_inline(parameters) -> bool: small enough to build inside the request (no job)
    run_inline: Callable = staticmethod(lambda parameters: False)
    content_type: str = "application/pdf"
    description: str = ""  # one sentence on the start page


_kinds: dict[str, ExportKind] = {}
_discovered = False


def register(kind):
    _kinds[kind.key] = kind


def _discover():
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("exports")


def kinds():
    _discover()
    return list(_kinds.values())


def get(key):
    """The kind registered as `key`, or None."""
    _discover()
    return _kinds.get(key)
