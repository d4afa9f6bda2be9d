"""The document pages: a case's documents as .docx or PDF (the case file: casefiles/), and
the county's templates (list, download, replace, back to default). Thin: selectors find,
`render` fills, services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from quanze.core.errors import messages_of
from quanze.core.views import domain_errors
from quanze.enforcement.documents import render as r
from quanze.enforcement.documents import selectors, services
from quanze.enforcement.documents.context import PLACEHOLDERS, TABLES
from quanze.enforcement.documents.forms import TemplateUploadForm


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@domain_errors
def document_download(request, pk, kind, fmt):
    if fmt not in selectors.FORMATS:
        raise Http404("文书格式应为 docx 或 pdf")
    _case, record, found = selectors.access_document(request.user, pk, kind)
    return download(*selectors.document_content(record, found, fmt))


@login_required
@domain_errors
def template_list(request):
    rows = selectors.template_overview(request.user)
    manage = selectors.can_manage_templates(request.user)
    return render(
        request,
        "enforcement/documents/template_list.html",
        {
            "rows": rows,
            "manage": manage,
            "form": TemplateUploadForm() if manage else None,
            "placeholders": sorted(PLACEHOLDERS.items()),
            "tables": sorted(TABLES.items()),
        },
    )


@login_required
@domain_errors
def template_download(request, kind):
    county = selectors.template_county(request.user)
    found = selectors.kind_named(kind)
    return download(
        selectors.template_bytes(county, found.code), r.DOCX_TYPE, f"{found.name}模板.docx"
    )


@login_required
@require_POST
@domain_errors
def template_upload(request, kind):
    selectors.template_county(request.user)
    found = selectors.kind_named(kind)
    form = TemplateUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, f"{found.name}:请选择模板文件(.docx)")
        return redirect("enforcement:document_templates")
    upload = form.cleaned_data["file"]
    try:
        services.template_upload(
            by=request.user, kind=found.code, file_name=upload.name, content=upload.read()
        )
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, f"{found.name}:{text}")
    else:
        messages.success(request, f"已更换「{found.name}」模板")
    return redirect("enforcement:document_templates")


@login_required
@require_POST
@domain_errors
def template_reset(request, kind):
    selectors.template_county(request.user)
    found = selectors.kind_named(kind)
    services.template_reset(by=request.user, kind=found.code)
    messages.success(request, f"「{found.name}」已恢复默认模板")
    return redirect("enforcement:document_templates")
