"""Waiting for a worker in the integration tests."""
import time

from django.db import OperationalError


def wait_until(condition, timeout=20, *, again=None, every=2.0):
    """Poll condition() until it holds, or fail after `timeout` seconds. again(), when given, is
    called every `every` seconds meanwhile: a periodic sweep that the beat would send every five
    minutes, sent here as often as the test can wait for."""
    deadline = time.monotonic() + timeout
    next_sweep = time.monotonic() + every
    while not _holds(condition):
        if time.monotonic() > deadline:
            raise AssertionError("the worker did not get there in time")
        if again is not None and time.monotonic() >= next_sweep:
            again()
            next_sweep = time.monotonic() + every
        time.sleep(0.2)


def _holds(condition):
    """On the SQLite default the worker thread shares the in-memory database, whose table locks
    refuse a reader at once while the worker writes (and a writer while this thread reads): such a
    read counts as "not yet"."""
    try:
        return condition()
    except OperationalError as error:
        if "locked" not in str(error):
            raise
        return False
