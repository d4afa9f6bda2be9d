"""The CAPTCHA-free abuse guard and the checks of what a citizen sends: photos by their
bytes (not their names), text without markup, a per-address rate limit in the shared
cache (settings.CACHES["shared"], a database table): every gunicorn worker process counts
into the same place, so the limit holds for the server, not for each process."""

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTOS = 3
MAX_TEXT = 2000
# The first bytes of the image types accepted: the extension and the browser's
# content type are the sender's word, the bytes are not.
SIGNATURES = {
    "JPEG": (b"\xff\xd8\xff",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
}
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)
# A phone, ID or bank number in a citizen's own words: 7 or more digits in a row
# (spaces and dashes inside allowed), masked wherever the text is shown publicly.
LONG_NUMBER = re.compile(r"\d(?:[\s-]?\d){6,}")
PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,28}$")


class TooManyRequests(Exception):
    """The address sent more requests than the limit allows in the window."""


def photo_kind(upload) -> str | None:
    """JPEG or PNG by the file's first bytes, else None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, prefixes in SIGNATURES.items():
        if any(head.startswith(p) for p in prefixes):
            return kind
    return None


def check_photos(photos) -> None:
    """Refuse too many photos, an oversized one or one that is not a JPEG or PNG image,
    naming the file; nothing is stored before all pass."""
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": f"照片:最多{MAX_PHOTOS}张,收到{len(photos)}张"})
    for photo in photos:
        if photo.size > MAX_PHOTO_BYTES:
            size = photo.size / 1024 / 1024
            raise ValidationError(
                {
                    "photos": f"照片:「{photo.name}」大小{size:.1f}MB,超过{MAX_PHOTO_BYTES // 1024 // 1024}MB"
                }
            )
        if photo.size == 0 or photo_kind(photo) is None:
            raise ValidationError(
                {"photos": f"照片:「{photo.name}」不是JPG或PNG图片,请上传照片文件"}
            )


def check_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"description": "诉求内容:不能为空"})
    if len(text) > MAX_TEXT:
        raise ValidationError({"description": f"诉求内容:不能超过{MAX_TEXT}字(现有{len(text)}字)"})
    if MARKUP.search(text):
        raise ValidationError(
            {"description": "诉求内容:不能包含网页代码或脚本(如 <script>),请只写文字"}
        )
    return text


def check_phone(phone: str) -> str:
    phone = (phone or "").strip()
    if phone and not PHONE.match(phone):
        raise ValidationError({"phone": "联系电话:应为数字(可含空格、短横线和开头的+)"})
    return phone


def mask_numbers(text: str) -> str:
    """The text as the public sees it: long digit runs (phones, IDs) masked."""
    return LONG_NUMBER.sub(lambda m: m.group()[:3] + "****", text or "")


def fingerprint(text: str, township_id: int) -> str:
    """Same words in the same township: spaces and punctuation do not make a request new."""
    words = re.sub(r"[\W_]+", "", text).lower()
    return hashlib.sha256(f"{township_id}:{words}".encode()).hexdigest()


def shared_cache():
    """The cache every worker process sees (a new connection per thread, as Django's)."""
    return caches["shared"]


def _limit_key(address: str) -> str:
    return "portal:requests:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def check_rate(address: str) -> None:
    """Refuse an address that reached the limit in the current window (the count is
    kept in the cache, so the address itself is never stored)."""
    if (shared_cache().get(_limit_key(address)) or 0) >= settings.QUANZE_PORTAL_REQUESTS_PER_HOUR:
        raise TooManyRequests(
            f"提交过于频繁:同一网络地址每小时最多提交{settings.QUANZE_PORTAL_REQUESTS_PER_HOUR}件诉求,请稍后再试"
        )


def request_count(address: str) -> int:
    return shared_cache().get(_limit_key(address)) or 0


def count_request(address: str) -> None:
    """One more request from the address. The first of a window is an insert (atomic: the
    cache key is the table's primary key); later ones are Django's incr, a read and a write,
    so two workers counting at the same instant may count one request between them. Each
    count sets the hour again: the limit lifts an hour after the address's last request."""
    cache, key = shared_cache(), _limit_key(address)
    if not cache.add(key, 1, timeout=3600):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=3600)
