"""Figures of one territorial list version the pages and the scenarios print, computed
over the stored list."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from quanze.duties.territorial.models import (
    ClaimConfirmation,
    CooperatingDepartment,
    InstructionStep,
    ResponsibilityItem,
)


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
    township_primary: int = 0  # matters the townships lead in their own area


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
        township_primary=Count("pk", filter=Q(township_primary=True)),
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
