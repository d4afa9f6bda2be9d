"""Form helpers the processes' API endpoints share: the API validates its JSON with the same
forms as the pages, and answers a bound form's errors as one ValidationError."""

from django.core.exceptions import ValidationError


def form_errors(form) -> ValidationError:
    """The form's errors, each message led by its field's Chinese label."""
    return ValidationError(
        {
            name: [f"{form.fields[name].label if name in form.fields else ''}:{e}" for e in errors]
            for name, errors in form.errors.items()
        }
    )
