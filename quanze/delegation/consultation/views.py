"""Pages of consultation rounds: open, progress, answer sheets, changes, dispositions,
reminders and meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, NotFound, messages_of
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.delegation.consultation import dispositions, selectors
from quanze.delegation.consultation import services as consultation
from quanze.delegation.consultation.forms import (
    DispositionForm,
    FeedbackForm,
    MeetingForm,
    OpinionForm,
    RoundForm,
)
from quanze.delegation.consultation.models import DepartmentOpinion, TownshipFeedback
from quanze.delegation.projects.selectors import access_project, require_county_wide
from quanze.org.roles import is_office


@login_required
@domain_errors
def round_create(request, pk):
    project = access_for_write(access_project, request.user, pk)
    form = RoundForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            round_ = consultation.round_open(
                by=request.user,
                project=project,
                items=d["items"],
                departments=list(d["departments"]) or None,
                townships=list(d["townships"]),
                title=d["title"],
                due_on=d["due_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已开启{round_}")
            return redirect("delegation:round_detail", pk=round_.pk)
    return render(request, "delegation/round_form.html", {"project": project, "form": form})


@login_required
@domain_errors
def round_detail(request, pk):
    round_ = selectors.access_round(request.user, pk)
    require_county_wide(request.user, "各单位的反馈进度")
    return render(
        request,
        "delegation/round_detail.html",
        {
            "round": round_,
            "progress": selectors.recipient_progress(round_),
            "summary": selectors.round_summary(round_),
            "can_write": is_office(request.user),
        },
    )


@login_required
@require_POST
@domain_errors
def round_close(request, pk):
    round_ = access_for_write(selectors.access_round, request.user, pk)
    try:
        consultation.round_close(
            by=request.user, round_=round_, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, ";".join(error.messages))
    else:
        messages.success(request, f"{round_}已关闭,意见已冻结")
    return redirect("delegation:round_detail", pk=round_.pk)


@login_required
@domain_errors
def round_changes(request, pk):
    round_ = selectors.access_round(request.user, pk)
    require_county_wide(request.user, "轮次间的意见变化")
    return render(
        request,
        "delegation/round_changes.html",
        {"round": round_, "changes": selectors.round_changes(round_)},
    )


def _sheet(recipient, data=None):
    """One form per item of the recipient's sheet, prefixed by the item id."""
    is_dept = recipient.department_id is not None
    form_class, model = (
        (OpinionForm, DepartmentOpinion) if is_dept else (FeedbackForm, TownshipFeedback)
    )
    unit = (
        {"department_id": recipient.department_id}
        if is_dept
        else {"township_id": recipient.township_id}
    )
    answers = {a.item_id: a for a in model.objects.filter(round_id=recipient.round_id, **unit)}
    rows = []
    for item in consultation.recipient_items(recipient):
        answer = answers.get(item.pk)
        initial = {"row_version": answer.row_version if answer else 0}
        if answer:
            initial |= {
                name: getattr(answer, name)
                for name in form_class.base_fields
                if name != "row_version"
            }
        rows.append((item, answer, form_class(data, prefix=f"i{item.pk}", initial=initial)))
    return rows


@login_required
@domain_errors
def round_answer(request, pk):
    """A clerk's answer sheet: their department's items, or every item for their township."""
    round_ = selectors.access_round(request.user, pk)
    recipient = selectors.own_recipient(request.user, round_)
    posted = request.method == "POST"
    if posted and not round_.is_open:
        raise PermissionDenied(f"{round_}已关闭并冻结,意见不能再修改")
    rows = _sheet(recipient, request.POST if posted else None)
    error = ""
    if posted:
        main = "can_delegate" if recipient.department_id else "willing"
        filled = [
            (item, form)
            for item, _, form in rows
            if form.is_valid() and form.cleaned_data[main] and form.has_changed()
        ]
        bad = [item for item, _, form in rows if not form.is_valid()]
        if filled and not bad:
            try:
                n = consultation.answers_save(
                    by=request.user,
                    recipient=recipient,
                    rows=[{"item": item.pk, **form.cleaned_data} for item, form in filled],
                )
            except Conflict as conflict:
                error = str(conflict)
            except ValidationError as invalid:
                error = ";".join(invalid.messages)
            else:
                messages.success(request, f"已保存 {n} 项反馈")
                return redirect("delegation:round_answer", pk=round_.pk)
        else:
            error = "有事项填写不完整,请检查标红的项目" if bad else "没有填写或修改任何事项"
    return render(
        request,
        "delegation/round_answer.html",
        {
            "round": round_,
            "recipient": recipient,
            "rows": rows,
            "error": error,
            "reminders": recipient.reminders.all(),
            "is_dept": recipient.department_id is not None,
        },
    )


@login_required
@domain_errors
def recipient_detail(request, pk):
    recipient = selectors.access_recipient(request.user, pk)
    rows = [(item, answer) for item, answer, _ in _sheet(recipient)]
    return render(
        request,
        "delegation/recipient_detail.html",
        {
            "recipient": recipient,
            "round": recipient.round,
            "rows": rows,
            "reminders": recipient.reminders.all(),
            "can_write": is_office(request.user),
            "disposition_form": DispositionForm(),
        },
    )


@login_required
@require_POST
@domain_errors
def reminder_send(request, pk):
    recipient = selectors.access_recipient(request.user, pk)
    if not is_office(request.user):
        raise PermissionDenied("只有编办可以催办")
    try:
        reminder = dispositions.reminder_send(
            by=request.user, recipient=recipient, message=request.POST.get("message", "")
        )
    except ValidationError as error:
        messages.error(request, ";".join(error.messages))
    else:
        told = (
            f",已通知{reminder.notified}人"
            if reminder.notified
            else ";该单位暂无可接收通知的用户,请另行联系"
        )
        messages.success(request, f"已提醒{recipient}({reminder.outstanding}项未反馈){told}")
    return redirect("delegation:round_detail", pk=recipient.round_id)


@login_required
@require_POST
@domain_errors
def disposition_save(request, kind, pk):
    model = {"opinion": DepartmentOpinion, "feedback": TownshipFeedback}.get(kind)
    if model is None:
        raise NotFound("意见")
    answer = get_object_or_404(model.objects.select_related("round__project"), pk=pk)
    access_project(request.user, answer.round.project_id)
    require_county_wide(request.user, "意见")
    if not is_office(request.user):
        raise PermissionDenied("只有编办可以处理意见")
    form = DispositionForm(request.POST)
    recipient = answer.round.recipients.get(
        **(
            {"department_id": answer.department_id}
            if kind == "opinion"
            else {"township_id": answer.township_id}
        )
    )
    if form.is_valid():
        try:
            dispositions.disposition_save(
                by=request.user,
                **{kind: answer},
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                expected_row_version=form.cleaned_data["row_version"],
            )
        except (Conflict, ValidationError) as error:
            messages.error(request, ";".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, f"已记录对“{answer.item.power}”意见的处理")
    else:
        messages.error(request, "请选择处理结果")
    return redirect("delegation:recipient_detail", pk=recipient.pk)


@login_required
@require_POST
@domain_errors
def disposition_bulk(request, pk):
    """批量处理 from a recipient's page: the ticked answers get the bar's outcome and reason."""
    recipient = selectors.access_recipient(request.user, pk)
    if not is_office(request.user):
        raise PermissionDenied("只有编办可以处理意见")
    versions = {}
    for value in request.POST.getlist("pick"):
        answer, _, version = value.partition(":")
        if answer.isdigit() and version.isdigit():
            versions[int(answer)] = int(version)
    try:
        done = dispositions.dispositions_save_many(
            by=request.user,
            recipient=recipient,
            versions=versions,
            outcome=request.POST.get("outcome", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, text)
    else:
        messages.success(request, f"已批量处理 {len(done)} 条意见")
    return redirect("delegation:recipient_detail", pk=recipient.pk)


@login_required
@domain_errors
def meeting_create(request, pk):
    project = access_for_write(access_project, request.user, pk)
    form = MeetingForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            dispositions.meeting_record(
                by=request.user,
                project=project,
                held_on=d["held_on"],
                title=d["title"],
                attendees=d["attendees"],
                agreed=d["agreed"],
                items=d["items"],
                round_=d["round"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "已记录会议")
            return redirect("delegation:project_detail", pk=project.pk)
    return render(request, "delegation/meeting_form.html", {"project": project, "form": form})
