"""Carrying out a project's changes through each app's own services (see services.py)."""

from django.core.exceptions import ValidationError

from quanze.catalog.catalogs import services as catalogs
from quanze.catalog.models import Catalog, CatalogVersion
from quanze.catalog.powers.services import power_update
from quanze.duties.corrections.services import Correction, list_correct
from quanze.duties.territorial import routing as duties_routing
from quanze.evaluation.adjustment import delegating, handover
from quanze.evaluation.adjustment.specs import ChangeKind

K = ChangeKind


def require_ready(project) -> None:
    """Refuse, naming them, the changes that cannot be carried out as they stand."""
    missing = project.changes.filter(kind=K.AMEND_BASIS, new_basis="").order_by("position")
    if missing.exists():
        raise ValidationError(
            {
                f"changes.{c.position}.new_basis": f"第{c.position}项新法律依据:依据变更须先填写新的法律依据"
                for c in missing
            }
        )


def carry_out(*, by, project, fine_return_share) -> None:
    """Every change of the project, in one transaction (the caller's)."""
    try:
        _carry_out(by=by, project=project, fine_return_share=fine_return_share)
    except BaseException:
        # The routing cache may hold a territorial version this rollback undid.
        duties_routing.clear_cache()
        raise


def _carry_out(*, by, project, fine_return_share) -> None:
    outcomes = {}
    if project.changes.filter(in_batch=True).exists():
        outcomes = delegating.batches_decide(
            by=by, project=project, fine_return_share=fine_return_share
        )
    for change in project.changes.select_related("power__owner", "matter", "unit", "unit_before"):
        effective = change.effective_from or project.effective_date
        kind = K(change.kind)
        if kind == K.KEEP:
            change.outcome = "保留,不作调整"
        elif kind == K.REPORT_UPWARD:
            change.outcome = "本级无权调整,已形成上报省政府的调整建议"
        elif kind == K.TRANSFER:
            change.outcome = _transfer(by=by, project=project, change=change, effective=effective)
        elif kind == K.AMEND_BASIS:
            change.outcome = _amend_basis(
                by=by, project=project, change=change, effective=effective
            )
        else:
            change.outcome = outcomes.get(change.pk, "")
            if change.batch_item_id is not None and kind == K.RETURN:
                handover.returned(by=by, change=change, on=effective)
        change.save(update_fields=["outcome", "list_version"])


def _transfer(*, by, project, change, effective) -> str:
    corrected = list_correct(
        by=by,
        county=project.county,
        matter=change.matter,
        correction=Correction(
            effective_date=effective,
            document_number=project.document_number,
            primary_department=change.unit,
        ),
        reason=f"动态调整项目「{project.title}」:{change.reason}",
        note=f"动态调整「{change.matter}」主体责任由「{change.unit_before}」调整为「{change.unit}」",
    )
    change.list_version = corrected.version
    moved = handover.transferred(by=by, change=change, version=corrected.version)
    return (
        f"「{corrected.version}」自{effective:%Y年%m月%d日}起由「{change.unit}」承担主体责任;"
        f"{moved}"
    )


def _amend_basis(*, by, project, change, effective) -> str:
    power_update(
        by=by,
        power=change.power,
        legal_basis=change.new_basis,
        reason=f"依据变更({project.document_number}):{change.reason}",
    )
    listing = CatalogVersion.objects.filter(
        status=CatalogVersion.Status.PUBLISHED,
        entries__power=change.power,
        catalog__owner=project.county,
    ).exclude(catalog__kind=Catalog.Kind.TOWNSHIP_LIST)
    published = []
    for version in listing.select_related("catalog"):
        if version.catalog.versions.filter(status=CatalogVersion.Status.DRAFT).exists():
            raise ValidationError(
                {
                    f"changes.{change.position}": f"第{change.position}项:「{version.catalog}」有未发布的草稿,"
                    "请先发布或处理草稿再变更依据"
                }
            )
        draft = catalogs.version_draft(by=by, catalog=version.catalog)
        published.append(
            catalogs.version_publish(
                by=by,
                version=draft,
                effective_date=effective,
                document_number=project.document_number,
                note=f"依据变更:「{change.power}」",
            )
        )
    change.catalog_versions.set(published)
    names = "、".join(f"「{v.catalog}」第{v.number}版" for v in published)
    return "法律依据已更新" + (f",已发布{names}" if names else "")
