"""Errors that services raise and views, the API and the CLI turn into messages."""

from django.core.exceptions import ValidationError


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


def validate_model(obj, *, exclude=None) -> None:
    """full_clean(), with each message prefixed by the field's Chinese name; text with
    control characters is refused first (PostgreSQL cannot store NUL, XML exports none)."""
    from quanze.core.textsafety import model_text_errors

    found = model_text_errors(obj, exclude=exclude or ())
    if found:
        raise ValidationError({name: [f"{_label(obj, name)}:{msg}"] for name, msg in found.items()})
    try:
        obj.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)
    except ValidationError as error:
        labelled = {}
        for name, msgs in error.message_dict.items():
            label = _label(obj, name)
            labelled[name] = [f"{label}:{m}" if label else m for m in msgs]
        raise ValidationError(labelled) from None


def _label(obj, name: str) -> str:
    if name == "__all__":
        return ""
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except Exception:
        return name
