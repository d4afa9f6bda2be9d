"""The upload form of an import."""

from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 或 CSV 文件")
    create_departments = forms.BooleanField(label="自动新建部门", required=False)
    mode = forms.ChoiceField(
        label="导入方式",
        choices=[
            ("merge", "新增/更新:新增和修改文件中的事项,目录中其他事项保留"),
            ("replace", "替换:目录只保留文件中的事项,其余事项移出"),
        ],
        initial="merge",
        required=False,
        widget=forms.RadioSelect,
    )
    update_shared = forms.BooleanField(
        label="同时修改其他目录中的事项和事项的实施部门(仅编办,须核对预检中列出的目录)",
        required=False,
    )

    def clean_mode(self):
        return self.cleaned_data.get("mode") or "merge"
