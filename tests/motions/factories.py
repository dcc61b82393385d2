"""Factories of suggestions and their handling. Items default to 2026, proposed by a deputy in
office, in the default category "农业农村"."""
import datetime

import factory

from motions.models import Assignment, Category, CoSigner, Reply, ResultClass, Suggestion
from tests.factories import DeputyFactory, HandlingUnitFactory

ASSIGNED_ON = datetime.date(2026, 3, 16)


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    year = 2026
    title = factory.Sequence(lambda n: f"关于修缮第{n}号机耕道的建议")
    content = "机耕道年久失修，雨天无法通行，影响春耕生产。"
    category = factory.LazyFunction(lambda: Category.objects.get_or_create(name="农业农村")[0])
    proposer = factory.SubFactory(DeputyFactory)
    status = Suggestion.Status.DRAFT


class CoSignerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoSigner

    suggestion = factory.SubFactory(SuggestionFactory)
    deputy = factory.SubFactory(DeputyFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    suggestion = factory.SubFactory(SuggestionFactory, status=Suggestion.Status.ASSIGNED)
    unit = factory.SubFactory(HandlingUnitFactory)
    role = Assignment.Role.LEAD
    assigned_at = ASSIGNED_ON
    due_date = datetime.date(2026, 6, 16)


def result_class(code):
    """The default class `code` (A, B, C). Data migration motions/0002 creates them, but a test on
    transactional_db (the integration tests) empties every table when it ends, so a later test may
    find them gone: they are made again from the migration's own list."""
    from importlib import import_module

    defaults = import_module("motions.migrations.0002_default_categories_and_classes").RESULT_CLASSES
    order, (name, needs_promise_date) = next(
        (order, (name, needs)) for order, (key, name, needs) in enumerate(defaults, start=1) if key == code)
    return ResultClass.objects.get_or_create(
        code=code, defaults={"name": name, "needs_promise_date": needs_promise_date, "sort_order": order})[0]


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    assignment = factory.SubFactory(AssignmentFactory)
    suggestion = factory.LazyAttribute(lambda reply: reply.assignment.suggestion)
    result_class = factory.LazyFunction(lambda: result_class("A"))
    text = "已安排资金硬化机耕道1.2公里，5月底前完工。"
    signed_by = "刘志强"
    due_date = factory.LazyAttribute(lambda reply: reply.assignment.due_date)
    replied_on = datetime.date(2026, 5, 20)
