"""Forms of the loop's actions (page and API): they validate input; services do the writing.
The API validates its JSON with the same forms, so both say the same thing."""

from django import forms
from django.utils import timezone

from quanze.dispatch.events.selectors import county_matters
from quanze.dispatch.intake.forms import MatterPicker
from quanze.org.models import Department


class DispatchForm(forms.Form):
    township_task = forms.CharField(
        label="要求属地乡镇(街道)配合的工作(可不填)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EmptyForm(forms.Form):
    pass


class MatterForm(forms.Form):
    matter = forms.ModelChoiceField(None, label="事项", widget=MatterPicker)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = county_matters(event.county)
        # The system's first suggestion comes pre-selected; the clerk confirms or changes it.
        if not event.matter_id and event.suggestions:
            self.fields["matter"].initial = event.suggestions[0]["matter_id"]
        elif event.matter_id:
            self.fields["matter"].initial = event.matter_id


class HandleForm(forms.Form):
    result = forms.CharField(label="办理结果", widget=forms.Textarea(attrs={"rows": 3}))


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="满意度评分", coerce=int, choices=[(i, f"{i}分") for i in range(5, 0, -1)]
    )
    satisfied = forms.TypedChoiceField(
        label="是否满意",
        coerce=lambda v: v in ("1", "true", True),
        choices=[("1", "满意,确认办结"), ("0", "不满意,退回重办")],
    )
    comment = forms.CharField(
        label="评价意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class WhistleForm(forms.Form):
    """Up to three summoned departments, each with its own deadline."""

    reason = forms.CharField(label="吹哨事由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(division_id=event.county_id)
        default = (timezone.localtime() + timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        for i in (1, 2, 3):
            self.fields[f"department_{i}"] = forms.ModelChoiceField(
                departments, label=f"召集部门{i}", required=(i == 1)
            )
            self.fields[f"due_{i}"] = forms.DateTimeField(
                label=f"报到时限{i}",
                required=False,
                initial=default,
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
            )

    def clean(self):
        data = super().clean()
        summons = []
        for i in (1, 2, 3):
            department, due = data.get(f"department_{i}"), data.get(f"due_{i}")
            if department and not due:
                self.add_error(f"due_{i}", f"请填写「{department}」的报到时限")
            elif department:
                summons.append((department, due))
        data["summons"] = summons
        return data
