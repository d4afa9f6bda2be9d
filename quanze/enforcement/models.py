"""Every process's models, for Django to load (process modules import their own)."""

from quanze.enforcement.cases.models import Case, CaseStep, Custody, Evidence
from quanze.enforcement.disclosure.models import PenaltyNotice
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.enforcement.review.models import (
    Finding,
    ReviewedFile,
    ReviewRound,
    ScoreSheet,
    SheetItem,
)
from quanze.enforcement.statistics.models import Exercise

__all__ = [
    "Case",
    "CaseStep",
    "Certificate",
    "Custody",
    "Evidence",
    "Exercise",
    "Finding",
    "Officer",
    "PenaltyNotice",
    "ReviewRound",
    "ReviewedFile",
    "ScoreSheet",
    "SheetItem",
]
