"""Factories for tests: a county with townships, departments, powers and catalogs."""

from functools import cache

import factory
from django.contrib.auth.hashers import make_password

from quanze.catalog.models import Catalog, Field, Power, PowerType
from quanze.catalog.powers.search_index import index_powers
from quanze.org.models import Department, Division, User

PASSWORD = "quanze-test-password"


@cache
def password_hash() -> str:
    """Hash once: the slow hasher is the point in production and a cost in every test."""
    return make_password(PASSWORD)


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"37{n:02d}00000000")
    name = factory.Sequence(lambda n: f"测试省{n}")
    level = Division.Level.PROVINCE


def province(code="370000000000", name="山东省"):
    return DivisionFactory(code=code, name=name, level=Division.Level.PROVINCE)


def city(parent, code="370100000000", name="济南市"):
    return DivisionFactory(code=code, name=name, level=Division.Level.CITY, parent=parent)


def county(parent, code="370124000000", name="平阴县"):
    return DivisionFactory(code=code, name=name, level=Division.Level.COUNTY, parent=parent)


def township(parent, code, name, kind=Division.Kind.TOWN, **flags):
    return DivisionFactory(
        code=code, name=name, level=Division.Level.TOWNSHIP, parent=parent, kind=kind, **flags
    )


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("division", "name")

    name = factory.Sequence(lambda n: f"测试局{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.LazyFunction(password_hash)


def power_type(name="行政处罚"):
    return PowerType.objects.get(name=name)


def field(name="城市管理"):
    return Field.objects.get(name=name)


class PowerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Power

    code = factory.Sequence(lambda n: f"CF-{n:05d}")
    name = factory.Sequence(lambda n: f"对擅自占用城市道路行为的处罚{n}")
    power_type = factory.LazyFunction(power_type)
    legal_basis = "【行政法规】《城市道路管理条例》第四十二条 违反本条例第二十七条规定……"
    search_text = factory.LazyAttribute(lambda p: f"{p.code} {p.name}".lower())

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """Index the text as the write services do, so searches find factory powers."""
        super()._after_postgeneration(instance, create, results)
        if create:
            index_powers([instance.pk])


class CatalogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Catalog

    name = factory.Sequence(lambda n: f"测试目录{n}")
    kind = Catalog.Kind.GUIDING
