"""Every process's models, for Django to load (process modules import their own)."""

from quanze.evaluation.adjustment.models import (  # noqa: F401
    AdjustmentChange,
    AdjustmentLog,
    AdjustmentProject,
    Handover,
)
from quanze.evaluation.appraisal.models import (  # noqa: F401
    AppraisalRound,
    Criterion,
    Score,
    Sheet,
)
from quanze.evaluation.lawchange.models import (  # noqa: F401
    ActVersion,
    Article,
    LawChange,
    LegalAct,
)
from quanze.evaluation.rounds.models import (  # noqa: F401
    Indicator,
    Opinion,
    Proposal,
    PublicRating,
    Round,
    SelfAssessment,
)
