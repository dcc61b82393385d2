"""The demo township, built once for the fuzz module and rolled back afterwards, and the forms
every role can reach in it."""
import io
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from tests.fuzz.crawl import crawl

# The demo accounts of the README, one per role, plus a second deputy and nobody signed in.
ROLES = ("anonymous", "chairman", "member", "staff", "deputy", "zhaohm", "czs")


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo once; uploads land in a folder of the run's own."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("fuzz-media"))):
        with transaction.atomic():
            call_command("seed_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


def role_client(role):
    from core.models import User

    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


@pytest.fixture(scope="module")
def site_forms(demo_world, django_db_blocker):
    """Every role's forms, one of each kind (action, method, field names) per role."""
    result = {"forms": {}, "visited": {}, "ids": set(), "seconds": {}}
    with django_db_blocker.unblock():
        for role in ROLES:
            started = time.monotonic()
            forms, visited, ids = crawl(role_client(role), role)
            unique = {}
            for form in forms:
                unique.setdefault(form.key, form)
            result["forms"][role] = list(unique.values())
            result["visited"][role] = visited
            result["ids"] |= ids
            result["seconds"][role] = time.monotonic() - started
    return result
