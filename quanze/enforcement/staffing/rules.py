"""Pure rules of the staffing report (the county's rules; change them here).

- 小马拉大车 (004): a township whose team of certified officers is smaller than the
  minimum (溧阳: 不少于10人) carries more delegated items than it can handle; the report
  flags it and ranks townships by items per certified officer.
- Share of enforcement staff working in townships (001: 60%以上执法人员下沉到镇).
- 编随事走 (004): the posts that should follow a department's delegated items, in
  proportion to the share of its items that were delegated (a reference figure).
"""

import math

MINIMUM_OFFICERS = 10  # 004: 各镇域均组建一支不少于10人…的综合行政执法专业队伍
TOWNSHIP_SHARE_TARGET = 0.6  # 001: 确保60%以上执法人员下沉到镇


def items_per_officer(items: int, certified: int) -> float | None:
    """Delegated items per certified officer; None when the township has none certified."""
    if certified <= 0:
        return None
    return items / certified


def overloaded(items: int, certified: int, minimum: int = MINIMUM_OFFICERS) -> bool:
    """A township holding items with fewer certified officers than the minimum."""
    return items > 0 and certified < minimum


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def follow_posts(approved: int, delegated: int, total: int) -> int:
    """Posts of a department that should follow its delegated items (编随事走): its
    approved posts in proportion to the share of its items delegated, rounded down."""
    if approved <= 0 or total <= 0 or delegated <= 0:
        return 0
    return math.floor(approved * min(delegated, total) / total)
