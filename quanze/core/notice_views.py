"""The inbox (通知): a user's own notices, marked read one by one or all at once.

Marking read answers htmx with the row and the nav badge (out of band), and a plain
form post with a redirect: to the notice's page when `go` is posted, else the inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from quanze.core import notices
from quanze.core.views import domain_errors

PAGE_SIZE = 50


def unread_badge(request):
    """Context processor: the nav's unread count, counted (one COUNT) only when rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notice_unread": lambda: notices.unread_count(user)}


@login_required
def notice_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(notices.inbox(request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notices.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
@domain_errors
def notice_read(request, pk: int):
    notice = notices.notice_mark_read(by=request.user, notice_id=pk)
    if request.htmx:
        return render(request, "core/_notice_read.html", {"n": notice})
    if request.POST.get("go") and url_has_allowed_host_and_scheme(
        notice.link, allowed_hosts={request.get_host()}
    ):
        return redirect(notice.link)
    return redirect("notice_list")


@login_required
@require_POST
def notice_read_all(request):
    changed = notices.notice_mark_all_read(by=request.user)
    messages.success(request, f"已将{changed}条通知标为已读")
    return redirect("notice_list")
