"""Input of the squad pages (and the API, which validates through the same forms)."""

from django import forms

from quanze.enforcement.officers.models import Officer
from quanze.enforcement.squads.models import Equipment, Squad, SquadMember
from quanze.org.models import Division

DATE = forms.DateInput(attrs={"type": "date"})
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class SquadForm(forms.Form):
    township = forms.ModelChoiceField(
        label="派驻乡镇(街道)", queryset=Division.objects.none(), empty_label="请选择"
    )
    name = forms.CharField(label="名称(空则自动命名)", max_length=100, required=False)
    established_on = forms.DateField(label="设立日期", widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        county = user.department.division_id if getattr(user, "department_id", None) else None
        self.fields["township"].queryset = Division.objects.filter(
            parent_id=county, level=Division.Level.TOWNSHIP
        ).order_by("code")


class MemberForm(forms.Form):
    officer = forms.ModelChoiceField(
        label="执法人员", queryset=Officer.objects.none(), empty_label="请选择"
    )
    joined_on = forms.DateField(label="派驻日期", widget=DATE)

    def __init__(self, *args, squad: Squad, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = (
            Officer.objects.filter(department_id=squad.department_id, active=True)
            .exclude(pk__in=SquadMember.objects.filter(left_on__isnull=True).values("officer_id"))
            .order_by("name")
        )


class LeaveForm(forms.Form):
    left_on = forms.DateField(label="撤回日期", widget=DATE)


class EquipmentForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=Equipment.Kind.choices)
    name = forms.CharField(label="名称或型号", max_length=100)
    quantity = forms.IntegerField(label="数量", min_value=1, max_value=10_000, initial=1)
    identifier = forms.CharField(label="编号或车牌", max_length=50, required=False)
    acquired_on = forms.DateField(label="配备日期", widget=DATE, required=False)


def member_officers(squad: Squad):
    return Officer.objects.filter(
        squad_terms__squad=squad, squad_terms__left_on__isnull=True
    ).order_by("name")


class AttendanceForm(forms.Form):
    officer = forms.ModelChoiceField(
        label="队员", queryset=Officer.objects.none(), empty_label="请选择"
    )
    month = forms.DateField(label="月份", widget=MONTH, input_formats=["%Y-%m", "%Y-%m-%d"])
    days_due = forms.IntegerField(label="应出勤天数", min_value=0, max_value=31)
    days_present = forms.IntegerField(label="实出勤天数", min_value=0, max_value=31)
    note = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args, squad: Squad, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(
            squad_terms__squad=squad
        ).distinct()


class AppraisalForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=1949, max_value=2100)
    score = forms.DecimalField(label="得分", min_value=0, max_value=100, decimal_places=1)
    comment = forms.CharField(label="评语", max_length=500, required=False)


class ConsentForm(forms.Form):
    candidate = forms.ModelChoiceField(
        label="拟任中队长", queryset=Officer.objects.none(), empty_label="请选择"
    )
    reason = forms.CharField(label="任免理由", max_length=500)

    def __init__(self, *args, squad: Squad, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = Officer.objects.filter(
            department_id=squad.department_id, active=True
        ).order_by("name")


class AnswerForm(forms.Form):
    agree = forms.TypedChoiceField(
        label="意见",
        choices=[("yes", "同意"), ("no", "不同意")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label="答复意见(不同意须写明理由)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FilterForm(forms.Form):
    q = forms.CharField(label="名称或中队长", required=False, max_length=50)
    township = forms.IntegerField(required=False, min_value=1, max_value=10**12)
    department = forms.IntegerField(required=False, min_value=1, max_value=10**12)
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[
            ("township", "按乡镇(街道)"),
            ("department", "按派出部门"),
            ("-established", "设立日期从新到旧"),
            ("-members", "队员从多到少"),
        ],
    )
