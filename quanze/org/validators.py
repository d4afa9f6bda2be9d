"""Checks on official identifiers: division codes and unified social credit codes."""

import re

from django.core.exceptions import ValidationError

from quanze.core.spreadsheets import code_text
from quanze.org.models import Division

DIVISION_CODE = re.compile(r"^[0-9]{12}$")  # ASCII digits only (\d takes ３ too)
# Significant leading digits per level: 省2 市4 县6 乡镇9 村12.
LEVEL_DIGITS = {
    Division.Level.PROVINCE: 2,
    Division.Level.CITY: 4,
    Division.Level.COUNTY: 6,
    Division.Level.TOWNSHIP: 9,
    Division.Level.VILLAGE: 12,
}
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def normalise_division_code(code: str) -> str:
    """Accept 6-digit county codes and 9-digit township codes, padding to 12; full-width
    digits (３７０１２４) become ASCII, as on import (core.spreadsheets.code_text)."""
    code = code_text(code or "")
    if code.isascii() and code.isdigit() and len(code) in (2, 4, 6, 9):
        code = code.ljust(12, "0")
    return code


def validate_division_code(code: str, level: str, parent: Division | None) -> None:
    if level not in LEVEL_DIGITS:
        known = "、".join(f"{value}({label})" for value, label in Division.Level.choices)
        raise ValidationError({"level": f"层级:只能是{known}"})
    if not DIVISION_CODE.match(code):
        raise ValidationError({"code": "区划代码:应为12位数字"})
    digits = LEVEL_DIGITS[level]
    if code[digits:].strip("0"):
        raise ValidationError(
            {"code": f"区划代码:{Division.Level(level).label}级代码第{digits + 1}位起应为0"}
        )
    if parent is None:
        if level != Division.Level.PROVINCE:
            raise ValidationError({"parent": "上级:非省级区划必须指定上级"})
        return
    parent_digits = LEVEL_DIGITS[parent.level]
    if parent_digits >= digits:
        raise ValidationError({"parent": "上级:上级区划的层级必须高于本级"})
    if code[:parent_digits] != parent.code[:parent_digits]:
        raise ValidationError({"code": f"区划代码:应以上级代码{parent.code[:parent_digits]}开头"})


def credit_code_check_char(body: str) -> str:
    total = sum(CREDIT_ALPHABET.index(ch) * w for ch, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(code: str) -> None:
    """GB 32100-2015: 18 characters from a 31-letter alphabet, the last a checksum."""
    if not code:
        return
    if len(code) != 18 or any(ch not in CREDIT_ALPHABET for ch in code):
        raise ValidationError(
            {"credit_code": "统一社会信用代码:应为18位数字或大写字母(不含I、O、Z、S、V)"}
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError({"credit_code": "统一社会信用代码:校验位不正确"})


PHONE = re.compile(r"^[0-9+()（）\-—、,，/ 转]{5,60}$")


def validate_contact(unit) -> None:
    """Normalise and check a unit's contact fields (half-width digits, trimmed); raises
    ValidationError naming the field."""
    for name in unit.CONTACT_FIELDS:
        setattr(unit, name, (getattr(unit, name) or "").strip())
    unit.contact_phone = code_text(unit.contact_phone) if unit.contact_phone else ""
    if unit.contact_phone and not PHONE.match(unit.contact_phone):
        raise ValidationError(
            {"contact_phone": "咨询电话:只能包含数字、空格、括号、连字符和“转”,多个号码用顿号分隔"}
        )
    if unit.website and not unit.website.lower().startswith(("http://", "https://")):
        raise ValidationError({"website": "网站:请填写以 http:// 或 https:// 开头的网址"})
