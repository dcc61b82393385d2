"""Text messages go through a backend named by settings.SMS_BACKEND, like Django's mail backends.

A township signs a contract with its carrier's SMS gateway; a backend for it subclasses
BaseSmsBackend. The default only writes each message to the log.
"""
import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("portal.sms")


class BaseSmsBackend:
    def send(self, phone, text):
        raise NotImplementedError


class LogBackend(BaseSmsBackend):
    def send(self, phone, text):
        logger.info("SMS to %s: %s", phone, text)


class LocmemBackend(BaseSmsBackend):
    """Keeps messages in `outbox` for tests, like django.core.mail's locmem backend."""

    outbox: list = []

    def send(self, phone, text):
        LocmemBackend.outbox.append((phone, text))


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(phone, text):
    get_backend().send(phone, text)
