"""Public notice pages (anonymous) and the team's publication queue (thin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quanze.core.errors import messages_of
from quanze.core.views import domain_errors
from quanze.enforcement.cases.selectors import access_case
from quanze.enforcement.disclosure import selectors, services
from quanze.org.models import Division


def public_index(request):
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.published_notices(q=q), 50).get_page(request.GET.get("page"))
    townships = Division.objects.filter(
        level=Division.Level.TOWNSHIP, catalogs__kind="township_list"
    ).distinct()
    return render(
        request, "enforcement/public_index.html", {"page": page, "q": q, "townships": townships}
    )


@domain_errors
def public_notice(request, pk):
    return render(
        request, "enforcement/public_notice.html", {"notice": selectors.access_public_notice(pk)}
    )


@domain_errors
def public_township(request, pk):
    return render(request, "enforcement/public_township.html", selectors.township_before_notice(pk))


@login_required
def pending(request):
    return render(
        request, "enforcement/pending.html", {"rows": selectors.pending_publication(request.user)}
    )


@login_required
@require_POST
@domain_errors
def publish(request, pk):
    case = access_case(request.user, pk)
    try:
        notice = services.notice_publish(by=request.user, case=case)
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, f"公示:{text}")
        return redirect("enforcement:case_detail", pk=pk)
    messages.success(request, "已公示行政处罚决定")
    return redirect("enforcement:public_notice", pk=notice.pk)
