import pytest


@pytest.fixture(scope="module", params=["demo", "larger"])
def dataset(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The data set (tests/perf/datasets.py), built once per module inside a transaction that is
    rolled back when its tests are done; each test runs in a savepoint of it (pytest-django's `db`).
    Before growing the larger set, `on_demo` runs on the demo rows it starts from (the query counts
    of the demo, which the larger set's are compared with)."""
    from django.db import transaction
    from django.test import override_settings

    from tests.perf import datasets

    name = request.param
    on_demo = getattr(request.module, "on_demo", None)
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp(f"perf-media-{name}")), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            datasets.build_demo()
            if name == "larger":
                if on_demo is not None:
                    on_demo()
                if datasets.seed_scale_available():
                    from django.core.management import call_command

                    call_command("seed_scale", factor=0.02, seed=1, stdout=datasets.Quiet())
                datasets.grow()
            yield name
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
