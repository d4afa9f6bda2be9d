"""An act's text from an upload: plain text (UTF-8 or GB18030) or a Word .docx."""

import io
import zipfile

from django.core.exceptions import ValidationError

MAX_BYTES = 10 * 1024 * 1024


def text_of_upload(name: str, data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": "文件:超过 10 MB"})
    lower = (name or "").lower()
    if lower.endswith(".docx"):
        return _docx_text(data)
    if lower.endswith(".txt"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise ValidationError({"file": "文件:无法识别文本编码(请存为 UTF-8)"})
    raise ValidationError({"file": "文件:只支持 .txt 或 .docx"})


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ValidationError({"file": "文件:不是有效的 .docx 文件"}) from None
    return "\n".join(paragraph.text for paragraph in document.paragraphs)
