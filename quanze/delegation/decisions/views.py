"""Pages of the approval stage: submit a batch to the executive meeting, record its
decision, list the decisions. Each view validates, calls one service, renders. The
decision's own page is in agreements/views.py (it offers agreement generation, and the
agreements process stands on this one); pressing 发布 is in publication/views.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.delegation.decisions import selectors
from quanze.delegation.decisions import services as decisions
from quanze.delegation.decisions.forms import DecisionForm
from quanze.delegation.decisions.models import Decision
from quanze.delegation.review.selectors import access_batch
from quanze.delegation.web import flash_errors
from quanze.org.roles import is_office


@login_required
@require_POST
@domain_errors
def batch_submit(request, pk):
    batch = access_for_write(access_batch, request.user, pk)
    try:
        decisions.batch_submit(by=request.user, batch=batch, reason=request.POST.get("reason", ""))
    except (ValidationError, Conflict) as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"{batch}已提请政府常务会审议")
    return redirect("delegation:decision_create", pk=batch.pk)


@login_required
@domain_errors
def decision_create(request, pk):
    """The batch as it goes to the meeting, and the form recording the meeting's decision."""
    batch = access_batch(request.user, pk)
    existing = Decision.objects.filter(batch=batch).first()
    if existing:
        return redirect("delegation:decision_detail", pk=existing.pk)
    unreviewed, rejected = decisions.unready_items(batch)
    form = DecisionForm(request.POST or None, batch=batch)
    if request.method == "POST":
        if not is_office(request.user):
            raise PermissionDenied("只有编办可以录入常务会决定")
        batch = access_for_write(access_batch, request.user, pk)
        if form.is_valid():
            try:
                decision = decisions.decision_record(
                    by=request.user, batch=batch, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, f"已录入常务会决定 {decision.document_number}")
                return redirect("delegation:decision_detail", pk=decision.pk)
    return render(
        request,
        "delegation/decision_form.html",
        {"batch": batch, "form": form, "unreviewed": unreviewed, "rejected": rejected,
         "can_write": is_office(request.user)},
    )  # fmt: skip


@login_required
def decision_list(request):
    rows = selectors.decisions_readable(request.user).order_by("-meeting_date", "-pk")
    return render(request, "delegation/decision_list.html", {"decisions": rows})
