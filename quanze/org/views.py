"""Pages for divisions and departments: the office creates and edits, others read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.org import selectors, services
from quanze.org.forms import DepartmentEditForm, DepartmentForm, DivisionEditForm, DivisionForm
from quanze.org.roles import is_office


@login_required
def division_list(request):
    return render(
        request,
        "org/division_list.html",
        {"tree": selectors.division_tree(request.user), "can_write": is_office(request.user)},
    )


def _require_office(user):
    if not is_office(user):
        raise PermissionDenied("只有编办可以维护区划和部门")


@login_required
@domain_errors
def division_create(request):
    _require_office(request.user)
    form = DivisionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            division = services.division_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已新建区划「{division.name}」")
            return redirect("org:division_list")
    return render(request, "org/form.html", {"form": form, "title": "新建行政区划"})


@login_required
@domain_errors
def division_edit(request, pk):
    division = access_for_write(selectors.access_division, request.user, pk)
    form = DivisionEditForm(request.POST or None, division=division)
    form.initial = {name: getattr(division, name) for name in form.FIELDS}
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.FIELDS}
        try:
            services.division_update(
                by=request.user, division=division, reason=form.cleaned_data["reason"], **changes
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("org:division_list")
    return render(
        request,
        "org/form.html",
        {"form": form, "title": f"修改区划:{division}", "history": ("division", division.pk)},
    )


@login_required
def department_list(request):
    departments = selectors.department_list(request.user)
    return render(
        request,
        "org/department_list.html",
        {"departments": departments, "can_write": is_office(request.user)},
    )


@login_required
@domain_errors
def department_create(request):
    _require_office(request.user)
    form = DepartmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            department = services.department_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已新建部门「{department.name}」")
            return redirect("org:department_list")
    return render(request, "org/form.html", {"form": form, "title": "新建部门"})


@login_required
@domain_errors
def department_edit(request, pk):
    department = access_for_write(selectors.access_department, request.user, pk)
    initial = {name: getattr(department, name) for name in DepartmentEditForm.FIELDS}
    form = DepartmentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in DepartmentEditForm.FIELDS}
        try:
            services.department_update(
                by=request.user,
                department=department,
                reason=form.cleaned_data["reason"],
                **changes,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("org:department_list")
    return render(
        request,
        "org/form.html",
        {"form": form, "title": f"修改部门:{department}", "history": ("department", department.pk)},
    )
