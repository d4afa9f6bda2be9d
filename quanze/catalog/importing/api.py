"""The import API: upload a file (Base64 in JSON) for a dry run, read the plan, confirm.
The same jobs as the import page (`jobs.py`, `services.py`); `mode` is chosen explicitly:
"merge" (新增/更新) or "replace" (替换)."""

from datetime import datetime
from typing import Literal

from django.core.files.uploadedfile import SimpleUploadedFile
from ninja import Router, Schema
from ninja.security import django_auth

from quanze.catalog.catalogs.selectors import access_catalog
from quanze.catalog.importing import selectors
from quanze.catalog.importing.jobs import import_job_start
from quanze.catalog.importing.services import import_job_confirm
from quanze.core.api_safety import BASE64, decode_base64, pattern
from quanze.core.views import access_for_write

router = Router(auth=django_auth)


class ImportIn(Schema):
    file_name: str
    content_base64: pattern(BASE64)
    mode: Literal["merge", "replace"]
    create_departments: bool = False
    update_shared: bool = False


class ImportJobOut(Schema):
    id: int
    catalog_id: int
    file_name: str
    status: str
    mode: str
    update_shared: bool
    summary: dict
    errors: list
    total_rows: int
    done_rows: int
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None


@router.post(
    "/catalogs/{catalog_id}/imports", response={201: ImportJobOut}, summary="上传并预检导入文件"
)
def import_start(request, catalog_id: int, payload: ImportIn):
    """预检结果在 summary 中:两种导入方式各自的新建、修改、移出数,受保护未修改的事项,
    保留原值的字段,以及将随之改变的其他目录。确认后才写入。"""
    catalog = access_for_write(access_catalog, request.user, catalog_id)
    content = decode_base64(payload.content_base64, label="文件")
    job = import_job_start(
        by=request.user,
        catalog=catalog,
        uploaded_file=SimpleUploadedFile(payload.file_name, content),
        create_departments=payload.create_departments,
        mode=payload.mode,
        update_shared=payload.update_shared,
    )
    return 201, job


@router.get("/imports/{job_id}", response=ImportJobOut, summary="导入任务")
def import_detail(request, job_id: int):
    return selectors.access_import(request.user, job_id)


@router.post("/imports/{job_id}/confirm", response=ImportJobOut, summary="确认导入")
def import_confirm(request, job_id: int):
    job = selectors.access_import(request.user, job_id)
    return import_job_confirm(by=request.user, job=job)
