"""Pages of batches and their legality review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, Forbidden, NotFound
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.delegation.projects.selectors import access_project
from quanze.delegation.review import selectors
from quanze.delegation.review import services as review
from quanze.delegation.review.forms import BatchForm, RemoveItemForm, ReviewForm
from quanze.delegation.review.models import Batch
from quanze.org.roles import is_office, is_reviewer


@login_required
@domain_errors
def batch_create(request, pk):
    project = access_for_write(access_project, request.user, pk)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            batch = review.batch_create(
                by=request.user,
                project=project,
                title=d["title"],
                mode=d["mode"],
                items=project.items.filter(final_class=d["item_class"], batch_items__isnull=True),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已新建{batch}")
            return redirect("delegation:batch_detail", pk=batch.pk)
    return render(request, "delegation/batch_form.html", {"project": project, "form": form})


@login_required
@domain_errors
def batch_detail(request, pk):
    batch = selectors.access_batch(request.user, pk)
    rows = [
        (row, review.above_county(row.item.power))
        for row in selectors.batch_rows(batch).prefetch_related("item__power__citations")
    ]
    return render(
        request,
        "delegation/batch_detail.html",
        {
            "batch": batch,
            "rows": rows,
            "counts": selectors.batch_counts(batch),
            "is_office": is_office(request.user),
            "is_reviewer": is_reviewer(request.user),
        },
    )


@login_required
@require_POST
@domain_errors
def batch_send(request, pk):
    batch = access_for_write(selectors.access_batch, request.user, pk)
    try:
        review.batch_send_for_review(by=request.user, batch=batch)
    except ValidationError as error:
        messages.error(request, ";".join(error.messages))
    else:
        messages.success(request, "已提交司法局合法性审核")
    return redirect("delegation:batch_detail", pk=batch.pk)


@login_required
@require_POST
@domain_errors
def batch_complete(request, pk):
    batch = selectors.access_batch(request.user, pk)
    if not is_reviewer(request.user):
        raise Forbidden("只有司法局可以完成合法性审核")
    try:
        review.batch_review_complete(
            by=request.user, batch=batch, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, ";".join(error.messages))
    else:
        messages.success(request, "合法性审核已完成")
    return redirect("delegation:batch_detail", pk=batch.pk)


@login_required
@require_POST
@domain_errors
def batch_item_remove(request, pk):
    """The office takes an item the review rejected out of the batch (with a reason)."""
    batch_item = selectors.access_batch_item(request.user, pk)
    if not is_office(request.user):
        raise Forbidden("只有编办可以移出批次事项")
    form = RemoveItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, "移出理由:不能为空")
        return redirect("delegation:batch_detail", pk=batch_item.batch_id)
    try:
        review.batch_remove_item(
            by=request.user,
            batch_item=batch_item,
            reason=form.cleaned_data["reason"],
            expected_row_version=form.cleaned_data.get("row_version"),
        )
    except (ValidationError, Conflict) as error:
        messages.error(request, ";".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"已将“{batch_item.item.power}”移出{batch_item.batch}")
    return redirect("delegation:batch_detail", pk=batch_item.batch_id)


@login_required
@domain_errors
def review_edit(request, pk):
    selectors.access_batch_item(request.user, pk)
    try:
        batch_item = selectors.access_batch_item(request.user, pk, for_review=True)
    except NotFound:
        raise Forbidden("只有司法局可以填写合法性审核意见") from None
    current = getattr(batch_item, "review", None) if hasattr(batch_item, "review") else None
    if batch_item.batch.status != Batch.Status.IN_REVIEW:
        # A finished (or not yet sent) batch takes no opinion: show it, offer no form.
        if request.method == "POST":
            messages.error(
                request,
                f"{batch_item.batch}当前为“{batch_item.batch.get_status_display()}”,"
                "只有合法性审核中的批次可以填写审核意见",
            )
            return redirect("delegation:batch_detail", pk=batch_item.batch_id)
        return render(
            request,
            "delegation/review_edit.html",
            {
                "batch_item": batch_item,
                "form": None,
                "current": current,
                "above": review.above_county(batch_item.item.power),
            },
        )
    initial = {"mode": batch_item.batch.mode, "row_version": 0}
    if current:
        initial = {f: getattr(current, f) for f in ReviewForm.base_fields}
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            review.review_save(
                by=request.user,
                batch_item=batch_item,
                expected_row_version=d.pop("row_version"),
                **d,
            )
        except Conflict as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已保存“{batch_item.item.power}”的审核意见")
            return redirect("delegation:batch_detail", pk=batch_item.batch_id)
    return render(
        request,
        "delegation/review_edit.html",
        {
            "batch_item": batch_item,
            "form": form,
            "current": current,
            "above": review.above_county(batch_item.item.power),
        },
    )
