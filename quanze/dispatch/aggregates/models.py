"""The measures kept up to date with the events (issue 16): per department and day, the counts
the measures add up and a histogram of the times to accept and to handle; per department and
month, the same counts and every time of the month in its bin, packed in one row.

Written in the same transaction as the assignment or event they come from
(`quanze.dispatch.aggregates.services.kept`), rebuilt set-based from the raw rows by
`quanze measures_rebuild`. The day is the assignment's day in the project's time zone.

Times are kept in 36-second bins centred on whole hundredths of an hour: bin b holds the
seconds s with (s + 18) // 36 == b, and stands for b * 36 seconds, that is b / 100 hours,
the value the measures show (hours to two decimals). A percentile read from the bins is the
bin of the raw nearest-rank value, so it shows the same hours."""

import struct

from django.db import models

from quanze.org.models import Department

BIN_SECONDS = 36


def bin_of(seconds: int) -> int:
    """The bin of a duration, as the database computes it: (s + 18) / 36 in integer division,
    which truncates toward zero on SQLite and PostgreSQL alike."""
    value = seconds + BIN_SECONDS // 2
    return value // BIN_SECONDS if value >= 0 else -(-value // BIN_SECONDS)


def pack(bins) -> bytes:
    """Bins as 32-bit little-endian integers, in the order given."""
    return struct.pack(f"<{len(bins)}i", *bins)


def unpack(data: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(data) // 4}i", data)


class MeasureCounts(models.Model):
    """The counts the measures add up, kept per day (`MeasuresDay`) and per month
    (`MeasuresMonth`) of one department's lead assignments (primary, fallback)."""

    dispatched = models.IntegerField("派发", default=0)
    accepted_in_time = models.IntegerField("按时接收", default=0)
    resolved = models.IntegerField("解决", default=0)
    rated = models.IntegerField("评价", default=0)
    satisfied = models.IntegerField("满意", default=0)
    rating_n = models.IntegerField("评分次数", default=0)
    rating_sum = models.IntegerField("评分合计", default=0)
    sent_back = models.IntegerField("退回", default=0)
    fallback_acted = models.IntegerField("兜底", default=0)

    COUNTS = (
        "dispatched",
        "accepted_in_time",
        "resolved",
        "rated",
        "satisfied",
        "rating_n",
        "rating_sum",
        "sent_back",
        "fallback_acted",
    )

    class Meta:
        abstract = True


class MeasuresDay(MeasureCounts):
    """The counts of one department's lead assignments (primary, fallback) of one day."""

    department = models.ForeignKey(
        Department, verbose_name="部门", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField("派发日期")

    class Meta:
        verbose_name = verbose_name_plural = "考评日计数"
        constraints = [
            models.UniqueConstraint(fields=["department", "day"], name="measures_day_unique")
        ]
        indexes = [models.Index(fields=["day"], name="measures_day_day")]

    def __str__(self) -> str:
        return f"{self.department_id} {self.day}"


class DurationBin(models.Model):
    """How many of one department's lead assignments of one day took a time in one bin."""

    class Kind(models.TextChoices):
        ACCEPT = "accept", "接收用时"
        HANDLE = "handle", "办结用时"

    department = models.ForeignKey(
        Department, verbose_name="部门", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField("派发日期")
    kind = models.CharField("用时类型", max_length=8, choices=Kind.choices)
    bin = models.IntegerField("分箱(36秒)")
    n = models.IntegerField("件数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "考评用时分布"
        constraints = [
            models.UniqueConstraint(
                fields=["department", "day", "kind", "bin"], name="duration_bin_unique"
            )
        ]
        indexes = [models.Index(fields=["day"], name="duration_bin_day")]

    def __str__(self) -> str:
        return f"{self.department_id} {self.day} {self.kind} {self.bin}"


class MeasuresMonth(MeasureCounts):
    """One department's month (the first day of the month stands for it): the counts of its
    days added up, and every accept and handle time of the month as its bin, sorted and
    packed (`pack`). At one to a few assignments per department and day the bins hardly
    merge, so a histogram row per bin would be about one row per time; a packed row holds
    the month's some hundred times in one read."""

    department = models.ForeignKey(
        Department, verbose_name="部门", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField("派发月份")
    accept_bins = models.BinaryField("接收用时分箱", default=b"")
    handle_bins = models.BinaryField("办结用时分箱", default=b"")

    class Meta:
        verbose_name = verbose_name_plural = "考评月汇总"
        constraints = [
            models.UniqueConstraint(fields=["department", "month"], name="measures_month_unique")
        ]
        indexes = [models.Index(fields=["month"], name="measures_month_month")]

    def __str__(self) -> str:
        return f"{self.department_id} {self.month}"
