"""The county's vocabulary page (群众说法词表): the office sees and edits it (thin views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quanze.core.views import add_errors, domain_errors
from quanze.dispatch.events.permissions import county_office
from quanze.dispatch.suggestion import selectors, services
from quanze.dispatch.suggestion.forms import VocabularyForm
from quanze.dispatch.suggestion.models import VocabularyTerm

PAGE_SIZE = 50


def _county(user):
    if user.county_id is None or not county_office(user, user.county_id):
        raise PermissionDenied("只有本县编办可以维护群众说法词表")
    return user.county


@login_required
@domain_errors
def vocabulary(request):
    county = _county(request.user)
    form = VocabularyForm(request.POST or None, county=county)
    if request.method == "POST" and form.is_valid():
        try:
            term = services.vocabulary_add(by=request.user, county=county, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已加入词表:{term}")
            return redirect("dispatch:vocabulary")
    q, sort = request.GET.get("q", "").strip(), request.GET.get("sort", "words")
    page = Paginator(selectors.vocabulary_list(county=county, q=q, sort=sort), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    shipped = selectors.shipped_for_county(county)
    if q:
        shipped = [r for r in shipped if q in r["words"] or q in r["matter"].name]
    return render(
        request,
        "dispatch/vocabulary.html",
        {
            "form": form,
            "page": page,
            "q": q,
            "sort": sort,
            "shipped": shipped,
            "changes": selectors.vocabulary_changes(county=county)[:50],
        },
    )


@login_required
@require_POST
@domain_errors
def vocabulary_remove(request, pk):
    county = _county(request.user)
    term = get_object_or_404(VocabularyTerm, pk=pk, county=county)
    services.vocabulary_remove(by=request.user, term=term, reason=request.POST.get("reason", ""))
    messages.success(request, f"已从词表删除:{term}")
    return redirect("dispatch:vocabulary")
