"""谁来管 (no login): a GET form, so an answer is a link a person can keep or share."""

from django.shortcuts import render

from quanze.portal.lookup import selectors
from quanze.portal.lookup.forms import LookupForm


def lookup(request):
    counties = selectors.counties()
    form = LookupForm(request.GET if "text" in request.GET else None)
    context = {"form": form, "counties": counties, "answer": None, "county": None}
    if form.is_bound and form.is_valid() and counties:
        data = form.cleaned_data
        county = next((c for c in counties if c.pk == data["county"]), None)
        if county is None and len(counties) == 1:
            county = counties[0]
        context["county"] = county
        if county is not None:
            context["answer"] = selectors.lookup(
                county, text=data["text"], place=data["place"], township_id=data["township"]
            )
    return render(request, "portal/lookup/lookup.html", context)
