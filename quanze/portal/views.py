"""The portal's front page: what is published, by kind of list, and where to start."""

from django.shortcuts import render

from quanze.portal.lists.selectors import public_list_counts


def home(request):
    counts = public_list_counts()
    return render(request, "portal/home.html", {"counts": sorted(counts.items())})
