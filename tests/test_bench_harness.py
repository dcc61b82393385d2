"""The performance suite's harness (bench/), without load: its table and JSON, wrk's report read
right, its settings and the framework floor's view. No gunicorn, no database."""
import importlib
import json
import math

import pytest
from django.test import RequestFactory
from django.urls import resolve

from bench.common import Measure
from bench.run import format_table, parse_args, report, table_rows, write_results
from bench.server import parse_wrk

MACHINE = {"cpu": "Test CPU", "cores": 2, "ram_gb": 4.0, "python": "3.11.7", "postgresql": "15.2",
           "os": "Linux", "date": "2026-01-01 00:00 UTC", "commit": "abc1234"}


def fake_measures():
    return [
        Measure(name="floor: bench/floor/", value=1.1, unit="ms", goal="answers 200", met=True),
        Measure(name="page dashboard as staff", value=8.25, unit="ms", goal="≤ 10× floor", met=True,
                floor=1.1, ratio=7.5, detail={"path": "/", "rendered_ms": 21.5}),
        Measure(name="page deputies:deputy_list as staff", value=123.4, unit="ms", goal="≤ 10× floor",
                met=False, floor=1.1, ratio=112.18),
        Measure(name="chase: the measure crashed", value=math.nan, unit="", goal="runs", met=False,
                detail={"error": "RuntimeError: boom"}),
    ]


def test_the_table_has_a_row_per_measure_with_rendered_floor_ratio_goal_and_met():
    rows = table_rows(fake_measures())
    assert rows[0] == ("measure", "value", "rendered", "floor", "ratio", "goal", "met")
    assert rows[2] == ("page dashboard as staff", "8.25 ms", "21.5 ms", "1.10 ms", "7.50×", "≤ 10× floor", "✓")
    assert rows[3][1:5] == ("123 ms", "", "1.10 ms", "112×") and rows[3][6] == "✗"
    assert rows[4][1] == "—" and rows[4][6] == "✗"  # a crashed measure is a failed row


def test_the_printed_table_ends_with_the_count_of_goals_met_and_the_machine():
    text = format_table(fake_measures(), MACHINE)
    assert "2 of 4 goals met." in text
    assert "Test CPU, 2 cores, 4.0 GB RAM; Python 3.11.7, PostgreSQL 15.2" in text and "abc1234" in text
    widths = {len(line) for line in text.splitlines()[2:6]}
    assert max(widths) <= len(text.splitlines()[1])  # the columns line up under the rule


def test_the_markdown_table_is_what_readme_shows():
    lines = format_table(fake_measures(), markdown=True).splitlines()
    assert lines[0] == "| measure | value | rendered | floor | ratio | goal | met |"
    assert lines[3] == "| page dashboard as staff | 8.25 ms | 21.5 ms | 1.10 ms | 7.50× | ≤ 10× floor | ✓ |"


def test_results_are_written_as_json_twice_with_no_nan(tmp_path):
    import datetime as dt

    data = report(fake_measures(), MACHINE, factor=100, quick=False)
    stamped = write_results(tmp_path, data, now=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc))
    assert stamped.name == "20260102T030405Z.json"
    assert (tmp_path / "latest.json").read_text() == stamped.read_text()
    loaded = json.loads(stamped.read_text())  # strict JSON: NaN would not load in other readers
    assert loaded["machine"] == MACHINE and loaded["factor"] == 100 and loaded["goals_met"] == 2
    assert loaded["measures"][3]["value"] is None
    assert loaded["measures"][1]["ratio"] == 7.5 and loaded["measures"][1]["detail"] == {"path": "/", "rendered_ms": 21.5}


WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/bench/floor/
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.20ms  310.00us   9.61ms   91.23%
    Req/Sec     1.68k    80.11     1.81k    74.00%
  Latency Distribution
     50%  1.10ms
     75%  1.25ms
     90%  1.50ms
     99%  2.80ms
  8391 requests in 5.00s, 2.53MB read
  Non-2xx or 3xx responses: 12
Requests/sec:   1677.48
Transfer/sec:    517.55KB
"""


def test_wrk_report_is_read_for_the_median_and_the_failures():
    result = parse_wrk(WRK_OUTPUT)
    assert result.median_ms == pytest.approx(1.10)
    assert (result.requests, result.non_2xx, result.errors) == (8391, 12, 0)
    assert result.rps == pytest.approx(1677.48)
    assert parse_wrk(WRK_OUTPUT.replace("50%  1.10ms", "50%  950.00us")).median_ms == pytest.approx(0.95)
    with pytest.raises(ValueError):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def test_only_known_measures_may_be_asked_for(capsys):
    assert parse_args(["--only", "pages,memory", "--factor", "0", "--quick"]).only == ["pages", "memory"]
    with pytest.raises(SystemExit):
        parse_args(["--only", "pages,nothing"])


def test_bench_settings_are_production_like_on_plain_http():
    bench = importlib.import_module("config.settings.bench")
    assert bench.DEBUG is False
    assert bench.ROOT_URLCONF == "bench.urls"
    assert bench.ALLOWED_HOSTS == ["localhost", "127.0.0.1"]
    assert not bench.SESSION_COOKIE_SECURE and not bench.SECURE_SSL_REDIRECT
    loaders = bench.TEMPLATES[0]["OPTIONS"]["loaders"]
    assert loaders[0][0] == "django.template.loaders.cached.Loader"
    assert bench.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert bench.LOGGING["root"]["level"] == "WARNING"


def test_the_floor_is_a_trivial_view_open_to_anybody_beside_the_portal_urls():
    match = resolve("/bench/floor/", urlconf="bench.urls")
    assert match.url_name == "bench_floor"
    assert getattr(match.func, "login_required", True) is False  # @login_not_required
    response = match.func(RequestFactory().get("/bench/floor/"))
    assert response.status_code == 200 and response.content == b"ok"
    assert resolve("/", urlconf="bench.urls").url_name == "dashboard"


def test_every_page_of_the_bench_is_a_url_of_the_portal():
    from django.urls import get_resolver

    from bench.pages import PAGES, ROLE_USERS

    names = set()
    for key, value in get_resolver().reverse_dict.items():
        if isinstance(key, str):
            names.add(key)
    for namespace, (prefix, resolver) in get_resolver().namespace_dict.items():
        names |= {f"{namespace}:{key}" for key in resolver.reverse_dict if isinstance(key, str)}
    for page in PAGES:
        assert page.name in names, page.name
        assert page.role in ROLE_USERS or page.role == "public"


@pytest.mark.django_db
def test_the_query_count_beside_each_page_counts_a_real_request(client, settings):
    """bench.pages.count_queries counts through the test client with DEBUG off, where Django's
    query log (emptied by request_started) would say 0."""
    from django.contrib.auth import get_user_model

    from bench.pages import QueryCounter

    settings.DEBUG = False
    user = get_user_model().objects.create_user(username="counted", password="x-Demo-2026")
    client.force_login(user)
    with QueryCounter() as queries:
        assert client.get("/inbox/").status_code == 200
    assert queries.count >= 3  # the session, the user, the page's own rows


@pytest.mark.django_db
def test_the_figures_beside_each_page_are_its_rendering_even_when_it_is_kept(client, settings):
    """The latency under load mostly serves the kept page (core.pagecache); the queries and the time
    printed beside it are those of rendering it."""
    from django.contrib.auth import get_user_model

    from bench.pages import QueryCounter, rendering

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    user = get_user_model().objects.create_user(username="counted", password="x-Demo-2026")
    client.force_login(user)
    client.get("/inbox/", HTTP_HOST="127.0.0.1")
    with QueryCounter() as kept:
        assert client.get("/inbox/", HTTP_HOST="127.0.0.1").status_code == 200
    queries, milliseconds = rendering("/inbox/", f"sessionid={client.cookies['sessionid'].value}")
    assert queries > kept.count and queries >= 2 and milliseconds > 0
