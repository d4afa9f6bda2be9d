"""The duties app: territorial responsibility lists, admission, township duty lists.

Both kinds of list are versioned the same way as catalog versions (draft, published,
superseded; one draft at a time; publishing freezes a version; diff and history),
but with their own rows, because a matter with a primary department, cooperating
townships and an instruction sheet is not a power. See docs/duties.md.
"""

from quanze.duties.models.admission import AdmissionRequest
from quanze.duties.models.dutylist import (
    DutyEntry,
    DutyList,
    DutyOpinion,
    DutyRound,
    DutyVersion,
    RawItem,
)
from quanze.duties.models.events import DutiesEvent
from quanze.duties.models.territorial import (
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
