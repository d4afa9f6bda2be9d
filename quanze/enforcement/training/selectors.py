"""Reads of training: access choke points, the course list, the per-unit report and the
hours per person against the yearly minimum."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum

from quanze.core.errors import NotFound
from quanze.enforcement.officers.selectors import officers_visible
from quanze.enforcement.training.models import Course, Lecturer, TrainingRequest
from quanze.org.roles import is_department_clerk, is_office, is_reviewer, is_township_clerk

# 国办发〔2018〕118号: every officer takes at least 60 学时 of training a year.
MIN_HOURS = Decimal("60")


def _county_user(user) -> bool:
    return (
        is_office(user) or is_reviewer(user) or is_township_clerk(user) or is_department_clerk(user)
    )


def courses_visible(user):
    if _county_user(user):
        return Course.objects.filter(county_id=user.county_id)
    return Course.objects.none()


def access_course(user, pk: int) -> Course:
    course = courses_visible(user).select_related("lecturer", "request").filter(pk=pk).first()
    if course is None:
        raise NotFound("培训课程")
    return course


def lecturers_visible(user):
    if _county_user(user):
        return Lecturer.objects.filter(county_id=user.county_id)
    return Lecturer.objects.none()


def lecturer_list(user):
    """The lecturers with how many courses each has given (`course_count`), in one query,
    by name (a grouped query drops Meta.ordering, and paging needs a stable order)."""
    return lecturers_visible(user).annotate(course_count=Count("courses")).order_by("name", "id")


def requests_visible(user):
    """The bureau and the office see the county's requests; a township its own."""
    if is_reviewer(user) or is_office(user):
        return TrainingRequest.objects.filter(county_id=user.county_id)
    if is_township_clerk(user):
        return TrainingRequest.objects.filter(township_id=user.township_id)
    return TrainingRequest.objects.none()


def access_request(user, pk: int) -> TrainingRequest:
    found = requests_visible(user).select_related("township").filter(pk=pk).first()
    if found is None:
        raise NotFound("培训需求")
    return found


REQUEST_SORTS = ["township", "topic", "wanted_on", "attendees", "state"]


def request_rows(user, *, state: str = "") -> list[dict]:
    """The requests queue as rows for `quanze.core.listing`: the request itself and the
    sortable and searchable values (dates as ISO text, so they sort as dates)."""
    rows = requests_visible(user).select_related("township")
    if state in TrainingRequest.State.values:
        rows = rows.filter(state=state)
    return [
        {
            "request": r,
            "township": r.township.name,
            "topic": r.topic,
            "wanted_on": r.wanted_on.isoformat() if r.wanted_on else "",
            "attendees": r.attendees,
            "notes": r.notes,
            "state": r.get_state_display(),
            "answer": r.answer,
        }
        for r in rows
    ]


COURSE_SORTS = {
    "-held_on": ("-held_on", "-id"),
    "held_on": ("held_on", "id"),
    "title": ("title", "id"),
}


def course_list(user, *, q: str = "", year: int | None = None, sort: str = "-held_on"):
    rows = courses_visible(user).select_related("lecturer").annotate(attended=Count("attendances"))
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(lecturer__name__icontains=q))
    if year:
        rows = rows.filter(held_on__year=year)
    return rows.order_by(*COURSE_SORTS.get(sort, COURSE_SORTS["-held_on"]))


def attendance_list(user, course: Course):
    return course.attendances.filter(officer__in=officers_visible(user)).select_related(
        "officer__township", "officer__department"
    )


@dataclass(frozen=True)
class UnitTraining:
    unit: str
    officers: int
    attendances: int
    hours: Decimal
    meeting: int  # officers with at least the minimum

    @property
    def below(self) -> int:
        return self.officers - self.meeting


@dataclass(frozen=True)
class TrainingReport:
    year: int
    minimum: Decimal
    units: list[UnitTraining]

    @property
    def attendances(self) -> int:
        return sum(u.attendances for u in self.units)

    @property
    def hours(self) -> Decimal:
        return sum((u.hours for u in self.units), Decimal(0))

    @property
    def officers(self) -> int:
        return sum(u.officers for u in self.units)

    @property
    def meeting(self) -> int:
        return sum(u.meeting for u in self.units)


def officer_hours(user, *, year: int):
    """The officers `user` sees (active, on a post or auxiliary) with their attendances and
    hours in `year`."""
    in_year = Q(attendances__course__held_on__year=year)
    return (
        officers_visible(user)
        .filter(active=True)
        .annotate(
            attended=Count("attendances", filter=in_year),
            hours=Sum("attendances__hours", filter=in_year, default=Decimal(0)),
        )
        .select_related("township", "department")
    )


def training_report(user, *, year: int, minimum: Decimal = MIN_HOURS) -> TrainingReport:
    """Per unit: officers, attendances (人次), hours, officers at the yearly minimum."""
    units: dict[str, list] = {}
    for officer in officer_hours(user, year=year).order_by("township__code", "department__name"):
        key = str(officer.unit)
        row = units.setdefault(key, [0, 0, Decimal(0), 0])
        row[0] += 1
        row[1] += officer.attended
        row[2] += officer.hours
        row[3] += officer.hours >= minimum
    return TrainingReport(
        year=year,
        minimum=minimum,
        units=[UnitTraining(k, v[0], v[1], v[2], v[3]) for k, v in units.items()],
    )


def officers_below(user, *, year: int, minimum: Decimal = MIN_HOURS):
    return officer_hours(user, year=year).filter(hours__lt=minimum).order_by("hours", "name")


def requests_waiting(user) -> dict:
    """The workbench: the county's training requests the bureau has not answered, and the
    earliest date a township wants a course on."""
    if not is_reviewer(user):
        return {"count": 0, "due": None}
    return TrainingRequest.objects.filter(
        county_id=user.county_id, state=TrainingRequest.State.PENDING
    ).aggregate(count=Count("pk"), due=Min("wanted_on"))
