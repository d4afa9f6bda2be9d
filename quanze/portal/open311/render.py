"""GeoReport v2's two formats: the same lists and records as JSON or XML, and errors in
its own shape (a list of {code, description}; <errors><error>…)."""

import json
from xml.sax.saxutils import escape

from django.http import HttpResponse

from quanze.core.textsafety import xml_safe

# A list's XML root and item element (GeoReport v2 names them so).
ELEMENTS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
}


def _xml(name: str, value) -> str:
    if isinstance(value, list):
        item = ELEMENTS.get(name, "item")
        return f"<{name}>" + "".join(_xml(item, v) for v in value) + f"</{name}>"
    if isinstance(value, dict):
        return f"<{name}>" + "".join(_xml(k, v) for k, v in value.items()) + f"</{name}>"
    if value is None:
        return f"<{name}/>"
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"<{name}>{escape(xml_safe(str(value)))}</{name}>"


def respond(fmt: str, root: str, body, status: int = 200) -> HttpResponse:
    """`body` is a list (services, requests, errors) or a dict (service_definition)."""
    if fmt == "xml":
        text = '<?xml version="1.0" encoding="UTF-8"?>' + _xml(root, body)
        return HttpResponse(text, status=status, content_type="text/xml; charset=utf-8")
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def errors(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    body = [{"code": status, "description": d} for d in descriptions]
    return respond(fmt, "errors", body, status=status)
