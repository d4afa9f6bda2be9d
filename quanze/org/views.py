from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from quanze.org import selectors


@login_required
def division_list(request):
    divisions = selectors.divisions_visible(request.user).select_related("parent")
    return render(request, "org/division_list.html", {"divisions": divisions})


@login_required
def department_list(request):
    departments = selectors.department_list(request.user)
    return render(request, "org/department_list.html", {"departments": departments})
