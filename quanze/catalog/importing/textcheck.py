"""Text safety of an imported row (core.textsafety): control characters are problems
naming the row and column; text that a spreadsheet would run as a formula is a warning
(the export writes it behind an "'"); an "'" the export put there is taken off again."""

import re

from quanze.core.textsafety import control_chars_message, formula_warning, unescape_formula

_ONE_LINE = {"code"}
# First characters of text that may be an escaped or a formula-like value.
_FIRST = frozenset("'=+-@\t\r")
_STARTS = re.compile("\0[" + re.escape("".join(sorted(_FIRST))) + "]")


def _clean(values: dict, extra: dict) -> bool:
    """True when no cell of the row needs a look: nothing to unescape or warn about, no
    control character (one search over the row's text instead of one per cell)."""
    texts = [*values.values(), *extra.values(), *extra]
    # Each text's first character follows a NUL here (a NUL inside a text may match too:
    # then the cells are looked at one by one, which finds it).
    if _STARTS.search("\0".join(("", *texts))):
        return False
    if control_chars_message(" ".join(texts)) is not None:
        return False
    return not any(
        control_chars_message(values[key], multiline=False) for key in _ONE_LINE if key in values
    )


def check_row(values: dict, extra: dict, *, where: str, problem, warnings: list, label) -> None:
    """Unescape `values` and `extra` in place; report what is wrong with them.

    `problem(column, message)` records a problem, `label(key)` names a standard column."""
    if _clean(values, extra):
        return
    for key, text in values.items():
        values[key] = text = unescape_formula(text)
        _check(text, label(key), key in _ONE_LINE, where, problem, warnings)
    for column in list(extra):
        extra[column] = text = unescape_formula(extra[column])
        if message := control_chars_message(column):
            problem(column, f"列名{message}")
        _check(text, column, False, where, problem, warnings)


def _check(text, column, one_line, where, problem, warnings) -> None:
    if not text:
        return
    if message := control_chars_message(text, multiline=not one_line):
        problem(column, message)
    elif note := formula_warning(text):
        warnings.append(f"{where}“{column}”列:{note}")
