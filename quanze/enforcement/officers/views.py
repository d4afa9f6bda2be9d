"""The officer registry pages (thin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from quanze.core.errors import messages_of
from quanze.core.views import add_errors, domain_errors, post_form
from quanze.enforcement.officers import expiry, selectors, services
from quanze.enforcement.officers.forms import (
    CertificateForm,
    CertificateStatusForm,
    ExpiryQueueForm,
    OfficerEditForm,
    OfficerForm,
)
from quanze.enforcement.officers.models import Officer
from quanze.org.roles import is_department_clerk, is_reviewer, is_township_clerk


def _may_register(user) -> bool:
    return is_reviewer(user) or is_township_clerk(user) or is_department_clerk(user)


@login_required
def officer_list(request):
    q = request.GET.get("q", "").strip()
    post_type = request.GET.get("post_type", "")
    post_type = post_type if post_type in Officer.PostType.values else ""
    rows = selectors.officer_list(request.user, q=q, post_type=post_type)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/officer_list.html",
        {
            "page": page,
            "q": q,
            "post_type": post_type,
            "post_types": Officer.PostType.choices,
            "can_register": _may_register(request.user),
        },
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
            "can_edit": selectors.officers_writable(request.user).filter(pk=officer.pk).exists(),
            "exams": officer.exam_entries.select_related("sitting"),
        },
    )


@login_required
@domain_errors
def officer_edit(request, pk):
    officer = selectors.access_officer(request.user, pk, for_write=True)
    initial = {
        k: getattr(officer, k)
        for k in (
            "name",
            "position",
            "post_type",
            "legal_qualification",
            "legal_reviewer",
            "active",
        )
    }
    form = OfficerEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.officer_update(by=request.user, officer=officer, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return render(request, "enforcement/officer_form.html", {"form": form, "officer": officer})


@login_required
def certificate_expiring(request):
    form = ExpiryQueueForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    days = data.get("days") or expiry.DEFAULT_DAYS
    rows = selectors.certificates_expiring(
        request.user,
        on=timezone.localdate(),
        within=days,
        unit=data.get("unit") or "",
        q=data.get("q") or "",
        sort=data.get("sort") or "expiry",
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "enforcement/certificate_expiring.html",
        {
            "page": page,
            "form": form,
            "days": days,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "can_notify": is_reviewer(request.user),
        },
    )


@login_required
@require_POST
@domain_errors
def certificate_expiry_notify(request):
    if not is_reviewer(request.user):
        raise PermissionDenied("只有司法局可以发出执法证到期提醒")
    form = ExpiryQueueForm(request.POST)
    days = (form.cleaned_data.get("days") if form.is_valid() else None) or expiry.DEFAULT_DAYS
    count = expiry.certificates_expiry_notify(
        by=request.user, county=request.user.county, on=timezone.localdate(), within=days
    )
    messages.success(request, f"已向所属单位发出{count}本执法证的到期提醒")
    return redirect(reverse("enforcement:certificate_expiring") + f"?days={days}")


@login_required
@require_POST
@domain_errors
def certificate_add(request, pk):
    officer = selectors.access_officer(request.user, pk)
    call = lambda **data: services.certificate_add(by=request.user, officer=officer, **data)  # noqa: E731
    return post_form(
        request,
        CertificateForm(request.POST),
        call,
        prefix="登记执法证",
        done="已登记执法证",
        to=reverse("enforcement:officer_detail", args=[pk]),
    )


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
