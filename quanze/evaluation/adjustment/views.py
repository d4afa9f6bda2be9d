"""Pages of adjustment projects: the list (sort, filter, paging) and the project page with
its changes, diff, progress, hand-overs and log; the office's actions post to one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, messages_of
from quanze.core.listing import listing
from quanze.core.views import domain_errors
from quanze.evaluation.adjustment import selectors, services
from quanze.evaluation.adjustment.forms import BasisForm, CancelForm, CompleteForm, StartForm
from quanze.evaluation.adjustment.report import upward_docx
from quanze.org.roles import is_office

COLUMNS = ["id", "title", "origin", "status", "opened_at", "document_number", "changes"]


@login_required
def adjustment_list(request):
    rows = selectors.project_rows(request.user)
    found = listing(request.GET, rows, columns=COLUMNS, default_sort="-opened_at")
    return render(request, "evaluation/adjustment_list.html", {"listing": found})


def _page(request, project, **forms):
    office = is_office(request.user) and request.user.county_id == project.county_id
    context = {
        "project": project,
        "changes": project.changes.select_related("power", "matter", "unit", "unit_before")
        .prefetch_related("townships")
        .order_by("position"),
        "diff": selectors.project_diff(project),
        "progress": selectors.project_progress(project),
        "handovers": selectors.handovers(project),
        "log": project.log.select_related("actor"),
        "office": office,
        "start_form": forms.get("start") or StartForm(initial={"row_version": project.row_version}),
        "complete_form": forms.get("complete")
        or CompleteForm(initial={"row_version": project.row_version}),
        "cancel_form": forms.get("cancel") or CancelForm(),
    }
    return render(request, "evaluation/adjustment_detail.html", context)


@login_required
@domain_errors
def adjustment_detail(request, pk):
    return _page(request, selectors.access_project(request.user, pk))


def _run(request, project, form, name, call):
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except (ValidationError, Conflict) as error:
            for text in messages_of(error) if isinstance(error, ValidationError) else [str(error)]:
                form.add_error(None, text)
        else:
            messages.success(request, "已办理")
            return redirect("evaluation:adjustment_detail", project.pk)
    return _page(request, project, **{name: form})


@login_required
@require_POST
@domain_errors
def adjustment_start(request, pk):
    project = selectors.access_project(request.user, pk)
    return _run(
        request,
        project,
        StartForm(request.POST),
        "start",
        lambda d: services.project_start(
            by=request.user, project=project, mode=d["mode"], expected_row_version=d["row_version"]
        ),
    )


@login_required
@require_POST
@domain_errors
def adjustment_complete(request, pk):
    project = selectors.access_project(request.user, pk)
    return _run(
        request,
        project,
        CompleteForm(request.POST),
        "complete",
        lambda d: services.project_complete(
            by=request.user,
            project=project,
            meeting_date=d["meeting_date"],
            document_number=d["document_number"],
            effective_date=d["effective_date"],
            fine_return_share=d["fine_return_share"],
            expected_row_version=d["row_version"],
        ),
    )


@login_required
@require_POST
@domain_errors
def adjustment_cancel(request, pk):
    project = selectors.access_project(request.user, pk)
    return _run(
        request,
        project,
        CancelForm(request.POST),
        "cancel",
        lambda d: services.project_cancel(by=request.user, project=project, reason=d["reason"]),
    )


@login_required
@domain_errors
def change_basis(request, pk):
    change = selectors.access_change(request.user, pk)
    project = change.project
    services.require_office(request.user, project.county_id)
    form = BasisForm(request.POST or None, initial={"new_basis": change.new_basis})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_set_basis(
                by=request.user, change=change, new_basis=form.cleaned_data["new_basis"]
            )
        except ValidationError as error:
            for text in messages_of(error):
                form.add_error(None, text)
        else:
            return redirect("evaluation:adjustment_detail", project.pk)
    return render(
        request,
        "evaluation/adjustment_basis.html",
        {"change": change, "project": project, "form": form},
    )


@login_required
@domain_errors
def change_report(request, pk):
    """The .docx proposal to the province of a REPORT_UPWARD change."""
    change = selectors.access_change(request.user, pk)
    if change.kind != "report_upward":
        raise Http404("该调整事项没有上报建议")
    return upward_docx(change)
