"""The hotline API: a 12345 work-order sheet sent as Base64, imported all or nothing."""

import base64
import binascii
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import BASE64, pattern
from quanze.dispatch.hotline import services

router = Router()


class HotlineIn(Schema):
    file_name: str
    content_base64: pattern(BASE64)


@router.post("/hotline", response={201: dict}, auth=django_auth, summary="导入12345工单")
def hotline(request, payload: HotlineIn):
    """上传 .xlsx 或 .csv(Base64);全部成功才导入,否则 422 并列出出错的行和列。"""
    services.require_hotline_office(request.user)
    try:
        content = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({"content_base64": "文件内容:不是有效的Base64"}) from None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        path.write_bytes(content)
        result = services.hotline_import(
            by=request.user, county=request.user.county, path=path, file_name=payload.file_name
        )
    return 201, {
        "created": result.created,
        "suggested": result.suggested,
        "ids": [e.pk for e in result.events],
        "warnings": result.warnings,
    }
