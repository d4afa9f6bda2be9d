"""Figures of the township duty lists the pages, the API and the scenarios print: entries
by class per version, and per township of a county with the averages."""

from dataclasses import dataclass

from django.db.models import Count

from quanze.duties.dutylists.models import DutyClass, DutyEntry, DutyVersion

CLASSES = [DutyClass.BASIC, DutyClass.COOPERATING, DutyClass.RETURNED, DutyClass.NEW]


def duty_counts(version: DutyVersion) -> dict:
    """Entries of one duty-list version by class (every class present, zero if none)."""
    rows = dict(
        DutyEntry.objects.filter(version=version).values_list("duty_class").annotate(n=Count("pk"))
    )
    return {c.value: rows.get(c.value, 0) for c in CLASSES}


@dataclass
class DutyReport:
    townships: list  # (township, version, counts)
    averages: dict  # class -> average over the townships
    totals: dict


def duty_report(*, county, pilot_only=False) -> DutyReport:
    """Published duty lists of a county's townships (the current version of each): the
    count of each class per township and the averages, in one aggregate query."""
    versions = DutyVersion.objects.filter(
        duty_list__township__parent=county, status=DutyVersion.Status.PUBLISHED
    ).select_related("duty_list__township")
    if pilot_only:
        versions = versions.filter(duty_list__township__pilot=True)
    versions = {v.pk: v for v in versions}
    counts: dict[int, dict] = {pk: {c.value: 0 for c in CLASSES} for pk in versions}
    for version_id, duty_class, n in (
        DutyEntry.objects.filter(version_id__in=list(versions))
        .values_list("version_id", "duty_class")
        .annotate(n=Count("pk"))
    ):
        counts[version_id][duty_class] = n
    rows = sorted(
        ((v.duty_list.township, v, counts[pk]) for pk, v in versions.items()),
        key=lambda row: row[0].code,
    )
    totals = {c.value: sum(r[2][c.value] for r in rows) for c in CLASSES}
    averages = {c: (round(totals[c] / len(rows), 1) if rows else 0) for c in totals}
    return DutyReport(townships=rows, averages=averages, totals=totals)
