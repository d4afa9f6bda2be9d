"""Pages of the territorial responsibility lists: public reading and lookup, the office's
drafting, import, publication and claiming meetings."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from quanze.catalog.importing.problems import ImportRejected
from quanze.core.errors import Forbidden, messages_of
from quanze.core.links import related_links
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.duties.eventlog import events_for
from quanze.duties.formparts import PublishForm
from quanze.duties.rules import in_county, office_of
from quanze.duties.territorial import importing, meetings, selectors, services
from quanze.duties.territorial.exporting import version_xlsx
from quanze.duties.territorial.forms import ImportForm, ItemForm, LookupForm, MeetingForm
from quanze.duties.territorial.models import ResponsibilityList
from quanze.duties.territorial.report import list_report
from quanze.duties.territorial.routing import version_in_force
from quanze.duties.territorial.rows import ItemData
from quanze.org.roles import is_office


def index(request):
    lists = ResponsibilityList.objects.select_related("county").order_by("county__code")
    mine = None
    if request.user.is_authenticated and request.user.county_id:
        mine = lists.filter(county_id=request.user.county_id).first()
    return render(
        request,
        "duties/index.html",
        {"lists": lists, "mine": mine, "can_create": is_office(request.user) and mine is None},
    )


@login_required
@domain_errors
@require_POST
def list_create(request):
    if not is_office(request.user):
        raise Forbidden("只有编办可以建立属地管理责任清单")
    created = services.list_for_county(by=request.user, county=request.user.county)
    return redirect("duties:list_detail", created.pk)


@domain_errors
def list_detail(request, pk):
    responsibility_list = selectors.access_list(request.user, pk)
    versions = responsibility_list.versions.order_by("-number")
    if not in_county(request.user, responsibility_list.county_id):
        versions = versions.filter(published_at__isnull=False)
    in_force = version_in_force(county=responsibility_list.county)
    return render(request, "duties/list_detail.html", {
        "list": responsibility_list, "versions": versions, "in_force": in_force,
        "can_edit": office_of(request.user, responsibility_list.county_id),
    })  # fmt: skip


@login_required
@domain_errors
@require_POST
def version_draft(request, pk):
    responsibility_list = access_for_write(selectors.access_list, request.user, pk)
    try:
        draft = services.version_draft(by=request.user, responsibility_list=responsibility_list)
    except ValidationError as error:
        messages.error(request, ";".join(messages_of(error)))
        return redirect("duties:list_detail", pk)
    return redirect("duties:version_detail", draft.pk)


@domain_errors
def version_detail(request, pk):
    version = selectors.access_version(request.user, pk)
    county_id = version.responsibility_list.county_id
    previous = (
        version.responsibility_list.versions.filter(
            number__lt=version.number, published_at__isnull=False
        )
        .order_by("-number")
        .first()
    )
    items = [(i, selectors.item_data(i)) for i in selectors.version_items(version)]
    return render(request, "duties/version_detail.html", {
        "version": version, "items": items, "previous": previous, "report": list_report(version),
        "can_edit": version.is_draft and office_of(request.user, county_id),
        "meetings": version.meetings.all() if in_county(request.user, county_id) else [],
        "events": events_for(version) if in_county(request.user, county_id) else [],
        "publish_form": PublishForm(),
        "related": related_links(request.user, version),
    })  # fmt: skip


@domain_errors
def version_export(request, pk):
    version = selectors.access_version(request.user, pk)
    response = HttpResponse(
        version_xlsx(version),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{version.responsibility_list.name}第{version.number}版.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@domain_errors
def version_diff(request, pk):
    responsibility_list = selectors.access_list(request.user, pk)
    try:
        old = selectors.access_version(request.user, int(request.GET.get("old", 0)))
        new = selectors.access_version(request.user, int(request.GET.get("new", 0)))
    except ValueError:
        raise Http404("请选择要比较的两个版本") from None
    if {old.responsibility_list_id, new.responsibility_list_id} != {responsibility_list.pk}:
        raise Http404("版本不属于该清单")
    return render(
        request,
        "duties/version_diff.html",
        {
            "list": responsibility_list,
            "old": old,
            "new": new,
            "diff": selectors.version_diff(old=old, new=new),
        },
    )


@login_required
@domain_errors
def version_publish(request, pk):
    version = access_for_write(selectors.access_version, request.user, pk)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_publish(by=request.user, version=version, **form.cleaned_data)
            messages.success(request, f"{version}已发布")
            return redirect("duties:version_detail", version.pk)
        except ValidationError as error:
            add_errors(form, error)
    return render(
        request,
        "duties/form.html",
        {
            "form": form,
            "title": f"发布 {version}",
            "back": version,
            "note": "发布后此版本不可再修改,上一个已发布版本将被废止。",
        },
    )


@login_required
@domain_errors
def version_import(request, pk):
    version = access_for_write(selectors.access_version, request.user, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "upload"
            path.write_bytes(upload.read())
            try:
                warnings: list[str] = []
                items = importing.import_list(
                    by=request.user,
                    version=version,
                    path=path,
                    file_name=upload.name,
                    replace=form.cleaned_data["replace"],
                    warnings=warnings,
                )
                messages.success(request, f"已导入 {len(items)} 项事项")
                for warning in warnings:
                    messages.warning(request, warning)
                return redirect("duties:version_detail", version.pk)
            except ImportRejected as error:
                problems = error.messages
            except ValidationError as error:
                problems = messages_of(error)
    return render(
        request,
        "duties/form.html",
        {
            "form": form,
            "title": f"导入 {version}",
            "back": version,
            "problems": problems,
            "multipart": True,
        },
    )


@login_required
@domain_errors
def item_add(request, pk):
    version = access_for_write(selectors.access_version, request.user, pk)
    county = version.responsibility_list.county
    initial = {}
    if request.GET.get("matter"):
        item = version.items.filter(matter__name=request.GET["matter"]).first()
        if item:
            data = selectors.item_data(item)
            initial = {
                **data,
                "matter_name": item.matter.name,
                "field_name": data["field"],
                "primary_department": item.primary_department_id,
                "fallback_department": item.fallback_department_id,
                "township_scope": item.township_scope,
                "township_primary": item.township_primary,
                "townships": list(item.townships.all()),
                "steps": data["steps"].replace(";", "\n"),
            }
    form = ItemForm(request.POST or None, county_id=county.pk, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            steps = importing.steps_from_text(data.pop("steps"), county=county)
            row = ItemData(steps=steps, **{**data, "townships": list(data["townships"])})
            services.version_set_items(by=request.user, version=version, rows=[row], replace=False)
            return redirect("duties:version_detail", version.pk)
        except ValidationError as error:
            add_errors(form, error)
    return render(
        request,
        "duties/form.html",
        {"form": form, "title": f"{version}:新增或修改事项", "back": version},
    )


@login_required
@domain_errors
@require_POST
def item_remove(request, pk, item_pk):
    version = access_for_write(selectors.access_version, request.user, pk)
    item = version.items.filter(pk=item_pk).first()
    if item is None:
        raise Http404("事项不存在")
    try:
        services.item_remove(by=request.user, item=item)
    except ValidationError as error:
        messages.error(request, ";".join(messages_of(error)))
    return redirect("duties:version_detail", version.pk)


@login_required
@domain_errors
def meeting_create(request, pk):
    version = access_for_write(selectors.access_version, request.user, pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            confirmations = importing.confirmations_from_text(
                data.pop("confirmations"), version=version
            )
            meeting = meetings.meeting_record(
                by=request.user, version=version, confirmations=confirmations, **data
            )
            return redirect("duties:meeting_detail", meeting.pk)
        except ValidationError as error:
            add_errors(form, error)
    return render(
        request,
        "duties/form.html",
        {"form": form, "title": f"{version}:记录事项认领会", "back": version},
    )


@login_required
@domain_errors
def meeting_detail(request, pk):
    meeting = selectors.access_meeting(request.user, pk)
    confirmations = meeting.confirmations.select_related("item__matter", "department", "township")
    return render(
        request, "duties/meeting_detail.html", {"meeting": meeting, "confirmations": confirmations}
    )


def lookup(request):
    """ "Who is responsible for …": public, by matter and place."""
    form = LookupForm(request.GET or None)
    answers = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        answers = selectors.lookup(
            county=data["county"], matter_text=data["q"], township=data["township"], on=data["on"]
        )
    return render(request, "duties/lookup.html", {"form": form, "answers": answers})
