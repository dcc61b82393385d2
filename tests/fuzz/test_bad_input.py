"""Bad input (issue 8): every form of every role, found by walking the portal as that role, gets
thousands of random and hostile posts — long text, control characters, lone surrogates, script
and SQL fragments, wrong types, impossible dates, missing and repeated fields, other people's ids.
No post may end in a server error, and text holding a script comes back escaped.

Each post runs in a savepoint that is rolled back, so every example meets the same demo township.
FUZZ_POSTS sets the number of posts (default 10,400); the run is deterministic (derandomize)."""
import copy
import inspect
import math
import os
import re
import sys
import time
import traceback
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import ROLES, role_client
from tests.fuzz.crawl import Field, Form
from tests.fuzz.payloads import IMG, SCRIPT, UNESCAPED_MARKERS, form_payload, multipart, urlencoded
from tests.test_urls import named_patterns

pytestmark = pytest.mark.django_db

TOTAL_POSTS = int(os.environ.get("FUZZ_POSTS", 10_400))
GET_EXAMPLES = 10  # filter forms: cheap, but their query parameters are parsed by hand
settings.register_profile("fuzz", derandomize=True, database=None, deadline=None, print_blob=False,
                          phases=[Phase.generate], suppress_health_check=list(HealthCheck))
FUZZ = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "fuzz"))

STATS = {"posts": Counter(), "gets": Counter(), "forms": Counter(), "seconds": Counter(), "roles": set(),
         "failures": {}, "cpu": Counter(), "status": Counter()}
# Forms that no role could reach by walking, posted blind with guessed field names.
GUESSED_FIELDS = ("reason", "text", "title", "content", "comment", "date", "deadline", "decision", "answer", "note")


class Rollback(Exception):
    """Leaves the savepoint of one example."""


def _url_names_by_route():
    from tests.fuzz.crawl import url_name

    result = {}
    for name, route, callback in named_patterns():
        path = "/" + re.sub(r"<(?:\w+:)?\w+>", "1", route)
        result[route] = (url_name(path) or name, callback)
    return result


def post_view_names():
    """{qualified URL name: route} of the views that take a POST."""
    names = {}
    for route, (name, callback) in _url_names_by_route().items():
        view_class = getattr(callback, "view_class", None)
        if view_class is not None:
            accepts = hasattr(view_class, "post") and name not in ("logout",)
        else:
            try:
                source = inspect.getsource(inspect.unwrap(callback))
            except (OSError, TypeError):
                source = ""
            module_source = inspect.getsource(sys.modules[inspect.unwrap(callback).__module__])
            decorator = re.search(r"@(\w+)\s*\n(?:@\w+.*\n)*def " + re.escape(inspect.unwrap(callback).__name__) + r"\b",
                                  module_source)
            accepts = bool(re.search(r"POST|request\.method", source)) or bool(
                decorator and re.search(r"def " + decorator.group(1) + r"\b[^\n]*\n(?:.*\n){0,4}?.*POST", module_source))
        if accepts:
            names[name] = route
    return names


@pytest.fixture(scope="module")
def plan(site_forms):
    """Every form to fuzz and how many examples each gets; blind targets for the POST views the
    walk never found a form for."""
    forms, filters = [], set()
    for role in ROLES:
        for form in site_forms["forms"][role]:
            # A filter form is the same for every role that has it (and some draw whole reports).
            if form.method == "get":
                if (form.url_name, frozenset(item.name for item in form.fields)) in filters:
                    continue
                filters.add((form.url_name, frozenset(item.name for item in form.fields)))
            forms.append(form)
    foreign_ids = set(site_forms["ids"])
    for form in forms:
        for item in form.fields:
            foreign_ids.update(int(value) for value in item.options if value.isdigit() and len(value) < 9)
            if item.kind == "hidden" and item.value.isdigit() and len(item.value) < 9:
                foreign_ids.add(int(item.value))
    found = {form.url_name for form in forms if form.method == "post"}
    missing = {name: route for name, route in post_view_names().items()
               if name not in found and name not in ("logout", "set_language", "login")}
    blind = []
    ids = sorted(foreign_ids)
    for name, route in sorted(missing.items()):
        kwargs_names = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        for role in ("staff", "deputy", "czs"):
            for attempt in range(2):
                kwargs = {}
                for converter, kwarg in kwargs_names:
                    kwargs[kwarg] = ids[(attempt * 7 + len(kwargs)) % len(ids)] if converter == "int" else "x"
                try:
                    path = reverse(name, kwargs=kwargs)
                except Exception:  # noqa: BLE001 - a slug the URLconf wants in another shape
                    continue
                blind.append(Form(role=role, page="(URLconf)", method="post", action=path, url_name=name,
                                  fields=[Field(name=field, kind="text") for field in GUESSED_FIELDS]))
    posts = [form for form in forms if form.method == "post"] + blind
    per_form = math.ceil(TOTAL_POSTS / max(len(posts), 1))
    return {"forms": forms + blind, "per_form": per_form, "foreign_ids": foreign_ids, "missing": missing,
            "blind": blind}


def record(form, kind, detail, pairs):
    key = (form.role, form.url_name, form.method, kind, detail.splitlines()[-1][:200] if detail else "")
    if key not in STATS["failures"]:
        STATS["failures"][key] = f"{form.describe()}: {kind}\n{detail[-3000:]}\npayload: {repr(pairs)[:600]}"


def send(client, form, action, pairs):
    if form.method == "get":
        query = urlencoded(pairs)
        return client.get(urlsplit(action).path + (f"?{query}" if query else ""))
    if form.multipart or any(not isinstance(value, str) for _name, value in pairs):
        body, content_type = multipart(pairs)
        return client.post(action, data=body, content_type=content_type)
    return client.post(action, data=urlencoded(pairs).encode("ascii"),
                       content_type="application/x-www-form-urlencoded")


def content_of(response):
    if getattr(response, "streaming", False):
        response.close()
        return b""
    return response.content if "html" in response.get("Content-Type", "") else b""


def check(form, response, pairs, errors, what):
    if errors:
        record(form, f"exception in {what}", errors.pop(), pairs)
    if response.status_code >= 500:
        record(form, f"HTTP {response.status_code} in {what}", "", pairs)
    body = content_of(response)
    for marker in UNESCAPED_MARKERS:
        if marker in body:
            at = body.index(marker)
            record(form, f"unescaped {marker.decode()} in {what}", body[max(0, at - 200):at + 100].decode("utf-8", "replace"),
                   pairs)


def post_once(client, form, action, pairs):
    """One example in a savepoint rolled back afterwards; the redirect target is read too when
    the post carried a script, to see the stored text come back escaped."""
    errors = []

    def on_exception(sender, request=None, **kwargs):
        errors.append(traceback.format_exc())

    cookies = copy.deepcopy(client.cookies)
    got_request_exception.connect(on_exception)
    try:
        with transaction.atomic():
            response = send(client, form, action, pairs)
            STATS["status"][(form.method, response.status_code)] += 1
            check(form, response, pairs, errors, "the post")
            carried_script = any(isinstance(value, str) and (SCRIPT in value or IMG in value) for _n, value in pairs)
            if response.status_code in (301, 302, 303) and carried_script and response.url.startswith("/"):
                check(form, client.get(response.url), pairs, errors, f"the page it led to ({response.url})")
            raise Rollback
    except Rollback:
        pass
    except Exception:  # noqa: BLE001 - whatever escaped the test client is a failure to report
        record(form, "exception escaped the client", traceback.format_exc(), pairs)
    finally:
        got_request_exception.disconnect(on_exception)
        client.cookies = cookies
        cache.clear()  # submit tokens and sign-in counters claimed by a rolled-back post


def action_strategy(form, foreign_ids):
    """Mostly the form's own action; sometimes the same action on another object's id."""
    numbers = re.findall(r"/(\d+)/", urlsplit(form.action).path)
    if not numbers or form.method == "get":
        return st.just(form.action)
    other = st.sampled_from(sorted(foreign_ids) + [0, 2**31, 10**12]).map(
        lambda pk: form.action.replace(f"/{numbers[-1]}/", f"/{pk}/", 1))
    return st.one_of(st.just(form.action), st.just(form.action), st.just(form.action), other)


def fuzz_form(client, form, examples, foreign_ids):
    @settings(FUZZ, max_examples=examples)
    @given(pairs=form_payload(form, foreign_ids), action=action_strategy(form, foreign_ids))
    def run(pairs, action):
        post_once(client, form, action, pairs)
        STATS["posts" if form.method == "post" else "gets"][form.role] += 1

    run()


@pytest.mark.parametrize("role", ROLES)
def test_no_form_of_the_role_answers_a_server_error_or_shows_a_script_unescaped(role, plan):
    started, cpu = time.monotonic(), time.process_time()
    client = role_client(role)
    for form in plan["forms"]:
        if form.role != role:
            continue
        examples = plan["per_form"] if form.method == "post" else GET_EXAMPLES
        fuzz_form(client, form, examples, plan["foreign_ids"])
        STATS["forms"][role] += 1
    STATS["seconds"][role] = time.monotonic() - started
    STATS["cpu"][role] = time.process_time() - cpu
    STATS["roles"].add(role)
    failures = [text for key, text in STATS["failures"].items() if key[0] == role]
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures)


def test_the_fuzz_posted_ten_thousand_times_to_every_form_found(plan, site_forms):
    if STATS["roles"] != set(ROLES):
        pytest.skip("only part of the roles ran")
    lines = [f"{role:10} {STATS['forms'][role]:3} forms {STATS['posts'][role]:5} posts {STATS['gets'][role]:4} gets "
             f"{STATS['seconds'][role]:6.1f} s ({STATS['cpu'][role]:.1f} s CPU), walk "
             f"{len(site_forms['visited'][role])} pages {site_forms['seconds'][role]:.1f} s" for role in ROLES]
    lines.append(f"answers: {dict(sorted(STATS['status'].items()))}")
    lines.append(f"POST views without a form on any walked page (posted blind): {sorted(plan['missing'])}")
    print("\n" + "\n".join(lines))
    assert sum(STATS["posts"].values()) >= 10_000 or TOTAL_POSTS < 10_000
