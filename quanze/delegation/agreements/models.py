"""Entrustment agreement templates of a county, and the agreements generated from them."""

from django.conf import settings
from django.db import models

from quanze.delegation.decisions.models import Decision
from quanze.org.models import Division


class AgreementTemplate(models.Model):
    """An office-editable .docx template for entrustment agreements (委托协议)."""

    county = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("模板名称", max_length=200)
    file_name = models.CharField("文件名", max_length=255)
    content = models.BinaryField("模板文件")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["county", "name"]
        verbose_name = "协议模板"
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="agreement_template_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Agreement(models.Model):
    """One generated agreement per decision and township."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="agreements")
    township = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(
        AgreementTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField("文件名", max_length=255)
    content = models.BinaryField("协议文件")
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField("生成时间")

    class Meta:
        ordering = ["decision", "township__code"]
        verbose_name = "委托协议"
        constraints = [
            models.UniqueConstraint(fields=["decision", "township"], name="agreement_unique"),
        ]

    def __str__(self) -> str:
        return self.file_name
