"""Forms of disputes (page and API): the send-back citing the list, the note of a dispute or a
fallback, and the ruling: who must act, and optionally the correction of the territorial
list for the disputed matter (fields `correct_*`; empty ones stay as the list says). The
ruling form shows the matter's current entry so the office sees what it corrects."""

from django import forms

from quanze.dispatch.events.selectors import county_matters
from quanze.duties.corrections.selectors import current_item
from quanze.duties.corrections.services import Correction
from quanze.duties.models import ResponsibilityItem
from quanze.duties.territorial.selectors import ITEM_LABELS, item_data
from quanze.org.models import Department, Division

NOT_OURS = "不是本县部门或不存在"
# Form field -> Correction attribute.
CORRECTION_FIELDS = {
    "correct_primary_department": "primary_department",
    "correct_primary_duty": "primary_duty",
    "correct_fallback_department": "fallback_department",
    "correct_add_co_department": "add_co_department",
    "correct_add_co_duty": "add_co_duty",
    "correct_remove_co_department": "remove_co_department",
    "correct_township_scope": "township_scope",
    "correct_townships": "townships",
    "correct_township_duty": "township_duty",
    "correct_basis": "basis",
    "correct_effective_date": "effective_date",
    "correct_document_number": "document_number",
}


class SendBackForm(forms.Form):
    matter = forms.ModelChoiceField(None, label="引用清单事项", required=False)
    version_id = forms.IntegerField(label="引用清单版本", required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = county_matters(event.county)
        self.fields["version_id"].initial = (event.routing or {}).get("version_id")


class NoteForm(forms.Form):
    reason = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}))


def _text(label):
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _department(label):
    return forms.ModelChoiceField(
        Department.objects.none(),
        label=label,
        required=False,
        error_messages={"invalid_choice": NOT_OURS},
    )


class RuleForm(forms.Form):
    responsible = forms.ModelChoiceField(
        Department.objects.none(),
        label="裁定责任部门",
        required=False,
        empty_label="按清单由兜底部门办理(更正清单时按更正后的清单)",
    )
    matter = forms.ModelChoiceField(None, label="更正事项", required=False)
    ruling = forms.CharField(label="裁定意见", widget=forms.Textarea(attrs={"rows": 2}))
    list_corrected = forms.BooleanField(label="已另行在清单页面修正清单", required=False)
    correct_primary_department = _department("更正主体责任部门")
    correct_primary_duty = _text("更正主体责任内容")
    correct_fallback_department = _department("更正兜底牵头部门")
    correct_add_co_department = _department("增加配合部门")
    correct_add_co_duty = forms.CharField(label="增加的配合部门责任", required=False)
    correct_remove_co_department = _department("移除配合部门")
    correct_township_scope = forms.ChoiceField(
        label="更正配合乡镇(街道)",
        required=False,
        choices=[("", "不变"), *ResponsibilityItem.Scope.choices],
    )
    correct_townships = forms.ModelMultipleChoiceField(
        Division.objects.none(), label="指定配合乡镇(街道)", required=False
    )
    correct_township_duty = _text("更正乡镇(街道)配合责任")
    correct_basis = _text("更正依据")
    correct_effective_date = forms.DateField(
        label="更正生效日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    correct_document_number = forms.CharField(label="更正文号", max_length=100, required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(division_id=event.county_id)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and "department" in name:
                field.queryset = departments
        # The office may rule that the township's own team must act (the township leads).
        self.fields["responsible"].queryset = Department.objects.filter(
            division_id__in=(event.county_id, event.township_id)
        )
        self.fields["matter"].queryset = county_matters(event.county)
        self.fields["correct_townships"].queryset = Division.objects.filter(
            parent_id=event.county_id, level=Division.Level.TOWNSHIP
        )
        self.event = event

    def current_entry(self):
        """The disputed matter's entry in the version in force: (version, [(label, value)])."""
        item = current_item(county=self.event.county, matter=self.event.matter)
        if item is None:
            return None
        data = item_data(item)
        return item.version, [(ITEM_LABELS[k], data[k]) for k in ITEM_LABELS]

    def clean(self):
        data = super().clean()
        given = {}
        for name, attribute in CORRECTION_FIELDS.items():
            value = data.get(name)
            if name == "correct_townships":
                value = list(value or [])
            if value not in (None, "", []):
                given[attribute] = value
        # A correction is stated when any of its fields is filled; the service refuses one
        # that changes nothing or lacks its effective date.
        data["correction"] = Correction(**given) if given else None
        return data
