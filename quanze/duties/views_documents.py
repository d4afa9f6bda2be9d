"""Download a township duty-list version as an official document (.docx or PDF).

Access goes through `access.access_duty_version`, as the version page does: the
public downloads published versions (as a catalog version's documents), a draft
only whoever may see its list.
"""

from urllib.parse import quote

from django.http import Http404, HttpResponse

from quanze.catalog import documents as catalog_documents
from quanze.core.views import domain_errors
from quanze.duties import access, documents


@domain_errors
def dutyversion_document(request, pk, fmt):
    version = access.access_duty_version(request.user, pk)
    if fmt not in catalog_documents.FORMATS:
        raise Http404("不支持的文档格式")
    doc, data = documents.render(version, fmt)
    response = HttpResponse(data, content_type=catalog_documents.content_type(fmt))
    filename = quote(f"{doc.file_stem}.{fmt}")
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response
