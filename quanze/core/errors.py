"""Errors that services raise and views, the API and the CLI turn into messages."""

from functools import wraps

from django.core.exceptions import FieldDoesNotExist, ValidationError


class NotFound(Exception):
    """An object is missing or the user may not see it: the same answer for both."""

    def __init__(self, what: str = "对象"):
        super().__init__(f"{what}不存在或无权访问")


class Forbidden(Exception):
    """The user may see the object but not do this to it."""

    def __init__(self, message: str = "无权执行此操作"):
        super().__init__(message)


class Conflict(Exception):
    """The object changed, or is busy, since the user last saw it."""


def messages_of(error: ValidationError) -> list[str]:
    """Flatten a ValidationError into messages that name their field in Chinese."""
    if hasattr(error, "error_dict"):
        return [msg for msgs in error.message_dict.values() for msg in msgs]
    return list(error.messages)


def form_errors(form) -> ValidationError:
    """An invalid bound form's errors as one ValidationError (for the API, which checks
    its JSON with the pages' forms), each message led by its field's Chinese label."""
    return ValidationError(
        {
            name: [f"{form.fields[name].label if name in form.fields else ''}:{e}" for e in errors]
            for name, errors in form.errors.items()
        }
    )


def valid_data(form) -> dict:
    """A bound form's cleaned data, or its errors raised as `form_errors`."""
    if not form.is_valid():
        raise form_errors(form)
    return form.cleaned_data


def validate_model(obj, *, exclude=None) -> None:
    """full_clean(), with each message prefixed by the field's Chinese name; text with
    control characters is refused first (PostgreSQL cannot store NUL, XML exports none)."""
    validate_text(obj, exclude=exclude)
    try:
        obj.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)
    except ValidationError as error:
        labelled = {}
        for name, msgs in error.message_dict.items():
            label = _label(obj, name)
            labelled[name] = [f"{label}:{m}" if label else m for m in msgs]
        raise ValidationError(labelled) from None


def validate_text(obj, *, exclude=None) -> None:
    """Only the control-character check of validate_model, for a service that checks the
    rest itself: ValidationError {field: "中文字段名:message"}."""
    from quanze.core.textsafety import model_text_errors

    found = model_text_errors(obj, exclude=exclude or ())
    if found:
        raise ValidationError({name: [f"{_label(obj, name)}:{msg}"] for name, msg in found.items()})


def refuses_control_chars(model=None, *, others: str | None = None, **labels):
    """A service decorator: the keyword arguments named in `labels` (name="中文名"), and
    with `model` every other keyword argument named after one of its fields, must hold no
    control characters (core.textsafety: C0/C1 but tab and line breaks, NUL, lone
    surrogates; inside lists, dicts and dataclasses too); `others` names every remaining
    keyword argument (a service's **given). Otherwise ValidationError {name: "中文名:…"}
    before the service runs, so a form, the API and the CLI all show which field."""
    from quanze.core.textsafety import control_chars_message, find_control_chars

    def label_of(name: str) -> str | None:
        if name in labels:
            return labels[name]
        if model is None:
            return others if name != "by" else None
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return others if name != "by" else None
        return None if field.is_relation else str(field.verbose_name)

    def decorate(service):
        @wraps(service)
        def checked(*args, **kwargs):
            errors = {}
            for name, value in kwargs.items():
                label = label_of(name)
                if label is None:
                    continue
                if name == "code" or name.endswith("_code"):  # one line
                    message = control_chars_message(value, multiline=False)
                else:
                    found = find_control_chars(value)
                    message = found[1] if found else None
                if message:
                    errors[name] = [f"{label}:{message}"]
            if errors:
                raise ValidationError(errors)
            return service(*args, **kwargs)

        checked.text_labels = labels  # what tests enumerate: every checked argument
        checked.text_model = model
        return checked

    return decorate


def _label(obj, name: str) -> str:
    if name == "__all__":
        return ""
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except Exception:
        return name
