"""Files a person attached to an intake form that was sent back with an error.

A browser cannot put a chosen file back into a file input, so a photo taken on a phone
would be lost when, say, the description is missing. The files are kept under the
person's own folder of the default storage, and the form carries only their tokens
(`<32 hex digits>/<file name>`): a token names a file of that person only, and nothing
outside that folder. When the event is raised the kept files go with it and are deleted.
"""

import re
import uuid

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage

from quanze.dispatch.intake.services import MAX_ATTACHMENT_BYTES

TOKEN = re.compile(r"^[0-9a-f]{32}/[^/\\]{1,200}$")


def _folder(by) -> str:
    return f"dispatch/pending/{by.pk}"


def files_keep(*, by, uploads) -> list[dict]:
    """Store `uploads` for `by` and return them as `{"token", "name"}`."""
    kept = []
    for upload in uploads:
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise ValidationError({"files": f"附件:「{upload.name}」超过20MB"})
        name = upload.name.replace("/", "_").replace("\\", "_")[-200:] or "附件"
        token = f"{uuid.uuid4().hex}/{name}"
        default_storage.save(f"{_folder(by)}/{token}", upload)
        kept.append({"token": token, "name": name})
    return kept


def files_kept(*, by, tokens) -> list[dict]:
    """The kept files `tokens` name that are still there for `by` (others are ignored)."""
    kept = []
    for token in tokens:
        if TOKEN.match(token) and default_storage.exists(f"{_folder(by)}/{token}"):
            kept.append({"token": token, "name": token.split("/", 1)[1]})
    return kept


def files_open(*, by, kept) -> list[File]:
    """The kept files as uploads for `event_create`, under their own names."""
    return [
        File(default_storage.open(f"{_folder(by)}/{row['token']}"), name=row["name"])
        for row in kept
    ]


def files_drop(*, by, kept) -> None:
    for row in kept:
        default_storage.delete(f"{_folder(by)}/{row['token']}")
