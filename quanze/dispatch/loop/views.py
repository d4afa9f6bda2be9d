"""Pages of the loop: work queues, and the event page with its timeline and actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, Forbidden, messages_of
from quanze.core.links import related_links
from quanze.core.listing import listing_queryset
from quanze.core.views import domain_errors
from quanze.dispatch.disputes.selectors import event_disputes
from quanze.dispatch.events.selectors import access_event
from quanze.dispatch.intake.services import raises_events
from quanze.dispatch.loop import actions, selectors, services
from quanze.dispatch.suggestion.selectors import suggested_matters, suggested_units
from quanze.org.roles import is_office, is_township_clerk

# The queue's column keys and the fields they sort by; what its search looks in.
SORTABLE = {
    "number": "pk",
    "state": "state",
    "township": "township__code",
    "matter": "matter__name",
    "department": "primary_department__name",
    "handle_due": "handle_due",
    "created_at": "created_at",
}
SEARCHED = ["external_ref", "description", "address", "matter__name", "township__name"]


@login_required
def event_list(request):
    name = request.GET.get("queue", "new")
    queues = selectors.queues_for(request.user)
    if name not in queues:
        name = "new"
    found = listing_queryset(
        request.GET,
        selectors.queue(request.user, name),
        columns=SORTABLE,
        search=SEARCHED,
        default_sort="-created_at",
    )
    counts = selectors.queue_counts(request.user)
    return render(
        request,
        "dispatch/event_list.html",
        {
            "listing": found,
            "page": found.page,
            "queue": name,
            "queues": [(k, label, counts.get(k)) for k, label in queues.items()],
            "can_raise": raises_events(request.user),
            "can_import": is_office(request.user),
            "can_dispatch": name == "new"
            and (is_office(request.user) or is_township_clerk(request.user)),
        },
    )


@login_required
@require_POST
def event_dispatch_many(request):
    """批量派发 from the queue: the ticked events, each at the version the page showed."""
    if not (is_office(request.user) or is_township_clerk(request.user)):
        raise PermissionDenied("只有事发乡镇(街道)或编办可以派发")
    versions = {}
    for value in request.POST.getlist("pick"):
        pk, _, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            versions[int(pk)] = int(version)
    try:
        done = services.events_dispatch_many(by=request.user, versions=versions)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, f"已批量派发 {len(done)} 件事件")
    back = request.POST.get("back", "")
    return redirect(reverse("dispatch:event_list") + (back if back.startswith("?") else ""))


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
            "suggested_units": suggested_units(event),
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
