"""The document API: a case's documents (list, .docx or PDF), its case file (PDF), and the
county's templates (list, download, replace, back to default). Thin: the same selectors
and services as the pages."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from ninja import Router, Schema, Status
from ninja.security import django_auth

from quanze.core.api_safety import BASE64, choice, decode_base64, pattern
from quanze.enforcement.cases.selectors import access_case
from quanze.enforcement.documents import render, selectors, services
from quanze.enforcement.documents.context import document_number
from quanze.enforcement.documents.kinds import BY_CODE

router = Router(tags=["执法文书"])


class DocumentOut(Schema):
    kind: str
    name: str
    number: str
    docx_url: str
    pdf_url: str


class TemplateOut(Schema):
    kind: str
    name: str
    replaced: bool
    file_name: str
    sha256: str
    uploaded_at: datetime | None


class TemplateIn(Schema):
    file_name: str
    content_base64: pattern(BASE64)


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _template_out(kind, row) -> dict:
    return {
        "kind": kind.code,
        "name": kind.name,
        "replaced": row is not None,
        "file_name": row.file_name if row else "",
        "sha256": row.sha256 if row else "",
        "uploaded_at": row.uploaded_at if row else None,
    }


@router.get(
    "/cases/{case_id}/documents",
    response=list[DocumentOut],
    auth=django_auth,
    summary="案件当前可出具的执法文书",
)
def case_documents(request, case_id: int):
    case = access_case(request.user, case_id)
    out = []
    for kind in selectors.case_documents(case):
        url = "enforcement:document_download"
        out.append(
            {
                "kind": kind.code,
                "name": kind.name,
                "number": document_number(case, kind),
                "docx_url": reverse(url, args=[case.pk, kind.code, "docx"]),
                "pdf_url": reverse(url, args=[case.pk, kind.code, "pdf"]),
            }
        )
    return out


@router.get("/cases/{case_id}/documents/{kind}", auth=django_auth, summary="下载执法文书")
def case_document(
    request, case_id: int, kind: choice(BY_CODE), format: choice(selectors.FORMATS) = "docx"
):  # noqa: A002
    """`format` 为 docx(可编辑的 Word 文书)或 pdf。"""
    if format not in selectors.FORMATS:
        raise ValidationError({"format": "格式:应为 docx 或 pdf"})
    _case, record, found = selectors.access_document(request.user, case_id, kind)
    return _file(*selectors.document_content(record, found, format))


@router.get(
    "/document-templates", response=list[TemplateOut], auth=django_auth, summary="本县文书模板"
)
def document_templates(request):
    return [_template_out(kind, row) for kind, row in selectors.template_overview(request.user)]


@router.get("/document-templates/{kind}", auth=django_auth, summary="下载文书模板(.docx)")
def document_template(request, kind: choice(BY_CODE)):
    county = selectors.template_county(request.user)
    found = selectors.kind_named(kind)
    return _file(
        selectors.template_bytes(county, found.code), render.DOCX_TYPE, f"{found.name}模板.docx"
    )


@router.put(
    "/document-templates/{kind}",
    response=TemplateOut,
    auth=django_auth,
    summary="更换文书模板(编办、司法局)",
)
def document_template_upload(request, kind: choice(BY_CODE), payload: TemplateIn):
    """文件以 Base64 上传;模板中有系统未提供的占位符时 422,并写明占位符,不保存。"""
    selectors.template_county(request.user)
    content = decode_base64(payload.content_base64, field="file", label="模板文件")
    row = services.template_upload(
        by=request.user, kind=kind, file_name=payload.file_name, content=content
    )
    return _template_out(selectors.kind_named(row.kind), row)


@router.delete(
    "/document-templates/{kind}",
    response={204: None},
    auth=django_auth,
    summary="恢复默认文书模板(编办、司法局)",
)
def document_template_reset(request, kind: choice(BY_CODE)):
    selectors.template_county(request.user)
    services.template_reset(by=request.user, kind=kind)
    return Status(204, None)
