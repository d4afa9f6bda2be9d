"""Places: a township of the county and, optionally, one of its villages or communities."""

from django.core.exceptions import ValidationError

from quanze.org.models import Division


def clean_place(*, township, village=None):
    """Check the place exists and hangs together; answers name the field in Chinese."""
    if township is None:
        raise ValidationError({"township": "乡镇(街道):不能为空"})
    if not isinstance(township, Division) or not township.is_township:
        raise ValidationError({"township": f"乡镇(街道):「{township}」不是乡镇或街道"})
    if village is not None and village.parent_id != township.pk:
        raise ValidationError({"village": f"村(社区):「{village}」不属于「{township}」"})
    return township, village


def township_named(text: str, *, county) -> Division:
    """A township of the county by its name or 9/12-digit code."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"township": "乡镇(街道):不能为空"})
    found = Division.objects.filter(level=Division.Level.TOWNSHIP, code__startswith=county.code[:6])
    code = text.ljust(12, "0") if text.isdigit() else None
    match = found.filter(code=code).first() if code else found.filter(name=text).first()
    if match is None:
        raise ValidationError({"township": f"乡镇(街道):「{county}」没有「{text}」"})
    return match


def village_named(text: str, *, township) -> Division | None:
    text = (text or "").strip()
    if not text:
        return None
    match = Division.objects.filter(parent=township, name=text).first()
    if match is None:
        raise ValidationError({"village": f"村(社区):「{township}」没有「{text}」"})
    return match
