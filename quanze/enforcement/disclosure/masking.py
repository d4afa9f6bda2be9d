"""Masking personal data in published decisions (个人信息去标识化), by rule:

- a citizen's name: the surname's first character kept, each other character a *
  (张三 → 张*, 欧阳娜娜 → 欧***); an organisation's name is public and kept;
- resident ID numbers (18 or 15 characters): the first 6 and last 4 kept;
- mobile numbers (11 digits, 1[3-9]…): the first 3 and last 4 kept;
- fixed-line numbers (0 + area code, optional dash, 7-8 digits): the area code and the last 2
  kept;
- the citizen's name wherever it occurs in a text is replaced by the masked name.
Pure functions (hypothesis-tested in tests/test_masking.py).
"""

import re

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{11}[\dXx]|\d{9})(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})(-?)(\d{5,6})(\d{2})(?!\d)")


def mask_name(name: str, *, individual: bool) -> str:
    name = name.strip()
    if not individual or len(name) < 2:
        return name
    return name[0] + "*" * (len(name) - 1)


def _id(match: re.Match) -> str:
    rest = match.group(2)
    return match.group(1) + "*" * (len(rest) - 4) + rest[-4:]


def mask_text(text: str, *, names: tuple[str, ...] = ()) -> str:
    """`text` with ID numbers, phone numbers and the given citizens' names masked."""
    text = ID_NUMBER.sub(_id, text or "")
    text = MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = LANDLINE.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{'*' * len(m.group(3))}{m.group(4)}", text
    )
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name, individual=True))
    return text
