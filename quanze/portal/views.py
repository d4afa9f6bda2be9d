"""The portal's front page: what is published, by kind of list, and where to start."""

from collections import Counter

from django.shortcuts import render

from quanze.portal.lists.selectors import public_lists


def home(request):
    counts = Counter(row.kind_label for row in public_lists())
    return render(request, "portal/home.html", {"counts": sorted(counts.items())})
