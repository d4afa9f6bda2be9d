"""Figures the pages and the scenarios print, computed over the stored lists."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from quanze.duties.models import (
    ClaimConfirmation,
    CooperatingDepartment,
    DutyEntry,
    DutyVersion,
    InstructionStep,
    ResponsibilityItem,
)
from quanze.duties.models.dutylist import DutyClass


@dataclass
class ListReport:
    matters: int
    with_primary: int
    with_cooperating: int
    all_townships: int
    named_townships: int
    with_co_departments: int
    with_instructions: int
    confirmed: int
    by_field: list = field(default_factory=list)  # (field, matters)
    by_department: list = field(default_factory=list)  # (department, matters)


def list_report(version) -> ListReport:
    """One version of a territorial list: how many matters, who leads, who cooperates."""
    Scope = ResponsibilityItem.Scope
    items = ResponsibilityItem.objects.filter(version=version).annotate(
        has_co=Exists(CooperatingDepartment.objects.filter(item=OuterRef("pk"))),
        has_steps=Exists(InstructionStep.objects.filter(item=OuterRef("pk"))),
        was_confirmed=Exists(ClaimConfirmation.objects.filter(item=OuterRef("pk"), confirmed=True)),
    )
    cooperating = Q(township_scope__in=[Scope.ALL, Scope.NAMED]) | Q(has_co=True)
    totals = items.aggregate(
        matters=Count("pk"),
        with_primary=Count("pk", filter=Q(primary_department__isnull=False)),
        with_cooperating=Count("pk", filter=cooperating),
        all_townships=Count("pk", filter=Q(township_scope=Scope.ALL)),
        named_townships=Count("pk", filter=Q(township_scope=Scope.NAMED)),
        with_co_departments=Count("pk", filter=Q(has_co=True)),
        with_instructions=Count("pk", filter=Q(has_steps=True)),
        confirmed=Count("pk", filter=Q(was_confirmed=True)),
    )
    by_field = list(
        ResponsibilityItem.objects.filter(version=version)
        .values_list("matter__field__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "matter__field__name")
    )
    by_department = list(
        ResponsibilityItem.objects.filter(version=version)
        .values_list("primary_department__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "primary_department__name")
    )
    return ListReport(**totals, by_field=by_field, by_department=by_department)


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
