"""The training pages (thin): courses, attendance, lecturers, requests, the report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from quanze.core.errors import messages_of
from quanze.core.listing import listing
from quanze.core.views import add_errors, domain_errors
from quanze.enforcement.officers.selectors import officers_visible
from quanze.enforcement.training import selectors, services
from quanze.enforcement.training.forms import (
    AnswerForm,
    AttendanceForm,
    CourseForm,
    LecturerForm,
    ReportForm,
    RequestForm,
)
from quanze.enforcement.training.models import TrainingRequest
from quanze.org.roles import is_reviewer, is_township_clerk


def _course_form(user, data=None):
    return CourseForm(
        data,
        lecturers=selectors.lecturers_visible(user).filter(active=True),
        requests=selectors.requests_visible(user).filter(state=TrainingRequest.State.ACCEPTED),
    )


def _query(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@domain_errors
def training_courses(request):
    bureau = is_reviewer(request.user)
    form = _course_form(request.user, request.POST or None) if bureau else None
    if request.method == "POST":
        if not bureau:
            raise PermissionDenied("只有司法局可以安排培训")
        if form.is_valid():
            try:
                course = services.course_create(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, f"已安排培训「{course.title}」")
                return redirect("enforcement:training_course", pk=course.pk)
    q = request.GET.get("q", "").strip()[:50]
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 1949 <= int(year) <= 2100 else None
    sort = request.GET.get("sort", "-held_on")
    rows = selectors.course_list(request.user, q=q, year=year, sort=sort)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/training/courses.html",
        {
            "page": page,
            "q": q,
            "year": year or "",
            "sort": sort,
            "form": form,
            "query": _query(request),
        },
    )


@login_required
@domain_errors
def training_course(request, pk):
    course = selectors.access_course(request.user, pk)
    rows = selectors.attendance_list(request.user, course)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    form = None
    if is_reviewer(request.user):
        form = AttendanceForm(
            officers=officers_visible(request.user)
            .filter(active=True)
            .exclude(attendances__course=course)
            .select_related("township", "department")
        )
    return render(
        request,
        "enforcement/training/course.html",
        {"course": course, "page": page, "form": form},
    )


@login_required
@require_POST
@domain_errors
def training_attendance(request, pk):
    course = selectors.access_course(request.user, pk)
    if not is_reviewer(request.user):
        raise PermissionDenied("只有司法局可以登记参训")
    form = AttendanceForm(request.POST, officers=officers_visible(request.user))
    if not form.is_valid():
        messages.error(request, "登记参训:请选择参训人员,学时应为0.5至200")
        return redirect("enforcement:training_course", pk=pk)
    try:
        rows = services.attendance_record(
            by=request.user,
            course=course,
            officers_=list(form.cleaned_data["officers"]),
            hours=form.cleaned_data["hours"],
        )
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, f"登记参训:{text}")
    else:
        messages.success(request, f"已登记{len(rows)}人次")
    return redirect("enforcement:training_course", pk=pk)


@login_required
@domain_errors
def training_lecturers(request):
    bureau = is_reviewer(request.user)
    form = LecturerForm(request.POST or None) if bureau else None
    if request.method == "POST":
        if not bureau:
            raise PermissionDenied("只有司法局可以管理讲师团")
        if form.is_valid():
            try:
                services.lecturer_add(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "已加入讲师团")
                return redirect("enforcement:training_lecturers")
    rows = selectors.lecturer_list(request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "enforcement/training/lecturers.html", {"page": page, "form": form})


@login_required
@domain_errors
def training_requests(request):
    township = is_township_clerk(request.user)
    form = RequestForm(request.POST or None) if township else None
    if request.method == "POST":
        if not township:
            raise PermissionDenied("只有乡镇(街道)可以提出培训需求")
        if form.is_valid():
            try:
                services.request_submit(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "已提交培训需求,等待司法局答复")
                return redirect("enforcement:training_requests")
    state = request.GET.get("state", "")
    rows = selectors.request_rows(request.user, state=state)
    found = listing(
        request.GET,
        rows,
        columns=selectors.REQUEST_SORTS,
        search=["township", "topic", "notes", "state", "answer"],
    )
    return render(
        request,
        "enforcement/training/requests.html",
        {
            "listing": found,
            "form": form,
            "state": state,
            "states": TrainingRequest.State.choices,
            "answer_form": AnswerForm() if is_reviewer(request.user) else None,
        },
    )


@login_required
@require_POST
@domain_errors
def training_request_answer(request, pk):
    found = selectors.access_request(request.user, pk)
    if not is_reviewer(request.user):
        raise PermissionDenied("只有司法局可以答复培训需求")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "答复:请选择是否安排并填写答复内容")
        return redirect("enforcement:training_requests")
    try:
        services.request_answer(by=request.user, request=found, **form.cleaned_data)
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, f"答复:{text}")
    else:
        messages.success(request, "已答复")
    return redirect("enforcement:training_requests")


@login_required
def training_report(request):
    form = ReportForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    if not form.is_bound:
        form = ReportForm(initial={"year": year})
    report = selectors.training_report(request.user, year=year)
    below = Paginator(selectors.officers_below(request.user, year=year), 50).get_page(
        request.GET.get("page")
    )
    chart = {
        "units": [[u.unit, u.attendances, float(u.hours), u.meeting, u.below] for u in report.units]
    }
    return render(
        request,
        "enforcement/training/report.html",
        {"report": report, "form": form, "below": below, "chart": chart, "query": _query(request)},
    )
