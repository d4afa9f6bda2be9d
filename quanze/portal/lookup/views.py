"""谁来管 (no login): a GET form, so an answer is a link a person can keep or share.

The page is kept per process under a key naming the query and all the answer depends on
(`selectors.answer_stamp`: the public generation, the suggestion index, the routing
version in force, today), so a repeated question is one query; the answer itself is kept
under the normalised question, so the same words spelt with other spaces are not worked
out again."""

from django.shortcuts import render

from quanze.portal import caching
from quanze.portal.lookup import selectors
from quanze.portal.lookup.forms import LookupForm


def lookup(request):
    generation = caching.public_generation()
    counties = selectors.counties_at(generation)
    form = LookupForm(request.GET if "text" in request.GET else None)
    county, stamp = None, (generation,)
    if form.is_bound and form.is_valid() and counties:
        data = form.cleaned_data
        county = next((c for c in counties if c.pk == data["county"]), None)
        if county is None and len(counties) == 1:
            county = counties[0]
        if county is not None:
            stamp = selectors.answer_stamp(county, generation)
    etag = caching.etag_of(request, "lookup", county.pk if county else "", *stamp)

    def render_page():
        context = {"form": form, "counties": counties, "answer": None, "county": county}
        if county is not None:
            data = form.cleaned_data
            context["answer"] = selectors.cached_lookup(
                county, text=data["text"], place=data["place"], township_id=data["township"],
                stamp=stamp,
            )  # fmt: skip
        return render(request, "portal/lookup/lookup.html", context)

    return caching.served(request, etag, render_page)
