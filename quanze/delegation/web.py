"""What the pages of several delegation processes share."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from quanze.core.errors import messages_of


def flash_errors(request, error) -> None:
    """Show each message of a refused action (ValidationError, Conflict, Forbidden)."""
    for text in messages_of(error) if isinstance(error, ValidationError) else [str(error)]:
        messages.error(request, text)
