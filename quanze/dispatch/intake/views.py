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


@login_required
@domain_errors
def event_create(request):
    services.require_raiser(request.user)
    form = EventForm(request.POST or None, user=request.user)
    kept = pending.files_kept(by=request.user, tokens=request.POST.getlist("kept_files"))
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


@login_required
@domain_errors
def attachment_download(request, pk):
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404("附件不存在或无权访问")
    access_event(request.user, attachment.event_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
