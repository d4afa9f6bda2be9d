"""Input of the case pages: opening a case, each step's fields, evidence and custody."""

from django import forms
from django.utils import timezone

from quanze.catalog.models import Catalog, Power
from quanze.enforcement.benchmarks.forms import add_discretion_fields
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases import rules
from quanze.enforcement.cases.models import Case, Custody, Evidence
from quanze.enforcement.officers.models import Officer
from quanze.org.roles import is_department_clerk, is_township_clerk

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def powers_for(user):
    """The powers a team may pick: those on any published version of its township lists,
    or the department's own; whether one is held on the case date is the service's check."""
    if is_township_clerk(user):
        return (
            Power.objects.filter(
                entries__version__catalog__owner_id=user.township_id,
                entries__version__catalog__kind=Catalog.Kind.TOWNSHIP_LIST,
                entries__version__published_at__isnull=False,
            )
            .distinct()
            .order_by("code")
        )
    if is_department_clerk(user):
        return Power.objects.filter(department_id=user.department_id).order_by("code")
    return Power.objects.none()


class CaseOpenForm(forms.Form):
    power = forms.ModelChoiceField(label="执法事项", queryset=Power.objects.none())
    opened_on = forms.DateField(label="案发(受理)日期", widget=DATE)
    source = forms.ChoiceField(label="案源", choices=Case.Source.choices)
    source_detail = forms.CharField(label="案源说明", max_length=200, required=False)
    event = forms.IntegerField(label="来源事件", required=False, widget=forms.HiddenInput)
    procedure = forms.ChoiceField(label="程序", choices=Case.Procedure.choices)
    title = forms.CharField(label="案由", max_length=200)
    facts = forms.CharField(
        label="违法事实", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    place = forms.CharField(label="地点", max_length=200, required=False)
    party_kind = forms.ChoiceField(label="当事人类型", choices=Case.PartyKind.choices)
    party_name = forms.CharField(label="当事人", max_length=100)
    party_id_number = forms.CharField(label="证件号码", max_length=30, required=False)
    party_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    party_address = forms.CharField(label="住所(地址)", max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["power"].queryset = powers_for(user)
        self.fields["opened_on"].initial = timezone.localdate()


# The fields each step asks for (beyond the date); see services.case_step.
STEP_FIELDS = {
    "file": ["summary"],
    "drop": ["summary"],
    "investigate": ["officers", "place", "summary"],
    "conclude": ["review_grounds", "summary"],
    "review": ["reviewer", "summary"],
    "notify": ["penalty_kinds", "fine_amount", "summary"],
    "request_hearing": ["summary"],
    "hold_hearing": ["officers", "place", "summary"],
    "decide": ["outcome", "penalty_kinds", "fine_amount", "waived", "summary"],
    "decide_on_spot": ["officers", "place", "penalty_kinds", "fine_amount", "summary"],
    "serve": ["method", "summary"],
    "pay": ["paid_amount", "summary"],
    "apply_enforcement": ["court", "summary"],
    "execute": ["summary"],
    "close": ["summary"],
    "archive": ["summary"],
    "annotate": ["summary"],
}
SUMMARY_LABELS = {
    "file": "立案意见",
    "drop": "理由",
    "investigate": "调查取证内容(询问、检查、勘验……)",
    "conclude": "调查终结报告",
    "review": "法制审核意见",
    "notify": "拟处罚内容及事实、理由、依据",
    "request_hearing": "当事人申请",
    "hold_hearing": "听证笔录摘要",
    "decide": "决定内容",
    "decide_on_spot": "决定内容",
    "serve": "送达情况",
    "pay": "缴款情况",
    "apply_enforcement": "申请情况",
    "execute": "执行情况",
    "close": "结案报告",
    "archive": "归档说明",
    "annotate": "备注",
}


class StepForm(forms.Form):
    on = forms.DateField(label="办理日期", widget=DATE)
    officers = forms.ModelMultipleChoiceField(
        label="执法人员(至少2名持证)",
        queryset=Officer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    place = forms.CharField(label="地点", max_length=200, required=False)
    review_grounds = forms.MultipleChoiceField(
        label="法制审核情形(《行政处罚法》第五十八条)",
        choices=list(m.REVIEW_GROUNDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reviewer = forms.ModelChoiceField(label="法制审核人员", queryset=Officer.objects.none())
    outcome = forms.ChoiceField(label="决定结果", choices=[c for c in Case.Outcome.choices if c[0]])
    penalty_kinds = forms.MultipleChoiceField(
        label="处罚种类",
        choices=list(rules.PENALTY_KINDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fine_amount = forms.DecimalField(
        label="罚款金额(元)", required=False, min_value=0, decimal_places=2
    )
    waived = forms.BooleanField(label="当事人书面放弃陈述申辩和听证", required=False)
    method = forms.CharField(label="送达方式", max_length=50, required=False, initial="直接送达")
    paid_amount = forms.DecimalField(label="实缴金额(元)", min_value=0, decimal_places=2)
    court = forms.CharField(label="受理法院", max_length=100, required=False)
    summary = forms.CharField(
        label="内容", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, action: str, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        keep = {"on", *STEP_FIELDS.get(action, [])}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.fields["on"].initial = timezone.localdate()
        officers = Officer.objects.filter(county_id=case.county_id, active=True)
        if case.township_id:
            officers = officers.filter(township_id=case.township_id) | officers.filter(
                department_id=case.acting_department_id
            )
        else:
            officers = officers.filter(department_id=case.department_id)
        if "officers" in self.fields:
            self.fields["officers"].queryset = officers.order_by("name")
        if "reviewer" in self.fields:
            self.fields["reviewer"].queryset = Officer.objects.filter(
                county_id=case.county_id, active=True
            ).exclude(legal_qualification="")
        if "summary" in self.fields:
            self.fields["summary"].label = SUMMARY_LABELS.get(action, "内容")
        add_discretion_fields(self, case)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label="证据种类", choices=Evidence.Kind.choices)
    description = forms.CharField(label="证据名称及内容", max_length=300)
    collected_by = forms.ModelChoiceField(label="收集人", queryset=Officer.objects.none())
    collected_at = forms.DateTimeField(label="收集时间", widget=DATETIME)
    place = forms.CharField(label="收集地点", max_length=200)
    file = forms.FileField(label="文件(录音录像或其他)", required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collected_by"].queryset = Officer.objects.filter(
            county_id=case.county_id, active=True
        ).order_by("name")


class CustodyForm(forms.Form):
    action = forms.ChoiceField(
        label="环节",
        choices=[c for c in Custody.Action.choices if c[0] != Custody.Action.COLLECTED],
    )
    at = forms.DateTimeField(label="时间", widget=DATETIME)
    holder = forms.CharField(label="保管人(地点)", max_length=100)
    note = forms.CharField(label="说明", max_length=300, required=False)


class QueueForm(forms.Form):
    queue = forms.ChoiceField(required=False, choices=[])
    state = forms.ChoiceField(required=False, choices=[("", "全部状态"), *m.STATES.items()])
    source = forms.ChoiceField(required=False, choices=[("", "全部案源"), *Case.Source.choices])
    q = forms.CharField(required=False, max_length=100)
    sort = forms.ChoiceField(
        required=False, choices=[("due", "按时限"), ("-opened", "按受理日期"), ("number", "按编号")]
    )
