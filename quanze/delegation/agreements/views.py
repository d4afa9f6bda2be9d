"""Pages of agreements: the decision's page (where the office generates the agreements and
presses 发布), generating and downloading agreements, and the county's templates."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.links import related_links
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.delegation.agreements import selectors
from quanze.delegation.agreements import services as agreements
from quanze.delegation.agreements.forms import GenerateForm, TemplateForm
from quanze.delegation.decisions.selectors import access_decision, decisions_writable, share_text
from quanze.delegation.eventlog.selectors import events_for
from quanze.delegation.web import flash_errors
from quanze.org.roles import is_county_wide, is_office

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(bytes(content), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(file_name)}"
    return response


@login_required
@domain_errors
def decision_detail(request, pk):
    decision = access_decision(request.user, pk)
    writable = decisions_writable(request.user).filter(pk=decision.pk).exists()
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
            "share": share_text(decision.fine_return_share),
            "related": related_links(request.user, decision),
        },
    )


@login_required
@require_POST
@domain_errors
def agreements_generate(request, pk):
    decision = access_for_write(access_decision, request.user, pk)
    form = GenerateForm(request.POST, county=decision.batch.project.county)
    if form.is_valid():
        try:
            made = agreements.agreements_generate(
                by=request.user, decision=decision, template=form.cleaned_data["template"]
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, f"已生成{len(made)}份委托协议")
    else:
        messages.error(request, "协议模板:请选择本县的模板")
    return redirect("delegation:decision_detail", pk=pk)


@login_required
@domain_errors
def agreement_download(request, pk):
    agreement = selectors.access_agreement(request.user, pk)
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
        {"templates": selectors.templates_readable(request.user).defer("content"), "form": form,
         "can_write": is_office(request.user)},
    )  # fmt: skip


@login_required
@domain_errors
def template_download(request, pk):
    template = selectors.access_template(request.user, pk)
    return _attachment(template.content, template.file_name)


@login_required
@require_POST
@domain_errors
def template_replace(request, pk):
    template = access_for_write(selectors.access_template, request.user, pk)
    form = TemplateForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            agreements.template_save(
                by=request.user, county=template.county, name=form.cleaned_data["name"],
                file_name=upload.name, content=upload.read(), template=template,
            )  # fmt: skip
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, f"已更新模板「{template.name}」")
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("delegation:template_list")
