"""Forms of the power register's pages: they validate input; services do the writing."""

from datetime import datetime

from django import forms

from quanze.catalog.catalogs.layout import POWER_KEYS
from quanze.catalog.catalogs.models import CatalogEntry, CatalogVersion
from quanze.catalog.catalogs.selectors import versions_readable
from quanze.catalog.powers.models import Field, Power, PowerType
from quanze.catalog.powers.selectors import PowerFilter
from quanze.org.models import Department
from quanze.org.selectors import departments_visible


class PowerFilterForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=100)
    power_type = forms.ModelChoiceField(
        PowerType.objects.all(), label="职权类型", required=False, empty_label="全部类型"
    )
    field = forms.ModelChoiceField(
        Field.objects.all(), label="领域", required=False, empty_label="全部领域"
    )
    department = forms.ModelChoiceField(
        Department.objects.none(), label="实施部门", required=False, empty_label="全部部门"
    )
    version = forms.ModelChoiceField(
        CatalogVersion.objects.none(), label="目录版本", required=False, empty_label="全部事项"
    )
    set_kind = forms.ChoiceField(
        label="盘类",
        required=False,
        choices=[("", "全部")] + [(k.value, k.label) for k in CatalogEntry.SetKind if k.value],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_visible(user)
        self.fields["version"].queryset = (
            versions_readable(user).select_related("catalog").order_by("catalog__name", "-number")
        )

    def clean(self):
        data = super().clean()
        if data.get("set_kind") and not data.get("version"):
            self.add_error("set_kind", "按盘类筛选时请先选择目录版本")
        return data

    def to_filter(self) -> PowerFilter:
        data = self.cleaned_data

        def pk(name):
            return data[name].pk if data.get(name) else None

        return PowerFilter(
            q=data.get("q", "").strip(),
            power_type=pk("power_type"),
            field=pk("field"),
            department=pk("department"),
            version=pk("version"),
            set_kind=data.get("set_kind", ""),
        )


# Every power field of the standard layout but the code, which identifies the power.
POWER_FORM_FIELDS = [key for key in POWER_KEYS if key != "code"]


class PowerForm(forms.Form):
    """Edits a power's working copy; `updated_at` carries the version the user saw."""

    updated_at = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label="修改说明", required=False, max_length=500)

    def __init__(self, *args, power: Power, **kwargs):
        super().__init__(*args, **kwargs)
        fields = forms.fields_for_model(Power, fields=POWER_FORM_FIELDS)
        for name in POWER_FORM_FIELDS:
            self.fields[name] = fields[name]
        self.fields["department"].queryset = Department.objects.filter(
            division__in=[power.owner_id, power.owner.parent_id]
        )
        for name in ("legal_basis", "duties", "duties_basis", "accountability", "notes"):
            self.fields[name].widget.attrs["rows"] = 4
        self.order_fields([*POWER_FORM_FIELDS, "reason", "updated_at"])

    @staticmethod
    def initial_for(power: Power) -> dict:
        initial = {name: getattr(power, name) for name in POWER_FORM_FIELDS}
        initial["updated_at"] = power.updated_at.isoformat()
        return initial

    def clean_updated_at(self):
        try:
            return datetime.fromisoformat(self.cleaned_data["updated_at"])
        except ValueError:
            raise forms.ValidationError("页面已过期,请刷新后重试") from None

    def changes(self) -> dict:
        """The submitted values; browsers send textarea lines ending in CRLF, stored text
        ends them in LF, so normalise or every multi-line field would look changed."""
        data = {name: self.cleaned_data[name] for name in POWER_FORM_FIELDS}
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = value.replace("\r\n", "\n")
        return data
