"""The enforcement case (执法案件), its step log, evidence and chain of custody."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from quanze.catalog.models import Field, Power
from quanze.enforcement.cases import machine as m
from quanze.enforcement.officers.models import Officer
from quanze.org.models import Department, Division


class Case(models.Model):
    """One case under one power, handled by one township team or one county department."""

    class Source(models.TextChoices):
        EVENT = "event", "吹哨报到事件"
        INSPECTION = "inspection", "日常巡查"
        COMPLAINT = "complaint", "投诉举报"
        TRANSFER = "transfer", "其他机关移送"
        RANDOM = "random", "双随机抽查"

    class Procedure(models.TextChoices):
        GENERAL = m.GENERAL, "普通程序"
        SIMPLE = m.SIMPLE, "简易程序(当场处罚)"

    class Mode(models.TextChoices):
        """In whose name the case is handled (see docs/enforcement.md)."""

        ENTRUSTED = "entrusted", "委托(以委托部门名义)"
        ASSIGNED = "assigned", "交办(以交办部门名义)"
        GRANTED = "granted", "赋权(以乡镇名义)"
        TOWNSHIP = "township", "乡镇清单事项(以乡镇名义)"
        OWN = "own", "部门本级职权"

    class PartyKind(models.TextChoices):
        INDIVIDUAL = m.INDIVIDUAL, "公民"
        ORGANISATION = m.ORGANISATION, "法人或者其他组织"

    class Outcome(models.TextChoices):
        NONE = "", "—"
        PENALTY = "penalty", "给予行政处罚"
        NO_PENALTY = "no_penalty", "不予行政处罚"

    number = models.CharField("案件编号", max_length=80, unique=True)
    year = models.PositiveSmallIntegerField("年度")
    sequence = models.PositiveIntegerField("序号")
    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Division,
        verbose_name="办案乡镇(街道)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enforcement_cases",
    )
    department = models.ForeignKey(
        Department,
        verbose_name="办案部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="own_enforcement_cases",
    )
    power = models.ForeignKey(
        Power, verbose_name="执法事项", on_delete=models.PROTECT, related_name="enforcement_cases"
    )
    field = models.ForeignKey(
        Field, verbose_name="执法领域", null=True, blank=True, on_delete=models.PROTECT
    )
    mode = models.CharField("实施方式", max_length=12, choices=Mode.choices)
    acting_department = models.ForeignKey(
        Department,
        verbose_name="委托(交办)部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entrusted_enforcement_cases",
    )
    acting_name = models.CharField("执法主体名称", max_length=200)
    basis = models.JSONField("职权依据", default=dict, blank=True)
    source = models.CharField("案源", max_length=12, choices=Source.choices)
    source_detail = models.CharField("案源说明", max_length=200, blank=True)
    event = models.ForeignKey(
        "dispatch.Event",
        verbose_name="来源事件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enforcement_cases",
    )
    procedure = models.CharField(
        "程序", max_length=10, choices=Procedure.choices, default=Procedure.GENERAL
    )
    state = models.CharField(
        "状态", max_length=16, choices=list(m.STATES.items()), default=m.REGISTERED
    )
    opened_on = models.DateField("案发(受理)日期")
    title = models.CharField("案由", max_length=200)
    facts = models.TextField("违法事实", blank=True)
    place = models.CharField("地点", max_length=200, blank=True)
    party_kind = models.CharField("当事人类型", max_length=14, choices=PartyKind.choices)
    party_name = models.CharField("当事人", max_length=100)
    party_id_number = models.CharField("证件号码", max_length=30, blank=True)
    party_phone = models.CharField("联系电话", max_length=30, blank=True)
    party_address = models.CharField("住所(地址)", max_length=200, blank=True)
    # lifecycle facts (see machine.Facts)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    review_grounds = models.JSONField("法制审核情形", default=list, blank=True)
    review_required = models.BooleanField("须法制审核", default=False)
    reviewed = models.BooleanField("已法制审核", default=False)
    reviewer = models.ForeignKey(
        Officer,
        verbose_name="法制审核人员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notified_on = models.DateField("告知日期", null=True, blank=True)
    reply_due = models.DateField("陈述申辩期限", null=True, blank=True)
    hearing_offered = models.BooleanField("可要求听证", default=False)
    hearing_held = models.BooleanField("已听证", default=False)
    proposed_penalty = models.TextField("拟处罚内容", blank=True)
    outcome = models.CharField("决定结果", max_length=12, choices=Outcome.choices, blank=True)
    penalty_kinds = models.JSONField("处罚种类", default=list, blank=True)
    fine_amount = models.DecimalField(
        "罚款金额(元)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    decision_text = models.TextField("决定内容", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    payment_due = models.DateField("缴款期限", null=True, blank=True)
    paid_on = models.DateField("缴款日期", null=True, blank=True)
    paid_amount = models.DecimalField(
        "实缴罚款(元)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    surcharge = models.DecimalField(
        "加处罚款(元)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    enforcement_applied_on = models.DateField("申请强制执行日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    # the limit the case waits on now (deadlines.LIMITS)
    due_on = models.DateField("当前时限", null=True, blank=True)
    due_label = models.CharField("时限事项", max_length=50, blank=True)
    due_basis = models.CharField("时限依据", max_length=100, blank=True)
    due_estimated = models.BooleanField("时限为预估", default=False)
    escalated_state = models.CharField("已督办状态", max_length=16, blank=True)
    state_since = models.DateField("进入当前状态日期")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    row_version = models.PositiveIntegerField("版本号", default=1)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = "执法案件"
        constraints = [
            models.UniqueConstraint(
                fields=["acting_name", "year", "sequence"], name="case_unique_sequence"
            ),
            models.CheckConstraint(
                condition=models.Q(township__isnull=False, department__isnull=True)
                | models.Q(township__isnull=True, department__isnull=False),
                name="case_one_team",
                violation_error_message="办案单位:应为一个乡镇(街道)或一个部门",
            ),
        ]
        indexes = [
            models.Index(fields=["township", "state", "due_on"], name="case_township_due"),
            models.Index(fields=["county", "state", "due_on"], name="case_county_due"),
            models.Index(fields=["acting_department", "due_on"], name="case_acting_due"),
            models.Index(fields=["state", "due_on"], name="case_state_due"),
            # the exercise rate probes (township, power, opened_on) (statistics/exercise.py)
            models.Index(fields=["township", "power", "opened_on"], name="case_township_power"),
            # fines decided and paid in a period (statistics/exercise.township_fines)
            models.Index(fields=["county", "decided_on"], name="case_county_decided"),
            models.Index(fields=["county", "paid_on"], name="case_county_paid"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("enforcement:case_detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.state in m.FINAL

    @property
    def team(self):
        return self.township or self.department

    def facts_for_machine(self) -> m.Facts:
        return m.Facts(
            procedure=self.procedure,
            review_required=self.review_required,
            reviewed=self.reviewed,
            notified=self.notified_on is not None,
            hearing_offered=self.hearing_offered,
            hearing_held=self.hearing_held,
            penalised=self.outcome == self.Outcome.PENALTY,
            fine_due=self.outcome == self.Outcome.PENALTY and bool(self.fine_amount),
            paid=self.paid_on is not None,
        )


class CaseStep(models.Model):
    """One entry of the case's full-process record (全过程记录): who, when, what."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField("步骤", max_length=20)
    from_state = models.CharField("原状态", max_length=16)
    to_state = models.CharField("新状态", max_length=16)
    at = models.DateTimeField("时间")
    on = models.DateField("办理日期")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    officers = models.ManyToManyField(Officer, verbose_name="执法人员", related_name="case_steps")
    place = models.CharField("地点", max_length=200, blank=True)
    summary = models.TextField("内容", blank=True)
    data = models.JSONField("记录", default=dict, blank=True)

    class Meta:
        ordering = ["case", "at", "id"]
        verbose_name = "办案记录"
        indexes = [models.Index(fields=["case", "at"], name="case_step_at")]

    def __str__(self) -> str:
        return f"{self.case}:{self.action_label}"

    @property
    def action_label(self) -> str:
        return m.LOG_LABELS.get(self.action, self.action)

    @property
    def from_label(self) -> str:
        return m.STATES.get(self.from_state, self.from_state)

    @property
    def to_label(self) -> str:
        return m.STATES.get(self.to_state, self.to_state)


class Evidence(models.Model):
    """One evidence item (证据), kinds of 行政处罚法 art. 46."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "书证"
        PHYSICAL = "physical", "物证"
        AUDIO_VIDEO = "audio_video", "视听资料"
        ELECTRONIC = "electronic", "电子数据"
        WITNESS = "witness", "证人证言"
        STATEMENT = "statement", "当事人的陈述"
        EXPERT = "expert", "鉴定意见"
        RECORD = "record", "勘验笔录、现场笔录"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("证据种类", max_length=12, choices=Kind.choices)
    description = models.CharField("证据名称及内容", max_length=300)
    collected_by = models.ForeignKey(
        Officer, verbose_name="收集人", on_delete=models.PROTECT, related_name="+"
    )
    collected_at = models.DateTimeField("收集时间")
    place = models.CharField("收集地点", max_length=200)
    file = models.FileField("文件", upload_to="enforcement/evidence/%Y/%m/", blank=True)
    file_name = models.CharField("文件名", max_length=200, blank=True)
    size = models.PositiveBigIntegerField("大小(字节)", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["case", "collected_at", "id"]
        verbose_name = "证据"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}:{self.description}"

    def get_absolute_url(self) -> str:
        """Evidence is shown on its case's page."""
        return reverse("enforcement:case_detail", args=[self.case_id])


class Custody(models.Model):
    """One entry of an evidence item's chain of custody (保管链)."""

    class Action(models.TextChoices):
        COLLECTED = "collected", "收集"
        STORED = "stored", "入库保存"
        TRANSFERRED = "transferred", "移交"
        RETRIEVED = "retrieved", "调取"
        RETURNED = "returned", "退还"
        DESTROYED = "destroyed", "销毁"

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="custody")
    action = models.CharField("环节", max_length=12, choices=Action.choices)
    at = models.DateTimeField("时间")
    holder = models.CharField("保管人(地点)", max_length=100)
    note = models.CharField("说明", max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["evidence", "at", "id"]
        verbose_name = "证据保管记录"

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.holder}"
