"""Reads of the assessment: an item's access choke point (only the office and the justice
bureau see scores; only the office changes them), its scores, and the difficulty ×
necessity matrix of a project."""

from collections import Counter
from decimal import Decimal

from quanze.delegation.permissions import get_visible
from quanze.delegation.projects.models import ItemAssessment
from quanze.org.roles import is_county_wide, is_office

# Matrix bands on the 0-5 scale: [0,1) [1,2) [2,3) [3,4) [4,5]
BANDS = [(Decimal(n), Decimal(n + 1)) for n in range(5)]


def access_assessment(user, item_id, *, for_write: bool = False) -> ItemAssessment:
    qs = ItemAssessment.objects.select_related("project", "power__department", "power__field")
    qs = qs.filter(project__county_id=user.county_id) if is_county_wide(user) else qs.none()
    if for_write and not is_office(user):
        qs = qs.none()
    return get_visible(qs, item_id, "评估事项")


def _band(value) -> int | None:
    if value is None:
        return None
    return min(int(value), 4)


def matrix(project) -> dict:
    """Counts per (difficulty band, necessity band) and class, for the matrix view.

    Rows run from high necessity (top) to low; columns from low difficulty to high.
    """
    cells: dict[tuple[int, int], Counter] = {}
    unscored = 0
    for difficulty, necessity, final in ItemAssessment.objects.filter(project=project).values_list(
        "difficulty", "necessity", "final_class"
    ):
        d, n = _band(difficulty), _band(necessity)
        if d is None or n is None:
            unscored += 1
            continue
        cells.setdefault((n, d), Counter())[final] += 1
    rows = []
    for n in reversed(range(5)):
        row = []
        for d in range(5):
            counter = cells.get((n, d), Counter())
            row.append({"total": sum(counter.values()), "classes": dict(counter)})
        rows.append({"necessity": BANDS[n], "cells": row})
    return {"rows": rows, "difficulty_bands": BANDS, "unscored": unscored}


def score_value(item: ItemAssessment, criterion_id: int) -> Decimal | None:
    """The item's score on one criterion (None when not scored)."""
    value = (item.scores or {}).get(str(criterion_id))
    return Decimal(value) if value is not None else None
