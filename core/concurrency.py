"""Two people at once, and one person clicking twice.

**Stale edits** (optimistic concurrency without a version column). An edit form carries, in a
hidden `edit_token`, a short digest of each field it edits as the record stood when the form was
opened. On save, `save_edit` locks the row (`select_for_update`, inside the transaction that also
runs the service) and compares: a field that someone else changed meanwhile, and that the person
now saving would set to something else, refuses the save. The form comes back with everything
they typed, the current value next to each field that changed, and a fresh token, so that
saving again after reading it is a deliberate choice, never a silent overwrite.

    form = protect_edit(MeetingForm(request.POST or None, initial=initial), meeting)
    if form.is_valid():
        meeting = save_edit(form, services.meeting_update, meeting=meeting, ...)

**Double submits** (idempotency). `@submit_once` on a view that creates or assigns gives every
rendering of its page a one-time `submit_token`. The first POST with a token claims it in the
cache (`cache.add`: atomic in Redis, which every server runs, and in the process-local cache of a
single `runserver`); a second POST with the same token does not run the view again but waits
for the first and redirects to the page the first one led to, with a message. A POST whose form
comes back with errors frees its token, so that the corrected form can be sent again. The session
would not do: two requests of one session each read it and the last to finish wins.

Both tokens reach the page through `partials/form_tokens.html` (the `form_tokens` tag), included
inside the <form>; a POST without them (an older page, a script) is served as before, unchecked.
"""
import hashlib
import logging
import time
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.db import models, transaction
from django.shortcuts import redirect
from django.utils import formats
from django.utils.translation import gettext as _

from .forms import run_service

EDIT_TOKEN = "edit_token"
SUBMIT_TOKEN = "submit_token"

# How long a claimed submit token is remembered: a second click comes within seconds, a resent
# form (browser "back" and "send again") within the hour.
SUBMIT_TOKEN_SECONDS = 24 * 60 * 60
# A claim whose request died without finishing stops blocking after this long.
SUBMIT_PENDING_SECONDS = 5 * 60
# How long a second click waits for the first to finish before giving up.
SUBMIT_WAIT_SECONDS = 15
_PENDING = "pending"

logger = logging.getLogger(__name__)


# --- stale edits ----------------------------------------------------------------------------------

def _model_field(model, name):
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist, or a form field of another meaning
        return None
    if field.auto_created or not (field.concrete or field.many_to_many):
        return None
    return field


def _raw(record, field):
    """The stored value of `field` as a plain string: ids for relations, names for files."""
    if field.many_to_many:
        if not record.pk:
            return ""
        return ",".join(str(pk) for pk in sorted(getattr(record, field.name).values_list("pk", flat=True)))
    value = getattr(record, field.attname)
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    return "" if value is None else str(value)


def _submitted(field, value):
    """A cleaned form value in the same plain-string shape as `_raw`, or None when it cannot tell
    (a file input, which stays empty unless a new file is chosen)."""
    if isinstance(field, models.FileField):
        return None
    if isinstance(value, models.Model):
        return str(value.pk)
    if getattr(field, "many_to_many", False) or isinstance(value, (models.QuerySet, list, tuple, set)):
        return ",".join(str(pk) for pk in sorted(getattr(item, "pk", item) for item in value or ()))
    return "" if value is None else str(value)


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class EditGuard:
    """The record an edit form changes and the values it compares: its model fields, and `extra`,
    a function of the record giving {form field name: (stored value, shown value)} for what the
    record's own fields do not hold (the marks of an attendance sheet, say)."""

    def __init__(self, record, fields, extra=None):
        self.record = record
        self.fields = fields
        self.extra = extra

    def values(self, record):
        """[(form field name, model field or None, stored value as text)] in a fixed order."""
        values = [(field.name, field, _raw(record, field)) for field in self.fields]
        if self.extra is not None:
            values += [(name, None, str(raw)) for name, (raw, _shown) in sorted(self.extra(record).items())]
        return values

    def digests(self, record):
        return [_digest(raw) for _name, _field, raw in self.values(record)]

    def token(self, record):
        return ".".join(self.digests(record))

    def shown(self, record, name, field):
        if field is not None:
            return _display(record, field)
        return str(self.extra(record)[name][1] or _("(empty)"))

    def lock(self):
        return type(self.record)._default_manager.select_for_update().get(pk=self.record.pk)


def protect_edit(form, record, fields=None, *, extra=None):
    """Give `form`, which edits `record`, the edit token of the record as it is now.

    `fields` are the model fields compared: by default every form field that is a field of the
    record's model. `extra` adds values kept outside the record's row (see EditGuard). Returns the
    form.
    """
    model = type(record)
    names = fields if fields is not None else list(form.fields)
    guard = EditGuard(record, [f for f in (_model_field(model, name) for name in names) if f is not None], extra)
    form.edit_guard = guard
    posted = form.data.get(EDIT_TOKEN) if form.is_bound else None
    form.edit_token_value = posted if posted else guard.token(record)
    return form


def _display(record, field):
    if field.many_to_many:
        value = "、".join(str(item) for item in getattr(record, field.name).all())
    elif field.choices:
        value = getattr(record, f"get_{field.name}_display")()
    else:
        value = getattr(record, field.name)
        if isinstance(value, bool):
            value = _("yes") if value else _("no")
        elif isinstance(value, models.fields.files.FieldFile):
            value = value.name.rsplit("/", 1)[-1] if value else ""
        elif hasattr(value, "isoformat"):
            value = formats.localize(value)
    value = "" if value is None else str(value)
    if len(value) > 120:
        value = value[:120] + "…"
    return value or _("(empty)")


def stale_fields(form):
    """Lock the record and return [(form field name, model field or None)] for the values someone
    else changed since the form was opened and that this save would set otherwise: [] when it may
    go ahead, None when the token cannot be read (a page of another shape). Call inside a
    transaction."""
    guard = form.edit_guard
    posted = form.data.get(EDIT_TOKEN)
    if not posted:
        return []
    current = guard.lock()
    form.edit_current = current
    values = guard.values(current)
    loaded = posted.split(".")
    if len(loaded) != len(values):
        return None
    stale = []
    for before, (name, field, now) in zip(loaded, values):
        if before == _digest(now):
            continue
        mine = _submitted(field, form.cleaned_data.get(name)) if name in form.cleaned_data else None
        if field is None and mine == "":
            continue  # an extra value left empty in the form leaves the stored one alone
        if mine is None or mine != now:
            stale.append((name, field))
    return stale


def refuse_stale(form, stale):
    """Tell the person why the save was refused, show the current values, and arm the form with
    the current token so that saving again, having read them, goes ahead."""
    form.add_error(None, _("This record was changed by someone else after you opened it. Nothing was saved; what "
                           "you typed is kept below. Please check the latest content, then save again."))
    current, guard = form.edit_current, form.edit_guard
    for name, field in stale or ():
        if name in form.fields:
            form.add_error(name, _("Changed meanwhile by someone else; it now reads: %(value)s")
                           % {"value": guard.shown(current, name, field)})
    form.edit_token_value = guard.token(current)


def save_edit(form, service, **kwargs):
    """`run_service` for an edit form given `protect_edit`: the row is locked and compared with the
    token in the same transaction as the service's write, so of two people saving the same record
    from the same starting point exactly one succeeds and the other is told. Returns what the
    service returns, or None with the form showing why."""
    with transaction.atomic():
        stale = stale_fields(form)
        if stale is None or stale:
            refuse_stale(form, stale)
            return None
        return run_service(form, service, **kwargs)


# --- double submits -------------------------------------------------------------------------------

def _claim_key(request, token):
    raw = f"{request.user.pk}:{request.path}:{token}"
    return f"submit-once:{hashlib.sha256(raw.encode()).hexdigest()}"


def _wait_for(key):
    deadline = time.monotonic() + SUBMIT_WAIT_SECONDS
    value = cache.get(key)
    while value == _PENDING and time.monotonic() < deadline:
        time.sleep(0.1)
        value = cache.get(key)
    return value


def _forget(key):
    try:
        cache.delete(key)
    except Exception:  # noqa: BLE001 - the claim expires by itself
        logger.warning("Cache unavailable: a submit token stays claimed until it expires.", exc_info=True)


def _valid_token(value):
    return bool(value) and len(value) <= 64 and value.isalnum()


def submit_once(view):
    """Run a create or assign view at most once per rendering of its form (see the module).

    The view's page includes `partials/form_tokens.html` in its form; a successful POST is one that
    redirects, and the page it redirects to is where a repeated POST is sent.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        posted = request.POST.get(SUBMIT_TOKEN, "") if request.method == "POST" else ""
        if not _valid_token(posted):
            return view(request, *args, **kwargs)
        request.submit_token = posted  # a form that comes back with errors keeps it (form_tokens)
        key = _claim_key(request, posted)
        try:
            claimed = cache.add(key, _PENDING, SUBMIT_PENDING_SECONDS)
        except Exception:  # noqa: BLE001 - the cache (Redis) is down: serve the form unguarded, never fail it
            logger.warning("Cache unavailable: a form is saved without its double-submit check.", exc_info=True)
            return view(request, *args, **kwargs)
        if not claimed:
            earlier = _wait_for(key)
            if earlier and earlier != _PENDING:
                messages.info(request, _("This form had already been sent; it was saved once. Here is the result."))
                return redirect(earlier)
            if earlier == _PENDING:
                messages.warning(request, _("This form is still being saved from your first click. Please wait a "
                                            "moment and check before sending it again."))
                return redirect(request.path)
            # The first attempt was refused and freed the token: this one runs as usual.
            if not cache.add(key, _PENDING, SUBMIT_PENDING_SECONDS):
                return redirect(request.path)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            _forget(key)
            raise
        try:
            if response.status_code in (301, 302, 303) and response.get("Location"):
                cache.set(key, response["Location"], SUBMIT_TOKEN_SECONDS)
            else:
                cache.delete(key)  # the form came back with errors: the corrected one may be sent
        except Exception:  # noqa: BLE001 - the record is saved; the cache only remembers it
            logger.warning("Cache unavailable after a form was saved.", exc_info=True)
        return response

    return wrapper
