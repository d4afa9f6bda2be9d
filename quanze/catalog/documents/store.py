"""Rendered documents kept by content, so a published list renders once.

A PDF of a 350-item list takes WeasyPrint a few seconds; a published version does
not change, and the public, the townships and the departments all download the
same file. Files are named by a digest of what they show (the whole
`ListDocument`: rows, columns, groups) and of the code and template that lay them
out, so a changed list, status or layout is a new file and nothing needs
invalidating. Drafts change all the time and are not kept.
"""

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from django.conf import settings

from quanze.catalog.documents.model import ListDocument

HERE = Path(__file__).resolve().parent
LAYOUT_SOURCES = [
    HERE / "model.py",
    HERE / "docx.py",
    HERE / "pdf.py",
    HERE / "style.py",
    HERE.parent / "templates" / "catalog" / "documents" / "list.html",
]


@cache
def layout_digest() -> str:
    digest = hashlib.sha256()
    for path in LAYOUT_SOURCES:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "documents"


def _plain(value):
    """JSON for what `asdict` leaves: sets in a stable order, dates as text."""
    return sorted(value) if isinstance(value, (set, frozenset)) else str(value)


def key(doc: ListDocument, fmt: str) -> str:
    content = json.dumps(dataclasses.asdict(doc), ensure_ascii=False, default=_plain)
    return hashlib.sha256(f"{layout_digest()}|{fmt}|{content}".encode()).hexdigest()


def rendered(doc: ListDocument, fmt: str, render, *, keep: bool) -> bytes:
    """`render(doc)`, or the file kept from an earlier call with the same content."""
    if not keep:
        return render(doc)
    path = folder() / f"{key(doc, fmt)}.{fmt}"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = render(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write aside and rename, so a concurrent reader never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
    return data
