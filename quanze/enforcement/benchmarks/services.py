"""Writes of the discretion benchmarks, and their application to a case's step.

The justice bureau creates a benchmark, imports its table into a draft (all or nothing),
publishes the draft with an effective date (the version before it becomes superseded from
that date) and starts the next draft from the last version. Published versions never
change, so the rows a case applied stay as they were. Every write is recorded.

`apply_to_step` is what the case's 告知 and 决定 steps call: it finds the version in force
on the step's date, proposes the tier and range for the conditions the officer found,
compares the penalty with it, refuses a departure without a reason (naming the field),
and records the application (version, rows, proposal, reason) against the case.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from quanze.core.errors import Forbidden, refuses_control_chars, validate_model
from quanze.core.history import model_state, record_change
from quanze.core.notices import Kind, notify, unit_users
from quanze.enforcement.benchmarks import rules, selectors, xlsx
from quanze.enforcement.benchmarks.models import (
    Application,
    Benchmark,
    BenchmarkItem,
    BenchmarkRow,
    BenchmarkVersion,
)
from quanze.org.models import Department

Status = BenchmarkVersion.Status
FORBIDDEN = "只有本县(市、区)司法局可以制定裁量基准"


def _require_bureau(by, county_id) -> None:
    if not selectors.can_write(by, county_id):
        raise Forbidden(FORBIDDEN)


@transaction.atomic
def benchmark_create(*, by, name: str, field=None) -> Benchmark:
    """A new benchmark of the bureau's county, with an empty draft (version 1)."""
    county_id = getattr(by, "county_id", None)
    _require_bureau(by, county_id)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "名称:必填"})
    if Benchmark.objects.filter(county_id=county_id, name=name).exists():
        raise ValidationError({"name": f"名称:本县已有裁量基准「{name}」"})
    benchmark = Benchmark(county_id=county_id, name=name, field=field, created_by=by)
    validate_model(benchmark)
    benchmark.save()
    record_change(
        benchmark, action="create", actor=by, after=model_state(benchmark, ["name", "field"])
    )
    BenchmarkVersion.objects.create(benchmark=benchmark, number=1)
    return benchmark


def _copy_items(source: BenchmarkVersion, target: BenchmarkVersion) -> None:
    for item in source.items.prefetch_related("rows").order_by("position", "id"):
        rows = list(item.rows.all())
        item.pk, item.version = None, target
        item.save()
        for row in rows:
            row.pk, row.item = None, item
        BenchmarkRow.objects.bulk_create(rows)


@transaction.atomic
def version_draft(*, by, benchmark: Benchmark) -> BenchmarkVersion:
    """The next draft, starting from the latest version's items and rows."""
    benchmark = Benchmark.objects.select_for_update().get(pk=benchmark.pk)
    _require_bureau(by, benchmark.county_id)
    if benchmark.versions.filter(status=Status.DRAFT).exists():
        raise ValidationError({"version": "版本:已有草稿,请先发布或在草稿上修改"})
    latest = benchmark.versions.order_by("-number").first()
    number = (benchmark.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = BenchmarkVersion.objects.create(benchmark=benchmark, number=number)
    if latest is not None:
        _copy_items(latest, draft)
    record_change(
        draft,
        action="create",
        actor=by,
        after={"number": number, "from": latest.number if latest else None},
    )
    return draft


def _lock_draft(by, version: BenchmarkVersion) -> BenchmarkVersion:
    version = (
        BenchmarkVersion.objects.select_for_update(of=("self",))
        .select_related("benchmark")
        .get(pk=version.pk)
    )
    _require_bureau(by, version.benchmark.county_id)
    if not version.is_draft:
        raise ValidationError(
            {"version": f"版本:第{version.number}版已{version.get_status_display()},不能修改"}
        )
    return version


def _summary(version: BenchmarkVersion) -> dict:
    items = version.items.count()
    rows = BenchmarkRow.objects.filter(item__version=version).count()
    return {"items": items, "rows": rows, "source_file": version.source_file}


@transaction.atomic
def version_import(
    *, by, version: BenchmarkVersion, path, file_name: str, warnings: list[str] | None = None
) -> BenchmarkVersion:
    """Replace a draft's items and rows with the file's; all or nothing (ImportRejected
    names every bad cell and nothing is written). What the reader warns of (macros,
    external links, sheets skipped) is added to `warnings`."""
    version = _lock_draft(by, version)
    items = xlsx.parse(path, file_name, county=version.benchmark.county, warnings=warnings)
    before = _summary(version)
    version.items.all().delete()
    for item in items:
        stored = BenchmarkItem.objects.create(
            version=version,
            position=item.position,
            power=item.power,
            code=item.code,
            conduct=item.conduct,
            legal_basis=item.legal_basis,
            penalty_basis=item.penalty_basis,
        )
        BenchmarkRow.objects.bulk_create(
            [
                BenchmarkRow(
                    item=stored,
                    position=i,
                    sheet_row=row.sheet_row,
                    tier=row.tier,
                    tier_label=row.tier_label,
                    first_offence=row.first_offence,
                    conditions_text=row.conditions_text,
                    conditions=row.conditions,
                    match_all=row.match_all,
                    standard=row.standard_text,
                    kinds=list(row.standard.kinds),
                    amount_min=row.standard.amount_min,
                    amount_max=row.standard.amount_max,
                    multiple_min=row.standard.multiple_min,
                    multiple_max=row.standard.multiple_max,
                    base=row.standard.base,
                    cap=row.standard.cap,
                )
                for i, row in enumerate(item.rows, start=1)
            ]
        )
    version.source_file = file_name[:200]
    version.save(update_fields=["source_file"])
    record_change(
        version,
        action="import",
        actor=by,
        before=before,
        after=_summary(version),
        reason=f"导入{file_name}",
    )
    return version


@transaction.atomic
def version_publish(
    *, by, version: BenchmarkVersion, effective_date: date, document_number: str = ""
) -> BenchmarkVersion:
    """Publish a draft from `effective_date`; the version in force before it is superseded
    from that date (and stays what applied to dates before it)."""
    version = _lock_draft(by, version)
    if effective_date is None:
        raise ValidationError({"effective_date": "施行日期:必填"})
    if not version.items.exists():
        raise ValidationError({"version": "版本:草稿没有裁量基准事项,请先导入"})
    previous = (
        version.benchmark.versions.select_for_update()
        .filter(status=Status.PUBLISHED)
        .order_by("-number")
        .first()
    )
    if previous is not None and effective_date <= previous.effective_date:
        raise ValidationError(
            {
                "effective_date": f"施行日期:应晚于现行第{previous.number}版的施行日期"
                f"{previous.effective_date:%Y年%m月%d日}"
            }
        )
    before = model_state(version, ["status", "effective_date", "document_number"])
    version.status = Status.PUBLISHED
    version.effective_date = effective_date
    version.document_number = (document_number or "").strip()
    version.published_at = timezone.now()
    version.published_by = by
    validate_model(version)
    version.save()
    record_change(
        version,
        action="publish",
        actor=by,
        before=before,
        after=model_state(version, ["status", "effective_date", "document_number"]),
    )
    if previous is not None:
        previous.status = Status.SUPERSEDED
        previous.superseded_on = effective_date
        previous.save(update_fields=["status", "superseded_on"])
        record_change(
            previous,
            action="supersede",
            actor=by,
            before={"status": Status.PUBLISHED.label},
            after={"status": Status.SUPERSEDED.label, "superseded_on": effective_date.isoformat()},
            reason=f"第{version.number}版自{effective_date:%Y年%m月%d日}起施行",
        )
    benchmark_tell(version)
    return version


def benchmark_tell(version: BenchmarkVersion) -> int:
    """Notice of a published version to those who apply it (kind `benchmark_published`):
    the users of the county's townships that hold one of its powers on its effective date
    or, when that date has passed, today (their team records the 告知 and 决定 it checks),
    and of the departments whose powers they are (their own-power cases, and the cases
    under their entrusted powers). How many users were told."""
    benchmark = version.benchmark
    powers = version.items.values("power_id")
    days = {version.effective_date, max(version.effective_date, timezone.localdate())}
    townships = {
        pk for on in days for pk in selectors.townships_holding(benchmark.county_id, powers, on)
    }
    departments = list(
        Department.objects.filter(powers__benchmark_items__version=version)
        .values_list("pk", flat=True)
        .distinct()
    )
    items = version.items.count()
    title = f"裁量基准发布:{benchmark.name}第{version.number}版"
    body = (
        f"自{version.effective_date:%Y年%m月%d日}起施行{f'({version.document_number})' if version.document_number else ''},"
        f"共{items}个违法行为事项;告知、决定时系统按施行的基准提出裁量阶次和幅度。"
    )
    users = unit_users(departments=departments, townships=townships)
    link = reverse("enforcement:benchmark_version", args=[version.pk])
    return len(notify(users, kind=Kind.BENCHMARK_PUBLISHED, title=title, body=body, link=link))


# ---- application to a case's step ----------------------------------------------------------

# Amounts are stored with 14 digits, 2 of them decimals.
LIMIT = Decimal("1000000000000")
# The review ground the case records when a proposed penalty departs from the benchmark.
DEVIATION_GROUND = "other_law"


@dataclass
class Applied:
    """What `apply_to_step` found: the record, and whether the penalty departs."""

    application: Application
    data: dict = field(default_factory=dict)

    @property
    def outside(self) -> bool:
        return self.application.outside


def _conditions(given, known: list[str]) -> list[str]:
    chosen = [rules.condition_key(c) for c in (given or []) if rules.condition_key(c)]
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ValidationError(
            {"circumstances": f"裁量情形:「{'、'.join(unknown)}」不是本事项裁量基准中的情形"}
        )
    return list(dict.fromkeys(chosen))


def _base(value) -> Decimal | None:
    if value in (None, ""):
        return None
    amount = rules.decimal_or_none(value)
    if amount is None or amount < 0:
        raise ValidationError({"base_amount": "计算基数金额:不是有效的金额"})
    if amount >= LIMIT:
        raise ValidationError({"base_amount": "计算基数金额:金额过大,请核对"})
    return amount.quantize(Decimal("0.01"))


@refuses_control_chars(reason="偏离裁量基准理由", circumstances="裁量情形")
def apply_to_step(
    *,
    case,
    action: str,
    on: date,
    by,
    penalised: bool,
    kinds,
    fine: Decimal | None,
    circumstances=(),
    base_amount=None,
    reason: str = "",
    reviewed: bool = False,
) -> Applied:
    """Check a 告知 (`notify`) or 决定 (`decide`, `decide_on_spot`) against the benchmark in
    force on `on` for the case's power, and record it. Refuses (ValidationError naming the
    field, nothing written) a departure without a reason, and a decision that departs
    without a legal review (`reviewed`). With no benchmark in force, records that."""
    found = selectors.proposal_for(county_id=case.county_id, power_id=case.power_id, on=on)
    chosen = _conditions(circumstances, found.conditions)
    base = _base(base_amount)
    reason = (reason or "").strip()
    application = Application(
        case=case,
        action=action,
        on=on,
        conditions=chosen,
        base_amount=base,
        penalised=penalised,
        kinds=list(kinds),
        fine=fine,
        reason=reason,
        by=by if by is not None and by.is_authenticated else None,
    )
    if found.item is None:
        application.explanation = [f"执法事项在{on:%Y年%m月%d日}没有施行的裁量基准"]
        application.save()
        record_change(
            application, action="apply", actor=by, after={"case": str(case), "version": None}
        )
        return Applied(application, {"benchmark": None, "explanation": application.explanation})
    found = selectors.proposal_for(
        county_id=case.county_id, power_id=case.power_id, on=on, conditions=chosen, base_amount=base
    )
    proposal = found.proposal
    if proposal.high is not None and proposal.high >= LIMIT:
        raise ValidationError({"base_amount": "计算基数金额:按倍数计算的罚款过大,请核对"})
    if proposal.missing and penalised and "fine" in kinds:
        raise ValidationError(
            {
                "base_amount": f"计算基数金额:罚款以{'、'.join(proposal.missing)}为基数计算,"
                f"须填写{'、'.join(proposal.missing)}金额"
            }
        )
    departs = rules.deviations(proposal, penalised=penalised, kinds=kinds, fine=fine)
    if departs and not reason:
        raise ValidationError(
            {
                "deviation_reason": "偏离裁量基准理由:"
                + ";".join(departs)
                + ",须写明理由并经法制审核"
            }
        )
    if departs and action != "notify" and not reviewed:
        raise ValidationError(
            {
                "deviation_reason": "偏离裁量基准理由:"
                + ";".join(departs)
                + ",须先经法制审核才能作出决定(由司法局在本案记录法制审核)"
            }
        )
    version = found.item.version
    application.version = version
    application.item = found.item
    application.tier = proposal.tier
    application.low, application.high = proposal.low, proposal.high
    application.proposed_kinds = list(proposal.kinds)
    application.explanation = list(proposal.explanation)
    application.deviations = departs
    application.save()
    application.rows.set(found.applied)
    data = {
        "benchmark": {
            "application": application.pk,
            "version": version.pk,
            "name": version.benchmark.name,
            "number": version.number,
            "effective_date": version.effective_date.isoformat(),
            "document_number": version.document_number,
            "rows": [r.pk for r in found.applied],
            "tier": proposal.tier_label,
            "low": str(proposal.low) if proposal.low is not None else "",
            "high": str(proposal.high) if proposal.high is not None else "",
            "conditions": chosen,
        },
        "deviations": departs,
    }
    if departs:
        data["deviation_reason"] = reason
    # Recorded on the case, so the case's history shows which benchmark applied.
    record_change(
        case,
        action="benchmark",
        actor=by,
        reason=f"裁量基准适用记录{application.pk}",
        after={
            "action": action,
            "version": str(version),
            "tier": proposal.tier_label,
            "range": [data["benchmark"]["low"], data["benchmark"]["high"]],
            "deviations": departs,
            "reason": reason,
        },
    )
    return Applied(application, data)


def check_step(*, case, action: str, on: date, by, facts, given: dict, penalised, kinds, fine):
    """The case step's one call (告知, 决定, 当场处罚): apply the benchmark (see
    `apply_to_step`) with the step's `circumstances`, `base_amount` and
    `deviation_reason`; returns the data for the step's log entry and the lifecycle facts,
    which require a legal review after a 告知 that departs from the benchmark (the case
    records the art. 58 ground 法律、法规规定应当进行法制审核的其他情形)."""
    applied = apply_to_step(
        case=case,
        action=action,
        on=on,
        by=by,
        penalised=penalised,
        kinds=kinds,
        fine=fine,
        circumstances=given.get("circumstances") or (),
        base_amount=given.get("base_amount"),
        reason=given.get("deviation_reason") or "",
        reviewed=facts.reviewed,
    )
    if applied.outside and action == "notify":
        if DEVIATION_GROUND not in case.review_grounds:
            case.review_grounds = [*case.review_grounds, DEVIATION_GROUND]
        facts = replace(facts, review_required=True, reviewed=False)
    return applied.data, facts
