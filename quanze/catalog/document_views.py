"""Download a catalog version as an official document (.docx or PDF).

Access goes through `selectors.access_version`, as the .xlsx/.csv export does: the
public downloads published versions, each role what it may read.
"""

from urllib.parse import quote

from django.http import Http404, HttpResponse

from quanze.catalog import selectors
from quanze.catalog.documents import docx, list_document, pdf
from quanze.core.views import domain_errors

RENDERERS = {"docx": docx, "pdf": pdf}


@domain_errors
def version_document(request, pk, fmt):
    version = selectors.access_version(request.user, pk)
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise Http404("不支持的文档格式")
    doc = list_document(version)
    response = HttpResponse(renderer.render(doc), content_type=renderer.CONTENT_TYPE)
    filename = quote(f"{doc.file_stem}.{fmt}")
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response
