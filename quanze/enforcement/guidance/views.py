"""The guidance and guiding-case pages (thin), and the public guiding cases."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from quanze.core.errors import messages_of
from quanze.core.views import add_errors, domain_errors
from quanze.enforcement.benchmarks.selectors import proposal_for
from quanze.enforcement.cases.selectors import access_case
from quanze.enforcement.guidance import selectors, services
from quanze.enforcement.guidance.forms import (
    CaseFilterForm,
    GuidanceFilterForm,
    GuidanceForm,
    GuidingCaseForm,
    ReviewForm,
)

PAGE_SIZE = 50


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _bureau(request) -> bool:
    return selectors.can_write(request.user, request.user.county_id)


@login_required
def guidance_list(request):
    form = GuidanceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.guidance_list(
        request.user,
        q=filters.get("q", ""),
        status=filters.get("status", ""),
        sort=filters.get("sort") or "code",
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/guidance/guidance_list.html",
        {"page": page, "form": form, "query": _query(request), "can_write": _bureau(request)},
    )


@login_required
@domain_errors
def guidance_detail(request, pk):
    power = selectors.access_power(request.user, pk)
    guidance = selectors.guidance_for(request.user, power)
    found = proposal_for(
        county_id=request.user.county_id, power_id=power.pk, on=timezone.localdate()
    )
    if guidance is None and found.item is None and not _bureau(request):
        raise Http404("执法指引不存在或无权访问")
    return render(
        request,
        "enforcement/guidance/guidance_detail.html",
        {
            "power": power,
            "guidance": guidance,
            "found": found,
            "guiding_cases": selectors.guiding_cases_for_power(request.user, power.pk),
            "can_write": _bureau(request),
        },
    )


@login_required
@domain_errors
def guidance_edit(request, pk):
    if not _bureau(request):
        raise PermissionDenied(services.FORBIDDEN)
    power = selectors.access_power(request.user, pk)
    guidance = selectors.guidance_for(request.user, power)
    initial = {}
    if guidance is not None:
        initial = {
            k: getattr(guidance, k) for k in ("legal_basis", "procedure", "evidence", "notes")
        }
    else:
        initial = {"legal_basis": power.legal_basis}
    form = GuidanceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.guidance_save(by=request.user, power=power, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已保存{power.name}的执法指引")
            return redirect("enforcement:guidance_detail", pk=power.pk)
    return render(
        request, "enforcement/guidance/guidance_form.html", {"form": form, "power": power}
    )


@login_required
def guiding_case_list(request):
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.guiding_case_list(
        request.user,
        q=filters.get("q", ""),
        status=filters.get("status", ""),
        sort=filters.get("sort") or "-collected",
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/guidance/guiding_case_list.html",
        {"page": page, "form": form, "query": _query(request), "can_write": _bureau(request)},
    )


@login_required
@domain_errors
def guiding_case_create(request):
    if not _bureau(request):
        raise PermissionDenied(services.FORBIDDEN)
    source = None
    case_id = request.POST.get("case") or request.GET.get("case")
    if case_id:
        try:
            source = access_case(request.user, int(case_id))
        except ValueError:
            raise Http404("案件不存在") from None
    initial = {}
    if source is not None:
        initial = {
            "title": source.title,
            "powers": [source.power_id],
            "field": source.field_id,
            "facts": source.facts,
            "decision": source.decision_text,
        }
    form = GuidingCaseForm(
        request.POST or None, powers=selectors.county_powers(request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            guiding = services.guiding_case_create(
                by=request.user, source_case=source, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已收集案例{guiding.title}")
            return redirect("enforcement:guiding_case_detail", pk=guiding.pk)
    return render(
        request,
        "enforcement/guidance/guiding_case_form.html",
        {"form": form, "source": source},
    )


@login_required
@domain_errors
def guiding_case_detail(request, pk):
    guiding = selectors.access_guiding_case(request.user, pk)
    bureau = _bureau(request)
    return render(
        request,
        "enforcement/guidance/guiding_case_detail.html",
        {
            "case": guiding,
            "reviews": guiding.reviews.all() if bureau else [],
            "powers": guiding.powers.order_by("code"),
            "review_form": ReviewForm() if bureau else None,
            "can_write": bureau,
        },
    )


@login_required
@require_POST
@domain_errors
def guiding_case_review(request, pk):
    guiding = selectors.access_guiding_case(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "评审:请填写评审专家和评审意见")
        return redirect("enforcement:guiding_case_detail", pk=pk)
    try:
        services.review_add(by=request.user, guiding_case=guiding, **form.cleaned_data)
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, f"评审:{text}")
    else:
        messages.success(request, "已记录评审意见")
    return redirect("enforcement:guiding_case_detail", pk=pk)


@login_required
@require_POST
@domain_errors
def guiding_case_decide(request, pk):
    guiding = selectors.access_guiding_case(request.user, pk)
    decision = request.POST.get("decision", "")
    try:
        services.guiding_case_decide(by=request.user, guiding_case=guiding, decision=decision)
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, text)
    else:
        messages.success(request, f"已{services.DECISIONS[decision]}")
    return redirect("enforcement:guiding_case_detail", pk=pk)


# ---- public ------------------------------------------------------------------------------


def public_guiding_cases(request):
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.published_guiding_cases(q=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "enforcement/guidance/public_list.html",
        {"page": page, "q": q, "query": _query(request)},
    )


@domain_errors
def public_guiding_case(request, pk):
    guiding = selectors.access_public_guiding_case(pk)
    return render(
        request,
        "enforcement/guidance/public_detail.html",
        {"case": guiding, "powers": guiding.powers.order_by("code")},
    )
