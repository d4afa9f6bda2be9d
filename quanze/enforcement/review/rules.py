"""Pure rules of the case-file review: the default sheet, sampling, scoring.

Sampling: per unit (a township team, a county department), the unit's candidate case ids
sorted, then `random.Random(f"{seed}|{unit}").sample(...)`: the same seed and the same
candidates always draw the same files, whatever the order the database returns them in.

Scoring: the form part (default 20) and the content part (default 80) each
lose at most their own total (100 points in all); any veto item fails the file (score 0, 不合格).
"""

import random
from decimal import Decimal

# key -> the text of the automatic check (see checks.py)
CHECKS = {
    "subject": "执法主体:按立案日施行的清单和决定重新核对执法主体",
    "officers": "执法人员人数:调查取证、听证、当场处罚每步至少两人",
    "certificates": "执法证件:每步的执法人员均有当日有效的执法证",
    "legal_review": "法制审核:应当审核的已由具备法律职业资格的人员审核",
    "notice": "告知:普通程序给予处罚前已告知陈述申辩(听证)权利",
    "evidence": "证据:给予处罚的案件登记了证据",
    "time_limit": "办案期限:立案之日起九十日内作出决定",
    "service": "送达:决定已送达",
}

# (kind, part, points, text, check)
DEFAULT_SHEET = [
    ("veto", "", 0, "执法主体不合法或超越职权", "subject"),
    ("veto", "", 0, "执法人员未取得执法证件或证件不在有效期内", "certificates"),
    ("veto", "", 0, "调查取证等执法活动执法人员少于两人", "officers"),
    ("veto", "", 0, "适用法律依据错误", ""),
    ("veto", "", 0, "应当法制审核而未审核", "legal_review"),
    ("veto", "", 0, "未告知当事人陈述、申辩或者听证权利", "notice"),
    ("deduction", "form", 5, "案卷材料不齐全、排列不规范", ""),
    ("deduction", "form", 5, "文书字号、日期、签名等填写不规范", ""),
    ("deduction", "form", 5, "送达回证缺失或送达不规范", "service"),
    ("deduction", "form", 5, "卷内目录、页码编排不规范", ""),
    ("deduction", "content", 20, "事实不清、证据不足", "evidence"),
    ("deduction", "content", 15, "定性不准确", ""),
    ("deduction", "content", 15, "裁量不当(不符合裁量基准)", ""),
    ("deduction", "content", 10, "超过办案期限", "time_limit"),
    ("deduction", "content", 10, "未按规定公示处罚决定", ""),
    ("deduction", "content", 10, "执行不到位", ""),
]

GRADES = [(Decimal("90"), "优秀"), (Decimal("80"), "良好"), (Decimal("60"), "合格")]
FAIL = "不合格"


def sample(candidates: dict[str, list[int]], *, per_unit: int, seed: int) -> dict[str, list[int]]:
    """Draw up to `per_unit` ids per unit, reproducibly (see the module docstring)."""
    drawn = {}
    for unit in sorted(candidates):
        ids = sorted(set(candidates[unit]))
        if len(ids) <= per_unit:
            drawn[unit] = ids
        else:
            drawn[unit] = sorted(random.Random(f"{seed}|{unit}").sample(ids, per_unit))
    return drawn


def rule_text(*, start, end, per_unit: int, seed: int) -> str:
    return (
        f"在{start:%Y年%m月%d日}至{end:%Y年%m月%d日}结案(已作出决定)的案件中,"
        f"按办案单位分别将案件编号排序后,以随机种子{seed}抽取{per_unit}件(不足{per_unit}件的全部抽取)"
    )


def score(
    *, form_points: int, content_points: int, deductions: list[tuple[str, Decimal]], vetoed: bool
) -> tuple[Decimal, str]:
    """(score, grade) of a file: `deductions` are (part, points) pairs."""
    if vetoed:
        return Decimal("0"), FAIL
    lost = {"form": Decimal("0"), "content": Decimal("0")}
    for part, points in deductions:
        lost[part] += Decimal(points)
    total = (
        Decimal(form_points + content_points)
        - min(lost["form"], Decimal(form_points))
        - min(lost["content"], Decimal(content_points))
    )
    for bar, grade in GRADES:
        if total >= bar:
            return total, grade
    return total, FAIL
