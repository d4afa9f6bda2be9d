"""The duties app's models, gathered from its processes so Django loads them: territorial
responsibility lists, township duty lists, admission, and the app's event log.

Both kinds of list are versioned the same way as catalog versions (draft, published,
superseded; one draft at a time; publishing freezes a version; diff and history),
but with their own rows, because a matter with a primary department, cooperating
townships and an instruction sheet is not a power. See docs/duties.md.
"""

from quanze.duties.admission.models import AdmissionRequest
from quanze.duties.dutylists.models import (
    DutyEntry,
    DutyList,
    DutyOpinion,
    DutyRound,
    DutyVersion,
    RawItem,
)
from quanze.duties.eventlog import DutiesEvent
from quanze.duties.territorial.models import (
    ClaimConfirmation,
    ClaimMeeting,
    CooperatingDepartment,
    InstructionStep,
    Matter,
    ResponsibilityItem,
    ResponsibilityList,
    ResponsibilityVersion,
)

__all__ = [
    "AdmissionRequest",
    "ClaimConfirmation",
    "ClaimMeeting",
    "CooperatingDepartment",
    "DutiesEvent",
    "DutyEntry",
    "DutyList",
    "DutyOpinion",
    "DutyRound",
    "DutyVersion",
    "InstructionStep",
    "Matter",
    "RawItem",
    "ResponsibilityItem",
    "ResponsibilityList",
    "ResponsibilityVersion",
]
