"""The county's 地名库 page (thin): the office imports roads, landmarks and estates from
a spreadsheet and searches them; any text can be tried against the gazetteer."""

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render

from quanze.core.views import domain_errors
from quanze.dispatch.events.permissions import county_office
from quanze.dispatch.intake import gazetteer as importer
from quanze.dispatch.intake.models import PlaceName
from quanze.dispatch.intake.places import gazetteer, resolve

SORTS = {"name": ("name", "pk"), "township": ("township__name", "name"), "newest": ("-pk",)}


class GazetteerForm(forms.Form):
    file = forms.FileField(label="地名库文件(.xlsx 或 .csv)")


@login_required
@domain_errors
def places(request):
    user = request.user
    if user.county_id is None or not county_office(user, user.county_id):
        raise PermissionDenied("只有本县编办可以维护地名库")
    county = user.county
    form = GazetteerForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "upload"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                result = importer.gazetteer_import(
                    by=user, county=county, path=path, file_name=upload.name
                )
            except importer.GazetteerRejected as error:
                problems = error.problems
            else:
                messages.success(request, f"已导入{result.created}个地名")
                for warning in result.warnings:
                    messages.warning(request, warning)
                return redirect("dispatch:places")
    q, sort = request.GET.get("q", "").strip(), request.GET.get("sort", "name")
    rows = PlaceName.objects.filter(county=county).select_related("township", "village")
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(township__name__icontains=q))
    page = Paginator(rows.order_by(*SORTS.get(sort, SORTS["name"])), 50).get_page(
        request.GET.get("page")
    )
    trial = request.GET.get("try", "").strip()
    found = resolve(trial, names=gazetteer(county)) if trial else None
    return render(
        request,
        "dispatch/places.html",
        {
            "form": form,
            "problems": problems[:200],
            "more": max(0, len(problems) - 200),
            "page": page,
            "q": q,
            "sort": sort,
            "trial": trial,
            "found": found,
        },
    )
