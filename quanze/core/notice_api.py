"""The notices API: a signed-in user's own inbox, its unread count, and marking read."""

from datetime import datetime

from ninja import Query, Router, Schema
from ninja.security import django_auth

from quanze.core import notices

router = Router(tags=["通知"], auth=django_auth)
MAX_LIMIT = 200
MAX_OFFSET = 10**9  # far beyond any inbox; larger numbers overflow the database's integers


class NoticeOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None


class UnreadOut(Schema):
    unread: int


class ChangedOut(Schema):
    changed: int


@router.get("", response=list[NoticeOut], summary="我的通知(最新在前)")
def notice_list(
    request,
    unread: bool = False,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    return list(notices.inbox(request.user, unread_only=unread)[offset : offset + limit])


@router.get("/unread-count", response=UnreadOut, summary="我的未读通知数")
def notice_unread_count(request):
    return {"unread": notices.unread_count(request.user)}


@router.post("/{notice_id}/read", response=NoticeOut, summary="标为已读(只能是自己的通知)")
def notice_read(request, notice_id: int):
    return notices.notice_mark_read(by=request.user, notice_id=notice_id)


@router.post("/read-all", response=ChangedOut, summary="全部标为已读")
def notice_read_all(request):
    return {"changed": notices.notice_mark_all_read(by=request.user)}
