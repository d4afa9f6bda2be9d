"""The hotline page: the office uploads a 12345 work-order sheet; every bad row is listed."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from quanze.core.views import domain_errors
from quanze.dispatch.hotline import services
from quanze.dispatch.hotline.forms import HotlineForm


@login_required
@domain_errors
def hotline(request):
    services.require_hotline_office(request.user)
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
                result = services.hotline_import(
                    by=request.user, county=request.user.county, path=path, file_name=upload.name
                )
            except services.HotlineRejected as error:
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
