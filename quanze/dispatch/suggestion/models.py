"""A county's own vocabulary: words its citizens use for a matter, kept by the office."""

from django.conf import settings
from django.db import models


class VocabularyTerm(models.Model):
    """「叫卖」 means 占道经营管理 in this county: the words join the matter's label in the
    county's suggestion index (quanze.dispatch.suggestion.selectors)."""

    county = models.ForeignKey(
        "org.Division", on_delete=models.PROTECT, related_name="+", verbose_name="县(市、区)"
    )
    words = models.CharField("群众说法", max_length=100)
    matter = models.ForeignKey(
        "duties.Matter", on_delete=models.PROTECT, related_name="+", verbose_name="事项"
    )
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="录入人"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "群众说法词表"
        constraints = [
            models.UniqueConstraint(
                fields=["county", "words", "matter"], name="vocabulary_term_unique"
            )
        ]
        indexes = [models.Index(fields=["county", "matter"])]

    def __str__(self) -> str:
        return f"「{self.words}」→{self.matter}"
