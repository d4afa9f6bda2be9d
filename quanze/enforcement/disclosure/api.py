"""Public notice API: published penalty decisions (anonymous) and publishing one."""

from datetime import date, datetime

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.enforcement.cases.selectors import access_case
from quanze.enforcement.disclosure import selectors, services

router = Router(tags=["执法公示"])


class DisclosureNoticeOut(Schema):
    id: int
    title: str
    body: dict
    decided_on: date
    publish_due: date
    published_at: datetime | None


@router.get(
    "/public/notices", response=list[DisclosureNoticeOut], summary="已公示的行政处罚决定(公众可读)"
)
def notice_list(request, county_id: int | None = None, q: str = ""):
    return list(selectors.published_notices(county_id=county_id, q=q)[:200])


@router.post(
    "/cases/{case_id}/notice",
    response={201: DisclosureNoticeOut},
    auth=django_auth,
    summary="公示行政处罚决定(个人信息脱敏)",
)
def notice_publish(request, case_id: int):
    return 201, services.notice_publish(by=request.user, case=access_case(request.user, case_id))
