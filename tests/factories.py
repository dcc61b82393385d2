"""factory_boy factories for every model the tests touch. Later issues add theirs here."""
import factory
from django.contrib.auth.models import Group

from core.models import HandlingUnit, Holiday, Notification, Township, User
from core.roles import Role
import datetime

from deputies.models import Deputy, ElectoralDistrict, Mandate, Term

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


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("number",)

    number = 11
    start_date = datetime.date(2021, 11, 26)
    end_date = datetime.date(2027, 1, 15)


class ElectoralDistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectoralDistrict

    term = factory.SubFactory(TermFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda d: f"第{d.number}选区")


class DeputyFactory(factory.django.DjangoModelFactory):
    """A person; pass in_office=False for one without a township mandate."""

    class Meta:
        model = Deputy
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"代表{n}")
    gender = Deputy.Gender.MALE

    @factory.post_generation
    def in_office(self, create, extracted, **kwargs):
        if create and extracted is not False:
            MandateFactory(deputy=self, **kwargs)


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    deputy = factory.SubFactory(DeputyFactory, in_office=False)
    level = Mandate.Level.TOWNSHIP
    term = factory.SubFactory(TermFactory)
    elected_on = datetime.date(2021, 11, 26)


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


def word_document_bytes():
    """The smallest .docx the upload check accepts: a zip package holding word/document.xml."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()
