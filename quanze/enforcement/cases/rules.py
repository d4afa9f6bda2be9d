"""Rules of the case content that are not lifecycle: penalty kinds, the hearing right,
file size limits. Pure functions and settings, no database."""

from decimal import Decimal

from django.conf import settings

# 行政处罚法 art. 9: the kinds of administrative penalty.
PENALTY_KINDS = {
    "warning": "警告",
    "criticism": "通报批评",
    "fine": "罚款",
    "confiscation": "没收违法所得、没收非法财物",
    "suspend_licence": "暂扣许可证件",
    "demote": "降低资质等级",
    "revoke": "吊销许可证件",
    "restrict": "限制开展生产经营活动",
    "suspend_business": "责令停产停业",
    "close": "责令关闭",
    "restrict_employment": "限制从业",
    "detention": "行政拘留",
    "other": "其他行政处罚",
}
# Art. 63(1): the kinds that give the party a right to a hearing whatever the amount.
HEARING_KINDS = frozenset(
    {"demote", "revoke", "suspend_business", "close", "restrict_employment", "suspend_licence"}
)
# Art. 63(1)(一)(二): 较大数额 is set by each province; these defaults are the county's
# setting ENFORCEMENT_LARGE_AMOUNTS (yuan), see docs/enforcement.md.
DEFAULT_LARGE_AMOUNTS = {"individual": Decimal("10000"), "organisation": Decimal("100000")}

MB = 1024 * 1024
DEFAULT_FILE_MAX = 20 * MB  # a document, photo or electronic-data file
DEFAULT_MEDIA_MAX = 500 * MB  # an audio or video recording (执法记录仪)


def large_amounts() -> dict[str, Decimal]:
    configured = getattr(settings, "ENFORCEMENT_LARGE_AMOUNTS", None) or {}
    return {k: Decimal(str(v)) for k, v in (DEFAULT_LARGE_AMOUNTS | configured).items()}


def hearing_offered(*, party_kind: str, kinds, fine: Decimal | None) -> bool:
    """Art. 63: does the proposed penalty give the party the right to ask for a hearing."""
    kinds = set(kinds)
    if kinds & HEARING_KINDS:
        return True
    return "fine" in kinds and fine is not None and fine >= large_amounts()[party_kind]


def kinds_error(kinds) -> str:
    unknown = [k for k in kinds if k not in PENALTY_KINDS]
    return f"处罚种类:没有这种处罚 {'、'.join(unknown)}" if unknown else ""


def size_limit(*, media: bool) -> int:
    if media:
        return getattr(settings, "ENFORCEMENT_MEDIA_MAX_BYTES", DEFAULT_MEDIA_MAX)
    return getattr(settings, "ENFORCEMENT_FILE_MAX_BYTES", DEFAULT_FILE_MAX)


def size_error(*, size: int, media: bool) -> str:
    """'' when the file fits, else the message naming the field."""
    limit = size_limit(media=media)
    if size <= limit:
        return ""
    label = "录音录像文件" if media else "证据文件"
    return f"{label}:大小 {size / MB:.1f} MB 超过上限 {limit / MB:.0f} MB"
