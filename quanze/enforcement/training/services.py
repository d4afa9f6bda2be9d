"""Writes of training: the lecturer group, courses, attendance (by the county's justice
bureau) and the townships' "菜单式" requests with the bureau's answer. Validated,
authorised, recorded, atomic; a request and its answer notify the other side."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from quanze.core.errors import Forbidden, refuses_control_chars, validate_model
from quanze.core.history import change_record, model_state, record_change, record_changes
from quanze.core.notices import Kind, notify, unit_users
from quanze.enforcement.officers.models import Officer
from quanze.enforcement.training.models import Course, Lecturer, TrainingAttendance, TrainingRequest
from quanze.org.models import User
from quanze.org.roles import is_reviewer, is_township_clerk

# The menu townships choose from (菜单式选学); a request may name another topic too.
MENU = (
    "行政处罚法与执法程序",
    "执法文书制作与案卷规范",
    "现场检查与调查取证",
    "行政处罚裁量基准适用",
    "城市管理领域执法实务",
    "市场监管领域执法实务",
    "自然资源与生态环境执法实务",
    "应急管理与安全生产执法实务",
    "执法记录仪使用与证据固定",
    "重大执法决定法制审核",
)
COURSE_FIELDS = ["title", "held_on", "hours", "lecturer", "place", "request"]
REQUEST_FIELDS = ["state", "answer"]


def _require_bureau(by) -> None:
    if not is_reviewer(by):
        raise Forbidden("只有司法局可以管理执法培训")


@transaction.atomic
def lecturer_add(*, by, name, organisation, topics="") -> Lecturer:
    _require_bureau(by)
    lecturer = Lecturer(
        county_id=by.county_id,
        name=(name or "").strip(),
        organisation=(organisation or "").strip(),
        topics=(topics or "").strip(),
    )
    validate_model(lecturer)
    lecturer.save()
    record_change(lecturer, action="create", actor=by, after=model_state(lecturer))
    return lecturer


@transaction.atomic
def course_create(
    *, by, title, held_on: date, hours: Decimal, lecturer=None, place="", request=None
) -> Course:
    _require_bureau(by)
    if lecturer is not None and lecturer.county_id != by.county_id:
        raise ValidationError({"lecturer": "讲师:应为本县(市、区)讲师团成员"})
    if request is not None:
        if request.county_id != by.county_id:
            raise ValidationError({"request": "培训需求:不是本县(市、区)的需求"})
        if request.state != TrainingRequest.State.ACCEPTED:
            raise ValidationError({"request": "培训需求:须先答复同意安排"})
    course = Course(
        county_id=by.county_id,
        title=(title or "").strip(),
        held_on=held_on,
        hours=hours,
        lecturer=lecturer,
        place=(place or "").strip(),
        request=request,
        created_by=by,
    )
    validate_model(course)
    course.save()
    record_change(course, action="create", actor=by, after=model_state(course, COURSE_FIELDS))
    if request is not None:
        users = unit_users(townships=[request.township_id])
        notify(
            users,
            kind=Kind.TRAINING_REQUEST,
            title=f"已安排培训「{course.title}」({course.held_on:%Y-%m-%d})",
            body=f"根据本单位申请的「{request.topic}」安排",
            link=reverse("enforcement:training_course", args=[course.pk]),
        )
    return course


@transaction.atomic
def attendance_record(*, by, course: Course, officers_: list[Officer], hours=None) -> list:
    """One attendance (人次) per officer, credited the course's hours unless fewer are
    given (someone who left early)."""
    _require_bureau(by)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.county_id != by.county_id:
        raise Forbidden("只能登记本县(市、区)的培训")
    if course.held_on > timezone.localdate():
        raise ValidationError({"course": "课程:培训尚未举行,不能登记参训"})
    officers_ = list(dict.fromkeys(officers_))
    if not officers_:
        raise ValidationError({"officers": "参训人员:至少选择一人"})
    hours = course.hours if hours in (None, "") else Decimal(str(hours))
    if not Decimal("0.5") <= hours <= course.hours:
        raise ValidationError({"hours": f"计入学时:应为0.5至{course.hours}"})
    taken = set(course.attendances.values_list("officer_id", flat=True))
    for officer in officers_:
        if officer.county_id != course.county_id:
            raise ValidationError({"officers": f"参训人员:「{officer.name}」不是本县(市、区)人员"})
        if officer.pk in taken:
            raise ValidationError({"officers": f"参训人员:「{officer.name}」已登记"})
    rows = TrainingAttendance.objects.bulk_create(
        [
            TrainingAttendance(course=course, officer=o, hours=hours, recorded_by=by)
            for o in officers_
        ]
    )
    record_changes(
        change_record(a, action="create", actor=by, after={"hours": str(a.hours)}) for a in rows
    )
    record_change(
        course,
        action="attendance",
        actor=by,
        after={"attendees": "、".join(o.name for o in officers_), "hours": str(hours)},
    )
    return rows


@transaction.atomic
def request_submit(*, by, topic, wanted_on=None, attendees=10, notes="") -> TrainingRequest:
    """A township asks the bureau for a course from the menu (or its own topic)."""
    if not is_township_clerk(by):
        raise Forbidden("只有乡镇(街道)可以提出培训需求")
    request = TrainingRequest(
        county_id=by.county_id,
        township_id=by.township_id,
        topic=(topic or "").strip(),
        wanted_on=wanted_on,
        attendees=attendees or 0,
        notes=(notes or "").strip(),
        requested_by=by,
    )
    if request.attendees < 1:
        raise ValidationError({"attendees": "预计人数:至少1人"})
    validate_model(request)
    request.save()
    record_change(request, action="create", actor=by, after=model_state(request))
    bureau = User.objects.filter(
        role=User.Role.JUSTICE_REVIEWER, county_id=by.county_id, is_active=True
    )
    notify(
        bureau,
        kind=Kind.TRAINING_REQUEST,
        title=f"{by.township}申请培训「{request.topic}」",
        body=request.notes,
        link=reverse("enforcement:training_requests"),
    )
    return request


@transaction.atomic
@refuses_control_chars(answer="答复")
def request_answer(*, by, request: TrainingRequest, accept: bool, answer: str) -> TrainingRequest:
    _require_bureau(by)
    request = TrainingRequest.objects.select_for_update().get(pk=request.pk)
    if request.county_id != by.county_id:
        raise Forbidden("只能答复本县(市、区)的培训需求")
    if request.state != TrainingRequest.State.PENDING:
        raise ValidationError({"state": "培训需求:已答复"})
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": "答复:必填(安排的时间、讲师,或不予安排的理由)"})
    before = model_state(request, REQUEST_FIELDS)
    request.state = TrainingRequest.State.ACCEPTED if accept else TrainingRequest.State.DECLINED
    request.answer = answer[:500]
    request.answered_by = by
    request.answered_at = timezone.now()
    request.save(update_fields=["state", "answer", "answered_by", "answered_at"])
    record_change(
        request,
        action="answer",
        actor=by,
        before=before,
        after=model_state(request, REQUEST_FIELDS),
    )
    notify(
        unit_users(townships=[request.township_id]),
        kind=Kind.TRAINING_REQUEST,
        title=f"培训需求「{request.topic}」:{request.get_state_display()}",
        body=request.answer,
        link=reverse("enforcement:training_requests"),
    )
    return request
