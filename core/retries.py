"""What the Celery tasks retry, and how long they wait (core.tasks, core.tasks_exports).

Errors that pass by themselves — the database restarting, the broker or the mail server away, a
full disk — are tried again later, with an exponential backoff: 1, 2, 4 … minutes, capped at an
hour, without jitter so that each wait is longer than the one before. Anything else is a bug and
is not retried.
"""
import smtplib

from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

# smtplib's errors are OSErrors too; named because a refused message is what one expects.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerError, RedisConnectionError, RedisTimeoutError,
                    smtplib.SMTPException, OSError)
BACKOFF_SECONDS = 60
RETRY = {"autoretry_for": TRANSIENT_ERRORS, "retry_backoff": BACKOFF_SECONDS, "retry_backoff_max": 60 * 60,
         "retry_jitter": False}

# What publishing a task raises when the broker (Redis) is away: the caller leaves the work to a sweep.
BROKER_ERRORS = (BrokerError, RedisError, OSError)
