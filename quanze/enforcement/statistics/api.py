"""The statistics API: the exercise-rate report, the annual report, recording an exercise."""

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import choice
from quanze.core.errors import Forbidden, valid_data
from quanze.enforcement.statistics import selectors, services
from quanze.enforcement.statistics.annual import annual_report
from quanze.enforcement.statistics.exercise import exercise_report, item_rates
from quanze.enforcement.statistics.forms import ExerciseForm
from quanze.enforcement.statistics.models import Exercise

router = Router(tags=["执法统计"])


class RateOut(Schema):
    id: int | None
    name: str
    county: str
    held: int
    exercised: int
    rate: float | None
    fines_decided: float
    fines_paid: float
    returned: float


class StatisticsItemOut(Schema):
    power_id: int
    code: str
    name: str
    held: int
    exercised: int
    rate: float | None


class ExerciseReportOut(Schema):
    scope: str
    start: date
    end: date
    definition: str
    townships: list[RateOut]
    counties: list[RateOut]
    total: RateOut
    items: list[StatisticsItemOut]


class KindOut(Schema):
    category: str
    decisions: int
    fines: float


class AnnualOut(Schema):
    scope: str
    year: int
    acts: list[list]
    penalties: list[KindOut]
    cases_opened: int
    decisions: int
    no_penalty: int
    fines_decided: float
    fines_paid: float
    surcharges: float


class ExerciseIn(Schema):
    power_id: int
    on: date
    kind: choice(Exercise.Kind)
    count: int = 1
    note: str = ""


class ExerciseOut(Schema):
    id: int
    township_id: int
    power_id: int
    kind: str
    on: date
    count: int


def _scope(request, township_id):
    if not selectors.can_read_statistics(request.user):
        raise Forbidden("执法统计只对司法局、编办、乡镇(街道)和县直部门开放")
    return selectors.statistics_scope(request.user, township_id=township_id)


@router.get(
    "/statistics/exercise", response=ExerciseReportOut, auth=django_auth, summary="行权率报表"
)
def exercise(request, start: date, end: date, township_id: int | None = None):
    """统计期内承接事项的行权率(口径见 definition)、各乡镇罚没款及返还。"""
    if end < start:
        raise ValidationError({"end": "统计期至:不能早于统计期自"})
    scope = _scope(request, township_id)
    report = exercise_report(scope, start=start, end=end)
    report.items = item_rates(scope, start=start, end=end)
    return report


@router.get("/statistics/annual", response=AnnualOut, auth=django_auth, summary="行政执法统计年报")
def annual(request, year: int, township_id: int | None = None):
    return annual_report(_scope(request, township_id), year=year)


@router.post(
    "/statistics/exercises", response={201: ExerciseOut}, auth=django_auth, summary="登记行权记录"
)
def exercise_add(request, payload: ExerciseIn):
    """乡镇(街道)登记检查、许可等行权记录;事项须在当日施行的本乡镇清单上。"""
    data = payload.dict()
    data["power"] = data.pop("power_id")
    form = ExerciseForm(data)
    return 201, services.exercise_record(by=request.user, **valid_data(form))
