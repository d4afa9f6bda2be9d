"""The dispatch app's tables, gathered from its processes: Django loads an app's models from
here. Process modules import their own process's models, never this module."""

from quanze.dispatch.aggregates.models import DurationBin, MeasuresDay, MeasuresMonth
from quanze.dispatch.disputes.models import Dispute
from quanze.dispatch.events.models import Assignment, Event, EventLog

# attachment_path: migration 0001 refers to it as quanze.dispatch.models.attachment_path.
from quanze.dispatch.intake.models import Attachment, PlaceName, attachment_path
from quanze.dispatch.suggestion.models import VocabularyTerm

__all__ = [
    "Assignment",
    "Attachment",
    "Dispute",
    "DurationBin",
    "Event",
    "EventLog",
    "MeasuresDay",
    "MeasuresMonth",
    "PlaceName",
    "VocabularyTerm",
    "attachment_path",
]
