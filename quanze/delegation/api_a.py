"""The API of projects, assessment, consultation and legality review (part A).
Reads go through the access choke points, writes through the services."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.errors import Forbidden, NotFound
from quanze.core.views import access_for_write
from quanze.delegation import access, assessing, consultation, reports, review
from quanze.delegation.models import DepartmentOpinion, TownshipFeedback

router = Router(tags=["赋权:评估、征求意见与合法性审核"], auth=django_auth)


class ProjectOut(Schema):
    id: int
    name: str
    county_id: int
    catalog_version_id: int
    stage: str
    started_on: date
    due_on: date | None


class ProjectDetailOut(ProjectOut):
    township_ids: list[int]
    class_counts: dict[str, int] | None


class ItemOut(Schema):
    id: int
    position: int
    power_id: int
    power: str
    difficulty: Decimal | None
    necessity: Decimal | None
    technical: bool
    dispute_prone: bool
    risk_shifting: bool
    proposed_class: str
    final_class: str
    override_reason: str
    row_version: int


class ItemPatch(Schema):
    row_version: int
    difficulty: Decimal | None = None
    necessity: Decimal | None = None
    flags: dict[str, str] | None = None
    final_class: str | None = None
    override_reason: str = ""


class ProgressOut(Schema):
    recipient_id: int
    unit: str
    expected: int
    answered: int
    outstanding: int
    reminders: int


class AnswerIn(Schema):
    item: int
    row_version: int = 0
    can_delegate: str | None = None
    legal_basis: str | None = None
    method: str | None = None
    difficulty: str | None = None
    training: str | None = None
    willing: str | None = None
    reason: str | None = None
    capacity: str | None = None
    capacity_note: str | None = None


class AnswersIn(Schema):
    rows: list[AnswerIn]


class SavedOut(Schema):
    saved: int


class BatchOut(Schema):
    id: int
    project_id: int
    number: int
    title: str
    mode: str
    status: str
    total: int
    unreviewed: int
    verdicts: dict[str, int]


class ReviewIn(Schema):
    mode: str
    legal_route: str
    verdict: str
    conditions: str = ""
    comment: str = ""
    row_version: int = 0


class ReviewOut(Schema):
    id: int
    verdict: str
    mode: str
    row_version: int


def _item(i) -> dict:
    return {
        **{f: getattr(i, f) for f in ItemOut.model_fields if f != "power"},
        "power": str(i.power),
    }


@router.get("/projects", response=list[ProjectOut], summary="可查看的赋权项目")
def project_list(request):
    return list(access.projects_readable(request.user))


@router.get("/projects/{project_id}", response=ProjectDetailOut)
def project_detail(request, project_id: int):
    project = access.access_project(request.user, project_id)
    counts = reports.class_counts(project) if access.is_county_wide(request.user) else None
    return {
        **{f: getattr(project, f) for f in ProjectOut.model_fields},
        "township_ids": list(project.townships.values_list("pk", flat=True)),
        "class_counts": counts,
    }


@router.get("/projects/{project_id}/items", response=list[ItemOut], summary="事项评估")
def item_list(request, project_id: int):
    project = access.access_internal_project(request.user, project_id)
    return [_item(i) for i in project.items.select_related("power")]


@router.get("/projects/{project_id}/matrix", summary="难度指数×必要性矩阵")
def item_matrix(request, project_id: int):
    project = access.access_internal_project(request.user, project_id)
    m = reports.matrix(project)
    return {
        "unscored": m["unscored"],
        "rows": [
            {"necessity": [str(b) for b in row["necessity"]], "cells": row["cells"]}
            for row in m["rows"]
        ],
    }


@router.patch("/items/{item_id}", response=ItemOut, summary="修改事项评估")
def item_update(request, item_id: int, payload: ItemPatch):
    """`row_version` 与服务器不一致时返回 409。"""
    item = access_for_write(access.access_assessment, request.user, item_id)
    changes = payload.dict(exclude_unset=True, exclude={"row_version"})
    item = assessing.assessment_update(
        by=request.user, item=item, expected_row_version=payload.row_version, **changes
    )
    return _item(item)


@router.get("/rounds/{round_id}/progress", response=list[ProgressOut], summary="各单位反馈进度")
def round_progress(request, round_id: int):
    round_ = access.access_round(request.user, round_id)
    access.require_county_wide(request.user, "各单位的反馈进度")
    return [
        {"recipient_id": p.recipient.pk, "unit": str(p.recipient), "expected": p.expected,
         "answered": p.answered, "outstanding": p.outstanding, "reminders": p.reminders}
        for p in reports.recipient_progress(round_)
    ]  # fmt: skip


@router.get("/rounds/{round_id}/answers", summary="本单位本轮的反馈")
def answer_list(request, round_id: int):
    round_ = access.access_round(request.user, round_id)
    recipient = access.own_recipient(request.user, round_)
    is_dept = recipient.department_id is not None
    model = DepartmentOpinion if is_dept else TownshipFeedback
    unit = (
        {"department_id": recipient.department_id}
        if is_dept
        else {"township_id": recipient.township_id}
    )
    answers = {a["item_id"]: a for a in model.objects.filter(round=round_, **unit).values()}
    return [
        {"item": i.pk, "position": i.position, "power": str(i.power), "answer": answers.get(i.pk)}
        for i in consultation.recipient_items(recipient)
    ]


@router.post("/rounds/{round_id}/answers", response=SavedOut, summary="保存本单位本轮的反馈")
def answer_save(request, round_id: int, payload: AnswersIn):
    """整批保存;任何一项的 `row_version` 与服务器不一致时返回 409,全部不保存。"""
    round_ = access.access_round(request.user, round_id)
    recipient = access.own_recipient(request.user, round_)
    rows = [row.dict(exclude_none=True) for row in payload.rows]
    return {"saved": consultation.answers_save(by=request.user, recipient=recipient, rows=rows)}


@router.get("/batches/{batch_id}", response=BatchOut, summary="赋权批次")
def batch_detail(request, batch_id: int):
    batch = access.access_batch(request.user, batch_id)
    counts = reports.batch_counts(batch)
    return {
        **{f: getattr(batch, f) for f in ("id", "project_id", "number", "title", "mode", "status")},
        "total": counts["total"], "unreviewed": counts["unreviewed"], "verdicts": counts["verdicts"],
    }  # fmt: skip


@router.put("/batch-items/{batch_item_id}/review", response=ReviewOut, summary="合法性审核意见")
def review_put(request, batch_item_id: int, payload: ReviewIn):
    access.access_batch_item(request.user, batch_item_id)
    try:
        batch_item = access.access_batch_item(request.user, batch_item_id, for_review=True)
    except NotFound:
        raise Forbidden("只有司法局可以填写合法性审核意见") from None
    data = payload.dict()
    return review.review_save(
        by=request.user, batch_item=batch_item, expected_row_version=data.pop("row_version"), **data
    )
