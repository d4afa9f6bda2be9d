"""The project's own 404 page when DEBUG is on.

With DEBUG, Django answers a missing page with its technical 404 (the URL patterns, in
English). `make demo` runs with DEBUG, and the people trying it are clerks: they get the
same Chinese page as in production. The technical page is built from Django's own
template and carries no marker, so every HTML 404 under DEBUG is replaced except one a
view built on purpose (`response.quanze_page = True`), and plain-text or JSON answers.
"""

from django.conf import settings
from django.http import HttpResponseNotFound, JsonResponse
from django.template.loader import render_to_string


class Chinese404Middleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "quanze_page", False)
        ):
            return page_not_found(request)
        return response


def page_not_found(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "接口不存在"}, status=404)
    return HttpResponseNotFound(render_to_string("404.html", request=request))
