"""Pages of the township duty lists: raw items, judgements, drafts, rounds, publication,
and the official documents of a version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from quanze.catalog.documents.views import document_download
from quanze.core.errors import Conflict, Forbidden, NotFound, messages_of
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.duties.dutylists import documents, selectors, services
from quanze.duties.dutylists import rounds as dutyrounds
from quanze.duties.dutylists.exporting import duty_version_xlsx
from quanze.duties.dutylists.forms import (
    AssessForm,
    DisposeForm,
    OpinionForm,
    RawItemsForm,
    RoundForm,
)
from quanze.duties.dutylists.models import DutyClass, DutyRound, RawItem
from quanze.duties.dutylists.report import duty_counts, duty_report
from quanze.duties.dutylists.services import Assessment
from quanze.duties.eventlog import events_for
from quanze.duties.formparts import PublishForm, county_townships
from quanze.duties.rules import office_of, require_office
from quanze.org.models import Division
from quanze.org.roles import is_office


def _error(request, error):
    messages.error(
        request, ";".join(messages_of(error)) if isinstance(error, ValidationError) else str(error)
    )


@login_required
def dutylist_index(request):
    lists = selectors.duty_lists_visible(request.user)
    missing = (
        county_townships(request.user.county_id).exclude(duty_list__isnull=False)
        if is_office(request.user)
        else Division.objects.none()
    )
    return render(request, "duties/dutylist_index.html", {"lists": lists, "missing": missing})


@login_required
@domain_errors
@require_POST
def dutylist_create(request):
    township = Division.objects.filter(
        pk=request.POST.get("township") or 0, level=Division.Level.TOWNSHIP
    ).first()
    if township is None or not office_of(request.user, township.parent_id):
        raise Forbidden("只有本县编办可以建立乡镇履职事项清单")
    created = services.duty_list_for(by=request.user, township=township)
    return redirect("duties:dutylist_detail", created.pk)


@login_required
def dutylist_report(request):
    if not request.user.county_id:
        raise Http404("无权访问")
    county = Division.objects.get(pk=request.user.county_id)
    return render(
        request,
        "duties/dutylist_report.html",
        {"report": duty_report(county=county), "labels": dict(DutyClass.choices)},
    )


@login_required
@domain_errors
def dutylist_detail(request, pk):
    duty_list = selectors.access_duty_list(request.user, pk)
    return render(request, "duties/dutylist_detail.html", {
        "list": duty_list, "items": duty_list.raw_items.select_related("lead_department", "receiving_department"),
        "versions": duty_list.versions.order_by("-number"), "can_edit": selectors.can_edit_duty_list(request.user, duty_list),
        "add_form": RawItemsForm(),
    })  # fmt: skip


@login_required
@domain_errors
@require_POST
def rawitems_add(request, pk):
    duty_list = access_for_write(selectors.access_duty_list, request.user, pk)
    form = RawItemsForm(request.POST)
    if form.is_valid():
        try:
            services.raw_items_add(
                by=request.user, duty_list=duty_list, texts=form.cleaned_data["texts"].splitlines()
            )
        except ValidationError as error:
            _error(request, error)
    return redirect("duties:dutylist_detail", duty_list.pk)


@login_required
@domain_errors
def rawitem_assess(request, pk):
    item = RawItem.objects.select_related("duty_list__township").filter(pk=pk).first()
    if item is None:
        raise NotFound("原始事项")
    duty_list = access_for_write(selectors.access_duty_list, request.user, item.duty_list_id)
    initial = {f: getattr(item, f) for f in services.ASSESS_FIELDS if f != "power"} | {
        "row_version": item.row_version
    }
    for f in ("basis_sufficient", "needed_locally", "can_carry_out"):
        initial[f] = "" if initial[f] is None else ("1" if initial[f] else "0")
    form = AssessForm(request.POST or None, county_id=duty_list.township.parent_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.raw_items_assess(
                by=request.user,
                duty_list=duty_list,
                assessments=[Assessment(item=item, power=item.power, **data)],
            )
            return redirect("duties:dutylist_detail", duty_list.pk)
        except Conflict as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
    return render(
        request,
        "duties/form.html",
        {
            "form": form,
            "title": f"评估与分类:{item.text}",
            "note": "依次回答三个问题:依据是否充分、基层是否需要、能否有效实施,再确定规范名称和类别。",
        },
    )


@login_required
@domain_errors
@require_POST
def dutylist_build(request, pk):
    duty_list = access_for_write(selectors.access_duty_list, request.user, pk)
    try:
        draft = services.duty_draft_build(by=request.user, duty_list=duty_list)
        return redirect("duties:dutyversion_detail", draft.pk)
    except ValidationError as error:
        _error(request, error)
    return redirect("duties:dutylist_detail", duty_list.pk)


@login_required
@domain_errors
def dutyversion_detail(request, pk):
    version = selectors.access_duty_version(request.user, pk)
    user, county_id = request.user, version.duty_list.township.parent_id
    rounds = version.rounds.prefetch_related(
        "departments", "opinions__entry", "opinions__department", "opinions__township"
    )
    open_round = next((r for r in rounds if r.state == DutyRound.State.OPEN), None)
    return render(request, "duties/dutyversion_detail.html", {
        "version": version, "counts": duty_counts(version), "labels": dict(DutyClass.choices),
        "entries": version.entries.select_related("lead_department", "receiving_department"),
        "rounds": [(r, dutyrounds.round_progress(r)) for r in rounds], "open_round": open_round,
        "events": events_for(version), "is_office": office_of(user, county_id),
        "can_dispose": selectors.can_edit_duty_list(user, version.duty_list),
        "round_form": RoundForm(county_id=county_id), "opinion_form": OpinionForm(),
        "publish_form": PublishForm(),
    })  # fmt: skip


def _office_version(request, pk):
    version = selectors.access_duty_version(request.user, pk)
    require_office(request.user, version.duty_list.township.parent_id, "只有本县编办可以执行此操作")
    return version


@login_required
@domain_errors
@require_POST
def round_open(request, pk):
    version = _office_version(request, pk)
    form = RoundForm(request.POST, county_id=version.duty_list.township.parent_id)
    try:
        if not form.is_valid():
            raise ValidationError("请选择征求部门")
        dutyrounds.duty_round_open(
            by=request.user, version=version, departments=form.cleaned_data["departments"]
        )
    except ValidationError as error:
        _error(request, error)
    return redirect("duties:dutyversion_detail", version.pk)


@login_required
@domain_errors
@require_POST
def round_close(request, pk):
    found = selectors.access_round(request.user, pk)
    try:
        dutyrounds.duty_round_close(by=request.user, round=found)
    except ValidationError as error:
        _error(request, error)
    return redirect("duties:dutyversion_detail", found.version_id)


@login_required
@domain_errors
@require_POST
def opinion_create(request, pk):
    found = selectors.access_round(request.user, pk)
    form = OpinionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("意见:不能为空")
        data = form.cleaned_data
        entry = (
            found.version.entries.filter(position=data["entry"]).first() if data["entry"] else None
        )
        if data["entry"] and entry is None:
            raise ValidationError(f"事项序号:本版没有第{data['entry']}项")
        dutyrounds.opinion_give(
            by=request.user,
            round=found,
            entry=entry,
            text=data["text"],
            agrees=data["agrees"],
            proposed_class=data["proposed_class"],
        )
        messages.success(request, "意见已提交")
    except ValidationError as error:
        _error(request, error)
    return redirect("duties:dutyversion_detail", found.version_id)


@login_required
@domain_errors
@require_POST
def opinion_dispose(request, pk):
    opinion = selectors.access_opinion(request.user, pk)
    form = DisposeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("请选择处理结果")
        data = form.cleaned_data
        dutyrounds.opinion_dispose(
            by=request.user,
            opinion=opinion,
            disposition=data["disposition"],
            reason=data["reason"],
            row_version=data["row_version"],
        )
    except (ValidationError, Conflict) as error:
        _error(request, error)
    return redirect("duties:dutyversion_detail", opinion.round.version_id)


@login_required
@domain_errors
@require_POST
def dutyversion_publish(request, pk):
    version = _office_version(request, pk)
    form = PublishForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("生效日期:发布时必须填写生效日期")
        data = form.cleaned_data
        services.duty_version_publish(
            by=request.user,
            version=version,
            effective_date=data["effective_date"],
            document_number=data["document_number"],
        )
        messages.success(request, f"{version}已发布")
    except ValidationError as error:
        _error(request, error)
    return redirect("duties:dutyversion_detail", version.pk)


@login_required
@domain_errors
def dutyversion_diff(request, pk):
    """What changed from the previous version (or ?old=) of the same township list."""
    new = selectors.access_duty_version(request.user, pk)
    older = new.duty_list.versions.filter(number__lt=new.number).order_by("-number")
    old = older.filter(pk=request.GET.get("old") or 0).first() or older.first()
    diff = services.duty_version_diff(old=old, new=new)
    return render(request, "duties/dutyversion_diff.html", {"old": old, "new": new, "diff": diff})


@login_required
@domain_errors
def dutyversion_export(request, pk):
    version = selectors.access_duty_version(request.user, pk)
    response = HttpResponse(
        duty_version_xlsx(version),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{version.duty_list.name}第{version.number}版.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@domain_errors
def dutyversion_document(request, pk, fmt):
    """Download a version as an official document (.docx or PDF). Access goes through
    `selectors.access_duty_version`, as the version page does: the public downloads
    published versions (as a catalog version's documents), a draft only whoever may see
    its list."""
    version = selectors.access_duty_version(request.user, pk)
    return document_download(version, fmt, documents.render)
