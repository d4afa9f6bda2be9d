"""Download a township duty-list version as an official document (.docx or PDF).

Access goes through `access.access_duty_version`, as the version page does: the
public downloads published versions (as a catalog version's documents), a draft
only whoever may see its list.
"""

from quanze.catalog.documents.views import document_download
from quanze.core.views import domain_errors
from quanze.duties import access, documents


@domain_errors
def dutyversion_document(request, pk, fmt):
    version = access.access_duty_version(request.user, pk)
    return document_download(version, fmt, documents.render)
