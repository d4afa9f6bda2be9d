"""Forms of the project pages: input checks only."""

from django import forms

from quanze.catalog.models import CatalogVersion
from quanze.org.models import Division
from quanze.org.roles import code_prefix

DATE = forms.DateInput(attrs={"type": "date"})


class ProjectForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=200)
    catalog_version = forms.ModelChoiceField(
        label="目录版本", queryset=CatalogVersion.objects.none()
    )
    townships = forms.ModelMultipleChoiceField(
        label="涉及乡镇(街道)",
        queryset=Division.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    started_on = forms.DateField(label="开始日期", widget=DATE)
    due_on = forms.DateField(label="计划完成日期", widget=DATE, required=False)
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        prefix = code_prefix(county)
        self.fields["catalog_version"].queryset = CatalogVersion.objects.filter(
            catalog__owner__code__startswith=prefix, status=CatalogVersion.Status.PUBLISHED
        ).select_related("catalog")
        self.fields["townships"].queryset = Division.objects.filter(
            code__startswith=prefix, level=Division.Level.TOWNSHIP
        )
