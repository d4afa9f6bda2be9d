"""Download a catalog version as an official document (.docx or PDF).

Access goes through `access_version`, as the .xlsx/.csv export does: the
public downloads published versions, each role what it may read.
"""

from urllib.parse import quote

from django.http import Http404, HttpResponse

from quanze.catalog import documents
from quanze.catalog.catalogs.selectors import access_version
from quanze.core.views import domain_errors


def document_download(version, fmt: str, render=documents.render) -> HttpResponse:
    """The .docx or PDF of `version` as an attachment; `render(version, fmt)` gives
    `(document, bytes)` (the duty-list documents pass their own)."""
    if fmt not in documents.FORMATS:
        raise Http404("不支持的文档格式")
    doc, data = render(version, fmt)
    response = HttpResponse(data, content_type=documents.content_type(fmt))
    filename = quote(f"{doc.file_stem}.{fmt}")
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@domain_errors
def version_document(request, pk, fmt):
    return document_download(access_version(request.user, pk), fmt)
