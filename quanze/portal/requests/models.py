"""A citizen's request: the public face of one dispatch event. The event holds the text,
place, photos and the reporter's name and phone (where dispatch keeps them); this row
holds what the portal needs besides: the public tracking number, the digest of the
citizen's private key (to rate the result) and the digest used to spot duplicates."""

from django.db import models


class CitizenRequest(models.Model):
    class Channel(models.TextChoices):
        WEB = "web", "网上表单"
        OPEN311 = "open311", "Open311接口"

    number = models.CharField("受理编号", max_length=16, unique=True)
    event = models.OneToOneField(
        "dispatch.Event", on_delete=models.PROTECT, related_name="citizen_request"
    )
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    key_digest = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "群众诉求"
        indexes = [models.Index(fields=["fingerprint", "created_at"], name="request_fingerprint")]

    def __str__(self) -> str:
        return self.number
