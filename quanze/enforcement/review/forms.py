"""Input checks of the review pages."""

from django import forms

from quanze.enforcement.review.models import ScoreSheet

KIND_WORDS = {"否决": ("veto", ""), "形式": ("deduction", "form"), "内容": ("deduction", "content")}


class RoundForm(forms.Form):
    title = forms.CharField(label="名称", max_length=100)
    period_start = forms.DateField(label="结案日期自")
    period_end = forms.DateField(label="结案日期至")
    per_unit = forms.IntegerField(label="每单位抽取件数", min_value=1, max_value=100, initial=3)
    seed = forms.IntegerField(
        label="随机种子",
        required=False,
        min_value=0,
        help_text="留空则随机生成并记录;同一种子抽样结果相同",
    )
    sheet = forms.ModelChoiceField(
        label="评查标准", queryset=ScoreSheet.objects.none(), required=False
    )

    def __init__(self, *args, sheets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sheets is not None:
            self.fields["sheet"].queryset = sheets


class SheetForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    form_points = forms.IntegerField(label="形式分", min_value=0, max_value=100, initial=20)
    content_points = forms.IntegerField(label="内容分", min_value=0, max_value=100, initial=80)
    items = forms.CharField(
        label="评查项目",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="每行一项:否决|内容[|自动检查] 或 形式|分值|内容[|自动检查] 或 内容|分值|内容[|自动检查]",
    )

    def clean_items(self):
        rows = []
        lines = [line.strip() for line in self.cleaned_data["items"].splitlines()]
        for number, line in enumerate((x for x in lines if x), start=1):
            parts = [p.strip() for p in line.split("|")]
            if parts[0] not in KIND_WORDS:
                raise forms.ValidationError(f"第{number}行:应以“否决”“形式”或“内容”开头")
            kind, part = KIND_WORDS[parts[0]]
            if kind == "veto":
                text, check = (parts[1:] + ["", ""])[:2]
                rows.append({"kind": kind, "part": "", "points": 0, "text": text, "check": check})
            else:
                points, text, check = (parts[1:] + ["", "", ""])[:3]
                rows.append(
                    {"kind": kind, "part": part, "points": points, "text": text, "check": check}
                )
        return rows
