"""What the page and memory measures share: gunicorn on the bench database, signed-in sessions, and
the load generator (wrk, or a small Python one when wrk is not installed).

The runner (bench/run.py) has set up Django on the bench database before these run, so sessions are
made with the ORM in this process and are read by gunicorn's workers from the same database.
"""
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
FLOOR_PATH = "/bench/floor/"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn serving config.wsgi with the bench settings: 2 sync workers on a free loopback port."""

    def __init__(self, database_url, workers=2):
        self.database_url = database_url
        self.workers = workers
        self.port = free_port()
        self.process = None
        self.log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        from bench.run import bench_environment

        command = [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi:application",
                   "--workers", str(self.workers), "--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}",
                   "--timeout", "60", "--no-control-socket", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=bench_environment(self.database_url),
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start:\n{self.log_tail()}")
            try:
                if get(self.port, FLOOR_PATH)[0] == 200 and len(self.worker_pids()) == self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not answer within 60 s:\n{self.log_tail()}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the arbiter stops its own workers
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        os.unlink(self.log.name)

    def worker_pids(self):
        output = subprocess.run(["ps", "--ppid", str(self.process.pid), "-o", "pid="],
                                capture_output=True, text=True).stdout
        return [int(pid) for pid in output.split()]

    def log_tail(self, chars=3000):
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-chars:]


def rss_mb(pid):
    """A process's resident set size (VmRSS), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def get(port, path, cookie=None, timeout=60):
    """One GET: (status, body length, Location). Redirects are not followed: a 302 is a 302."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=_headers(cookie))
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body), response.getheader("Location")
    finally:
        connection.close()


def _headers(cookie):
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = cookie
    return headers


# --- sessions ---------------------------------------------------------------------------------------

def session_cookie(user):
    """A real signed-in session for `user` in the bench database, as the Cookie header's value."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# --- load -------------------------------------------------------------------------------------------

@dataclass
class LoadResult:
    median_ms: float
    requests: int
    rps: float
    non_2xx: int = 0
    errors: int = 0
    tool: str = "wrk"
    detail: dict = field(default_factory=dict)


def wrk_available():
    return shutil.which("wrk") is not None


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(output):
    """wrk --latency's report: the 50% line, requests, Non-2xx and socket errors."""
    median = re.search(r"^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    if not median:
        raise ValueError(f"no 50% line in wrk's output:\n{output}")
    requests = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return LoadResult(
        median_ms=float(median.group(1)) * _UNITS_MS[median.group(2)],
        requests=int(requests.group(1)) if requests else 0,
        rps=float(rps.group(1)) if rps else 0.0,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def wrk(port, path, cookie=None, seconds=5, connections=2):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
    for name, value in _headers(cookie).items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    return parse_wrk(output)


def python_load(port, path, cookie=None, seconds=5, connections=2):
    """wrk's job done slowly in Python, when wrk is missing: `connections` keep-alive clients in threads."""
    latencies, statuses, errors = [], [], []
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=_headers(cookie))
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(repr(error))
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                statuses.append(status)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return LoadResult(
        median_ms=statistics.median(latencies) if latencies else float("nan"),
        requests=len(latencies), rps=len(latencies) / elapsed if elapsed else 0.0,
        non_2xx=sum(1 for status in statuses if not 200 <= status < 400), errors=len(errors), tool="python",
    )


def load(port, path, cookie=None, seconds=5, connections=2):
    if wrk_available():
        return wrk(port, path, cookie, seconds, connections)
    return python_load(port, path, cookie, seconds, connections)
