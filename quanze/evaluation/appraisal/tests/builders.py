"""Test builders of the two-way appraisal: a round of the cast's county and its sheets."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from quanze.dispatch.events.models import Assignment, Event
from quanze.evaluation.appraisal import services
from quanze.evaluation.appraisal.models import Direction, Sheet

START, END = date(2025, 1, 1), date(2025, 12, 31)


def make_round(cast, **fields):
    values = {
        "name": "2025年度双向互评",
        "period_start": START,
        "period_end": END,
        "township_weight": Decimal(60),
        "anonymous": True,
        "threshold": Decimal(60),
        **fields,
    }
    return services.round_create(by=cast.office, **values)


def open_round(cast, **fields):
    round = make_round(cast, **fields)
    return services.round_open(by=cast.office, round=round)


def sheet_of(round, *, township, department, direction=Direction.TOWNSHIP_SCORES) -> Sheet:
    return Sheet.objects.get(
        round=round, direction=direction, township=township, department=department
    )


def fill(round, by, sheet, score, comment=""):
    """Submit `score` (one value or {criterion name: value}) on every form criterion."""
    criteria = round.criteria.filter(direction=sheet.direction, fact="")
    given = {
        c.pk: {
            "score": str(score[c.name] if isinstance(score, dict) else score),
            "comment": comment,
        }
        for c in criteria
    }
    return services.sheet_submit(by=by, sheet=sheet, scores=given)


def assignment(cast, department, *, on_time: bool, role=Assignment.Role.PRIMARY,
               sent_back=False, at=None):  # fmt: skip
    at = at or timezone.make_aware(datetime(2025, 6, 1, 9))
    event = Event.objects.create(
        source=Event.Source.TOWNSHIP,
        description="占道经营",
        county=cast.county,
        township=cast.town_a,
        occurred_at=at,
    )
    return Assignment.objects.create(
        event=event,
        department=department,
        role=role,
        assigned_at=at,
        accept_due=at + timedelta(hours=2),
        handle_due=at + timedelta(days=3),
        accepted_in_time=on_time,
        sent_back=sent_back,
    )
