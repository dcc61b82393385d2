"""factory_boy factories for every model the tests touch. Later issues add theirs here."""
import factory
from django.contrib.auth.models import Group

from core.models import HandlingUnit, Holiday, Notification, Township, User
from core.roles import Role
from deputies.models import Deputy

PASSWORD = "Test-pass-2026"


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township

    name = "青山镇"
    county = "平江县"
    province = "湖南省"


class HandlingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandlingUnit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"承办单位{n}")
    kind = HandlingUnit.Kind.GOVERNMENT_OFFICE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            # get_or_create: tests on a live server flush the tables the data migration filled.
            self.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])
        if create:
            self.save()


def user_with_role(role, **kwargs):
    return UserFactory(roles=[role], **kwargs)


class DeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deputy

    name = factory.Sequence(lambda n: f"代表{n}")
    gender = Deputy.Gender.MALE


class HolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Holiday
        django_get_or_create = ("day",)

    name = "节日"


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: f"通知{n}")
    body = "请及时处理。"
