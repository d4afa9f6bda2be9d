"""Every process's models, for Django to load (process modules import their own)."""

from quanze.enforcement.benchmarks.models import (
    Application,
    Benchmark,
    BenchmarkItem,
    BenchmarkRow,
    BenchmarkVersion,
)
from quanze.enforcement.casefiles.models import CaseFileJob
from quanze.enforcement.cases.models import Case, CaseStep, Custody, Evidence
from quanze.enforcement.disclosure.models import PenaltyNotice
from quanze.enforcement.documents.models import DocumentTemplate
from quanze.enforcement.exams.models import Candidate, Sitting
from quanze.enforcement.guidance.models import ExpertReview, Guidance, GuidingCase
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.enforcement.review.models import (
    Finding,
    ReviewedFile,
    ReviewRound,
    ScoreSheet,
    SheetItem,
)
from quanze.enforcement.squads.models import (
    Appraisal,
    Attendance,
    Equipment,
    HeadConsent,
    Squad,
    SquadMember,
)
from quanze.enforcement.staffing.models import PostSinking, QuotaChange, StaffingQuota
from quanze.enforcement.statistics.models import Exercise
from quanze.enforcement.training.models import Course, Lecturer, TrainingAttendance, TrainingRequest

__all__ = [
    "Appraisal",
    "Attendance",
    "Equipment",
    "HeadConsent",
    "PostSinking",
    "QuotaChange",
    "Squad",
    "SquadMember",
    "StaffingQuota",
    "Application",
    "Benchmark",
    "BenchmarkItem",
    "BenchmarkRow",
    "BenchmarkVersion",
    "Candidate",
    "Case",
    "CaseFileJob",
    "CaseStep",
    "Certificate",
    "Course",
    "Custody",
    "DocumentTemplate",
    "Evidence",
    "Exercise",
    "ExpertReview",
    "Finding",
    "Guidance",
    "GuidingCase",
    "Lecturer",
    "Officer",
    "PenaltyNotice",
    "ReviewRound",
    "ReviewedFile",
    "ScoreSheet",
    "SheetItem",
    "Sitting",
    "TrainingAttendance",
    "TrainingRequest",
]
