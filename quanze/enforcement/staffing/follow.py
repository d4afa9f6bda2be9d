"""编随事走 on a delegation decision: the posts that should follow its items.

For each department whose powers the decision delegates: how many of its items it
delegates out of all its items, its approved posts, the reference figure of posts that
should follow (`rules.follow_posts`) and the posts it has sunk to the decision's
townships; for each township named, its certified officers against the items it holds
(the staffing report's rows)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Sum

from quanze.catalog.models import Power
from quanze.enforcement.staffing import rules
from quanze.enforcement.staffing.models import PostSinking, StaffingQuota
from quanze.enforcement.staffing.report import StaffingReport, staffing_report


@dataclass
class DepartmentFollow:
    id: int
    name: str
    delegated: int
    total: int
    approved: int
    sunk: int

    @property
    def follow(self) -> int:
        return rules.follow_posts(self.approved, self.delegated, self.total)

    @property
    def short(self) -> int:
        """Posts that should follow and have not been sunk yet (0 when enough were)."""
        return max(self.follow - self.sunk, 0)


def decision_posts(
    decision, *, on: date, township_ids=None, minimum: int = rules.MINIMUM_OFFICERS
) -> tuple[list[DepartmentFollow], StaffingReport]:
    county = decision.batch.project.county
    townships = list(decision.townships.values_list("pk", flat=True))
    if township_ids is not None:
        townships = [t for t in townships if t in set(township_ids)]
    delegated = {
        r["item__power__department_id"]: (r["item__power__department__name"], r["n"])
        for r in decision.items.filter(item__power__department__isnull=False)
        .values("item__power__department_id", "item__power__department__name")
        .annotate(n=Count("item__power_id", distinct=True))
    }
    ids = list(delegated)
    totals = dict(
        Power.objects.filter(department_id__in=ids)
        .values("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )
    approved = dict(
        StaffingQuota.objects.filter(department_id__in=ids)
        .values("department_id")
        .annotate(n=Sum("approved"))
        .values_list("department_id", "n")
    )
    sunk = dict(
        PostSinking.objects.filter(department_id__in=ids, township_id__in=townships)
        .values("department_id")
        .annotate(n=Sum("count"))
        .values_list("department_id", "n")
    )
    rows = [
        DepartmentFollow(
            pk, name, n, max(totals.get(pk, 0), n), approved.get(pk) or 0, sunk.get(pk) or 0
        )
        for pk, (name, n) in sorted(delegated.items(), key=lambda kv: kv[1][0])
    ]
    report = staffing_report(
        county, on=on, minimum=minimum, township_ids=townships, department_ids=ids
    )
    return rows, report
