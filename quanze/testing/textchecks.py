"""Proof that services refuse control characters (issue 9, item 4): each service given is
decorated with core.errors.refuses_control_chars, and a control character in each text
argument it names is refused before the service runs, with the field's Chinese name."""

from django.core.exceptions import ValidationError

HOSTILE = ("违法\x01建设", "甲\x00乙", "\x1b[31m红", "a\x85b", ["正常", {"意见": "x\x7f"}])


def assert_refuses_control_chars(*services) -> int:
    """Call every text argument of every service with hostile text; returns the number of
    (service, argument) pairs proved."""
    proved = 0
    for service in services:
        labels = getattr(service, "text_labels", None)
        assert labels is not None or getattr(service, "text_model", None) is not None, (
            f"{service.__module__}.{service.__name__} does not refuse control characters"
        )
        for name, label in labels.items():
            for text in HOSTILE:
                try:
                    service(**{name: text})
                except ValidationError as error:
                    message = error.message_dict[name][0]
                    assert message.startswith(f"{label}:"), message
                    assert "控制字符" in message, message
                else:  # pragma: no cover - the assertion is the point
                    raise AssertionError(f"{service.__name__}({name}={text!r}) was accepted")
            proved += 1
    return proved
