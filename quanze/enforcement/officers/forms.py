"""Input of the officer registry pages."""

from django import forms

from quanze.catalog.models import Field
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.org.models import Department, Division
from quanze.org.roles import is_department_clerk, is_reviewer, is_township_clerk

DATE = forms.DateInput(attrs={"type": "date"})


class OfficerForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    township = forms.ModelChoiceField(
        label="所属乡镇(街道)", queryset=Division.objects.none(), required=False
    )
    department = forms.ModelChoiceField(
        label="所属部门", queryset=Department.objects.none(), required=False
    )
    position = forms.CharField(label="职务", max_length=50, required=False)
    post_type = forms.ChoiceField(
        label="编制类型",
        choices=Officer.PostType.choices,
        initial=Officer.PostType.ADMINISTRATIVE,
        required=False,
        help_text="不选为行政编制",
    )
    legal_qualification = forms.CharField(
        label="法律职业资格证书编号", max_length=50, required=False
    )
    legal_reviewer = forms.BooleanField(label="法制审核人员", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        townships = Division.objects.none()
        departments = Department.objects.none()
        if is_reviewer(user):
            townships = Division.objects.filter(
                parent_id=user.county_id, level=Division.Level.TOWNSHIP
            )
            departments = Department.objects.filter(division_id=user.county_id)
        elif is_township_clerk(user):
            townships = Division.objects.filter(pk=user.township_id)
        elif is_department_clerk(user):
            departments = Department.objects.filter(pk=user.department_id)
        self.fields["township"].queryset = townships
        self.fields["department"].queryset = departments

    def clean(self):
        data = super().clean()
        if bool(data.get("township")) == bool(data.get("department")):
            raise forms.ValidationError("所属单位:请选择一个乡镇(街道)或一个部门")
        return data


class CertificateForm(forms.Form):
    number = forms.CharField(label="证件编号", max_length=40)
    issuer = forms.CharField(label="发证机关", max_length=100)
    fields = forms.ModelMultipleChoiceField(
        label="执法领域", queryset=Field.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    valid_from = forms.DateField(label="有效期自", widget=DATE)
    valid_to = forms.DateField(label="有效期至", widget=DATE)


class CertificateStatusForm(forms.Form):
    status = forms.ChoiceField(label="状态", choices=Certificate.Status.choices)
    reason = forms.CharField(label="理由", max_length=300, required=False)


class OfficerEditForm(forms.Form):
    """What a unit keeps up to date about its own staff."""

    name = forms.CharField(label="姓名", max_length=50)
    position = forms.CharField(label="职务", max_length=50, required=False)
    post_type = forms.ChoiceField(label="编制类型", choices=Officer.PostType.choices)
    legal_qualification = forms.CharField(
        label="法律职业资格证书编号", max_length=50, required=False
    )
    legal_reviewer = forms.BooleanField(label="法制审核人员", required=False)
    active = forms.BooleanField(label="在岗", required=False)


class ExpiryQueueForm(forms.Form):
    days = forms.IntegerField(label="到期天数", min_value=1, max_value=366, required=False)
    unit = forms.CharField(label="单位", max_length=20, required=False)
    q = forms.CharField(label="姓名或证件编号", max_length=50, required=False)
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[
            ("expiry", "到期日(近→远)"),
            ("-expiry", "到期日(远→近)"),
            ("name", "姓名"),
            ("number", "证件编号"),
        ],
    )
