"""Forms of the agreement pages: validate input, nothing else."""

from django import forms

from quanze.delegation.agreements.models import AgreementTemplate


class TemplateForm(forms.Form):
    name = forms.CharField(label="模板名称", max_length=200)
    file = forms.FileField(
        label="模板文件(.docx)",
        help_text="可用占位符:{乡镇} {县} {文号} {会议日期} {生效日期} {方式} {罚没款返还比例} {事项数};"
        "{事项清单} 须单独成段,生成时替换为事项表。",
    )


class GenerateForm(forms.Form):
    template = forms.ModelChoiceField(
        label="协议模板", queryset=None, required=False, empty_label="默认模板"
    )

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = AgreementTemplate.objects.filter(county=county)
