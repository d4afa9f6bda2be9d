"""Claim windows: the office opens claiming over a catalog version with basic and
optional sets, and closes it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.catalog.models import CatalogVersion
from quanze.core import bulk
from quanze.core.errors import refuses_control_chars
from quanze.core.history import record_change
from quanze.delegation.claims.models import Claim, ClaimWindow
from quanze.delegation.claims.rows import BASIC, OFFICE_ONLY, OPTIONAL, Status, aware
from quanze.delegation.eventlog.services import log
from quanze.delegation.permissions import require_office
from quanze.org.models import Division


@transaction.atomic
@refuses_control_chars(title="名称")
def window_open(
    *,
    by,
    county: Division,
    catalog_version: CatalogVersion,
    title: str,
    deadline,
    townships: list[Division],
    project=None,
) -> ClaimWindow:
    """Open claiming: one row per township and entry; basic items start claimed."""
    require_office(by, county.pk, OFFICE_ONLY)
    now = timezone.now()
    if catalog_version.status != CatalogVersion.Status.PUBLISHED:
        raise ValidationError({"catalog_version": "目录版本:只能对已发布的目录版本开展认领"})
    entries = list(catalog_version.entries.values_list("id", "set_kind"))
    if not any(kind == BASIC for _, kind in entries) and not any(
        kind == OPTIONAL for _, kind in entries
    ):
        raise ValidationError({"catalog_version": "目录版本:没有划分基本盘和自选盘,无法认领"})
    unsorted = sum(1 for _, kind in entries if kind not in (BASIC, OPTIONAL))
    if unsorted:
        raise ValidationError({"catalog_version": f"目录版本:有{unsorted}项未划分基本盘或自选盘"})
    deadline = aware(deadline)
    if deadline <= now:
        raise ValidationError({"deadline": "认领截止时间:应晚于当前时间"})
    if not (title or "").strip():
        raise ValidationError({"title": "名称:不能为空"})
    if not townships:
        raise ValidationError({"townships": "认领乡镇(街道):至少选择一个"})
    outside = [t.name for t in townships if not t.is_township or t.parent_id != county.pk]
    if outside:
        raise ValidationError(
            {"townships": f"认领乡镇(街道):{'、'.join(outside)}不属于{county.name}"}
        )
    window = ClaimWindow.objects.create(
        project=project,
        catalog_version=catalog_version,
        county=county,
        title=title.strip(),
        deadline=deadline,
        opened_by=by,
        opened_at=now,
    )
    window.townships.set(townships)
    rows = [
        Claim(
            window_id=window.pk,
            township_id=t.pk,
            entry_id=entry_id,
            claimed=True if kind == BASIC else None,
            status=Status.DRAFT,
            row_version=1,
        )
        for t in townships
        for entry_id, kind in entries
    ]
    bulk.insert(
        Claim,
        rows,
        [
            "window",
            "township",
            "entry",
            "claimed",
            "reason",
            "status",
            "office_comment",
            "row_version",
        ],
    )
    log(
        window,
        by=by,
        from_state="",
        to_state=ClaimWindow.Status.OPEN,
        project=project,
        reason=f"{len(townships)}个乡镇(街道),{len(entries)}项,截止{timezone.localtime(deadline):%Y-%m-%d %H:%M}",
    )
    record_change(
        window,
        action="create",
        actor=by,
        after={
            "title": window.title,
            "catalog_version": str(catalog_version),
            "deadline": deadline.isoformat(),
            "townships": len(townships),
            "entries": len(entries),
        },
    )
    return window


@transaction.atomic
@refuses_control_chars(reason="理由")
def window_close(*, by, window: ClaimWindow, reason: str = "") -> ClaimWindow:
    require_office(by, window.county_id, OFFICE_ONLY)
    window = ClaimWindow.objects.select_for_update().get(pk=window.pk)
    if window.status != ClaimWindow.Status.OPEN:
        raise ValidationError("认领已截止,不能重复截止")
    window.status = ClaimWindow.Status.CLOSED
    window.save(update_fields=["status"])
    log(
        window,
        by=by,
        from_state=ClaimWindow.Status.OPEN,
        to_state=ClaimWindow.Status.CLOSED,
        reason=reason or "截止认领",
        project=window.project,
    )
    record_change(
        window,
        action="close",
        actor=by,
        before={"status": ClaimWindow.Status.OPEN},
        after={"status": ClaimWindow.Status.CLOSED},
        reason=(reason or "")[:500],
    )
    return window
