"""Pages of the power register: search, detail, edit. Validate with a form, call one
selector or service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from quanze.catalog.powers import selectors, services
from quanze.catalog.powers.forms import PowerFilterForm, PowerForm
from quanze.core.errors import Conflict
from quanze.core.views import access_for_write, add_errors, domain_errors

PAGE_SIZE = 50


@login_required
def power_list(request):
    form = PowerFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        page = Paginator([], PAGE_SIZE).get_page(1)
    else:
        filters = form.to_filter() if form.is_bound else selectors.PowerFilter()
        page = Paginator(selectors.power_search(request.user, filters), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.htmx:
        return render(request, "catalog/_power_table.html", context)
    return render(request, "catalog/power_list.html", context)


@login_required
@domain_errors
def power_detail(request, pk):
    power = selectors.power_detail(request.user, pk)
    return render(
        request,
        "catalog/power_detail.html",
        {
            "power": power,
            "sub_items": power.sub_items.order_by("code"),
            "entries": selectors.power_entries(request.user, power),
            "can_edit": selectors.powers_writable(request.user).filter(pk=power.pk).exists(),
        },
    )


@login_required
@domain_errors
def power_edit(request, pk):
    power = access_for_write(selectors.access_power, request.user, pk)
    form = PowerForm(request.POST or None, power=power, initial=PowerForm.initial_for(power))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.power_update(
                by=request.user,
                power=power,
                expected_updated_at=form.cleaned_data["updated_at"],
                reason=form.cleaned_data["reason"],
                **form.changes(),
            )
        except Conflict as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "已保存")
            for note in services.power_formula_warnings(saved):
                messages.warning(request, note)
            return redirect("catalog:power_detail", pk=power.pk)
    return render(request, "catalog/power_edit.html", {"power": power, "form": form})
