"""The delegation app's data model (issue 3), split by process stage.

Ownership between the two engineers building this app:
- part A: projects, assessment, consultation, batches and legality review
  (project.py, consultation.py, Batch/BatchItem/LegalityReview in batch.py);
- part B: Decision, AgreementTemplate/Agreement and ClaimWindow/Claim services
  (the models are in batch.py and claims.py), the item timeline and statistics.
Every state transition of any of these objects writes one `Event` row.
After migration 0001, fields are added only through new migrations.
"""

from quanze.delegation.models.batch import (
    Agreement,
    AgreementTemplate,
    Batch,
    BatchItem,
    Decision,
    LegalityReview,
    Mode,
)
from quanze.delegation.models.claims import Claim, ClaimDeadline, ClaimWindow
from quanze.delegation.models.consultation import (
    ConsultationRound,
    DepartmentOpinion,
    Disposition,
    Meeting,
    Reminder,
    RoundRecipient,
    TownshipFeedback,
)
from quanze.delegation.models.events import Event
from quanze.delegation.models.jobs import PublicationJob
from quanze.delegation.models.project import (
    AssessmentCriterion,
    AssessmentRule,
    DelegationProject,
    ItemAssessment,
    ItemClass,
)

__all__ = [
    "Agreement",
    "AgreementTemplate",
    "AssessmentCriterion",
    "AssessmentRule",
    "Batch",
    "BatchItem",
    "Claim",
    "ClaimDeadline",
    "ClaimWindow",
    "ConsultationRound",
    "Decision",
    "DelegationProject",
    "DepartmentOpinion",
    "Disposition",
    "Event",
    "ItemAssessment",
    "ItemClass",
    "LegalityReview",
    "Meeting",
    "Mode",
    "PublicationJob",
    "Reminder",
    "RoundRecipient",
    "TownshipFeedback",
]
