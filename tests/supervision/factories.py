"""Factories of supervision records. An activity defaults to an inspection held on 15 May 2026,
a day every DeputyFactory deputy is in office; its rectification item is due on 31 July 2026."""
import datetime

import factory

from supervision import rules
from supervision.models import (
    Activity,
    RectificationEvent,
    RectificationItem,
    RectificationReport,
    ResearchReport,
    SatisfactionVote,
    Training,
)
from tests.factories import DeputyFactory, HandlingUnitFactory

ACTIVITY_DAY = datetime.date(2026, 5, 15)
DEADLINE = datetime.date(2026, 7, 31)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    kind = Activity.Kind.INSPECTION
    topic = factory.Sequence(lambda n: f"农村人居环境整治视察{n}")
    status = Activity.Status.HELD
    start_date = ACTIVITY_DAY
    end_date = factory.LazyAttribute(lambda activity: activity.start_date)
    place = "青山镇各村"

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            self.units.set(extracted)

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.set(extracted)


class PlannedActivityFactory(ActivityFactory):
    status = Activity.Status.PLANNED


class FollowUpFactory(ActivityFactory):
    kind = Activity.Kind.FOLLOW_UP
    follows = factory.SubFactory(ActivityFactory)


class SatisfactionVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SatisfactionVote

    activity = factory.SubFactory(ActivityFactory, kind=Activity.Kind.EVALUATION)
    unit = factory.SubFactory(HandlingUnitFactory)
    subject = factory.LazyAttribute(lambda vote: vote.unit.name if vote.unit else "专项工作报告")
    held_on = ACTIVITY_DAY
    ballots = 30
    satisfied = 20
    basically_satisfied = 6
    unsatisfied = 3
    result = factory.LazyAttribute(lambda vote: rules.vote_result(
        ballots=vote.ballots, satisfied=vote.satisfied, basically_satisfied=vote.basically_satisfied,
        unsatisfied=vote.unsatisfied))


class RectificationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationItem

    activity = factory.SubFactory(ActivityFactory)
    problem = factory.Sequence(lambda n: f"第{n}处垃圾收集点未按时清运")
    requirement = "建立清运台账，每日清运"
    unit = factory.SubFactory(HandlingUnitFactory)
    status = RectificationItem.Status.PENDING
    assigned_on = factory.LazyAttribute(lambda item: item.activity.end_date)
    deadline = DEADLINE


class RectificationReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationReport

    item = factory.SubFactory(RectificationItemFactory)
    text = "已落实专人负责，清运台账已建立。"


class RectificationEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationEvent

    item = factory.SubFactory(RectificationItemFactory)
    action = "create"


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training
        skip_postgeneration_save = True

    kind = Training.Kind.TRAINING
    topic = factory.Sequence(lambda n: f"代表履职能力培训{n}")
    status = Training.Status.HELD
    start_date = datetime.date(2026, 4, 20)
    end_date = factory.LazyAttribute(lambda training: training.start_date)
    place = "镇党校"
    organiser = "镇人大主席团"

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.attendees.set(extracted)


class ResearchReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchReport

    title = factory.Sequence(lambda n: f"关于农村饮水安全的调研报告{n}")
    author = factory.SubFactory(DeputyFactory)
    written_on = datetime.date(2026, 6, 10)
    summary = "调研发现三个村的供水管网老化。"
