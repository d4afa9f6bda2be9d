"""Forms of the catalog and version pages: they validate input; services do the writing."""

from django import forms

from quanze.catalog.catalogs.models import Catalog, CatalogVersion
from quanze.org.models import Department, Division
from quanze.org.roles import divisions_managed


class CatalogForm(forms.Form):
    name = forms.CharField(label="目录名称", max_length=200)
    kind = forms.ChoiceField(label="类别", choices=Catalog.Kind.choices)
    owner = forms.ModelChoiceField(Division.objects.none(), label="所属区划")
    department = forms.ModelChoiceField(
        Department.objects.none(), label="所属部门", required=False, empty_label="(无)"
    )
    description = forms.CharField(
        label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        managed = Division.objects.filter(divisions_managed(user)).filter(
            level__in=[Division.Level.COUNTY, Division.Level.TOWNSHIP]
        )
        self.fields["owner"].queryset = managed
        self.fields["department"].queryset = Department.objects.filter(division__in=managed)


class PublishForm(forms.Form):
    effective_date = forms.DateField(
        label="生效日期", widget=forms.DateInput(attrs={"type": "date"}), required=True
    )
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)


class DiffForm(forms.Form):
    old = forms.ModelChoiceField(CatalogVersion.objects.none(), label="旧版本")
    new = forms.ModelChoiceField(CatalogVersion.objects.none(), label="新版本")

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old"].queryset = versions
        self.fields["new"].queryset = versions
        label = lambda v: f"第{v.number}版({v.get_status_display()})"  # noqa: E731
        for name in ("old", "new"):
            self.fields[name].label_from_instance = label
            self.fields[name].empty_label = "请选择版本"
