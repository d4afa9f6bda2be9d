"""`{% case_documents case %}`: the documents a case has at its state, with download links,
on the case page (the cases process does not import the documents process)."""

from django import template

from quanze.enforcement.casefiles.selectors import latest_job
from quanze.enforcement.documents.context import document_number
from quanze.enforcement.documents.selectors import case_documents as documents_of

register = template.Library()


@register.inclusion_tag("enforcement/documents/_case_documents.html")
def case_documents(case):
    return {
        "case": case,
        "documents": [(kind, document_number(case, kind)) for kind in documents_of(case)],
        "case_file": latest_job(case),
    }
