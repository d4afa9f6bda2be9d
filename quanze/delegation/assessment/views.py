"""Pages of the assessment: a project's items and matrix, one item's assessment, the
scoring criteria and the class-proposal rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, messages_of
from quanze.core.listing import listing
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.delegation.assessment import selectors
from quanze.delegation.assessment import services as assessing
from quanze.delegation.assessment.forms import (
    AssessmentForm,
    BulkAssessmentForm,
    CriterionForm,
    RuleForm,
)
from quanze.delegation.projects import rules
from quanze.delegation.projects import services as projects
from quanze.delegation.projects.models import ItemClass
from quanze.delegation.projects.selectors import (
    access_internal_project,
    access_project,
    class_counts,
)
from quanze.org.roles import is_office

SORTABLE = [
    "position", "name", "power_type", "field", "department", "difficulty", "necessity",
    "proposed", "final", "reason",
]  # fmt: skip


@login_required
@domain_errors
def assessment_list(request, pk):
    project = access_internal_project(request.user, pk)
    items = project.items.select_related("power__department", "power__power_type", "power__field")
    chosen = request.GET.get("class", "")
    if chosen in ItemClass.values:
        items = items.filter(final_class=chosen)
    rows = [
        {
            "item": i,
            "position": i.position,
            "name": str(i.power),
            "power_type": str(i.power.power_type),
            "field": str(i.power.field or ""),
            "department": str(i.power.department or ""),
            "difficulty": i.difficulty,
            "necessity": i.necessity,
            "proposed": i.get_proposed_class_display(),
            "final": i.get_final_class_display(),
            "reason": i.override_reason,
        }
        for i in items
    ]
    found = listing(request.GET, rows, columns=SORTABLE, default_sort="position")
    return render(
        request,
        "delegation/assessment_list.html",
        {
            "project": project,
            "listing": found,
            "chosen": chosen,
            "class_labels": ItemClass.choices,
            "counts": class_counts(project),
            "can_write": is_office(request.user),
            "bulk_form": BulkAssessmentForm(),
        },
    )


@login_required
@require_POST
@domain_errors
def assessment_bulk(request, pk):
    """批量评估 from the list: the ticked items get the bar's scores and/or class."""
    project = access_for_write(access_project, request.user, pk)
    form = BulkAssessmentForm(request.POST)
    back = request.POST.get("back", "")
    here = reverse("delegation:assessment_list", args=[pk]) + (back if back.startswith("?") else "")
    if not form.is_valid():
        for name, errors in form.errors.items():
            for text in errors:
                messages.error(request, f"批量评估:{form.fields[name].label}:{text}")
        return redirect(here)
    d = form.cleaned_data
    try:
        done = assessing.assessments_update_many(
            by=request.user,
            project=project,
            versions=form.versions(request.POST.getlist("pick")),
            difficulty=d["difficulty"] if d["difficulty"] is not None else assessing.UNSET,
            necessity=d["necessity"] if d["necessity"] is not None else assessing.UNSET,
            final_class=d["final_class"] or None,
            override_reason=d["override_reason"],
        )
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, text)
    else:
        messages.success(request, f"已批量保存 {len(done)} 个事项的评估")
    return redirect(here)


@login_required
@domain_errors
def assessment_matrix(request, pk):
    project = access_internal_project(request.user, pk)
    return render(
        request,
        "delegation/assessment_matrix.html",
        {
            "project": project,
            "matrix": selectors.matrix(project),
            "class_labels": ItemClass.choices,
        },
    )


@login_required
@domain_errors
def assessment_edit(request, pk):
    item = access_for_write(selectors.access_assessment, request.user, pk)
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
        **{f"score_{c.pk}": selectors.score_value(item, c.pk) for c in criteria},
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
    project = access_internal_project(request.user, pk)
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
    project = access_for_write(access_project, request.user, pk)
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
