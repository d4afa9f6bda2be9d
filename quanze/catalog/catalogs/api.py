"""The API of catalogs and their versions. Reads go through the access choke points,
writes through the services, exactly as the web pages do."""

from ninja import Router
from ninja.security import django_auth

from quanze.catalog.catalogs import schemas, selectors, services
from quanze.core.errors import NotFound
from quanze.core.views import access_for_write
from quanze.org.models import Department
from quanze.org.selectors import access_division

router = Router()


@router.get("/catalogs", response=list[schemas.CatalogOut], summary="可读的目录")
def catalog_list(request):
    return list(selectors.catalog_list(request.user))


@router.post("/catalogs", response={201: schemas.CatalogOut}, auth=django_auth)
def catalog_create(request, payload: schemas.CatalogIn):
    owner = access_division(request.user, payload.owner_id)
    department = None
    if payload.department_id is not None:
        department = Department.objects.filter(pk=payload.department_id, division=owner).first()
        if department is None:
            raise NotFound("部门")
    catalog = services.catalog_create(
        by=request.user,
        name=payload.name,
        kind=payload.kind,
        owner=owner,
        department=department,
        description=payload.description,
    )
    return 201, catalog


@router.get("/catalogs/{catalog_id}", response=schemas.CatalogDetailOut)
def catalog_detail(request, catalog_id: int):
    return selectors.catalog_with_versions(request.user, catalog_id)


@router.post("/catalogs/{catalog_id}/draft", response=schemas.VersionOut, auth=django_auth)
def version_draft(request, catalog_id: int):
    """打开目录的草稿版本;没有时以最新版本为基础新建。"""
    catalog = access_for_write(selectors.access_catalog, request.user, catalog_id)
    return services.version_draft(by=request.user, catalog=catalog)


@router.get("/versions/{version_id}", response=schemas.VersionOut)
def version_detail(request, version_id: int):
    return selectors.access_version(request.user, version_id)


@router.get("/versions/{version_id}/entries", response=list[schemas.EntryOut])
def version_entries(request, version_id: int):
    return selectors.version_rows(selectors.access_version(request.user, version_id))


@router.post("/versions/{version_id}/publish", response=schemas.VersionOut, auth=django_auth)
def version_publish(request, version_id: int, payload: schemas.PublishIn):
    version = access_for_write(selectors.access_version, request.user, version_id)
    return services.version_publish(by=request.user, version=version, **payload.dict())


@router.get("/versions/{version_id}/diff/{other_id}", response=schemas.DiffOut)
def version_diff(request, version_id: int, other_id: int):
    """从版本 version_id 到版本 other_id 的新增、移除和逐字段修改。"""
    old = selectors.access_version(request.user, version_id)
    new = selectors.access_version(request.user, other_id)
    diff = selectors.version_diff(old, new)
    return {
        "added": diff.added,
        "removed": diff.removed,
        "changed": [
            {"entry": row, "changes": [{"field": k, "old": a, "new": b} for k, a, b in changes]}
            for row, changes in diff.changed
        ],
        "unchanged": diff.unchanged,
    }
