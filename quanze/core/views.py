"""Home, history, and the helpers HTML views use to turn domain errors into answers."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from quanze.core.errors import Forbidden, NotFound, messages_of
from quanze.core.history import history_for
from quanze.core.registry import access_for_history
from quanze.core.workbench import workbench_for


def domain_errors(view):
    """NotFound answers 404 (missing or not visible: the same page), Forbidden answers 403."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error)) from None
        except Forbidden as error:
            raise PermissionDenied(str(error)) from None

    return wrapper


def access_for_write(access, user, pk):
    """Fetch through a choke point for writing: invisible is NotFound, visible but not
    writable is Forbidden, so a user learns nothing about objects they cannot see."""
    access(user, pk)
    try:
        return access(user, pk, for_write=True)
    except NotFound:
        raise Forbidden("无权修改该对象") from None


def add_errors(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form, on the named field where it has one."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, messages_of(error))


def flash_errors(request, error: ValidationError, *, prefix: str) -> None:
    """Each message of a service's refusal, led by the action's name (登记装备:…)."""
    for text in messages_of(error):
        messages.error(request, f"{prefix}:{text}")


def flash_form_errors(request, form, *, prefix: str) -> None:
    """Each error of an invalid form, led by the action's name and the field's label."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{prefix}:{label}:{error}" if label else f"{prefix}:{error}")


def post_form(request, form, call, *, prefix: str, done, to, invalid: str = ""):
    """A small action posted from a page that is not its own: a valid form's data goes
    to `call` (the service); success flashes `done` (text, or a function of what `call`
    returned), a refusal each of its messages led by `prefix`; an invalid form flashes
    `invalid` when given, else each field's error. Back to `to` (a URL or URL name) always."""
    if form.is_valid():
        try:
            result = call(**form.cleaned_data)
        except ValidationError as error:
            flash_errors(request, error, prefix=prefix)
        else:
            messages.success(request, done(result) if callable(done) else done)
    elif invalid:
        messages.error(request, invalid)
    else:
        flash_form_errors(request, form, prefix=prefix)
    return redirect(to)


def home(request):
    """The public front page, or the signed-in user's workbench (工作台)."""
    sections = workbench_for(request.user)
    return render(
        request,
        "core/home.html",
        {"sections": sections, "waiting": sum(section.waiting for section in sections)},
    )


def _label_map(obj) -> dict[str, str]:
    labels = {f.name: str(getattr(f, "verbose_name", f.name)) for f in obj._meta.get_fields()}
    labels.update({"entries": "事项数", "added": "新增", "removed": "移除", "reordered": "调整"})
    return labels


def _choice_map(obj) -> dict[str, dict]:
    """Per field with choices, code → Chinese label (`guiding` → 指导目录)."""
    return {
        f.name: {str(k): str(v) for k, v in f.flatchoices}
        for f in obj._meta.concrete_fields
        if f.choices
    }


def shown(value, choices=None, labels=None):
    """A recorded value as a person reads it: 是/否, a choice's label, a dict's filled
    entries by their field names; nothing for an empty value."""
    labels = labels or {}
    if value is True:
        return "是"
    if value is False:
        return "否"
    if value in (None, "", {}, []):
        return ""
    if isinstance(value, dict):
        parts = ((labels.get(k, k), shown(v, labels=labels)) for k, v in value.items())
        return ";".join(f"{k}:{v}" for k, v in parts if v != "")
    if isinstance(value, list):
        return "、".join(str(shown(v, choices, labels)) for v in value)
    if choices and str(value) in choices:
        return choices[str(value)]
    return value


@login_required
@domain_errors
def history(request, model: str, pk: int):
    """The change history of any recorded object, behind that object's access choke point."""

    obj = access_for_history(request.user, model, pk)
    labels = _label_map(obj)
    choices = _choice_map(obj)
    records = []
    for record in history_for(obj)[:500]:
        changes = [
            (
                labels.get(name, name),
                shown(old, choices.get(name), labels),
                shown(new, choices.get(name), labels),
            )
            for name, old, new in record.changed_fields()
        ]
        records.append((record, changes))
    return render(
        request,
        "core/history.html",
        {"object": obj, "model": model, "records": records, "back": _object_url(model, obj)},
    )


def _object_url(model: str, obj) -> str:
    from django.urls import reverse

    if hasattr(obj, "get_absolute_url"):  # a higher app's object names its own page
        return obj.get_absolute_url()
    if model in ("division", "department"):
        return reverse(f"org:{model}_list")
    if model in DUTIES_PAGES:
        return reverse(DUTIES_PAGES[model], args=[obj.pk])
    return reverse(f"catalog:{model}_detail", args=[obj.pk])


# The page each duties model's history links back to (models named as in core/registry.py).
DUTIES_PAGES = {
    "resplist": "duties:list_detail",
    "respversion": "duties:version_detail",
    "admission": "duties:admission_detail",
    "dutylist": "duties:dutylist_detail",
    "dutyversion": "duties:dutyversion_detail",
}
