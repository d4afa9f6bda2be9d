"""The hotline API: a 12345 work-order sheet sent as Base64, imported all or nothing."""

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import BASE64, pattern
from quanze.core.sheetimport import api_upload
from quanze.dispatch.hotline import services

router = Router()


class HotlineIn(Schema):
    file_name: str
    content_base64: pattern(BASE64)


@router.post("/hotline", response={201: dict}, auth=django_auth, summary="导入12345工单")
def hotline(request, payload: HotlineIn):
    """上传 .xlsx 或 .csv(Base64);全部成功才导入,否则 422 并列出出错的行和列。"""
    services.require_hotline_office(request.user)
    with api_upload(payload.content_base64, payload.file_name) as (path, name):
        result = services.hotline_import(
            by=request.user, county=request.user.county, path=path, file_name=name
        )
    return 201, {
        "created": result.created,
        "suggested": result.suggested,
        "ids": [e.pk for e in result.events],
        "warnings": result.warnings,
    }
