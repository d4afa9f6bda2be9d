"""The officer registry pages (thin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import messages_of
from quanze.core.views import add_errors, domain_errors
from quanze.enforcement.officers import selectors, services
from quanze.enforcement.officers.forms import CertificateForm, CertificateStatusForm, OfficerForm
from quanze.org.roles import is_department_clerk, is_reviewer, is_township_clerk


def _may_register(user) -> bool:
    return is_reviewer(user) or is_township_clerk(user) or is_department_clerk(user)


@login_required
def officer_list(request):
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.officer_list(request.user, q=q), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "enforcement/officer_list.html",
        {"page": page, "q": q, "can_register": _may_register(request.user)},
    )


@login_required
@domain_errors
def officer_create(request):
    if not _may_register(request.user):
        raise PermissionDenied("只有司法局或本单位经办人可以登记执法人员")
    form = OfficerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            officer = services.officer_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已登记执法人员{officer.name}")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return render(request, "enforcement/officer_form.html", {"form": form})


@login_required
@domain_errors
def officer_detail(request, pk):
    officer = selectors.access_officer(request.user, pk)
    bureau = is_reviewer(request.user)
    return render(
        request,
        "enforcement/officer_detail.html",
        {
            "officer": officer,
            "certificates": officer.certificates.prefetch_related("fields"),
            "certificate_form": CertificateForm() if bureau else None,
            "status_form": CertificateStatusForm() if bureau else None,
        },
    )


@login_required
@require_POST
@domain_errors
def certificate_add(request, pk):
    officer = selectors.access_officer(request.user, pk)
    form = CertificateForm(request.POST)
    if form.is_valid():
        try:
            services.certificate_add(by=request.user, officer=officer, **form.cleaned_data)
        except ValidationError as error:
            for text in messages_of(error):
                messages.error(request, f"登记执法证:{text}")
        else:
            messages.success(request, "已登记执法证")
    else:
        for field, errors in form.errors.items():
            for error in errors:
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"登记执法证:{label}:{error}")
    return redirect("enforcement:officer_detail", pk=pk)


@login_required
@require_POST
@domain_errors
def certificate_status(request, pk):
    certificate = selectors.access_certificate(request.user, pk)
    form = CertificateStatusForm(request.POST)
    if form.is_valid():
        try:
            services.certificate_set_status(
                by=request.user, certificate=certificate, **form.cleaned_data
            )
        except ValidationError as error:
            for text in messages_of(error):
                messages.error(request, f"变更执法证:{text}")
        else:
            messages.success(request, "已变更执法证状态")
    return redirect("enforcement:officer_detail", pk=certificate.officer_id)
