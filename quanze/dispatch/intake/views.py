"""Pages of the intake: raising an event (with its files), and downloading a file of an event
the user may see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from quanze.core.views import add_errors, domain_errors
from quanze.dispatch.events.selectors import access_event
from quanze.dispatch.intake import pending, services
from quanze.dispatch.intake.forms import EventForm
from quanze.dispatch.intake.models import Attachment
from quanze.dispatch.suggestion.selectors import suggestions_at_intake


@login_required
@domain_errors
def event_create(request):
    services.require_raiser(request.user)
    kept = pending.files_kept(by=request.user, tokens=request.POST.getlist("kept_files"))
    if "suggest" in request.POST:
        return _suggest(request, kept)
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = request.FILES.getlist("files") + pending.files_open(by=request.user, kept=kept)
        try:
            event = services.event_create(by=request.user, files=files, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            pending.files_drop(by=request.user, kept=kept)
            messages.success(request, f"已登记{event.number}")
            return redirect("dispatch:event_detail", pk=event.pk)
    if request.method == "POST":
        # Sent back with an error: keep what was attached, the browser cannot refill it.
        try:
            kept += pending.files_keep(by=request.user, uploads=request.FILES.getlist("files"))
        except ValidationError as error:
            add_errors(form, error)
    return render(request, "dispatch/event_form.html", {"form": form, "kept": kept})


def _suggest(request, kept):
    """推荐事项 without registering: the form again as typed, the matter the description
    suggests pre-selected (unless one was chosen) and the suggestions listed."""
    form = EventForm(user=request.user)
    suggested = suggestions_at_intake(request.user, request.POST.get("description", ""))
    values = {k: v for k, v in request.POST.items() if k in form.fields and k != "matter"}
    chosen = request.POST.get("matter") or (str(suggested[0]["matter_id"]) if suggested else "")
    form = EventForm(initial=values | {"matter": chosen}, user=request.user)
    try:
        kept += pending.files_keep(by=request.user, uploads=request.FILES.getlist("files"))
    except ValidationError as error:
        add_errors(form, error)
    return render(
        request,
        "dispatch/event_form.html",
        {"form": form, "kept": kept, "suggested": suggested, "suggest_asked": True},
    )


@login_required
@domain_errors
def attachment_download(request, pk):
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404("附件不存在或无权访问")
    access_event(request.user, attachment.event_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
