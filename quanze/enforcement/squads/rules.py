"""Pure rules of the squads' dual management: the appraisal grade, the attendance rate."""

from decimal import Decimal

# The township's appraisal grades (the county's rule; change it here).
GRADES = ((Decimal(90), "优秀"), (Decimal(80), "良好"), (Decimal(60), "合格"))
FAIL = "不合格"


def grade(score: Decimal) -> str:
    """优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格 (score 0–100)."""
    for floor, name in GRADES:
        if score >= floor:
            return name
    return FAIL


def attendance_rate(days_due: int, days_present: int) -> float | None:
    """Share of the due days present; None when no day was due."""
    if not days_due:
        return None
    return days_present / days_due
