"""Pages of the dispatch loop: work queues, raising an event, the event page with its
timeline and actions, hotline import, and the measures dashboard."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, Forbidden, messages_of
from quanze.core.views import add_errors, domain_errors
from quanze.dispatch import actions, selectors, services
from quanze.dispatch.forms import EventForm, HotlineForm
from quanze.dispatch.hotline import HotlineRejected, hotline_import
from quanze.dispatch.models import Attachment
from quanze.dispatch.suggest import suggested_matters
from quanze.org.roles import is_office, is_township_clerk

PAGE_SIZE = 50


@login_required
def event_list(request):
    name = request.GET.get("queue", "new")
    if name not in selectors.QUEUES:
        name = "new"
    page = Paginator(selectors.queue(request.user, name), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = selectors.queue_counts(request.user)
    return render(
        request,
        "dispatch/event_list.html",
        {
            "page": page,
            "queue": name,
            "queues": [(k, label, counts.get(k)) for k, label in selectors.QUEUES.items()],
            "can_raise": is_office(request.user) or is_township_clerk(request.user),
            "can_import": is_office(request.user),
        },
    )


@login_required
@domain_errors
def event_create(request):
    if not (is_office(request.user) or is_township_clerk(request.user)):
        raise PermissionDenied("只有乡镇(街道)和编办可以登记事件")
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            event = services.event_create(
                by=request.user, files=request.FILES.getlist("files"), **data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已登记{event.number}")
            return redirect("dispatch:event_detail", pk=event.pk)
    return render(request, "dispatch/event_form.html", {"form": form})


@login_required
@domain_errors
def event_detail(request, pk):
    event = selectors.access_event(request.user, pk)
    forms_shown = [(a, actions.form_for(a, event)) for a in actions.available(request.user, event)]
    return render(
        request,
        "dispatch/event_detail.html",
        {
            "event": event,
            "timeline": selectors.event_timeline(event),
            "assignments": selectors.event_assignments(event),
            "suggested": suggested_matters(event),
            "actions": forms_shown,
            "attachments": event.attachments.all(),
            "disputes": selectors.event_disputes(event),
        },
    )


@login_required
@require_POST
@domain_errors
def event_act(request, pk, action):
    event = selectors.access_event(request.user, pk)
    spec = actions.REGISTRY.get(action)
    if spec is None:
        raise Http404("没有这个操作")
    form = actions.form_for(spec, event, request.POST)
    try:
        version = int(request.POST.get("row_version", ""))
    except ValueError:
        version = None
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{spec.label}:{label + ':' if label else ''}{error}")
        return redirect("dispatch:event_detail", pk=pk)
    try:
        actions.perform(
            action, by=request.user, event=event, data=form.cleaned_data, expected_version=version
        )
    except Forbidden as error:
        raise PermissionDenied(str(error)) from None
    except Conflict as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, f"{spec.label}失败:{message}")
    else:
        messages.success(request, f"已{spec.label}")
    return redirect("dispatch:event_detail", pk=pk)


@login_required
@domain_errors
def attachment_download(request, pk):
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404("附件不存在或无权访问")
    selectors.access_event(request.user, attachment.event_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@domain_errors
def hotline(request):
    if not is_office(request.user):
        raise PermissionDenied("只有编办(热线中心)可以导入12345工单")
    form = HotlineForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "upload"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                result = hotline_import(
                    by=request.user, county=request.user.county, path=path, file_name=upload.name
                )
            except HotlineRejected as error:
                problems = error.problems
            else:
                messages.success(
                    request, f"已导入{result.created}件工单,其中{result.suggested}件待确认事项"
                )
                for warning in result.warnings:
                    messages.warning(request, warning)
                return redirect("dispatch:event_list")
    return render(
        request,
        "dispatch/hotline.html",
        {"form": form, "problems": problems[:200], "more": max(0, len(problems) - 200)},
    )
