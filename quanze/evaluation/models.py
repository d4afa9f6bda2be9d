"""Every process's models, for Django to load (process modules import their own)."""

from quanze.evaluation.rounds.models import (  # noqa: F401
    Indicator,
    Opinion,
    Proposal,
    PublicRating,
    Round,
    SelfAssessment,
)
from quanze.evaluation.appraisal.models import (  # noqa: F401
    AppraisalRound,
    Criterion,
    Score,
    Sheet,
)
