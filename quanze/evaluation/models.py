"""Every process's models, for Django to load (process modules import their own)."""

from quanze.evaluation.adjustment.models import (  # noqa: F401
    AdjustmentChange,
    AdjustmentLog,
    AdjustmentProject,
    Handover,
)
