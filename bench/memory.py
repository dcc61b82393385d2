"""One web worker's memory: the largest gunicorn worker's RSS after 1,000 mixed requests.

A fresh gunicorn (2 sync workers, bench settings) is sent the pages of bench/pages.py in turn, each
by its role, 1,000 requests in all over two connections; then each worker's VmRSS is read from /proc.
The floor is a worker's RSS once it has answered only the trivial view: Django and the portal loaded,
no page drawn. Goal: ≤ 200 MB.
"""
import itertools
import threading

from bench.common import Measure
from bench.pages import targets
from bench.server import FLOOR_PATH, Gunicorn, get, rss_mb

GOAL_MB = 200
REQUESTS = 1000


def run(ctx):
    requests = 200 if ctx.quick else REQUESTS
    page_targets = [(page, path, cookie) for page, path, cookie, _ in targets() if path]
    with Gunicorn(ctx.database_url) as server:
        for _ in range(20):
            get(server.port, FLOOR_PATH)
        floor = max(rss_mb(pid) for pid in server.worker_pids())
        statuses = send_mixed(server.port, page_targets, requests)
        workers = {pid: round(rss_mb(pid), 1) for pid in server.worker_pids()}
        master = round(rss_mb(server.process.pid), 1)
    largest = max(workers.values())
    non_200 = {label: status for label, status in statuses.items() if status != 200}
    return [Measure(
        name=f"memory: largest worker's RSS after {requests:,} mixed requests", value=largest, unit="MB",
        goal=f"≤ {GOAL_MB} MB", met=largest <= GOAL_MB and not non_200, floor=floor, ratio=largest / floor,
        detail={"workers_mb": workers, "master_mb": master, "pages": len(page_targets),
                "floor_is": "largest worker's RSS after only the trivial view",
                **({"error": f"pages not answering 200: {non_200}"} if non_200 else {})},
    )]


def send_mixed(port, page_targets, requests, connections=2):
    """`requests` GETs cycling over the pages, on `connections` threads; the last status of each page."""
    cycle = itertools.cycle(page_targets)
    lock = threading.Lock()
    remaining = [requests]
    statuses = {}

    def client():
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
                page, path, cookie = next(cycle)
            status = get(port, path, cookie)[0]
            with lock:
                statuses[page.label] = status

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses
