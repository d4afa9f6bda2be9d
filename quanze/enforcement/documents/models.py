"""A county's replacement of a default document template (格式文书模板)."""

from django.conf import settings
from django.db import models

from quanze.enforcement.documents.kinds import BY_CODE
from quanze.org.models import Division


class DocumentTemplate(models.Model):
    """The .docx a county uses for one kind of document instead of the default
    (`defaults.py`); removing it brings the default back."""

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("文书种类", max_length=40)
    content = models.BinaryField("模板文件")
    file_name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小(字节)")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now=True)
    row_version = models.PositiveIntegerField("版本号", default=1)

    class Meta:
        ordering = ["county", "kind"]
        verbose_name = "文书模板"
        constraints = [
            models.UniqueConstraint(fields=["county", "kind"], name="document_template_unique")
        ]

    def __str__(self) -> str:
        kind = BY_CODE.get(self.kind)
        return f"{self.county}:{kind.name if kind else self.kind}模板"
