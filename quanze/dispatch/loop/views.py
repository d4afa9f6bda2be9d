"""Pages of the loop: work queues, and the event page with its timeline and actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, Forbidden, messages_of
from quanze.core.links import related_links
from quanze.core.views import domain_errors
from quanze.dispatch.disputes.selectors import event_disputes
from quanze.dispatch.events.selectors import access_event
from quanze.dispatch.intake.services import raises_events
from quanze.dispatch.loop import actions, selectors
from quanze.dispatch.suggestion.selectors import suggested_matters
from quanze.org.roles import is_office

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
            "can_raise": raises_events(request.user),
            "can_import": is_office(request.user),
        },
    )


@login_required
@domain_errors
def event_detail(request, pk):
    event = access_event(request.user, pk)
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
            "disputes": event_disputes(event),
            "related": related_links(request.user, event),
        },
    )


@login_required
@require_POST
@domain_errors
def event_act(request, pk, action):
    event = access_event(request.user, pk)
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
