"""Pages of the approval stage: submit a batch, record and publish the decision,
agreements and their templates. Each view validates, calls one service, renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, messages_of
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.delegation import agreements, decisions, publication_jobs
from quanze.delegation import decision_access as acc
from quanze.delegation.access import access_batch
from quanze.delegation.decision_forms import DecisionForm, GenerateForm, TemplateForm
from quanze.delegation.eventlog import events_for
from quanze.delegation.models import Decision
from quanze.org.roles import is_county_wide, is_office

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(content: bytes, file_name: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(bytes(content), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(file_name)}"
    return response


def _flash_errors(request, error) -> None:
    for text in messages_of(error) if isinstance(error, ValidationError) else [str(error)]:
        messages.error(request, text)


@login_required
@require_POST
@domain_errors
def batch_submit(request, pk):
    batch = access_for_write(access_batch, request.user, pk)
    try:
        decisions.batch_submit(by=request.user, batch=batch, reason=request.POST.get("reason", ""))
    except (ValidationError, Conflict) as error:
        _flash_errors(request, error)
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
    rows = acc.decisions_readable(request.user).order_by("-meeting_date", "-pk")
    return render(request, "delegation/decision_list.html", {"decisions": rows})


@login_required
@domain_errors
def decision_detail(request, pk):
    decision = acc.access_decision(request.user, pk)
    writable = acc.decisions_writable(request.user).filter(pk=decision.pk).exists()
    townships = decision.townships.order_by("code")
    agreements_qs = decision.agreements.select_related("township").defer("content")
    if not writable and request.user.township_id:
        agreements_qs = agreements_qs.filter(township_id=request.user.township_id)
    return render(
        request,
        "delegation/decision_detail.html",
        {
            "decision": decision,
            "items": decision.items.select_related("item__power__power_type", "review").order_by(
                "position"
            ),
            "townships": townships,
            "agreements": agreements_qs,
            "events": events_for(decision),
            "jobs": decision.publication_jobs.select_related("created_by")[:5]
            if is_county_wide(request.user)
            else [],
            "can_write": writable,
            "generate_form": GenerateForm(county=decision.batch.project.county)
            if writable
            else None,
            "share": decisions.share_text(decision.fine_return_share),
        },
    )


@login_required
@require_POST
@domain_errors
def decision_publish(request, pk):
    """Queue the publication and show its job; the task worker publishes."""
    decision = access_for_write(acc.access_decision, request.user, pk)
    try:
        job = publication_jobs.publication_start(by=request.user, decision=decision)
    except (ValidationError, Conflict) as error:
        _flash_errors(request, error)
        return redirect("delegation:decision_detail", pk=pk)
    messages.success(request, f"已提交发布任务,共{job.total_townships}个乡镇(街道)")
    return redirect("delegation:publication_detail", pk=job.pk)


@login_required
@require_POST
@domain_errors
def agreements_generate(request, pk):
    decision = access_for_write(acc.access_decision, request.user, pk)
    form = GenerateForm(request.POST, county=decision.batch.project.county)
    if form.is_valid():
        try:
            made = agreements.agreements_generate(
                by=request.user, decision=decision, template=form.cleaned_data["template"]
            )
        except ValidationError as error:
            _flash_errors(request, error)
        else:
            messages.success(request, f"已生成{len(made)}份委托协议")
    else:
        messages.error(request, "协议模板:请选择本县的模板")
    return redirect("delegation:decision_detail", pk=pk)


@login_required
@domain_errors
def agreement_download(request, pk):
    agreement = acc.access_agreement(request.user, pk)
    return _attachment(agreement.content, agreement.file_name)


@login_required
@domain_errors
def template_list(request):
    if not is_county_wide(request.user):
        raise PermissionDenied("只有编办和司法局可以查看协议模板")
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not is_office(request.user):
            raise PermissionDenied("只有编办可以上传协议模板")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                template = agreements.template_save(
                    by=request.user, county=request.user.county, name=form.cleaned_data["name"],
                    file_name=upload.name, content=upload.read(),
                )  # fmt: skip
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, f"已保存模板「{template.name}」")
                return redirect("delegation:template_list")
    if is_office(request.user):
        agreements.template_default(county=request.user.county)
    return render(
        request,
        "delegation/template_list.html",
        {"templates": acc.templates_readable(request.user).defer("content"), "form": form,
         "can_write": is_office(request.user)},
    )  # fmt: skip


@login_required
@domain_errors
def template_download(request, pk):
    template = acc.access_template(request.user, pk)
    return _attachment(template.content, template.file_name)


@login_required
@require_POST
@domain_errors
def template_replace(request, pk):
    template = access_for_write(acc.access_template, request.user, pk)
    form = TemplateForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            agreements.template_save(
                by=request.user, county=template.county, name=form.cleaned_data["name"],
                file_name=upload.name, content=upload.read(), template=template,
            )  # fmt: skip
        except ValidationError as error:
            _flash_errors(request, error)
        else:
            messages.success(request, f"已更新模板「{template.name}」")
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("delegation:template_list")
