"""Every process's models, for Django to load (process modules import their own)."""

from quanze.enforcement.benchmarks.models import (
    Application,
    Benchmark,
    BenchmarkItem,
    BenchmarkRow,
    BenchmarkVersion,
)
from quanze.enforcement.cases.models import Case, CaseStep, Custody, Evidence
from quanze.enforcement.disclosure.models import PenaltyNotice
from quanze.enforcement.documents.models import DocumentTemplate
from quanze.enforcement.guidance.models import ExpertReview, Guidance, GuidingCase
from quanze.enforcement.officers.models import Certificate, Officer

__all__ = [
    "Application",
    "Benchmark",
    "BenchmarkItem",
    "BenchmarkRow",
    "BenchmarkVersion",
    "Case",
    "CaseStep",
    "Certificate",
    "Custody",
    "DocumentTemplate",
    "Evidence",
    "ExpertReview",
    "Guidance",
    "GuidingCase",
    "Officer",
    "PenaltyNotice",
]
