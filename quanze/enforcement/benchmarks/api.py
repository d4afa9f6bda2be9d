"""The benchmark API (thin): the same selectors and services as the pages."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.security import django_auth

from quanze.catalog.models import Field
from quanze.core.api_safety import BASE64, Offset, choice, pattern
from quanze.core.errors import Forbidden
from quanze.core.sheetimport import api_upload
from quanze.enforcement.benchmarks import selectors, services, xlsx

router = Router(tags=["裁量基准"])


class BenchmarkVersionOut(Schema):
    id: int
    number: int
    status: str
    effective_date: date | None
    superseded_on: date | None
    document_number: str
    source_file: str


class ImportOut(BenchmarkVersionOut):
    warnings: list[str] = []  # macros, external links, sheets skipped


class BenchmarkOut(Schema):
    id: int
    name: str
    county_id: int
    field_id: int | None


class BenchmarkPage(Schema):
    count: int
    page: int
    items: list[BenchmarkOut]


class RowOut(Schema):
    id: int
    position: int
    tier: str
    tier_label: str
    first_offence: bool
    conditions: list[str]
    match_all: bool
    standard: str
    kinds: list[str]
    amount_min: Decimal | None
    amount_max: Decimal | None
    multiple_min: Decimal | None
    multiple_max: Decimal | None
    base: str
    cap: Decimal | None


class BenchmarkItemOut(Schema):
    id: int
    position: int
    power_id: int
    code: str
    conduct: str
    legal_basis: str
    penalty_basis: str
    rows: list[RowOut]

    @staticmethod
    def resolve_rows(obj):
        return sorted(obj.rows.all(), key=lambda r: (r.position, r.pk))


class VersionDetailOut(BenchmarkVersionOut):
    benchmark: BenchmarkOut
    items: list[BenchmarkItemOut]

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.prefetch_related("rows").order_by("position", "id"))


class BenchmarkIn(Schema):
    name: str
    field_id: int | None = None


class BenchmarkImportIn(Schema):
    file_name: str
    content_base64: pattern(BASE64)


class BenchmarkPublishIn(Schema):
    effective_date: date
    document_number: str = ""


class ProposalQuery(Schema):
    power_id: int
    on: date | None = None
    conditions: list[str] = []
    base_amount: Decimal | None = None


class BenchmarkProposalOut(Schema):
    version_id: int | None
    item_id: int | None
    tier: str
    tier_label: str
    rows: list[int]
    kinds: list[str]
    low: Decimal | None
    high: Decimal | None
    explanation: list[str]
    missing: list[str]
    conditions: list[str]


@router.get("/benchmarks", response=BenchmarkPage, auth=django_auth, summary="本县裁量基准")
def benchmark_list(request, q: str = "", sort: choice(selectors.SORTS) = "name", page: Offset = 1):
    found = Paginator(selectors.benchmark_list(request.user, q=q, sort=sort), 50).get_page(page)
    return {"count": found.paginator.count, "page": found.number, "items": list(found)}


@router.post(
    "/benchmarks", response={201: BenchmarkOut}, auth=django_auth, summary="新建裁量基准(司法局)"
)
def benchmark_create(request, payload: BenchmarkIn):
    field = None
    if payload.field_id is not None:
        field = Field.objects.filter(pk=payload.field_id).first()
        if field is None:
            raise ValidationError({"field": "执法领域:不存在"})
    return 201, services.benchmark_create(by=request.user, name=payload.name, field=field)


@router.get(
    "/benchmarks/{benchmark_id}/versions",
    response=list[BenchmarkVersionOut],
    auth=django_auth,
    summary="裁量基准的版本",
)
def version_list(request, benchmark_id: int):
    benchmark = selectors.access_benchmark(request.user, benchmark_id)
    return list(selectors.versions_of(request.user, benchmark))


@router.post(
    "/benchmarks/{benchmark_id}/draft",
    response={201: BenchmarkVersionOut},
    auth=django_auth,
    summary="建立下一版草稿(司法局)",
)
def version_draft(request, benchmark_id: int):
    benchmark = selectors.access_benchmark(request.user, benchmark_id)
    return 201, services.version_draft(by=request.user, benchmark=benchmark)


@router.get(
    "/benchmarks/versions/{version_id}",
    response=VersionDetailOut,
    auth=django_auth,
    summary="裁量基准版本(事项与裁量表)",
)
def version_detail(request, version_id: int):
    return selectors.access_version(request.user, version_id)


@router.post(
    "/benchmarks/versions/{version_id}/import",
    response=ImportOut,
    auth=django_auth,
    summary="导入裁量基准表(.xlsx,Base64;全部或全不)",
)
def version_import(request, version_id: int, payload: BenchmarkImportIn):
    """一处有误即整个文件不导入,422 的 errors 逐条写明工作表、行和列。"""
    version = selectors.access_version(request.user, version_id)
    if not selectors.can_write(request.user, version.benchmark.county_id):
        raise Forbidden(services.FORBIDDEN)
    with api_upload(payload.content_base64, payload.file_name) as (path, name):
        warnings: list[str] = []
        imported = services.version_import(
            by=request.user, version=version, path=path, file_name=name, warnings=warnings
        )
    imported.warnings = warnings
    return imported


@router.post(
    "/benchmarks/versions/{version_id}/publish",
    response=BenchmarkVersionOut,
    auth=django_auth,
    summary="发布裁量基准版本(司法局)",
)
def version_publish(request, version_id: int, payload: BenchmarkPublishIn):
    version = selectors.access_version(request.user, version_id)
    return services.version_publish(
        by=request.user,
        version=version,
        effective_date=payload.effective_date,
        document_number=payload.document_number,
    )


@router.get(
    "/benchmarks/versions/{version_id}/export.xlsx",
    auth=django_auth,
    summary="导出裁量基准表(.xlsx)",
)
def version_export(request, version_id: int):
    version = selectors.access_version(request.user, version_id)
    return HttpResponse(xlsx.export_xlsx(version), content_type=xlsx.CONTENT_TYPE)


@router.get(
    "/benchmarks/proposal",
    response=BenchmarkProposalOut,
    auth=django_auth,
    summary="裁量建议:某日施行的裁量基准下,具有这些情形时的阶次和幅度",
)
def proposal(request, query: Query[ProposalQuery]):
    found = selectors.proposal_for(
        county_id=request.user.county_id,
        power_id=query.power_id,
        on=query.on or timezone.localdate(),
        conditions=query.conditions,
        base_amount=query.base_amount,
    )
    if found.item is None:
        raise ValidationError({"power_id": "执法事项:在该日期没有施行的裁量基准"})
    p = found.proposal
    return {
        "version_id": found.version.pk,
        "item_id": found.item.pk,
        "tier": p.tier,
        "tier_label": p.tier_label,
        "rows": list(p.rows),
        "kinds": list(p.kinds),
        "low": p.low,
        "high": p.high,
        "explanation": list(p.explanation),
        "missing": list(p.missing),
        "conditions": found.conditions,
    }


@router.get(
    "/public/benchmarks", response=list[BenchmarkVersionOut], summary="公开的裁量基准(现行版本)"
)
def public_list(request, q: str = "", page: int = 1):
    return list(Paginator(selectors.public_versions(q=q), 50).get_page(page))
