"""The training API (thin): the same services and selectors as the pages."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.errors import Forbidden
from quanze.enforcement.officers.selectors import officers_visible
from quanze.enforcement.training import selectors, services
from quanze.enforcement.training.services import MENU
from quanze.org.roles import is_reviewer

router = Router(tags=["执法培训"])


class CourseOut(Schema):
    id: int
    title: str
    held_on: date
    hours: Decimal
    lecturer_id: int | None
    place: str
    request_id: int | None


class CourseIn(Schema):
    title: str
    held_on: date
    hours: Decimal
    lecturer_id: int | None = None
    place: str = ""
    request_id: int | None = None


class TrainingAttendanceIn(Schema):
    officer_ids: list[int]
    hours: Decimal | None = None


class TrainingAttendanceOut(Schema):
    recorded: int


class RequestOut(Schema):
    id: int
    township_id: int
    topic: str
    wanted_on: date | None
    attendees: int
    notes: str
    state: str
    answer: str


class RequestIn(Schema):
    topic: str
    wanted_on: date | None = None
    attendees: int = 10
    notes: str = ""


class TrainingAnswerIn(Schema):
    accept: bool
    answer: str


class TrainingUnitOut(Schema):
    unit: str
    officers: int
    attendances: int
    hours: Decimal
    meeting: int


class ReportOut(Schema):
    year: int
    minimum: Decimal
    attendances: int
    hours: Decimal
    units: list[TrainingUnitOut]


@router.get("/training/courses", response=list[CourseOut], auth=django_auth, summary="培训课程")
def training_courses(request, q: str = "", year: int | None = None):
    if year is not None and not 1949 <= year <= 2100:
        raise ValidationError({"year": "年度:应为1949至2100"})
    return list(selectors.course_list(request.user, q=q[:50], year=year)[:500])


@router.post(
    "/training/courses", response={201: CourseOut}, auth=django_auth, summary="安排培训课程"
)
def training_course_create(request, payload: CourseIn):
    if not (payload.hours.is_finite() and Decimal("0.5") <= payload.hours <= Decimal("200")):
        raise ValidationError({"hours": "学时:应为0.5至200"})
    lecturer = request_ = None
    if payload.lecturer_id is not None:
        lecturer = selectors.lecturers_visible(request.user).filter(pk=payload.lecturer_id).first()
        if lecturer is None:
            raise ValidationError({"lecturer_id": "讲师:不是本县(市、区)讲师团成员"})
    if payload.request_id is not None:
        request_ = selectors.access_request(request.user, payload.request_id)
    course = services.course_create(
        by=request.user,
        title=payload.title,
        held_on=payload.held_on,
        hours=payload.hours,
        lecturer=lecturer,
        place=payload.place,
        request=request_,
    )
    return 201, course


@router.post(
    "/training/courses/{course_id}/attendance",
    response={201: TrainingAttendanceOut},
    auth=django_auth,
    summary="登记参训",
)
def training_attendance(request, course_id: int, payload: TrainingAttendanceIn):
    course = selectors.access_course(request.user, course_id)
    if not is_reviewer(request.user):
        raise Forbidden("只有司法局可以登记参训")
    if payload.hours is not None and not payload.hours.is_finite():
        raise ValidationError({"hours": "计入学时:不是有效的数字"})
    found = {o.pk: o for o in officers_visible(request.user).filter(pk__in=payload.officer_ids)}
    missing = [i for i in payload.officer_ids if i not in found]
    if missing:
        raise ValidationError({"officer_ids": f"参训人员:找不到人员{missing[:5]}"})
    rows = services.attendance_record(
        by=request.user,
        course=course,
        officers_=[found[i] for i in payload.officer_ids],
        hours=payload.hours,
    )
    return 201, {"recorded": len(rows)}


@router.get(
    "/training/requests", response=list[RequestOut], auth=django_auth, summary="菜单式培训需求"
)
def training_requests(request, state: str = ""):
    rows = selectors.requests_visible(request.user)
    if state:
        rows = rows.filter(state=state)
    return list(rows[:500])


@router.post(
    "/training/requests", response={201: RequestOut}, auth=django_auth, summary="提出培训需求"
)
def training_request_submit(request, payload: RequestIn):
    if payload.topic not in MENU:
        raise ValidationError({"topic": f"选学专题:应为培训菜单中的一项({'、'.join(MENU[:3])}……)"})
    if not 1 <= payload.attendees <= 1000:
        raise ValidationError({"attendees": "预计人数:应为1至1000"})
    return 201, services.request_submit(by=request.user, **payload.dict())


@router.post(
    "/training/requests/{request_id}/answer",
    response=RequestOut,
    auth=django_auth,
    summary="答复培训需求",
)
def training_request_answer(request, request_id: int, payload: TrainingAnswerIn):
    found = selectors.access_request(request.user, request_id)
    return services.request_answer(
        by=request.user, request=found, accept=payload.accept, answer=payload.answer
    )


@router.get("/training/report", response=ReportOut, auth=django_auth, summary="各单位培训统计")
def training_report(request, year: int):
    if not 1949 <= year <= 2100:
        raise ValidationError({"year": "年度:应为1949至2100"})
    report = selectors.training_report(request.user, year=year)
    return {
        "year": report.year,
        "minimum": report.minimum,
        "attendances": report.attendances,
        "hours": report.hours,
        "units": [
            {
                "unit": u.unit,
                "officers": u.officers,
                "attendances": u.attendances,
                "hours": u.hours,
                "meeting": u.meeting,
            }
            for u in report.units
        ],
    }
