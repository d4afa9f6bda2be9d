"""Input of the officer registry pages."""

from django import forms

from quanze.catalog.models import Field
from quanze.enforcement.officers.models import Certificate
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
    legal_qualification = forms.CharField(
        label="法律职业资格证书编号", max_length=50, required=False
    )

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
