"""The demo county's appraisal: last year's round, scored by every unit that has a clerk in
the demo and closed, so `make demo` shows results, charts and the anonymity rule."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from quanze.catalog.demo.loader import COUNTY
from quanze.evaluation.appraisal import services
from quanze.evaluation.appraisal.models import AppraisalRound, Direction
from quanze.org.models import Division, User

NAME = "{year}年度乡镇与部门双向互评"


def demo_appraisal() -> str:
    county = Division.objects.filter(code=COUNTY[0]).first()
    office = User.objects.filter(
        county=county, role=User.Role.ESTABLISHMENT_OFFICE, is_active=True
    ).first()
    if county is None or office is None:
        return "双向互评演示数据:未找到演示县或编办用户,跳过。"
    if AppraisalRound.objects.filter(county=county).exists():
        return "双向互评演示数据已存在,未重复载入。"
    year = date.today().year - 1
    with transaction.atomic():
        round = services.round_create(
            by=office,
            name=NAME.format(year=year),
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            township_weight=Decimal(60),
            anonymous=True,
            threshold=Decimal(60),
        )
        services.round_open(by=office, round=round)
        submitted = fill_all(round)
        services.round_close(by=office, round=round)
    return f"双向互评演示数据已载入:{round.name},提交互评表 {submitted} 份。"


def fill_all(round: AppraisalRound) -> int:
    """Each unit with a clerk fills its sheets with fixed, varied scores (55–97)."""
    clerks = {}
    for user in User.objects.filter(county=round.county, is_active=True).exclude(role=""):
        key = ("t", user.township_id) if user.township_id else ("d", user.department_id)
        clerks.setdefault(key, user)
    count = 0
    for sheet in round.sheets.select_related("township", "department"):
        township_scores = sheet.direction == Direction.TOWNSHIP_SCORES
        scorer = clerks.get(
            ("t", sheet.township_id) if township_scores else ("d", sheet.department_id)
        )
        if scorer is None:
            continue
        criteria = round.criteria.filter(direction=sheet.direction, fact="")
        scores = {
            c.pk: {
                "score": str(55 + (sheet.township_id * 7 + sheet.department_id * 13 + i * 5) % 43)
            }
            for i, c in enumerate(criteria)
        }
        services.sheet_submit(by=scorer, sheet=sheet, scores=scores)
        count += 1
    return count
