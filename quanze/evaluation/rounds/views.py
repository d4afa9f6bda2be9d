"""The round pages: list, create/edit, the round (status, scope, weights, actions,
proposals with their decision), the report (definitions, weights, per-item indicators;
.xlsx), the units' forms. Thin: forms validate, services write, selectors read."""

import tempfile
from pathlib import Path
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quanze.catalog.models import Power
from quanze.core.errors import messages_of
from quanze.core.listing import listing
from quanze.core.views import add_errors, domain_errors, post_form
from quanze.evaluation.adjustment.forms import OpenFromForm
from quanze.evaluation.adjustment.selectors import projects_from
from quanze.evaluation.rounds import export, selectors, services
from quanze.evaluation.rounds.definitions import BY_KEY, DEFINITIONS, WEIGHTED
from quanze.evaluation.rounds.forms import (
    AssessmentForm,
    DecideForm,
    OpinionForm,
    RatingForm,
    RatingsImportForm,
    RoundForm,
)
from quanze.evaluation.rounds.models import Round
from quanze.org.models import Division
from quanze.org.roles import code_prefix, is_department_clerk, is_office, is_township_clerk

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_COLUMNS = ("title", "start", "end", "status", "proposals")
REPORT_COLUMNS = (
    "code",
    "name",
    "department",
    "held",
    "exercise_rate",
    "cases",
    "response_rate",
    "resolution_rate",
    "satisfaction_rate",
    "sent_back",
    "disputes",
    "declined",
    "asked_return",
    "certified",
    "capacity",
    "opinion",
    "public",
    "score",
)


@login_required
def round_list(request):
    status = request.GET.get("status", "")
    rows = selectors.round_list(
        request.user, status=status if status in Round.Status.values else ""
    )
    return render(
        request,
        "evaluation/rounds/list.html",
        {
            "listing": listing(
                request.GET, rows, columns=LIST_COLUMNS, search=("title",), default_sort="-start"
            ),
            "statuses": Round.Status.choices,
            "status": status,
            "can_create": is_office(request.user),
        },
    )


def _round_form(request, round_=None):
    county = round_.county if round_ else request.user.county
    prefix = code_prefix(county)
    townships = Division.objects.filter(
        code__startswith=prefix, level=Division.Level.TOWNSHIP
    ).order_by("code")
    powers = Power.objects.filter(owner__code__startswith=prefix).order_by("code")
    initial = {}
    if round_ is not None:
        initial = {
            "title": round_.title,
            "start": round_.start,
            "end": round_.end,
            "townships": list(round_.townships.all()),
            "powers": list(round_.powers.all()),
        }
    return RoundForm(
        request.POST or None,
        townships=townships,
        powers=powers,
        initial_round=round_,
        initial=initial,
    )


@login_required
@domain_errors
def round_create(request):
    if not is_office(request.user):
        raise PermissionDenied("只有编办可以组织评估")
    form = _round_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.round_create(by=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "已创建评估轮次")
            return redirect("evaluation:round_detail", found.pk)
    return render(request, "evaluation/rounds/form.html", {"form": form, "round": None})


@login_required
@domain_errors
def round_edit(request, pk):
    round_ = selectors.access_round(request.user, pk)
    if not is_office(request.user):
        raise PermissionDenied("只有编办可以修改评估")
    round_ = selectors.access_round(request.user, pk, for_write=True)
    form = _round_form(request, round_)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(by=request.user, round_=round_, **form.service_kwargs())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("evaluation:round_detail", round_.pk)
    return render(request, "evaluation/rounds/form.html", {"form": form, "round": round_})


def _weights(round_):
    return [(BY_KEY[key].name, (round_.weights or {}).get(key, 0)) for key in WEIGHTED]


@login_required
@domain_errors
def round_detail(request, pk):
    round_ = selectors.access_round(request.user, pk)
    user = request.user
    proposals = selectors.proposals_visible(user, round_)
    rows = [
        {
            "id": p.pk,
            "kind": p.get_kind_display(),
            "code": p.power.code,
            "name": p.power.name,
            "township": p.township.name if p.township_id else "全部承接乡镇",
            "matter": p.matter.name if p.matter_id else "",
            "reason": p.reason,
            "facts": p.facts,
            "status": p.get_status_display(),
            "proposed": p.status == "proposed",
            "decision": p.decision_reason,
        }
        for p in proposals
    ]
    runs = is_office(user) and round_.county_id == user.county_id
    return render(
        request,
        "evaluation/rounds/detail.html",
        {
            "round": round_,
            "townships": selectors.round_townships(round_)[:50],
            "powers": round_.powers.all()[:50],
            "weights": _weights(round_),
            "listing": listing(
                request.GET,
                rows,
                columns=("kind", "code", "township", "status"),
                search=("kind", "code", "name", "township", "facts"),
                default_sort="code",
            ),
            "runs": runs,
            "skipped": selectors.skipped_visible(user, round_),
            "decide": DecideForm() if runs and round_.status == "computed" else None,
            "adjustments": projects_from(services.round_origin(round_), round_.county_id),
            "adjust": OpenFromForm() if runs and round_.status in ("computed", "closed") else None,
            "fills_assessment": is_township_clerk(user) and round_.status == "collecting",
            "fills_opinion": is_department_clerk(user) and round_.status == "collecting",
        },
    )


def _post_action(request, pk, action, done: str):
    """A round's step (open, compute, close): the service refuses anyone but the county's
    office (Forbidden, a 403)."""
    round_ = selectors.access_round(request.user, pk)
    try:
        action(by=request.user, round_=round_)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("evaluation:round_detail", round_.pk)


@require_POST
@login_required
@domain_errors
def round_open(request, pk):
    return _post_action(request, pk, services.round_open, "已开始征集,已通知乡镇(街道)和县直部门")


@require_POST
@login_required
@domain_errors
def round_compute(request, pk):
    return _post_action(request, pk, services.round_compute, "测算完成")


@require_POST
@login_required
@domain_errors
def round_close(request, pk):
    return _post_action(request, pk, services.round_close, "评估已结束")


@require_POST
@login_required
@domain_errors
def round_adjustment_open(request, pk):
    """发起动态调整: the office opens the adjustment project of the accepted proposals (the
    service refuses anyone else: Forbidden, a 403)."""
    round_ = selectors.access_round(request.user, pk)
    return post_form(
        request,
        OpenFromForm(request.POST),
        lambda title: services.adjustment_open(by=request.user, round_=round_, title=title),
        prefix="发起动态调整",
        done=lambda project: (
            f"已发起动态调整项目「{project.title}」,共{project.changes.count()}项调整"
        ),
        to=reverse("evaluation:round_detail", args=[round_.pk]),
    )


@require_POST
@login_required
@domain_errors
def proposal_decide(request, pk):
    proposal = selectors.access_proposal(request.user, pk)  # the service checks the office
    form = DecideForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}:{errors[0]}")
    else:
        try:
            services.proposal_decide(
                by=request.user,
                proposal=proposal,
                accept=form.cleaned_data["accept"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, "已审定")
    return redirect("evaluation:round_detail", proposal.round_id)


def _report(request, round_):
    items = selectors.item_rows(request.user, round_)
    proposals = selectors.proposals_visible(request.user, round_)
    return items, proposals


@login_required
@domain_errors
def round_report(request, pk):
    round_ = selectors.access_round(request.user, pk)
    items, proposals = _report(request, round_)
    rows = [item.as_dict() for item in items]
    return render(
        request,
        "evaluation/rounds/report.html",
        {
            "round": round_,
            "listing": listing(
                request.GET,
                rows,
                columns=REPORT_COLUMNS,
                search=("code", "name", "department"),
                default_sort="score",
            ),
            "definitions": DEFINITIONS,
            "weights": _weights(round_),
            "proposals": proposals[:200],
        },
    )


@login_required
@domain_errors
def round_report_xlsx(request, pk):
    round_ = selectors.access_round(request.user, pk)
    items, proposals = _report(request, round_)
    response = HttpResponse(export.report_xlsx(round_, items, list(proposals)), content_type=XLSX)
    name = f"{round_.title}评估报告.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _unit_form(request, pk, *, allowed, refuse, form_class, powers_of, save, extra=None):
    round_ = selectors.access_round(request.user, pk)
    if not allowed(request.user):
        raise PermissionDenied(refuse)
    powers = powers_of(round_)
    kwargs = extra(round_) if extra else {}
    form = form_class(request.POST or None, powers=powers, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            save(round_, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect(request.path)
    return render(
        request,
        "evaluation/rounds/unit_form.html",
        {"round": round_, "form": form, "title": refuse.split("可以")[-1]},
    )


def _township_powers(request, round_):
    held = [p.pk for p in selectors.township_held(round_, request.user.township_id)]
    prefix = code_prefix(round_.county)
    return Power.objects.filter(owner__code__startswith=prefix).order_by(
        "code"
    ) | Power.objects.filter(pk__in=held)


@login_required
@domain_errors
def assessment_form(request, pk):
    return _unit_form(
        request,
        pk,
        allowed=is_township_clerk,
        refuse="只有乡镇(街道)经办人可以填报承接能力自评",
        form_class=AssessmentForm,
        powers_of=lambda r: _township_powers(request, r).distinct(),
        save=lambda r, d: services.assessment_save(by=request.user, round_=r, **d),
    )


@login_required
@domain_errors
def opinion_form(request, pk):
    return _unit_form(
        request,
        pk,
        allowed=is_department_clerk,
        refuse="只有县直部门经办人可以填报部门意见",
        form_class=OpinionForm,
        powers_of=lambda r: Power.objects.filter(
            pk__in=[p.pk for p in selectors.department_items(r, request.user.department_id)]
        ),
        save=lambda r, d: services.opinion_save(by=request.user, round_=r, **d),
    )


@login_required
@domain_errors
def rating_form(request, pk):
    def allowed(user):
        return is_office(user) and selectors.access_round(user, pk, for_write=True)

    return _unit_form(
        request,
        pk,
        allowed=allowed,
        refuse="只有编办可以录入群众评价",
        form_class=RatingForm,
        powers_of=lambda r: Power.objects.filter(
            owner__code__startswith=code_prefix(r.county)
        ).order_by("code"),
        extra=lambda r: {"townships": selectors.round_townships(r)},
        save=lambda r, d: services.rating_save(by=request.user, round_=r, **d),
    )


@login_required
@domain_errors
def ratings_import(request, pk):
    """群众评价 from a sheet (the office, while collecting): all or nothing; a refused file
    lists every problem by row and column and nothing is saved."""
    round_ = selectors.access_round(request.user, pk)
    if not is_office(request.user):
        raise PermissionDenied("只有编办可以导入群众评价")
    round_ = selectors.access_round(request.user, pk, for_write=True)
    form = RatingsImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = Path(upload.name).name
        warnings: list[str] = []
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / ("upload" + Path(name).suffix.lower()[:8])
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                count = services.ratings_import(
                    by=request.user, round_=round_, path=path, file_name=name, warnings=warnings
                )
            except ValidationError as error:
                problems = messages_of(error)[:200]
            else:
                for text in warnings:
                    messages.warning(request, text)
                messages.success(request, f"已导入{count}条群众评价")
                return redirect("evaluation:round_detail", round_.pk)
    return render(
        request,
        "evaluation/rounds/ratings_import.html",
        {"round": round_, "form": form, "problems": problems},
    )
