"""Pages of the claim stage: windows, each township's claim sheet, review, statistics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Q
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quanze.core.errors import Conflict, messages_of
from quanze.core.listing import listing
from quanze.core.views import access_for_write, add_errors, domain_errors
from quanze.delegation.claims import selectors
from quanze.delegation.claims import services as claims
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.deadlines import deadline_extend, deadline_for, township_deadlines
from quanze.delegation.claims.forms import ExtendForm, ReviewForm, WindowForm, sheet_choices
from quanze.delegation.claims.models import Claim
from quanze.delegation.claims.review import claims_review
from quanze.delegation.claims.stats import claim_report
from quanze.org.roles import is_county_wide, is_office


@login_required
def window_list(request):
    windows = selectors.windows_readable(request.user).order_by("-opened_at")
    return render(
        request,
        "delegation/claim_window_list.html",
        {"windows": windows, "can_create": is_office(request.user)},
    )


@login_required
@domain_errors
def window_create(request):
    if not is_office(request.user):
        raise PermissionDenied("只有编办可以开展认领")
    form = WindowForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            window = claim_windows.window_open(
                by=request.user, county=request.user.county, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已开启「{window.title}」")
            return redirect("delegation:claim_window_detail", pk=window.pk)
    return render(request, "delegation/claim_window_form.html", {"form": form})


@login_required
@domain_errors
def window_detail(request, pk):
    window = selectors.access_window(request.user, pk)
    if not is_county_wide(request.user):
        return redirect("delegation:claim_sheet", pk=pk, township=request.user.township_id)
    progress = (
        Claim.objects.filter(window=window)
        .values("township_id", "township__name", "township__code")
        .annotate(
            n_claimed=Count("id", filter=Q(claimed=True)),
            n_undecided=Count("id", filter=Q(claimed__isnull=True)),
            n_status=Min("status"),
        )
        .order_by("township__code")
    )
    deadlines = township_deadlines(window)
    return render(
        request,
        "delegation/claim_window_detail.html",
        {
            "window": window,
            "progress": [dict(p, deadline=deadlines.get(p["township_id"])) for p in progress],
            "can_write": is_office(request.user),
            "extend_form": ExtendForm(window=window) if is_office(request.user) else None,
        },
    )


def _sheet_rows(window, township):
    return list(
        Claim.objects.filter(window=window, township=township)
        .select_related("entry__power__power_type", "entry__power__field")
        .order_by("entry__position")
    )


# The claim sheet's columns (sortable, searched) and its filter on the answer.
SHEET_COLUMNS = ["position", "set_kind", "code", "name", "power_type", "field", "answer", "reason"]
SHOWN = {
    "": "全部事项",
    "undecided": "未选择",
    "claimed": "认领",
    "refused": "不认领",
    "unexplained": "不认领未写理由",
    "optional": "自选盘",
    "basic": "基本盘",
}
BULK = {"bulk_claim": True, "bulk_refuse": False}


def _shown(claim, show: str) -> bool:
    match show:
        case "undecided":
            return claim.claimed is None
        case "claimed":
            return claim.claimed is True
        case "refused":
            return claim.claimed is False
        case "unexplained":
            return claim.claimed is False and not claim.reason.strip()
        case "optional" | "basic":
            return claim.entry.set_kind == show
    return True


def _sheet_listing(params, rows):
    show = params.get("show", "")
    show = show if show in SHOWN else ""
    answer = {True: "认领", False: "不认领", None: "未选择"}
    table = [
        {
            "claim": c,
            "position": c.entry.position,
            "set_kind": c.entry.get_set_kind_display(),
            "code": c.entry.power.code,
            "name": str(c.entry.power),
            "power_type": str(c.entry.power.power_type),
            "field": str(c.entry.power.field or ""),
            "answer": answer[c.claimed],
            "reason": c.reason,
        }
        for c in rows
        if _shown(c, show)
    ]
    return listing(params, table, columns=SHEET_COLUMNS, default_sort="position"), show


def _bulk_choices(post, choices: dict, rows) -> dict:
    """批量认领 / 批量不认领: the ticked rows answered alike (a refusal with the bar's reason),
    on top of what the page posted; claims_save then checks and writes them all or none."""
    claimed = BULK[post["action"]]
    picked = {int(v) for v in post.getlist("pick") if v.isdigit()}
    if not picked:
        raise ValidationError("批量操作:请先勾选事项")
    reason = post.get("bulk_reason", "").strip()
    if not claimed and not reason:
        raise ValidationError("批量不认领:请填写不认领的理由")
    by_id = {c.pk: c for c in rows}
    for pk in picked:
        if pk not in by_id:
            raise ValidationError("批量操作:勾选的事项不属于本乡镇(街道)的认领")
        kept = choices[pk].reason if pk in choices else by_id[pk].reason
        choices[pk] = claims.Choice(claimed, kept if claimed else reason)
    return choices


@login_required
@domain_errors
def claim_sheet(request, pk, township):
    """One township's claim: answered and submitted by its clerk, reviewed by the office.
    The sheet pages, sorts and filters like any list; a save posts the rows of its page."""
    window, town = selectors.access_township_claims(request.user, pk, township)
    params = request.GET
    if request.method == "POST":
        window, town = selectors.access_township_claims(request.user, pk, township, for_write=True)
        rows, saved = _sheet_rows(window, town), False
        action = request.POST.get("action")
        back = request.POST.get("back", "")
        here = reverse("delegation:claim_sheet", args=[pk, township])
        here += back if back.startswith("?") else ""
        try:
            choices, versions = sheet_choices(request.POST, [c.pk for c in rows])
            if action in BULK:
                choices = _bulk_choices(request.POST, choices, rows)
            changed = claims.claims_save(
                by=request.user,
                window=window,
                township=town,
                choices=choices,
                row_versions=versions,
            )
            saved = True
            if action == "submit":
                count = claims.claims_submit(by=request.user, window=window, township=town)
                messages.success(request, f"已提交认领,共认领 {count} 项")
            elif action in BULK:
                what = "认领" if BULK[action] else "不认领"
                messages.success(request, f"已将勾选的事项批量设为{what}({changed} 项有改动)")
            else:
                messages.success(request, f"已保存({changed} 项有改动)")
            return redirect(here)
        except (ValidationError, Conflict) as error:
            for text in messages_of(error) if isinstance(error, ValidationError) else [str(error)]:
                messages.error(request, text)
            if isinstance(error, Conflict):
                return redirect(here)
            posted = request.POST
            if saved:  # the answers were kept, only the submission was refused: new versions
                rows = _sheet_rows(window, town)
        if back.startswith("?"):  # the sheet as it was shown: same page, sort and filter
            params = QueryDict(back[1:])
    else:
        rows, posted = _sheet_rows(window, town), None
    rows = _with_posted(rows, posted)
    found, show = _sheet_listing(params, rows)
    status = rows[0].status if rows else Claim.Status.DRAFT
    own = selectors.can_claim_for(request.user, window, town.pk)
    editable = own and status in claims.EDITABLE and window.status == "open"
    return render(
        request,
        "delegation/claim_sheet.html",
        {
            "window": window,
            "township": town,
            "listing": found,
            "show": show,
            "shown": SHOWN,
            "total": len(rows),
            "status": status,
            "status_label": Claim.Status(status).label,
            "editable": editable,
            "bulk": editable and any(c.entry.set_kind == "optional" for c in rows),
            "reviewable": is_office(request.user) and status == Claim.Status.SUBMITTED,
            "review_form": ReviewForm(),
            "claimed": sum(1 for c in rows if c.claimed),
            "deadline": deadline_for(window, town),
        },
    )


def _with_posted(rows, posted):
    """Keep what the person typed when the save was refused, so nothing is lost."""
    if posted is not None:
        for claim in rows:
            answer = posted.get(f"claimed_{claim.pk}")
            if answer is not None:
                claim.claimed = {"yes": True, "no": False}.get(answer)
            claim.reason = posted.get(f"reason_{claim.pk}", claim.reason)
    return rows


@login_required
@require_POST
@domain_errors
def claim_review(request, pk, township):
    window, town = selectors.access_township_claims(request.user, pk, township)
    if not is_office(request.user):
        raise PermissionDenied("只有编办可以审核认领")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "审核:请选择确认或退回")
        return redirect("delegation:claim_sheet", pk=pk, township=township)
    item_comments = {
        int(key[8:]): value
        for key, value in request.POST.items()
        if key.startswith("comment_") and key[8:].isdigit() and value.strip()
    }
    try:
        claims_review(
            by=request.user, window=window, township=town,
            accept=form.cleaned_data["decision"] == "accept",
            comment=form.cleaned_data["comment"], item_comments=item_comments,
        )  # fmt: skip
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, text)
    else:
        messages.success(
            request,
            f"已{'确认' if form.cleaned_data['decision'] == 'accept' else '退回'}{town.name}的认领",
        )
    return redirect("delegation:claim_sheet", pk=pk, township=township)


@login_required
@require_POST
@domain_errors
def window_close(request, pk):
    window = access_for_write(selectors.access_window, request.user, pk)
    try:
        claim_windows.window_close(by=request.user, window=window)
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, text)
    return redirect("delegation:claim_window_detail", pk=pk)


@login_required
@require_POST
@domain_errors
def deadline_extend_view(request, pk):
    """The office extends the deadline of one township or of the whole window."""
    window = access_for_write(selectors.access_window, request.user, pk)
    form = ExtendForm(request.POST, window=window)
    if form.is_valid():
        data = form.cleaned_data
        try:
            deadline_extend(
                by=request.user, window=window, deadline=data["deadline"],
                reason=data["reason"], township=data["township"],
            )  # fmt: skip
        except ValidationError as error:
            for text in messages_of(error):
                messages.error(request, text)
        else:
            who = data["township"].name if data["township"] else "全部乡镇(街道)"
            messages.success(
                request, f"已将{who}的认领截止时间延至{data['deadline']:%Y-%m-%d %H:%M}"
            )
    else:
        for name, errors in form.errors.items():
            for text in errors:
                label = form.fields[name].label if name in form.fields else ""
                messages.error(request, f"{label}:{text}" if label else text)
    return redirect("delegation:claim_window_detail", pk=pk)


@login_required
@domain_errors
def claim_stats(request, pk):
    window = selectors.access_window(request.user, pk)
    if not is_county_wide(request.user):
        raise PermissionDenied("认领统计只对编办和司法局开放")
    report = claim_report(window=window)
    chart = {
        "townships": [[t.name, t.basic, t.optional] for t in report.townships],
        "fields": [[g.name, round(g.average, 1)] for g in report.by_field],
        "types": [[g.name, g.claimed] for g in report.by_type],
    }
    return render(
        request, "delegation/claim_stats.html", {"window": window, "report": report, "chart": chart}
    )
