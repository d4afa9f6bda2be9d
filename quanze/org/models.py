"""Divisions, departments and the people who act for them."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Contact(models.Model):
    """A unit's public contact details (phone, address, office hours, website), shown on
    the portal next to the unit's name. Abstract: Division and Department carry them."""

    contact_phone = models.CharField("咨询电话", max_length=60, blank=True)
    contact_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    website = models.URLField("网站", max_length=200, blank=True)

    CONTACT_FIELDS = ("contact_phone", "contact_address", "office_hours", "website")

    class Meta:
        abstract = True

    @property
    def has_contact(self) -> bool:
        return any(getattr(self, name) for name in self.CONTACT_FIELDS)


class Division(Contact):
    """One node of the administrative division tree (行政区划).

    Codes follow the statistical division codes: 12 digits, province in the
    first 2, city 4, county 6, township 9, village 12 (GB/T 2260 extended).
    """

    class Level(models.TextChoices):
        PROVINCE = "province", "省"
        CITY = "city", "市"
        COUNTY = "county", "县(市、区)"
        TOWNSHIP = "township", "乡镇(街道)"
        VILLAGE = "village", "村(社区)"

    class Kind(models.TextChoices):
        NONE = "", "—"
        TOWN = "town", "镇"
        XIANG = "xiang", "乡"
        SUBDISTRICT = "subdistrict", "街道"

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField("类型", max_length=16, choices=Kind.choices, blank=True)
    economically_developed = models.BooleanField("经济发达镇", default=False)
    pilot = models.BooleanField("试点", default=False)
    # The office's choice (a county only): publish the enforcement exercise figures of its
    # townships' items on the public portal's item page. Off until the office turns it on.
    publish_exercise_figures = models.BooleanField("门户公开行权数据", default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = "行政区划"

    def __str__(self) -> str:
        return self.name

    @property
    def is_township(self) -> bool:
        return self.level == self.Level.TOWNSHIP


class Department(Contact):
    """A government department of one division, usually a county (县直部门)."""

    division = models.ForeignKey(
        Division, verbose_name="所属区划", on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)

    class Meta:
        ordering = ["division__code", "name"]
        verbose_name = "部门"
        constraints = [
            models.UniqueConstraint(
                fields=["division", "name"],
                name="department_unique_name",
                violation_error_message="名称:本区划已有同名部门",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person acting for one unit in one role."""

    class Role(models.TextChoices):
        ESTABLISHMENT_OFFICE = "establishment_office", "编办(县级管理员)"
        JUSTICE_REVIEWER = "justice_reviewer", "司法局审核人员"
        DEPARTMENT_CLERK = "department_clerk", "部门经办人"
        TOWNSHIP_CLERK = "township_clerk", "乡镇(街道)经办人"

    role = models.CharField("角色", max_length=32, choices=Role.choices, blank=True)
    county = models.ForeignKey(
        Division,
        verbose_name="所属县(市、区)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name="所属部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    township = models.ForeignKey(
        Division,
        verbose_name="所属乡镇(街道)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    display_name = models.CharField("姓名", max_length=50, blank=True)

    class Meta:
        verbose_name = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username
