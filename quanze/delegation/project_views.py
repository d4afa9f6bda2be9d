"""Pages of projects and their assessment: list, create, detail, items, matrix, rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.delegation import access, assessing, projects, reports, rules
from quanze.delegation.models import DelegationProject, ItemClass
from quanze.delegation.project_forms import AssessmentForm, CriterionForm, ProjectForm, RuleForm
from quanze.org.roles import is_county_wide, is_office


@login_required
def project_list(request):
    return render(
        request,
        "delegation/project_list.html",
        {"projects": access.projects_readable(request.user), "can_create": is_office(request.user)},
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
    project = access.access_project(request.user, pk)
    internal = is_county_wide(request.user)
    rounds = (
        access.rounds_readable(request.user).filter(project=project).distinct().order_by("number")
    )
    return render(
        request,
        "delegation/project_detail.html",
        {
            "project": project,
            "internal": internal,
            "can_write": is_office(request.user) and project.county_id == request.user.county_id,
            "counts": reports.class_counts(project) if internal else None,
            "class_labels": ItemClass.choices,
            "rounds": rounds,
            "batches": project.batches.all() if internal else [],
            "meetings": project.meetings.all()[:50] if internal else [],
            "stages": DelegationProject.Stage.choices,
            "townships": project.townships.all(),
        },
    )


@login_required
@require_POST
@domain_errors
def project_advance(request, pk):
    project = access_for_write(access.access_project, request.user, pk)
    try:
        projects.project_advance(by=request.user, project=project, to=request.POST.get("stage", ""))
    except ValidationError as error:
        messages.error(request, ";".join(error.messages))
    return redirect("delegation:project_detail", pk=project.pk)


@login_required
@domain_errors
def assessment_list(request, pk):
    project = access.access_internal_project(request.user, pk)
    items = project.items.select_related("power__department", "power__power_type", "power__field")
    chosen = request.GET.get("class", "")
    if chosen in ItemClass.values:
        items = items.filter(final_class=chosen)
    return render(
        request,
        "delegation/assessment_list.html",
        {
            "project": project,
            "items": items,
            "chosen": chosen,
            "class_labels": ItemClass.choices,
            "counts": reports.class_counts(project),
            "can_write": is_office(request.user),
        },
    )


@login_required
@domain_errors
def assessment_matrix(request, pk):
    project = access.access_internal_project(request.user, pk)
    return render(
        request,
        "delegation/assessment_matrix.html",
        {"project": project, "matrix": reports.matrix(project), "class_labels": ItemClass.choices},
    )


@login_required
@domain_errors
def assessment_edit(request, pk):
    item = access_for_write(access.access_assessment, request.user, pk)
    criteria = list(item.project.criteria.all())
    initial = {
        "difficulty": item.difficulty,
        "necessity": item.necessity,
        "final_class": item.final_class if item.override_reason else "",
        "row_version": item.row_version,
        **{
            f: getattr(item, f)
            for f in AssessmentForm.base_fields
            if hasattr(item, f) and f != "final_class"
        },
        **{f"score_{c.pk}": assessing.score_value(item, c.pk) for c in criteria},
    }
    form = AssessmentForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            assessing.assessment_update(
                by=request.user,
                item=item,
                expected_row_version=d["row_version"],
                scores=form.scores() if criteria else None,
                difficulty=d["difficulty"],
                necessity=d["necessity"],
                flags=form.flags(),
                final_class=d["final_class"] or None,
                override_reason=d["override_reason"],
                note=d["note"],
            )
        except Conflict as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已保存“{item.power}”的评估")
            return redirect("delegation:assessment_list", pk=item.project_id)
    return render(request, "delegation/assessment_edit.html", {"item": item, "form": form})


@login_required
@domain_errors
def rule_edit(request, pk):
    project = access.access_internal_project(request.user, pk)
    rule = project.rule
    can_write = is_office(request.user)
    if request.method == "POST" and not can_write:
        raise PermissionDenied("只有编办可以调整分类规则")
    initial = {name: getattr(rule, name) for name in projects.RULE_FIELDS} | {
        "row_version": rule.row_version
    }
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            projects.rule_update(
                by=request.user,
                project=project,
                expected_row_version=values.pop("row_version"),
                reason=values.pop("reason"),
                **values,
            )
        except Conflict as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "分类规则已调整,未人工调整分类的事项已按新规则重新分类")
            return redirect("delegation:rule_edit", pk=project.pk)
    return render(
        request,
        "delegation/rule_edit.html",
        {
            "project": project,
            "rule_text": rules.rule_text(rule),
            "form": form,
            "criteria": project.criteria.all(),
            "criterion_form": CriterionForm(),
            "can_write": can_write,
        },
    )


@login_required
@require_POST
@domain_errors
def criterion_create(request, pk):
    project = access_for_write(access.access_project, request.user, pk)
    form = CriterionForm(request.POST)
    if form.is_valid():
        try:
            projects.criterion_save(by=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, ";".join(error.messages))
        else:
            messages.success(request, "已新增评分项,各事项指标已重新计算")
    else:
        messages.error(request, ";".join(f"{form[k].label}:{v[0]}" for k, v in form.errors.items()))
    return redirect("delegation:rule_edit", pk=project.pk)
