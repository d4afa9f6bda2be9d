from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from quanze.catalog import selectors


def catalog_list(request):
    return render(
        request, "catalog/catalog_list.html", {"catalogs": selectors.catalog_list(request.user)}
    )


@login_required
def power_list(request):
    powers = selectors.power_search(request.user, selectors.PowerFilter(q=request.GET.get("q", "")))
    return render(request, "catalog/power_list.html", {"powers": powers[:50]})
