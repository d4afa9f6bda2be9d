"""Every process's models, for Django to load (process modules import their own)."""

from quanze.enforcement.cases.models import Case, CaseStep, Custody, Evidence
from quanze.enforcement.disclosure.models import PenaltyNotice
from quanze.enforcement.documents.models import DocumentTemplate
from quanze.enforcement.officers.models import Certificate, Officer

__all__ = [
    "Case",
    "CaseStep",
    "Certificate",
    "Custody",
    "DocumentTemplate",
    "Evidence",
    "Officer",
    "PenaltyNotice",
]
