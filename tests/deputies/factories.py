"""Factories for the deputies' groups, platforms and duty records (tests.factories has the people)."""
import datetime

import factory

from deputies.models import (
    ContactPlatform,
    GroupActivity,
    ReceptionMatter,
    ReportToVoters,
    RepresentativeGroup,
    VoterReception,
)
from tests.factories import DeputyFactory, TermFactory


class RepresentativeGroupFactory(factory.django.DjangoModelFactory):
    """A group of three deputies in office, the first of them its leader."""

    class Meta:
        model = RepresentativeGroup
        skip_postgeneration_save = True

    term = factory.SubFactory(TermFactory)
    name = factory.Sequence(lambda n: f"第{n}代表小组")
    area = "青山村"

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if not create:
            return
        members = list(extracted) if extracted is not None else DeputyFactory.create_batch(3)
        self.members.set(members)
        if members and self.leader_id is None:
            self.leader = members[0]
            self.save(update_fields=["leader"])


class GroupActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupActivity
        skip_postgeneration_save = True

    group = factory.SubFactory(RepresentativeGroupFactory)
    date = datetime.date(2026, 3, 12)
    topic = "集中学习代表法"

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create:
            self.participants.set(extracted if extracted is not None else self.group.members.all())


class ContactPlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPlatform
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"代表联络点{n}")
    kind = ContactPlatform.Kind.POINT
    reception_days = "每月10日上午"


class VoterReceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoterReception
        skip_postgeneration_save = True

    date = datetime.date(2026, 3, 10)
    platform = factory.SubFactory(ContactPlatformFactory)
    voters_received = 3

    @factory.post_generation
    def deputies(self, create, extracted, **kwargs):
        if create:
            self.deputies.set(extracted if extracted is not None else [DeputyFactory()])

    @factory.post_generation
    def matters(self, create, extracted, **kwargs):
        if create:
            for content in extracted if extracted is not None else ["机耕道需要硬化"]:
                ReceptionMatter.objects.create(reception=self, content=content)


class ReportToVotersFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportToVoters

    deputy = factory.SubFactory(DeputyFactory)
    term = factory.SubFactory(TermFactory)
    date = datetime.date(2025, 4, 6)
    place = "村民代表会议室"
    voters_attending = 30
