"""Territorial responsibility (属地管理): matters, versioned county lists, instruction sheets,
and the claiming meeting (认领会) that confirms them."""

from django.conf import settings
from django.db import models

from quanze.catalog.models import Field
from quanze.duties.versioning import VersionBase
from quanze.org.models import Department, Division


class Matter(models.Model):
    """A matter (属地管理事项) of one county: what a problem is called, for lists and routing."""

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("事项编号", max_length=40, blank=True)
    name = models.CharField("事项名称", max_length=200)
    field = models.ForeignKey(
        Field, verbose_name="领域", null=True, blank=True, on_delete=models.PROTECT
    )
    synonyms = models.CharField(
        "同义词与关键词", max_length=500, blank=True, help_text="以空格分隔,用于事件匹配"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["county", "code", "name"]
        verbose_name = "属地管理事项"
        constraints = [
            models.UniqueConstraint(
                fields=["county", "name"],
                name="matter_unique_name",
                violation_error_message="事项名称:本县已有同名事项",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def keywords(self) -> str:
        return self.synonyms


class ResponsibilityList(models.Model):
    """A county's territorial responsibility list (属地管理责任清单); its content is versioned."""

    county = models.OneToOneField(
        Division,
        verbose_name="县(市、区)",
        on_delete=models.PROTECT,
        related_name="responsibility_list",
    )
    name = models.CharField("清单名称", max_length=200)
    description = models.TextField("说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "属地管理责任清单"

    def __str__(self) -> str:
        return self.name


class ResponsibilityVersion(VersionBase):
    responsibility_list = models.ForeignKey(
        ResponsibilityList, on_delete=models.PROTECT, related_name="versions"
    )

    class Meta:
        ordering = ["responsibility_list", "-number"]
        verbose_name = "属地清单版本"
        constraints = [
            models.UniqueConstraint(
                fields=["responsibility_list", "number"], name="resp_version_unique_number"
            ),
            models.UniqueConstraint(
                fields=["responsibility_list"],
                condition=models.Q(status="draft"),
                name="resp_version_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.responsibility_list.name} 第{self.number}版"

    @property
    def list(self):
        return self.responsibility_list


class ResponsibilityItem(models.Model):
    """One matter in one version: who leads, who cooperates, who carries the fallback."""

    class Scope(models.TextChoices):
        ALL = "all", "全部乡镇(街道)"
        NAMED = "named", "指定乡镇(街道)"
        NONE = "none", "乡镇(街道)不承担"

    version = models.ForeignKey(
        ResponsibilityVersion, on_delete=models.CASCADE, related_name="items"
    )
    matter = models.ForeignKey(
        Matter, verbose_name="事项", on_delete=models.PROTECT, related_name="responsibility_items"
    )
    position = models.PositiveIntegerField("序号")
    primary_department = models.ForeignKey(
        Department, verbose_name="主体责任部门", on_delete=models.PROTECT, related_name="+"
    )
    primary_duty = models.TextField("主体责任内容", blank=True)
    township_scope = models.CharField(
        "配合乡镇(街道)", max_length=8, choices=Scope.choices, default=Scope.ALL
    )
    townships = models.ManyToManyField(
        Division, verbose_name="指定乡镇(街道)", blank=True, related_name="+"
    )
    township_duty = models.TextField("配合责任内容", blank=True)
    township_primary = models.BooleanField(
        "乡镇(街道)承担主体责任",
        default=False,
        help_text="乡镇(街道)对本辖区内该事项承担主体责任(自身法定职责或赋权事项),"
        "所列主体责任部门负责业务指导",
    )
    powers = models.ManyToManyField(
        "catalog.Power",
        verbose_name="关联职权",
        blank=True,
        related_name="+",
        help_text="处理该事项所依据的行政职权;乡镇(街道)依赋权决定持有其中之一时,权随事转",
    )
    fallback_department = models.ForeignKey(
        Department,
        verbose_name="兜底牵头部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    basis = models.TextField("依据", blank=True)
    accept_hours = models.PositiveIntegerField("响应时限(小时)", default=24)
    handle_days = models.PositiveIntegerField("办结时限(天)", default=5)
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = "属地清单事项"
        constraints = [
            models.UniqueConstraint(fields=["version", "matter"], name="resp_item_unique_matter"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.matter}"


class CooperatingDepartment(models.Model):
    """A department that cooperates on a matter (besides the townships), with its duty."""

    item = models.ForeignKey(
        ResponsibilityItem, on_delete=models.CASCADE, related_name="co_departments"
    )
    department = models.ForeignKey(Department, verbose_name="配合部门", on_delete=models.PROTECT)
    duty = models.TextField("配合责任内容", blank=True)

    class Meta:
        ordering = ["item", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "department"], name="co_department_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.department}:{self.duty}"


class InstructionStep(models.Model):
    """One step of a cross-unit matter's instruction sheet (说明书): who does what, by when."""

    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField("步骤")
    department = models.ForeignKey(
        Department,
        verbose_name="承办部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    by_township = models.BooleanField("由乡镇(街道)承办", default=False)
    action = models.CharField("工作内容", max_length=500)
    time_limit_hours = models.PositiveIntegerField("时限(小时)")

    class Meta:
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="step_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.unit}:{self.action}({self.time_limit_hours}小时)"

    @property
    def unit(self) -> str:
        return str(self.department) if self.department_id else "属地乡镇(街道)"


class ClaimMeeting(models.Model):
    """A claiming meeting (事项认领会) held over one version of the list."""

    version = models.ForeignKey(
        ResponsibilityVersion, on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField("会议日期")
    place = models.CharField("地点", max_length=200, blank=True)
    attendees = models.TextField("参会单位与人员", blank=True)
    note = models.TextField("会议纪要", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "事项认领会"

    def __str__(self) -> str:
        return f"{self.held_on:%Y年%m月%d日}事项认领会"


class ClaimConfirmation(models.Model):
    """A unit (department or township) confirmed, or disputed, its part in one matter."""

    meeting = models.ForeignKey(
        ClaimMeeting, on_delete=models.CASCADE, related_name="confirmations"
    )
    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Division, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed = models.BooleanField("已认领", default=True)
    note = models.CharField("意见", max_length=500, blank=True)

    class Meta:
        ordering = ["meeting", "item__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "item", "department", "township"], name="confirmation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}{'认领' if self.confirmed else '未认领'}{self.item}"

    @property
    def unit(self):
        return self.department or self.township
