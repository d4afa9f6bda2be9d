"""User text that is safe to store and safe to hand out.

Two dangers, one module, so every boundary answers them the same way:

- Control characters. XML 1.0 (so .xlsx and .docx) cannot hold U+0000-U+0008, U+000B,
  U+000C, U+000E-U+001F, lone surrogates or U+FFFE/U+FFFF; PostgreSQL cannot store NUL.
  Writes reject them (`control_chars_message`, `reject_control_chars`); outputs strip
  them (`xml_safe`) so text stored before the check can never break a download.
- Spreadsheet formulas (CSV/formula injection). A cell that starts with = + - @, a tab
  or a carriage return is a formula to Excel and LibreOffice (the OWASP rule). Exports
  write such text behind a leading apostrophe (`neutralise_formula`, through
  `spreadsheet_text`) and never as a formula cell; imports take the apostrophe off again
  (`unescape_formula`), so export then import changes nothing; `formula_warning` tells the
  person importing or typing such text what the export will do.
"""

import dataclasses
import re

# Rejected on input: C0 controls except tab, line feed, carriage return; DEL; C1
# controls; lone surrogates; the non-characters U+FFFE and U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Also rejected where a value is one line (codes, names of units).
CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 cannot carry at all: stripped on output.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# OWASP CSV injection: cells starting with these are evaluated as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text whose first non-apostrophe character starts a formula: escaped by one more "'".
_ESCAPABLE = re.compile("^'*[=+\\-@\t\r]")
_ESCAPED = re.compile("^'+[=+\\-@\t\r]")


def _describe(char: str) -> str:
    code = ord(char)
    return "空字符(NUL)" if code == 0 else f"U+{code:04X}"


def control_chars_message(value: str, *, multiline: bool = True) -> str | None:
    """A Chinese message naming the first forbidden character of `value`, or None."""
    if not isinstance(value, str):
        return None
    # Every forbidden character is unprintable, so a C loop clears most text before the
    # regular expression (several times slower) has to look.
    if value.isprintable() or (multiline and value.replace("\n", " ").isprintable()):
        return None
    match = (CONTROL if multiline else CONTROL_ONE_LINE).search(value)
    if match is None:
        return None
    return (
        f"含有不可见的控制字符 {_describe(match.group())}(第{match.start() + 1}个字符),请删除后重试"
    )


def find_control_chars(value, path: str = "") -> tuple[str, str] | None:
    """The first string inside `value` (str, list, dict, dataclass, nested) holding a forbidden
    character: (path to it, message), or None. Dict keys are checked too."""
    if isinstance(value, str):
        message = control_chars_message(value)
        return (path, message) if message else None
    if isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            found = find_control_chars(key, sub) or find_control_chars(item, sub)
            if found:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = find_control_chars(item, f"{path}[{index}]")
            if found:
                return found
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for one in dataclasses.fields(value):
            sub = f"{path}.{one.name}" if path else one.name
            found = find_control_chars(getattr(value, one.name), sub)
            if found:
                return found
    return None


def xml_safe(value: str) -> str:
    """`value` without the characters XML 1.0 cannot hold (for .xlsx, .docx, PDF)."""
    return _XML_ILLEGAL.sub("", value) if _XML_ILLEGAL.search(value) else value


def neutralise_formula(value: str) -> str:
    """Text that a spreadsheet shows as text: one "'" before what would start a formula.

    Text already starting with apostrophes before such a character gets one more, so
    `unescape_formula` gives back exactly the original.
    """
    return "'" + value if _ESCAPABLE.match(value) else value


def unescape_formula(value: str) -> str:
    """The inverse of `neutralise_formula`, for text read back from an export."""
    return value[1:] if _ESCAPED.match(value) else value


def spreadsheet_text(value):
    """One cell of an .xlsx or .csv export: text made XML-safe and formula-neutral.

    Numbers, dates and None pass through unchanged (they cannot be formulas)."""
    if not isinstance(value, str):
        return value
    return neutralise_formula(xml_safe(value))


def spreadsheet_row(values) -> list:
    return [spreadsheet_text(v) for v in values]


def formula_warning(value: str) -> str | None:
    """A Chinese note for text an export will write behind an apostrophe, or None.

    A leading "-" (common in prose and as a placeholder) is not warned about unless what
    follows looks like a calculation; it is still neutralised on output.
    """
    if not isinstance(value, str) or not value:
        return None
    first = value[0]
    if first == "-" and not re.match(r"^-\s*[\d(=+@A-Za-z]", value):
        return None
    if first not in FORMULA_STARTS:
        return None
    shown = {"\t": "制表符", "\r": "回车符"}.get(first, first)
    return f"内容以“{shown}”开头,电子表格会把它当作公式;导出时会在前面加“'”作为文本保存"


def model_text_errors(obj, *, exclude=()) -> dict[str, str]:
    """{field name: message} for the text fields of a model instance holding forbidden
    characters: every CharField, TextField and the strings inside a JSONField. Codes
    (`code`, `*_code`) must be one line; other text may hold tabs and line breaks."""
    from django.db import models

    errors = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude or field.is_relation:
            continue
        value = getattr(obj, field.attname, None)
        if isinstance(field, models.JSONField):
            found = find_control_chars(value)
            message = found[1] if found else None
        elif isinstance(field, models.CharField | models.TextField):
            one_line = field.name == "code" or field.name.endswith("_code")
            message = control_chars_message(value, multiline=not one_line)
        else:
            continue
        if message:
            errors[field.name] = message
    return errors
