"""Sanity checks over every model of the portal's apps (after SAPL's test_general.py)."""
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.utils import translation
from simple_history.models import HistoricalChanges

from core.signals import PORTAL_APPS

# The history tables of django-simple-history (core/history.py) are read through their record's history
# card and admin history page, not through an admin or names of their own.
MODELS = [model for app in PORTAL_APPS for model in apps.get_app_config(app).get_models()
          if not issubclass(model, HistoricalChanges)]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_model_has_an_admin(model):
    assert admin.site.is_registered(model)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_model_and_field_has_a_chinese_name(model):
    with translation.override("zh-hans"):
        assert HAN.search(str(model._meta.verbose_name)), model._meta.verbose_name
        for field in model._meta.get_fields():
            if field.concrete and not field.auto_created and field.name not in {"password", "last_login"}:
                assert HAN.search(str(field.verbose_name)), f"{model._meta.label}.{field.name}"
