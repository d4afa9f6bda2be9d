"""What the JSON API does for every operation, so that no input answers 500 and the
OpenAPI document says what the API really returns.

- `refuse_control_chars` refuses, before any endpoint runs, a body or query holding
  control characters (core.textsafety): PostgreSQL cannot store NUL and XML exports none.
- `DbInt`, `DbId` and `Offset` bound integers to what the database holds (checked);
  `choice` and `pattern` put a field's enum or pattern in the schema, for clients and
  schemathesis, while the service keeps checking it with its Chinese message.
- `declare_error_responses` adds to each operation the error statuses the API's
  handlers give (401 not logged in, 403 not allowed, 404 missing or hidden, 409 changed
  or busy, 422 bad input) with their body schema, by rules on the operation itself.
- `decode_base64` reads a file sent inside the JSON body, with the field named in the
  Chinese message when it is not Base64 or too large.
- `out_of_range` answers numbers the database cannot hold (a 64-bit integer overflows
  in SQLite's driver; PostgreSQL rejects an out-of-range OFFSET) with 422.
"""

import base64
import binascii
import json
import re
from functools import wraps
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from ninja import Field, Schema

from quanze.core.textsafety import find_control_chars

INT64_MAX = 2**63 - 1
# An integer every supported database can compare and store (64-bit signed).
DbInt = Annotated[int, Field(ge=-INT64_MAX - 1, le=INT64_MAX)]
# A primary key (BigAutoField): positive, 64-bit.
DbId = Annotated[int, Field(ge=1, le=INT64_MAX)]
# A row offset or page number: positive and far below what a query can skip.
Offset = Annotated[int, Field(ge=0, le=10**9)]


def choice(choices, *, blank: bool = False) -> Any:
    """A string the schema lists as an enum: a TextChoices' values, or the keys of a dict
    or items of a list (queues, actions); `blank` adds "" (a filter's "all"). The service
    checks it (with its Chinese message naming the field), so pydantic's English one never
    shows."""
    values = choices.values if isinstance(getattr(choices, "values", None), list) else choices
    enum = [""] * blank + [str(v) for v in values]
    return Annotated[str, Field(json_schema_extra={"enum": enum})]


# Base64 as the upload operations take it (the service decodes it with validate=True).
BASE64 = r"^[A-Za-z0-9+/]*={0,2}$"


def pattern(regex: str) -> Any:
    """A string the schema gives a pattern; as with `choice`, the service enforces it."""
    return Annotated[str, Field(json_schema_extra={"pattern": regex})]


class ErrorOut(Schema):
    """An error: `detail` is a Chinese message (or, for a malformed request, the list of
    what is wrong with which parameter); `errors` names the fields of a rejected input."""

    detail: str | list[dict[str, Any]]
    errors: list[str] | None = None


def refuse_control_chars(view_func):
    """An operation decorator (ninja's "operation" mode: after login and parameter
    checks, inside ninja's error handling): a query, JSON body or form holding control
    characters is refused with 422 naming the field, before the endpoint runs."""

    @wraps(view_func)
    def checked(request, *args, **kwargs):
        _refuse_control_chars(dict(request.GET.lists()), "参数")
        if request.content_type == "application/json" and request.body:
            try:
                data = json.loads(request.body)
            except ValueError:
                data = None  # ninja has parsed it already; cannot happen
            _refuse_control_chars(data, "请求体")
        elif request.method != "GET":
            _refuse_control_chars(dict(request.POST.lists()), "请求体")
        return view_func(request, *args, **kwargs)

    return checked


def _refuse_control_chars(data, where: str) -> None:
    found = find_control_chars(data)
    if found:
        path, message = found
        name = re.sub(r"^(\w+)\[0\]", r"\1", path) or where  # a query value is a list
        raise ValidationError({name: f"{where}“{name}”:{message}"})


def out_of_range(api, request, exc):
    return api.create_response(
        request,
        {"detail": "输入有误", "errors": ["数值超出允许范围"]},
        status=422,
    )


WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def error_statuses(operation, path: str) -> set[int]:
    """The error statuses one operation can answer, from what it is:
    - 401 and 403 when it needs a login (403: a role or unit not allowed to);
    - 404 when it names an object in its path or by an integer parameter (other than
      paging), or writes (what a body refers to);
    - 409 when it writes (row versions, timestamps, a busy catalog);
    - 422 when it takes any input (parameters or a body)."""
    methods = set(operation.methods)
    writes = bool(methods & WRITES)
    statuses = set()
    if operation.auth_callbacks:
        statuses |= {401, 403}
    if "{" in path or writes or _parameter_names(operation, int) - COUNTERS:
        statuses.add(404)
    if writes:
        statuses.add(409)
    if operation.models or writes:
        statuses.add(422)
    return statuses


COUNTERS = {"page", "page_size", "limit", "offset"}


def _parameter_names(operation, kind) -> set[str]:
    """Names of the operation's parameters (and body fields) whose type admits `kind`."""
    names = set()
    for model in operation.models:
        for name, field in model.model_fields.items():
            fields = getattr(field.annotation, "model_fields", None) or {name: field}
            for sub, info in fields.items():
                annotation = info.annotation
                if annotation is kind or kind in getattr(annotation, "__args__", ()):
                    names.add(sub)
    return names


def declare_error_responses(api) -> int:
    """Add `ErrorOut` for each operation's error statuses; returns how many were added.

    Runs once all routers are added (ninja binds them then; `_get_bound_routers` is
    django-ninja 1.7's binding, pinned in pyproject.toml). An operation whose only
    declared status is not 200 returns its status explicitly, so adding more is safe."""
    added = 0
    for bound in api._get_bound_routers():
        for path, view in bound.path_operations.items():
            for operation in view.operations:
                for status in sorted(error_statuses(operation, path)):
                    if status not in operation.response_models:
                        operation.response_models[status] = operation._create_response_model(
                            ErrorOut
                        )
                        added += 1
    return added


def decode_base64(
    text: str, *, field: str = "content_base64", label: str = "文件内容", limit: int | None = None
) -> bytes:
    """The bytes of a file sent as Base64 in `field`; bad Base64, or more than `limit` bytes,
    is a ValidationError on that field (422 naming it)."""
    try:
        content = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({field: f"{label}:不是有效的Base64"}) from None
    if limit is not None and len(content) > limit:
        raise ValidationError({field: f"{label}:超过{limit // (1024 * 1024)} MB"})
    return content
