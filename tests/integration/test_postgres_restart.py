"""PostgreSQL restarted under load (issue 8): the portal runs under gunicorn (one worker, four
threads, persistent connections as in production) on a private PostgreSQL cluster that the test
restarts while requests are in flight. Requests caught by the restart answer 503 with the portal's
Chinese page within seconds (none hangs, none shows a traceback); the requests after it succeed,
because each kept connection is checked before use (CONN_HEALTH_CHECKS).
"""
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

PG_BIN = Path("/usr/lib/postgresql/15/bin")
BASE_DIR = Path(settings.BASE_DIR)
LIMIT = 10.0  # seconds any one request may take, restart or not
THREADS = 4

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="PostgreSQL only: the portal runs on SQLite here, which has no server to restart"),
    pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason="PostgreSQL 15 server binaries are not installed"),
    pytest.mark.skipif(not shutil.which("runuser") and os.geteuid() == 0, reason="runuser is needed as root"),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivatePostgres:
    """A throw-away cluster on a free port. initdb and pg_ctl refuse to run as root: as root
    they run as the postgres user, in a folder that user owns."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        self.port = free_port()
        self.as_owner = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self.data = self.folder / "data"

    def run(self, *command):
        subprocess.run([*self.as_owner, *map(str, command)], check=True, capture_output=True, timeout=120)

    def init_and_start(self):
        self.run(PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                 "--locale=C", "--no-sync")
        self.pg_ctl("start")
        self.psql("CREATE DATABASE portal")

    def pg_ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(PG_BIN / "pg_ctl", action, "-D", self.data, "-w", "-t", "60", "-l", self.folder / "log",
                 "-o", options, *extra)

    def connect(self, database="postgres"):
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database)
        connection.autocommit = True
        return connection

    def psql(self, sql, database="postgres"):
        connection = self.connect(database)
        try:
            connection.cursor().execute(sql)
        finally:
            connection.close()

    def destroy(self):
        try:
            self.run(PG_BIN / "pg_ctl", "stop", "-D", self.data, "-m", "immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/portal"


SESSION_SCRIPT = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from core.roles import Role
from tests.factories import user_with_role
user = user_with_role(Role.STAFF, username="staff")
session = SessionStore()
session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "core.backends.PhoneOrUsernameBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(session.session_key)
"""


@pytest.fixture(scope="module")
def portal_on_private_postgres():
    cluster = PrivatePostgres()
    web = None
    try:
        cluster.init_and_start()
        environment = {**os.environ, "DATABASE_URL": cluster.url, "REDIS_URL": "",
                       "DJANGO_SETTINGS_MODULE": "config.settings.test", "DB_CONN_MAX_AGE": "600"}
        manage = [sys.executable, str(BASE_DIR / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput"], check=True, env=environment, cwd=BASE_DIR,
                       capture_output=True, timeout=600)
        session_key = subprocess.run([*manage, "shell", "-c", SESSION_SCRIPT], check=True, env=environment,
                                     cwd=BASE_DIR, capture_output=True, text=True, timeout=120).stdout.split()[-1]
        port = free_port()
        web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--threads", str(THREADS), "--timeout", "60"],
            env=environment, cwd=BASE_DIR, stdout=open(cluster.folder / "web.log", "wb"), stderr=subprocess.STDOUT)
        portal = Portal(f"http://127.0.0.1:{port}", session_key)
        deadline = time.monotonic() + 60
        while portal.get()[0] != 200:
            assert time.monotonic() < deadline, (cluster.folder / "web.log").read_text()
            time.sleep(0.3)
        portal.results.clear()
        yield cluster, portal
    finally:
        if web is not None:
            web.terminate()
            web.wait(timeout=20)
        cluster.destroy()


class Portal:
    def __init__(self, base, session_key):
        self.base, self.cookie = base, f"sessionid={session_key}"
        self.results = []
        self.lock = threading.Lock()

    def get(self, path="/"):
        """(status, seconds, body) of one request; a request that hangs past LIMIT*2 shows as 0."""
        request = urllib.request.Request(self.base + path, headers={"Cookie": self.cookie})
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=LIMIT * 2) as response:
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode()
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            status, body = 0, repr(error)
        result = (status, time.monotonic() - started, body)
        with self.lock:
            self.results.append(result)
        return result


def in_threads(function, count=THREADS):
    threads = [threading.Thread(target=function) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def test_a_restart_under_load_answers_503_to_requests_in_flight_and_the_next_ones_succeed(
        portal_on_private_postgres):
    cluster, portal = portal_on_private_postgres
    for thread in in_threads(lambda: [portal.get() for _ in range(3)]):
        thread.join()
    assert {status for status, _, _ in portal.results} == {200}, portal.results  # each thread holds a connection

    # Requests certainly in flight: held by a lock on the sessions table when the restart comes.
    locker = cluster.connect("portal")
    locker.autocommit = False
    locker.cursor().execute("LOCK TABLE django_session IN ACCESS EXCLUSIVE MODE")
    blocked = Portal(portal.base, portal.cookie.split("=", 1)[1])
    # Pages not asked for yet (a query of their own), so not kept (core.pagecache): each needs the
    # database after its session too. A kept page, with the user kept as well, needs nothing after
    # the session, and answers 200 when the restart frees the lock before it ends the connection.
    waiting = [threading.Thread(target=blocked.get, args=(f"/?in-flight={number}",)) for number in (1, 2)]
    for thread in waiting:
        thread.start()
    watcher = cluster.connect("portal")
    deadline = time.monotonic() + 10
    while True:
        with watcher.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            if cursor.fetchone()[0] >= 2:
                break
        assert time.monotonic() < deadline, "the requests never reached the database"
        time.sleep(0.05)
    watcher.close()

    # And load all through the restart.
    load = Portal(portal.base, portal.cookie.split("=", 1)[1])
    restarting = threading.Event()
    restarting.set()

    def keep_asking():
        while restarting.is_set():
            load.get()

    loaders = in_threads(keep_asking)
    time.sleep(0.3)
    started = time.monotonic()
    cluster.pg_ctl("restart", "-m", "fast")
    restart_seconds = time.monotonic() - started
    time.sleep(0.3)
    restarting.clear()
    for thread in waiting + loaders:
        thread.join(timeout=LIMIT * 3)
    locker.close()

    statuses = [status for status, _, _ in blocked.results]
    assert statuses == [503, 503], statuses
    for status, seconds, body in blocked.results + load.results:
        assert status in (200, 503), (status, body[:300])
        assert seconds < LIMIT
        if status == 503:
            assert "系统正忙，请稍后再试" in body and "Traceback" not in body

    # The requests after the restart succeed.
    after = Portal(portal.base, portal.cookie.split("=", 1)[1])
    for thread in in_threads(lambda: [after.get() for _ in range(3)]):
        thread.join()
    assert [status for status, _, _ in after.results] == [200] * THREADS * 3

    # A restart while nobody asks: every thread keeps a dead connection, checked and replaced before use.
    cluster.pg_ctl("restart", "-m", "fast")
    idle = Portal(portal.base, portal.cookie.split("=", 1)[1])
    for thread in in_threads(lambda: [idle.get() for _ in range(3)]):
        thread.join()
    assert [status for status, _, _ in idle.results] == [200] * THREADS * 3
    load_statuses = [status for status, _, _ in load.results]
    print(f"\nrestart took {restart_seconds:.2f}s; in flight: {statuses} in "
          f"{max(seconds for _, seconds, _ in blocked.results):.2f}s at most; under load: "
          f"{load_statuses.count(200)}×200, {load_statuses.count(503)}×503, slowest "
          f"{max(seconds for _, seconds, _ in load.results):.2f}s; after: {len(after.results)}×200, slowest "
          f"{max(seconds for _, seconds, _ in after.results):.2f}s; after an idle restart: {len(idle.results)}×200, "
          f"slowest {max(seconds for _, seconds, _ in idle.results):.2f}s")
