"""Pages of projects: list, create, detail (the stages at a glance), advance a stage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.delegation.projects import selectors
from quanze.delegation.projects import services as projects
from quanze.delegation.projects.forms import ProjectForm
from quanze.delegation.projects.models import DelegationProject, ItemClass
from quanze.org.roles import is_county_wide, is_office


@login_required
def project_list(request):
    return render(
        request,
        "delegation/project_list.html",
        {
            "projects": selectors.projects_readable(request.user),
            "can_create": is_office(request.user),
        },
    )


@login_required
@domain_errors
def project_create(request):
    if not is_office(request.user):
        raise PermissionDenied("只有编办可以新建赋权项目")
    form = ProjectForm(request.POST or None, county=request.user.county)
    if request.method == "POST" and form.is_valid():
        try:
            project = projects.project_create(
                by=request.user, county=request.user.county, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已新建赋权项目「{project.name}」")
            return redirect("delegation:project_detail", pk=project.pk)
    return render(request, "delegation/project_form.html", {"form": form})


@login_required
@domain_errors
def project_detail(request, pk):
    project = selectors.access_project(request.user, pk)
    internal = is_county_wide(request.user)
    rounds = project.rounds.readable_by(request.user).distinct().order_by("number")
    return render(
        request,
        "delegation/project_detail.html",
        {
            "project": project,
            "internal": internal,
            "can_write": is_office(request.user) and project.county_id == request.user.county_id,
            "counts": selectors.class_counts(project) if internal else None,
            "class_labels": ItemClass.choices,
            "rounds": rounds,
            "batches": project.batches.all() if internal else [],
            "meetings": project.meetings.all()[:50] if internal else [],
            "stages": DelegationProject.Stage.choices,
            "next_stage": projects.next_stage(project.stage),
            "townships": project.townships.all(),
        },
    )


@login_required
@require_POST
@domain_errors
def project_advance(request, pk):
    project = access_for_write(selectors.access_project, request.user, pk)
    try:
        projects.project_advance(by=request.user, project=project, to=request.POST.get("stage", ""))
    except ValidationError as error:
        messages.error(request, ";".join(error.messages))
    return redirect("delegation:project_detail", pk=project.pk)
