"""Build the demo township: `python manage.py seed_demo`. Safe to run again: nothing doubles.

Each app that has demo data offers `<app>/demo.py` with `seed(stdout)`; they run in the order of
INSTALLED_APPS, so an app's demo can use what the apps before it made. Core finds them through
the app registry and imports none of them by name.
"""
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create or refresh the demo township, its units, deputies and one account per role."

    def handle(self, *args, **options):
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is not None:
                    import_module(module_name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo township ready."))
