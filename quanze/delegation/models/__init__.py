"""Aggregator of the delegation app's models (Django loads them from here): each process
keeps its tables in its own `models.py`; nothing else lives here. Process modules import
`quanze.delegation.<process>.models`, never this module. Every state transition of any
of these objects writes one `Event` row. After migration 0001, fields are added only
through new migrations."""

from quanze.delegation.agreements.models import Agreement, AgreementTemplate
from quanze.delegation.claims.models import Claim, ClaimDeadline, ClaimWindow
from quanze.delegation.consultation.models import (
    ConsultationRound,
    DepartmentOpinion,
    Disposition,
    Meeting,
    Reminder,
    RoundRecipient,
    TownshipFeedback,
)
from quanze.delegation.decisions.models import Decision
from quanze.delegation.eventlog.models import Event
from quanze.delegation.projects.models import (
    AssessmentCriterion,
    AssessmentRule,
    DelegationProject,
    ItemAssessment,
    ItemClass,
)
from quanze.delegation.publication.models import PublicationJob
from quanze.delegation.review.models import Batch, BatchItem, LegalityReview, Mode

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
