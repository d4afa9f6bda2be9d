"""Claims at province scale for benchmarks: every township's claims of the generated plan.

`quanze generate` writes the province plan (divisions, guiding catalog, township
lists); this writes the same plan's claims (quanze.catalog.demo.province._claims)
as one claim window over the guiding catalog with a row per township and item,
submitted and accepted. Bulk inserts only, like the fabricator: a data generator
for benchmarks, not a service.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from quanze.catalog.demo.province import GUIDING_NAME, PROVINCE, Plan
from quanze.catalog.models import CatalogEntry, CatalogVersion
from quanze.core import bulk
from quanze.delegation.claims.models import Claim, ClaimWindow
from quanze.org.models import Division, User

WINDOW_TITLE = "全省乡镇(街道)赋权事项认领(生成数据)"
CLAIMED, REFUSED = "具备承接条件,按需认领", "暂不具备承接条件"
BATCH = 50_000


@transaction.atomic
def generate_claims(plan: Plan, progress: Callable[[str, int], None] | None = None) -> ClaimWindow:
    progress = progress or (lambda step, n: None)
    province = Division.objects.get(code=PROVINCE[0])
    version = CatalogVersion.objects.get(
        catalog__owner=province, catalog__name=GUIDING_NAME, status=CatalogVersion.Status.PUBLISHED
    )
    entries = dict(CatalogEntry.objects.filter(version=version).values_list("position", "id"))
    if len(entries) != len(plan.items):
        raise ValueError("指导目录事项数与生成计划不一致;请用同样的 --items 和 --seed")
    towns = dict(
        Division.objects.filter(
            level=Division.Level.TOWNSHIP, code__startswith=PROVINCE[0][:2]
        ).values_list("code", "id")
    )
    system, _ = User.objects.get_or_create(
        username="generator", defaults={"is_active": False, "display_name": "数据生成"}
    )
    now = timezone.now()
    window = ClaimWindow.objects.create(
        catalog_version=version, county=province, title=WINDOW_TITLE,
        deadline=now, status=ClaimWindow.Status.CLOSED, opened_by=system, opened_at=now,
    )  # fmt: skip
    through = ClaimWindow.townships.through
    through.objects.bulk_create(
        [through(claimwindow_id=window.pk, division_id=towns[u.code]) for u in plan.townships],
        batch_size=5000,
    )
    basic = {i for i, item in enumerate(plan.items) if item.set_kind == "basic"}
    rows, written = [], 0
    for unit, claimed in zip(plan.townships, plan.claims, strict=True):
        taken = set(claimed)
        township_id = towns[unit.code]
        for i in range(len(plan.items)):
            yes = i in taken
            rows.append(
                Claim(
                    window_id=window.pk,
                    township_id=township_id,
                    entry_id=entries[i + 1],
                    claimed=yes,
                    reason="" if i in basic else CLAIMED if yes else REFUSED,
                    status=Claim.Status.ACCEPTED,
                    office_comment="",
                    updated_at=now,
                    row_version=2,
                )  # fmt: skip
            )
        if len(rows) >= BATCH:
            written += _flush(rows)
            rows = []
            progress("claims", written)
    written += _flush(rows)
    progress("claims", written)
    return window


def _flush(rows: list[Claim]) -> int:
    bulk.insert(
        Claim, rows,
        ["window", "township", "entry", "claimed", "reason", "status", "office_comment",
         "updated_at", "row_version"],
    )  # fmt: skip
    return len(rows)
